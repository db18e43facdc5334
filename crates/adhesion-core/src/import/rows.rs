//! What the rows of a table say: the columns recognised by their names, identifiers read and
//! checked from text or number cells, and each row as a member and/or a school.

use crate::communes::{self, Commune};
use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::i18n::Message;
use crate::member_file::{self, DraftEcole};
use crate::model::{NATURES, PersonField, SchoolType};
use crate::validate::ids;
use crate::{msg, tr};

use super::table::*;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Insee,
    Siren,
    /// The commune's name: for school names and ids when the commune is not in the list.
    Commune,
    /// The member's name as printed ("Ville de Laval").
    Collectivite,
    Nature,
    Adresse,
    /// A person's field, by its path in the member file.
    Person(PersonField),
    Uai,
    /// A school's full name.
    Ecole,
    Denomination,
    Patronyme,
    Kind,
    Eleves,
    Classes,
}

/// Column names (folded: lower case, no accents, `_` between words) and what they hold.
pub(super) const ALIASES: &[(&str, Field)] = &[
    ("insee", Field::Insee),
    ("code_insee", Field::Insee),
    ("insee_commune", Field::Insee),
    ("code_insee_commune", Field::Insee),
    ("code_commune_insee", Field::Insee),
    ("code_commune", Field::Insee),
    ("collectivite_insee", Field::Insee),
    ("siren", Field::Siren),
    ("siren_commune", Field::Siren),
    ("siren_collectivite", Field::Siren),
    ("collectivite_siren", Field::Siren),
    ("numero_siren", Field::Siren),
    ("commune", Field::Commune),
    ("nom_commune", Field::Commune),
    ("libelle_commune", Field::Commune),
    ("collectivite", Field::Collectivite),
    ("collectivite_nom", Field::Collectivite),
    ("nom_collectivite", Field::Collectivite),
    ("nature", Field::Nature),
    ("collectivite_nature", Field::Nature),
    ("adresse", Field::Adresse),
    ("collectivite_adresse", Field::Adresse),
    (
        "signataire_civilite",
        Field::Person(PersonField::SignerTitle),
    ),
    (
        "signataire_prenom",
        Field::Person(PersonField::SignerFirstName),
    ),
    ("signataire_nom", Field::Person(PersonField::SignerLastName)),
    (
        "signataire_fonction",
        Field::Person(PersonField::SignerRole),
    ),
    ("contact_civilite", Field::Person(PersonField::ContactTitle)),
    (
        "contact_prenom",
        Field::Person(PersonField::ContactFirstName),
    ),
    ("contact_nom", Field::Person(PersonField::ContactLastName)),
    (
        "contact_telephone",
        Field::Person(PersonField::ContactPhone),
    ),
    ("telephone", Field::Person(PersonField::ContactPhone)),
    ("contact_courriel", Field::Person(PersonField::ContactEmail)),
    ("courriel", Field::Person(PersonField::ContactEmail)),
    ("email", Field::Person(PersonField::ContactEmail)),
    ("e_mail", Field::Person(PersonField::ContactEmail)),
    ("mail", Field::Person(PersonField::ContactEmail)),
    ("uai", Field::Uai),
    ("code_uai", Field::Uai),
    ("numero_uai", Field::Uai),
    ("uai_ecole", Field::Uai),
    ("identifiant_de_l_etablissement", Field::Uai),
    ("ecole", Field::Ecole),
    ("nom_ecole", Field::Ecole),
    ("ecole_nom", Field::Ecole),
    ("nom_etablissement", Field::Ecole),
    ("denomination", Field::Denomination),
    ("denomination_principale", Field::Denomination),
    ("patronyme", Field::Patronyme),
    ("patronyme_uai", Field::Patronyme),
    ("type", Field::Kind),
    ("type_ecole", Field::Kind),
    ("ecole_type", Field::Kind),
    ("eleves", Field::Eleves),
    ("nombre_eleves", Field::Eleves),
    ("nombre_d_eleves", Field::Eleves),
    ("nb_eleves", Field::Eleves),
    ("effectif", Field::Eleves),
    ("effectifs", Field::Eleves),
    ("classes", Field::Classes),
    ("nombre_classes", Field::Classes),
    ("nombre_de_classes", Field::Classes),
    ("nb_classes", Field::Classes),
];

/// Which column holds what.
#[derive(Debug, Default)]
pub(super) struct Columns {
    pub(super) of: Vec<(Field, usize)>,
}

impl Columns {
    /// Matches the header row, noting the columns it does not use.
    pub(super) fn find(table: &Table, notes: &mut Vec<Diagnostic>) -> Self {
        let mut columns = Columns::default();
        let mut ignored = Vec::new();
        for (i, header) in table.headers.iter().enumerate() {
            let key = communes::fold(header).replace(' ', "_");
            match ALIASES.iter().find(|(alias, _)| *alias == key) {
                Some((_, field)) if columns.get(*field).is_none() => columns.of.push((*field, i)),
                _ if header.is_empty() => {}
                _ => ignored.push(format!("`{header}`")),
            }
        }
        if !ignored.is_empty() {
            let d = Diagnostic::note(
                "import",
                &table.path,
                msg!("import-columns-unused", columns = ignored.join(", ")),
            );
            notes.push(Diagnostic {
                position: Some(Position {
                    line: table.header_line,
                    column: 1,
                    len: 1,
                }),
                ..d
            });
        }
        columns
    }

    pub(super) fn get(&self, field: Field) -> Option<usize> {
        self.of.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }

    /// Whether rows may describe schools.
    pub(super) fn has_schools(&self) -> bool {
        [
            Field::Uai,
            Field::Ecole,
            Field::Patronyme,
            Field::Eleves,
            Field::Classes,
        ]
        .iter()
        .any(|f| self.get(*f).is_some())
    }
}

// Cells

/// The kinds of identifier a spreadsheet can damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ident {
    Uai,
    Siren,
    Insee,
    Telephone,
}

impl Ident {
    /// The kind of identifier as the messages select on it (`{ $kind -> [uai] ... }`).
    pub(super) fn key(self) -> &'static str {
        match self {
            Ident::Uai => "uai",
            Ident::Siren => "siren",
            Ident::Insee => "insee",
            Ident::Telephone => "phone",
        }
    }

    /// Whether `text` looks like this identifier with its leading zero dropped.
    pub(super) fn short_by_a_zero(self, text: &str) -> bool {
        let digits = |n: usize| text.len() == n && text.bytes().all(|b| b.is_ascii_digit());
        match self {
            Ident::Siren => digits(8),
            Ident::Insee => digits(4),
            Ident::Telephone => digits(9) && !text.starts_with('0'),
            Ident::Uai => {
                let b = text.as_bytes();
                b.len() == 7 && b[..6].iter().all(u8::is_ascii_digit) && b[6].is_ascii_alphabetic()
            }
        }
    }

    /// Whether `text` passes this identifier's check.
    pub(super) fn valid(self, text: &str) -> bool {
        match self {
            Ident::Uai => ids::uai(text).is_ok(),
            Ident::Siren => ids::siren(text).is_ok(),
            Ident::Insee => communes::all().by_insee(text).is_some(),
            Ident::Telephone => ids::phone(text).is_ok(),
        }
    }
}

/// A number as a person would read it: `214400368`, `2.5`.
pub(super) fn show_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// `2,12102E+13`, `2.1e8`: what a spreadsheet writes for a long number.
pub(super) fn is_scientific(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    let Some((mantissa, exponent)) = t.split_once('e') else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let mantissa = mantissa.replacen([',', '.'], "", 1);
    !mantissa.is_empty()
        && !exponent.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit())
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// `214400368.0`, `44036,00`: a number shown with decimals.
pub(super) fn is_decimal(text: &str) -> bool {
    text.split_once(['.', ',']).is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && (a.bytes().chain(b.bytes())).all(|c| c.is_ascii_digit())
    })
}

/// The identifier a number cell holds whole: its digits, with the leading zero a number drops
/// put back where the identifier's length makes it certain (a 4-digit INSEE code, a 9-digit
/// phone number), and whether it was; `None` when no such identifier fits in the number.
pub(super) fn number_identifier(kind: Ident, n: f64) -> Option<(String, bool)> {
    // Beyond 15 digits a spreadsheet's number is no longer exact.
    if !(0.0..1e15).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    let digits = format!("{}", n as u64);
    match (kind, digits.len()) {
        (Ident::Siren, 9) | (Ident::Insee, 5) => Some((digits, false)),
        (Ident::Insee, 4) | (Ident::Telephone, 9) => Some((format!("0{digits}"), true)),
        _ => None,
    }
}

/// Checks and normalizes an identifier; a phone number stays as typed.
pub(super) fn check(kind: Ident, text: &str) -> Result<String, ids::Problem> {
    match kind {
        Ident::Uai => ids::uai(text),
        Ident::Siren => ids::siren(text),
        Ident::Insee => ids::insee(text),
        Ident::Telephone => Ok(text.to_owned()),
    }
}

/// Reads an identifier cell: `Ok(None)` when empty, the checked and normalized identifier
/// (the phone as typed), or the diagnostic of a cell a spreadsheet damaged or a wrong value.
pub(super) fn identifier(
    table: &Table,
    row: &Row,
    column: usize,
    kind: Ident,
) -> Result<Option<String>, Box<Diagnostic>> {
    let label = kind.key();
    let header = table.header(column);
    let fix = tr!("import-fix-as-text", column = header, kind = label);
    let text = match table.value(row, Some(column)) {
        Value::Empty => return Ok(None),
        Value::Number(n) => return number_cell(table, row, column, kind, *n, fix).map(Some),
        Value::Text(t) => t.trim(),
    };
    if is_scientific(text) {
        return Err(Box::new(
            table
                .error(
                    row,
                    Some(column),
                    msg!("import-id-scientific", kind = label, value = text),
                )
                .with_hint(Message::rendered(fix)),
        ));
    }
    if kind != Ident::Telephone && is_decimal(text) {
        return Err(Box::new(
            table
                .error(
                    row,
                    Some(column),
                    msg!("import-id-decimal", kind = label, value = text),
                )
                .with_hint(Message::rendered(fix)),
        ));
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if kind.short_by_a_zero(&compact) {
        let padded = format!("0{compact}");
        let hint = if kind.valid(&padded) {
            tr!("import-fix-probably", fix = fix, padded = padded)
        } else {
            fix
        };
        return Err(Box::new(
            table
                .error(
                    row,
                    Some(column),
                    msg!(
                        "import-id-short",
                        kind = label,
                        value = text,
                        count = compact.len(),
                        what = if compact.bytes().all(|b| b.is_ascii_digit()) {
                            "digits"
                        } else {
                            "characters"
                        }
                    ),
                )
                .with_hint(Message::rendered(hint)),
        ));
    }
    check(kind, text)
        .map(Some)
        .map_err(|p| Box::new(table.error(row, Some(column), p.into_message())))
}

/// A number cell of an identifier column: a SIREN or an INSEE code typed in a column left in
/// the default format is still that identifier, checked as any other; refused only when the
/// number cannot hold it (decimals, a UAI's letter, too few or too many digits) or its check
/// fails, as it does when a spreadsheet rounded the number.
pub(super) fn number_cell(
    table: &Table,
    row: &Row,
    column: usize,
    kind: Ident,
    n: f64,
    fix: String,
) -> Result<String, Box<Diagnostic>> {
    let label = kind.key();
    let shown = show_number(n);
    let refuse = |message: crate::i18n::Message, hint: String| {
        Box::new(
            table
                .error(row, Some(column), message)
                .with_hint(Message::rendered(hint)),
        )
    };
    let Some((text, _)) = number_identifier(kind, n) else {
        let message = if n.fract() != 0.0 || !n.is_finite() {
            msg!("import-number-decimals", kind = label, value = shown)
        } else if kind == Ident::Uai {
            msg!("import-number-uai", value = shown)
        } else {
            msg!(
                "import-number-digits",
                kind = label,
                value = shown,
                count = shown.trim_start_matches('-').len()
            )
        };
        let padded = format!("0{shown}");
        let hint = if kind.short_by_a_zero(&shown) && kind.valid(&padded) {
            tr!("import-fix-probably", fix = fix, padded = padded)
        } else {
            fix
        };
        return Err(refuse(message, hint));
    };
    let checked = match kind {
        Ident::Telephone => ids::phone(&text).map(|_| text.clone()),
        _ => check(kind, &text),
    };
    match (kind, checked) {
        (_, Ok(id)) => Ok(id),
        (Ident::Siren, Err(_)) => Err(refuse(msg!("import-number-siren-luhn", value = text), fix)),
        (_, Err(p)) => Err(refuse(p.into_message(), fix)),
    }
}

/// One note per identifier column whose number cells had their leading zero put back, at the
/// first such cell: the import goes on, and the spreadsheet still shows the short numbers.
pub(super) fn restored_zero_notes(
    table: &Table,
    columns: &Columns,
    rows: &[Row],
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for &(field, column) in &columns.of {
        let kind = match field {
            Field::Insee => Ident::Insee,
            Field::Person(PersonField::ContactPhone) => Ident::Telephone,
            _ => continue,
        };
        let restored: Vec<(&Row, String, String)> = rows
            .iter()
            .filter_map(|row| match table.value(row, Some(column)) {
                Value::Number(n) => match number_identifier(kind, *n) {
                    Some((text, true)) if kind.valid(&text) => Some((row, show_number(*n), text)),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let label = kind.key();
        let message = match restored.as_slice() {
            [] => continue,
            [(_, shown, text)] => msg!(
                "import-zero-restored-one",
                kind = label,
                value = shown,
                read = text
            ),
            [(_, shown, text), ..] => msg!(
                "import-zero-restored-many",
                count = restored.len(),
                kind = label,
                value = shown,
                read = text
            ),
        };
        notes.push(table.diagnostic(
            Severity::Note,
            "import",
            restored[0].0,
            Some(column),
            message,
        ));
    }
    notes
}

/// A text cell, trimmed; `None` when empty.
pub(super) fn text(table: &Table, row: &Row, column: Option<usize>) -> Option<String> {
    match table.value(row, column) {
        Value::Empty => None,
        Value::Text(t) => Some(t.trim().to_owned()).filter(|t| !t.is_empty()),
        Value::Number(n) => Some(show_number(*n)),
    }
}

/// The text of a cell as it reads, numbers included: to tell whose row it is.
pub(super) fn raw(table: &Table, row: &Row, column: Option<usize>) -> String {
    text(table, row, column).unwrap_or_default()
}

/// A count of pupils or classes: a whole number, 0 or more (spaces between thousands allowed).
pub(super) fn whole_number(
    table: &Table,
    row: &Row,
    column: Option<usize>,
) -> Result<Option<i64>, Box<Diagnostic>> {
    let Some(col) = column else {
        return Ok(None);
    };
    let bad = |shown: String| {
        Box::new(table.error(
            row,
            Some(col),
            msg!(
                "import-not-whole-number",
                value = shown,
                column = table.header(col)
            ),
        ))
    };
    match table.value(row, column) {
        Value::Empty => Ok(None),
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1e9 => Ok(Some(*n as i64)),
        Value::Number(n) => Err(bad(show_number(*n))),
        Value::Text(t) => {
            let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            match compact.parse::<i64>() {
                Ok(n) if n >= 0 => Ok(Some(n)),
                _ => Err(bad(t.trim().to_owned())),
            }
        }
    }
}

/// `maternelle`, `elementaire` or `primaire` in a type or a name ("ECOLE ELEMENTAIRE PUBLIQUE").
pub(super) fn school_kind(text: &str) -> Option<&'static str> {
    let folded = communes::fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    SchoolType::ALL
        .into_iter()
        .find(|k| words.contains(&k.as_str()))
        .or_else(|| words.contains(&"primare").then_some(SchoolType::Primaire))
        .map(SchoolType::as_str)
}

// Rows

/// A school as a row describes it; its name is made once the commune is known.
#[derive(Debug, Clone)]
pub(super) struct SchoolRow {
    pub(super) uai: Option<String>,
    pub(super) nom: Option<String>,
    pub(super) patronyme: String,
    pub(super) kind: &'static str,
    pub(super) eleves: i64,
    pub(super) classes: Option<i64>,
}

/// What one row says, cell by cell; `failed` when a cell had an error (reported).
#[derive(Debug, Default)]
pub(super) struct SheetRow {
    pub(super) index: usize,
    pub(super) failed: bool,
    pub(super) insee: Option<String>,
    /// The INSEE cell was not empty (even if it could not be read).
    pub(super) has_insee: bool,
    pub(super) siren: Option<String>,
    pub(super) commune: Option<String>,
    pub(super) collectivite: Option<String>,
    pub(super) nature: Option<String>,
    pub(super) adresse: Option<String>,
    pub(super) people: Vec<(&'static str, String)>,
    pub(super) school: Option<SchoolRow>,
}

/// What row `index` says, as a member and as a school; its errors go to `diagnostics`.
pub(super) fn parse_row(
    table: &Table,
    columns: &Columns,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> SheetRow {
    let row = &table.rows[index];
    let mut r = SheetRow {
        index,
        ..SheetRow::default()
    };
    member_cells(table, columns, row, &mut r, diagnostics);
    let school_fields = [
        Field::Uai,
        Field::Ecole,
        Field::Patronyme,
        Field::Eleves,
        Field::Classes,
    ];
    let describes_school = school_fields
        .iter()
        .any(|f| table.value(row, columns.get(*f)) != &Value::Empty);
    if describes_school {
        let mut failed = false;
        r.school = school_cells(table, columns, row, &mut failed, diagnostics);
        r.failed |= failed;
    }
    r
}

/// The value of a cell, or `None` after its error is reported and `failed` set.
fn keep<T>(
    result: Result<Option<T>, Box<Diagnostic>>,
    failed: &mut bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match result {
        Ok(v) => v,
        Err(d) => {
            diagnostics.push(*d);
            *failed = true;
            None
        }
    }
}

/// The member's cells of a row: identifiers, name, nature, address and people.
fn member_cells(
    table: &Table,
    columns: &Columns,
    row: &Row,
    r: &mut SheetRow,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(c) = columns.get(Field::Insee) {
        r.has_insee = table.value(row, Some(c)) != &Value::Empty;
        let insee = identifier(table, row, c, Ident::Insee);
        r.insee = keep(insee, &mut r.failed, diagnostics);
    }
    if let Some(c) = columns.get(Field::Siren) {
        let siren = identifier(table, row, c, Ident::Siren);
        r.siren = keep(siren, &mut r.failed, diagnostics);
    }
    r.commune = text(table, row, columns.get(Field::Commune));
    r.collectivite = text(table, row, columns.get(Field::Collectivite));
    r.adresse = text(table, row, columns.get(Field::Adresse));
    r.nature = text(table, row, columns.get(Field::Nature)).map(|n| n.to_lowercase());
    if let Some(n) = &r.nature
        && !NATURES.contains(&n.as_str())
    {
        let list = NATURES.map(|n| format!("`{n}`")).join(", ");
        let d = table.error(
            row,
            columns.get(Field::Nature),
            msg!("import-nature-unknown", nature = n, list = list),
        );
        keep::<String>(Err(Box::new(d)), &mut r.failed, diagnostics);
    }
    for &(field, c) in &columns.of {
        if let Field::Person(person) = field {
            let value = if person == PersonField::ContactPhone {
                let phone = identifier(table, row, c, Ident::Telephone);
                keep(phone, &mut r.failed, diagnostics)
            } else {
                text(table, row, Some(c))
            };
            if let Some(v) = value {
                r.people.push((person.path(), v));
            }
        }
    }
}

/// The school a row describes, `None` with `failed` set when a cell has an error: its type
/// from the `type` column, else the denomination, else the name.
fn school_cells(
    table: &Table,
    columns: &Columns,
    row: &Row,
    failed: &mut bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SchoolRow> {
    let uai = columns
        .get(Field::Uai)
        .and_then(|c| keep(identifier(table, row, c, Ident::Uai), failed, diagnostics));
    let nom = text(table, row, columns.get(Field::Ecole));
    let patronyme = text(table, row, columns.get(Field::Patronyme)).unwrap_or_default();
    let type_text = text(table, row, columns.get(Field::Kind));
    let kind = type_text
        .as_deref()
        .and_then(school_kind)
        .or_else(|| {
            text(table, row, columns.get(Field::Denomination))
                .as_deref()
                .and_then(school_kind)
        })
        .or_else(|| nom.as_deref().and_then(school_kind));
    if kind.is_none() {
        let message = match &type_text {
            Some(t) => msg!("import-school-type-unknown", value = t),
            None => msg!("import-school-type-missing"),
        };
        let d = table.error(row, columns.get(Field::Kind), message);
        keep::<String>(Err(Box::new(d)), failed, diagnostics);
    }
    let eleves = match whole_number(table, row, columns.get(Field::Eleves)) {
        Ok(Some(n)) => Some(n),
        Ok(None) => {
            let d = table.error(
                row,
                columns.get(Field::Eleves),
                msg!("import-school-pupils-missing"),
            );
            keep::<i64>(Err(Box::new(d)), failed, diagnostics);
            None
        }
        Err(d) => {
            keep::<i64>(Err(d), failed, diagnostics);
            None
        }
    };
    let classes = whole_number(table, row, columns.get(Field::Classes))
        .unwrap_or_else(|d| keep(Err(d), failed, diagnostics));
    match (kind, eleves, *failed) {
        (Some(kind), Some(eleves), false) => Some(SchoolRow {
            uai,
            nom,
            patronyme,
            kind,
            eleves,
            classes,
        }),
        _ => None,
    }
}

/// The schools of `commune` in a school list, for `adhesion new --ecoles`: the rows whose INSEE
/// code is the commune's (or would be, with a leading zero restored or as a number), with every
/// problem of those rows. Other communes' rows are not looked at.
pub(crate) fn schools_of(table: &Table, commune: &Commune) -> (Vec<DraftEcole>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let columns = Columns::find(table, &mut Vec::new());
    let Some(insee) = columns.get(Field::Insee) else {
        let d = Diagnostic::error("import", &table.path, msg!("import-school-list-no-insee"));
        return (Vec::new(), vec![d]);
    };
    let mut schools: Vec<DraftEcole> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let code = raw(table, row, Some(insee));
        if code != commune.insee && format!("0{code}") != commune.insee {
            continue;
        }
        let r = parse_row(table, &columns, i, &mut diagnostics);
        let Some(s) = r.school.filter(|_| !r.failed) else {
            continue;
        };
        let e = school(&s, commune.nom);
        if let Some(u) = &e.uai
            && schools.iter().any(|o| o.uai.as_ref() == Some(u))
        {
            diagnostics.push(table.error(
                row,
                columns.get(Field::Uai),
                msg!("import-uai-twice", uai = u),
            ));
            continue;
        }
        schools.push(e);
    }
    (schools, diagnostics)
}

pub(super) fn school(s: &SchoolRow, commune: &str) -> DraftEcole {
    DraftEcole {
        nom: s
            .nom
            .clone()
            .unwrap_or_else(|| member_file::names::school_name(s.kind, &s.patronyme, commune)),
        uai: s.uai.clone(),
        kind: s.kind.to_owned(),
        eleves: s.eleves,
        classes: s.classes,
    }
}
