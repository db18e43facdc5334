//! The recap as a workbook, `out/recapitulatif.xlsx`: the CSV's rows with the identifiers as text
//! cells (a spreadsheet opening the CSV turns the INSEE code `01053` into the number 1053) and the
//! counts as numbers, a totals row, and one sheet per department.
//!
//! Built in memory from the [`Recap`] alone (and the documents' date), so that the portal can
//! offer it as a download as well as `adhesion build` writing it.

use std::collections::HashSet;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};

pub use rust_xlsxwriter::XlsxError;

use crate::date::Date;
use crate::render::recap::{CONFIRMED, ESTIMATED, Needs, Recap, Row, Total};

/// The columns, in the CSV's order, with French headers: the recap is a French document, like its
/// CSV and PDF, whatever the language of the run.
const HEADERS: [&str; 15] = [
    "Identifiant",
    "Nom",
    "Nature",
    "SIREN",
    "INSEE",
    "Département",
    "Signataire",
    "Courriel du contact",
    "Écoles",
    "Élèves",
    "Signature",
    "Délibération",
    "Statut",
    "Portail",
    "Besoin",
];

/// The columns of the schools and pupils, then of the signatures and deliberations.
const ECOLES: u16 = 8;
const ELEVES: u16 = 9;
const SIGNATURE: u16 = 10;
const DELIBERATION: u16 = 11;
/// The column saying whether a member's needs are confirmed.
const BESOIN: u16 = 14;

/// The first sheet's name.
pub const MAIN_SHEET: &str = "Récapitulatif";

/// The workbook of `recap`, dated `date` (its creation date, at midnight UTC: the same bytes for
/// the same recap and date, as the PDFs).
pub fn recap_xlsx(recap: &Recap, date: Date) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // Excel cannot date a document before 1900: such a campaign date gives 1900-01-01.
    let created = u16::try_from(date.year)
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, date.month, date.day).ok())
        .map_or_else(|| ExcelDateTime::from_ymd(1900, 1, 1), Ok)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Récapitulatif des adhésions")
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();

    let rows: Vec<&Row> = recap.lignes.iter().collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name(MAIN_SHEET)?;
    write_sheet(sheet, &rows, &recap.total, recap.suivi, &styles)?;

    let mut taken: HashSet<String> = HashSet::from([MAIN_SHEET.to_lowercase()]);
    for total in &recap.departements {
        let rows: Vec<&Row> = recap
            .lignes
            .iter()
            .filter(|r| r.departement == total.departement)
            .collect();
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&total.departement, &mut taken))?;
        write_sheet(sheet, &rows, total, recap.suivi, &styles)?;
    }
    workbook.save_to_buffer()
}

struct Styles {
    bold: Format,
    /// The number of members, a number shown as "6 membres".
    members: Format,
}

impl Styles {
    fn new() -> Self {
        Self {
            bold: Format::new().set_bold(),
            members: Format::new()
                .set_bold()
                .set_num_format(r#"[=1]0" membre";0" membres""#),
        }
    }
}

/// One sheet: the header (bold, frozen), `rows`, then the totals row, and with a portal
/// (`suivi`) the rows of the confirmed and the estimated needs.
fn write_sheet(
    sheet: &mut Worksheet,
    rows: &[&Row],
    total: &Total,
    suivi: bool,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.chars().count()).collect();
    for (col, header) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, header, &styles.bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let yes_no = |b: bool| if b { "oui" } else { "non" };
    for (row, r) in (1u32..).zip(rows) {
        // Identifiers as strings, never numbers: their leading zeros are part of them.
        let texts = [
            (0, r.id.as_str()),
            (1, r.nom.as_str()),
            (2, r.nature.as_str()),
            (3, r.siren.as_str()),
            (4, r.insee.as_str()),
            (5, r.departement.as_str()),
            (6, r.signataire.as_str()),
            (7, r.courriel.as_str()),
            (SIGNATURE, yes_no(r.signature)),
            (DELIBERATION, yes_no(r.deliberation)),
            (12, r.statut),
            (13, r.portail.as_str()),
            (BESOIN, r.besoin),
        ];
        for (col, text) in texts {
            sheet.write_string(row, col, text)?;
            let w = &mut widths[usize::from(col)];
            *w = (*w).max(text.chars().count());
        }
        for (col, n) in [(ECOLES, r.ecoles as f64), (ELEVES, r.eleves as f64)] {
            sheet.write_number(row, col, n)?;
            let w = &mut widths[usize::from(col)];
            *w = (*w).max(n.to_string().len());
        }
    }

    let last = rows.len() as u32 + 1;
    write_totals(sheet, rows, total, last, styles)?;
    if suivi {
        let split = [
            (last + 1, "Besoins confirmés", CONFIRMED, &total.confirmes),
            (last + 2, "Besoins estimés", ESTIMATED, &total.estimes),
        ];
        for (at, label, key, needs) in split {
            write_needs(sheet, (at, last), label, key, needs, styles)?;
        }
    }

    // Widths in characters, a little wider than the longest value, within reason.
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, (width + 2).clamp(8, 50) as f64)?;
    }
    Ok(())
}

/// The totals row of `rows` (data on rows 2 to `last`): formulas, so that a row added by hand
/// counts, with their values computed here for the viewers that do not recalculate.
fn write_totals(
    sheet: &mut Worksheet,
    rows: &[&Row],
    total: &Total,
    last: u32,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let t = last;
    sheet.write_string_with_format(t, 0, "Total", &styles.bold)?;
    sheet.write_number_with_format(t, 1, total.membres as f64, &styles.members)?;
    let yes = |f: fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
    let sums = [
        (ECOLES, "SUM", "", total.ecoles as f64),
        (ELEVES, "SUM", "", total.eleves as f64),
        (
            SIGNATURE,
            "COUNTIF",
            r#","oui""#,
            yes(|r| r.signature) as f64,
        ),
        (
            DELIBERATION,
            "COUNTIF",
            r#","oui""#,
            yes(|r| r.deliberation) as f64,
        ),
    ];
    for (col, function, args, value) in sums {
        if rows.is_empty() {
            sheet.write_number_with_format(t, col, value, &styles.bold)?;
            continue;
        }
        let letter = char::from(b'A' + col as u8);
        let formula = Formula::new(format!("{function}({letter}2:{letter}{last}{args})"))
            .set_result(value.to_string());
        sheet.write_formula_with_format(t, col, formula, &styles.bold)?;
    }

    Ok(())
}

/// The row `at` of the needs `needs` whose column « Besoin » says `key`: the members, schools
/// and pupils of rows 2 to `last`, as formulas with their values.
fn write_needs(
    sheet: &mut Worksheet,
    (at, last): (u32, u32),
    label: &str,
    key: &str,
    needs: &Needs,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(at, 0, label, &styles.bold)?;
    let b = char::from(b'A' + BESOIN as u8);
    let cells = [
        (
            1,
            format!(r#"COUNTIF({b}2:{b}{last},"{key}")"#),
            needs.membres as f64,
        ),
        (ECOLES, String::new(), needs.ecoles as f64),
        (ELEVES, String::new(), needs.eleves as f64),
    ];
    for (col, formula, value) in cells {
        let format = if col == 1 {
            &styles.members
        } else {
            &styles.bold
        };
        if last < 2 {
            sheet.write_number_with_format(at, col, value, format)?;
            continue;
        }
        let formula = if formula.is_empty() {
            let c = char::from(b'A' + col as u8);
            format!(r#"SUMIF({b}2:{b}{last},"{key}",{c}2:{c}{last})"#)
        } else {
            formula
        };
        let formula = Formula::new(formula).set_result(value.to_string());
        sheet.write_formula_with_format(at, col, formula, format)?;
    }
    Ok(())
}

/// A workbook of one sheet named `name`: `headers` (bold, frozen) then `rows`, every cell as
/// text (phone numbers and codes keep their leading zeros), for the desk's lists.
pub fn table_xlsx(
    name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for (col, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, col, *header, &styles.bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (row, cells) in (1u32..).zip(rows) {
        for ((col, cell), width) in (0u16..).zip(cells).zip(widths.iter_mut()) {
            sheet.write_string(row, col, cell)?;
            *width = (*width).max(cell.chars().count());
        }
    }
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, (width + 2).clamp(8, 50) as f64)?;
    }
    workbook.save_to_buffer()
}

/// A sheet's name for the department `code`: "Dép. 44". The code of a member whose INSEE code was
/// refused may hold anything: characters a sheet name cannot have become `_`, and a name already
/// taken (Excel ignores case) gets a number.
fn sheet_name(code: &str, taken: &mut HashSet<String>) -> String {
    let code: String = code
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(20)
        .collect();
    let base = if code.trim().is_empty() {
        "Sans département".to_owned()
    } else {
        format!("Dép. {code}")
    };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{base} ({n})");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use std::collections::HashMap;

    use calamine::{Data, Reader, Xlsx};

    use crate::render::recap::Standing;

    use super::*;

    fn row(id: &str, siren: &str, insee: &str, dep: &str, ecoles: usize, eleves: i64) -> Row {
        Row {
            id: id.into(),
            nom: format!("Commune {id}"),
            nature: "commune".into(),
            siren: siren.into(),
            insee: insee.into(),
            departement: dep.into(),
            signataire: "Anne MARTIN, maire".into(),
            courriel: "mairie@example.fr".into(),
            ecoles,
            eleves,
            signature: id != "b",
            deliberation: false,
            statut: "généré",
            portail: String::new(),
            besoin: "",
        }
    }

    fn total(dep: &str, rows: &[&Row]) -> Total {
        Total {
            departement: dep.into(),
            membres: rows.len(),
            ecoles: rows.iter().map(|r| r.ecoles).sum(),
            eleves: rows.iter().map(|r| r.eleves).sum(),
            ..Total::default()
        }
    }

    fn recap() -> Recap {
        let lignes = vec![
            row("a", "012345678", "01053", "01", 2, 120),
            row("b", "200000172", "44036", "44", 3, 310),
            row("c", "213500238", "44184", "44", 1, 45),
            row("d", "", "", "", 0, 0),
        ];
        let departements = vec![
            total("", &[&lignes[3]]),
            total("01", &[&lignes[0]]),
            total("44", &[&lignes[1], &lignes[2]]),
        ];
        let all: Vec<&Row> = lignes.iter().collect();
        let total = total("Total", &all);
        Recap {
            lignes,
            departements,
            total,
            suivi: false,
        }
    }

    fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn identifiers_stay_text_and_counts_numbers() {
        let date = Date::new(2021, 11, 15).unwrap();
        let mut book = read(recap_xlsx(&recap(), date).unwrap());
        assert_eq!(
            book.sheet_names(),
            ["Récapitulatif", "Sans département", "Dép. 01", "Dép. 44"]
        );
        let main = book.worksheet_range(MAIN_SHEET).unwrap();
        let header: Vec<String> = (0..15)
            .map(|c| main.get_value((0, c)).unwrap().to_string())
            .collect();
        assert_eq!(header, HEADERS);
        let s = |v: &str| Data::String(v.into());
        assert_eq!(main.get_value((1, 0)), Some(&s("a")));
        assert_eq!(main.get_value((1, 3)), Some(&s("012345678")));
        assert_eq!(main.get_value((1, 4)), Some(&s("01053")));
        assert_eq!(main.get_value((1, 5)), Some(&s("01")));
        assert_eq!(main.get_value((1, 8)), Some(&Data::Float(2.0)));
        assert_eq!(main.get_value((1, 9)), Some(&Data::Float(120.0)));
        assert_eq!(main.get_value((2, 10)), Some(&s("non")));
        // The totals row: the sums of the rows above, as numbers.
        let sums: Vec<Option<Data>> = [1, 8, 9, 10, 11]
            .into_iter()
            .map(|c| main.get_value((5, c)).cloned())
            .collect();
        let f = |n: f64| Some(Data::Float(n));
        assert_eq!(sums, [f(4.0), f(6.0), f(475.0), f(3.0), f(0.0)]);
        assert_eq!(main.get_value((5, 0)), Some(&s("Total")));
        assert_eq!(main.height(), 6, "header, four members, totals");
        let formulas = book.worksheet_formula(MAIN_SHEET).unwrap();
        assert!(
            formulas.used_cells().any(|(_, _, f)| f == "SUM(J2:J5)"),
            "the pupils' total is a formula"
        );

        // A sheet per department, its rows and its totals.
        let dep = book.worksheet_range("Dép. 44").unwrap();
        assert_eq!(dep.height(), 4);
        assert_eq!(dep.get_value((1, 4)), Some(&s("44036")));
        assert_eq!(dep.get_value((2, 4)), Some(&s("44184")));
        assert_eq!(dep.get_value((3, 9)), Some(&Data::Float(355.0)));
        assert_eq!(dep.get_value((3, 1)), Some(&Data::Float(2.0)));
        let dep = book.worksheet_range("Dép. 01").unwrap();
        assert_eq!(dep.get_value((1, 3)), Some(&s("012345678")));
        assert_eq!(dep.get_value((2, 8)), Some(&Data::Float(2.0)));
    }

    #[test]
    fn with_a_portal_confirmed_and_estimated_needs_are_apart() {
        let deposited = |word: &str| Standing {
            word: word.into(),
            confirmed: true,
        };
        let standings = HashMap::from([
            ("a".to_owned(), deposited("déposé")),
            ("c".to_owned(), deposited("complet")),
            (
                "b".to_owned(),
                Standing {
                    word: "brouillon".into(),
                    confirmed: false,
                },
            ),
        ]);
        let recap = recap().with_standings(&standings);
        let date = Date::new(2021, 11, 15).unwrap();
        let mut book = read(recap_xlsx(&recap, date).unwrap());
        let main = book.worksheet_range(MAIN_SHEET).unwrap();
        let s = |v: &str| Data::String(v.into());
        let f = |n: f64| Some(Data::Float(n));
        assert_eq!(main.get_value((1, 13)), Some(&s("déposé")));
        assert_eq!(main.get_value((1, 14)), Some(&s("confirmé")));
        assert_eq!(main.get_value((2, 14)), Some(&s("estimé")));
        assert_eq!(main.get_value((6, 0)), Some(&s("Besoins confirmés")));
        assert_eq!(
            [1, 8, 9].map(|c| main.get_value((6, c)).cloned()),
            [f(2.0), f(3.0), f(165.0)]
        );
        assert_eq!(main.get_value((7, 0)), Some(&s("Besoins estimés")));
        assert_eq!(
            [1, 8, 9].map(|c| main.get_value((7, c)).cloned()),
            [f(2.0), f(3.0), f(310.0)]
        );
        let formulas = book.worksheet_formula(MAIN_SHEET).unwrap();
        assert!(
            formulas
                .used_cells()
                .any(|(_, _, f)| f == r#"SUMIF(O2:O5,"confirmé",J2:J5)"#),
            "the confirmed pupils are a formula"
        );
    }

    #[test]
    fn a_table_keeps_every_cell_as_text() {
        let rows = vec![vec!["Laval".to_owned(), "0243000000".to_owned()]];
        let mut book = read(table_xlsx("Retards", &["Nom", "Téléphone"], &rows).unwrap());
        let sheet = book.worksheet_range("Retards").unwrap();
        assert_eq!(
            sheet.get_value((0, 1)),
            Some(&Data::String("Téléphone".into()))
        );
        assert_eq!(
            sheet.get_value((1, 1)),
            Some(&Data::String("0243000000".into()))
        );
    }

    #[test]
    fn same_recap_same_bytes_dated_by_the_campaign() {
        let date = Date::new(2021, 11, 15).unwrap();
        let one = recap_xlsx(&recap(), date).unwrap();
        assert_eq!(one, recap_xlsx(&recap(), date).unwrap());
        let other = recap_xlsx(&recap(), Date::new(2022, 1, 1).unwrap()).unwrap();
        assert_ne!(one, other, "the date is in the workbook");
        // A date Excel cannot hold still gives a workbook.
        recap_xlsx(&recap(), Date::new(1800, 1, 1).unwrap()).unwrap();
    }

    #[test]
    fn an_empty_recap_gives_a_sheet_with_zero_totals() {
        let empty = Recap {
            lignes: Vec::new(),
            departements: Vec::new(),
            total: Total::default(),
            suivi: false,
        };
        let mut book = read(recap_xlsx(&empty, Date::new(2021, 1, 1).unwrap()).unwrap());
        assert_eq!(book.sheet_names(), [MAIN_SHEET]);
        let main = book.worksheet_range(MAIN_SHEET).unwrap();
        assert_eq!(main.get_value((1, 9)), Some(&Data::Float(0.0)));
    }

    #[test]
    fn sheet_names_are_valid_and_distinct() {
        let mut taken = HashSet::from([MAIN_SHEET.to_lowercase()]);
        let names: Vec<String> = ["44", "2A", "2a", "4[", "4*", "", "974", "é'"]
            .into_iter()
            .map(|c| sheet_name(c, &mut taken))
            .collect();
        assert_eq!(
            names,
            [
                "Dép. 44",
                "Dép. 2A",
                "Dép. 2a (2)",
                "Dép. 4_",
                "Dép. 4_ (2)",
                "Sans département",
                "Dép. 974",
                "Dép. é_"
            ]
        );
        for name in names {
            assert!(name.chars().count() <= 31, "{name}");
        }
    }
}
