//! The recap of the needs ("recensement des besoins"): one row per member, totals per department
//! and overall, as `out/recapitulatif.csv` (for a French spreadsheet), a workbook
//! ([`crate::write::xlsx`]) and a typeset PDF.
//!
//! Totals are computed from the members' schools, never typed.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::load::MemberFile;
use crate::model::Member;
use crate::report::{MemberReport, Status};

/// One member's line.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub nom: String,
    pub nature: String,
    pub siren: String,
    pub insee: String,
    pub departement: String,
    pub signataire: String,
    pub courriel: String,
    pub ecoles: usize,
    pub eleves: i64,
    pub signature: bool,
    pub deliberation: bool,
    pub statut: &'static str,
    /// Its status in the portal (`déposé`), empty when the campaign has no portal.
    pub portail: String,
    /// [`CONFIRMED`] when its file is deposited in the portal, [`ESTIMATED`] otherwise, empty
    /// when the campaign has no portal.
    pub besoin: &'static str,
}

/// The needs of a member whose file is deposited: it committed to them.
pub const CONFIRMED: &str = "confirmé";
/// The needs of a member that has not deposited: what its draft or member file says.
pub const ESTIMATED: &str = "estimé";

/// Where a member stands in the portal, for the recap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The portal's word for its status (`déposé`).
    pub word: String,
    /// Its file is deposited: its needs are confirmed.
    pub confirmed: bool,
}

/// The needs of a group of members.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Needs {
    pub membres: usize,
    pub ecoles: usize,
    pub eleves: i64,
}

impl Needs {
    fn add(&mut self, row: &Row) {
        self.membres += 1;
        self.ecoles = self.ecoles.saturating_add(row.ecoles);
        self.eleves = crate::validate::totals::add(self.eleves, row.eleves);
    }
}

/// Totals of a group of members: all of them, and apart those whose needs are confirmed and
/// those whose needs are estimated (all of them when the campaign has no portal).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Total {
    pub departement: String,
    pub membres: usize,
    pub ecoles: usize,
    pub eleves: i64,
    pub confirmes: Needs,
    pub estimes: Needs,
}

impl Total {
    fn add(&mut self, row: &Row) {
        self.membres += 1;
        self.ecoles = self.ecoles.saturating_add(row.ecoles);
        self.eleves = crate::validate::totals::add(self.eleves, row.eleves);
        if row.besoin == CONFIRMED {
            self.confirmes.add(row);
        } else {
            self.estimes.add(row);
        }
    }
}

/// The whole recap.
#[derive(Debug, Clone, Serialize)]
pub struct Recap {
    pub lignes: Vec<Row>,
    pub departements: Vec<Total>,
    pub total: Total,
    /// The campaign has a portal: each row says its status there and whether its needs are
    /// confirmed.
    pub suivi: bool,
}

/// Members per part of the recap's PDF: each part is compiled on its own, so that memory does
/// not grow with the campaign. The recap is compiled while the members' documents are, so its
/// part adds to their memory; smaller parts make a larger PDF, every part having its own copy of
/// the fonts (measures: `docs/performance.md`).
pub const ROWS_PER_PART: usize = 50;

/// One part of the recap, as templates see it (`recap` in `recapitulatif.typ`): the totals, and
/// the rows of this part.
#[derive(Debug, Clone, Serialize)]
pub struct RecapPart<'a> {
    pub lignes: &'a [Row],
    pub departements: &'a [Total],
    pub total: &'a Total,
    /// The first part prints the title and the totals.
    pub premiere: bool,
    /// The number of the part's first page.
    pub premiere_page: usize,
    /// See [`Recap::suivi`].
    pub suivi: bool,
}

/// The department of a member: from its INSEE code, else from its first school's UAI.
pub fn departement(m: &Member) -> String {
    if let Some(insee) = &m.collectivite.insee {
        // The code may be invalid here (a failed member is listed too): cut it by characters,
        // so that a pasted `4é` gives a department rather than a panic inside a character.
        let code = insee.value.trim();
        if code.starts_with("97")
            && let Some(d) = first_chars(code, 3)
        {
            return d.to_owned();
        }
        if let Some(d) = first_chars(code, 2) {
            return d.to_owned();
        }
    }
    m.ecoles
        .value
        .iter()
        .find_map(|e| e.uai.as_ref())
        .and_then(|u| u.value.get(..3).map(str::to_owned))
        .map(|d| match d.strip_prefix('0') {
            Some(rest) => rest.to_owned(),
            None => d,
        })
        .unwrap_or_default()
}

/// A value as the recap prints it. The recap lists failed members too, with values that the
/// validation refused: characters no font has become `?` and a long value is cut, so that one
/// member's pasted page or emoji cannot stop the recap of all the others.
fn shown(value: &str) -> String {
    const MAX: usize = crate::validate::MAX_TEXT_CHARS;
    let mut out: String = value
        .chars()
        .take(MAX)
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if c.is_control() || !crate::fonts::printable(c) => '?',
            c => c,
        })
        .collect();
    if value.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// The first `n` characters of `s`, if it has that many.
fn first_chars(s: &str, n: usize) -> Option<&str> {
    let end = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .nth(n.checked_sub(1)?)?;
    Some(&s[..end])
}

/// What the recap says of a member: whether its documents are there, not whether this run wrote
/// them (so that a run that changes nothing leaves the recap as it was).
fn statut(status: Status) -> &'static str {
    match status {
        Status::Built | Status::Unchanged => "généré",
        Status::Checked => "valide",
        Status::Failed => "en erreur",
    }
}

impl Recap {
    /// The recap of a run: members in the report's order.
    pub fn new(files: &[MemberFile], reports: &[MemberReport]) -> Self {
        let mut lignes = Vec::with_capacity(reports.len());
        for (file, report) in files.iter().zip(reports) {
            let row = match &file.member {
                Ok(m) => Row {
                    id: file.id.clone(),
                    nom: shown(&m.collectivite.nom.value),
                    nature: shown(&m.collectivite.nature.value),
                    siren: shown(&m.collectivite.siren.value),
                    insee: m
                        .collectivite
                        .insee
                        .as_ref()
                        .map(|t| shown(&t.value))
                        .unwrap_or_default(),
                    departement: shown(&departement(m)),
                    signataire: shown(&format!(
                        "{} {}, {}",
                        m.signataire.prenom.value,
                        m.signataire.nom.value.to_uppercase(),
                        m.signataire.fonction.value
                    )),
                    courriel: shown(&m.contact.courriel.value),
                    ecoles: m.ecoles.value.len(),
                    eleves: crate::validate::totals::pupils(
                        m.ecoles.value.iter().map(|e| e.eleves.value),
                    ),
                    signature: m.signature.as_ref().is_some_and(|s| s.date.is_some()),
                    deliberation: m.deliberation.is_some(),
                    statut: statut(report.status),
                    portail: String::new(),
                    besoin: "",
                },
                Err(_) => Row {
                    id: file.id.clone(),
                    nom: String::new(),
                    nature: String::new(),
                    siren: String::new(),
                    insee: String::new(),
                    departement: String::new(),
                    signataire: String::new(),
                    courriel: String::new(),
                    ecoles: 0,
                    eleves: 0,
                    signature: false,
                    deliberation: false,
                    statut: statut(report.status),
                    portail: String::new(),
                    besoin: "",
                },
            };
            lignes.push(row);
        }
        Self::of_rows(lignes, false)
    }

    /// The recap with each member's standing in the portal (`standings`, by id: a member
    /// missing from it has not deposited).
    pub fn with_standings(self, standings: &HashMap<String, Standing>) -> Self {
        let mut lignes = self.lignes;
        for row in &mut lignes {
            let standing = standings.get(&row.id);
            row.portail = standing.map(|s| s.word.clone()).unwrap_or_default();
            row.besoin = if standing.is_some_and(|s| s.confirmed) {
                CONFIRMED
            } else {
                ESTIMATED
            };
        }
        Self::of_rows(lignes, true)
    }

    /// The recap of `lignes`, totals computed.
    fn of_rows(lignes: Vec<Row>, suivi: bool) -> Self {
        let mut by_dep: BTreeMap<String, Total> = BTreeMap::new();
        let mut total = Total {
            departement: "Total".into(),
            ..Total::default()
        };
        for row in &lignes {
            let t = by_dep
                .entry(row.departement.clone())
                .or_insert_with(|| Total {
                    departement: row.departement.clone(),
                    ..Total::default()
                });
            t.add(row);
            total.add(row);
        }
        Self {
            lignes,
            departements: by_dep.into_values().collect(),
            total,
            suivi,
        }
    }

    /// The parts of the PDF, rows cut every [`ROWS_PER_PART`]; page numbers come later.
    pub fn parts(&self) -> Vec<RecapPart<'_>> {
        let mut chunks: Vec<&[Row]> = self.lignes.chunks(ROWS_PER_PART).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        chunks
            .into_iter()
            .enumerate()
            .map(|(i, lignes)| RecapPart {
                lignes,
                departements: &self.departements,
                total: &self.total,
                premiere: i == 0,
                premiere_page: 1,
                suivi: self.suivi,
            })
            .collect()
    }

    /// The CSV, in the French spreadsheet format ([`crate::sheet`]).
    pub fn csv(&self) -> String {
        let mut sheet = crate::sheet::Sheet::new(&[
            "id",
            "nom",
            "nature",
            "siren",
            "insee",
            "departement",
            "signataire",
            "courriel_contact",
            "ecoles",
            "eleves",
            "signature",
            "deliberation",
            "statut",
            "portail",
            "besoin",
        ]);
        let yes_no = |b: bool| if b { "oui" } else { "non" };
        for r in &self.lignes {
            sheet.row(&[
                r.id.as_str(),
                &r.nom,
                &r.nature,
                &r.siren,
                &r.insee,
                &r.departement,
                &r.signataire,
                &r.courriel,
                &r.ecoles.to_string(),
                &r.eleves.to_string(),
                yes_no(r.signature),
                yes_no(r.deliberation),
                r.statut,
                &r.portail,
                r.besoin,
            ]);
        }
        sheet.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_shown_whatever_they_hold() {
        assert_eq!(shown("Ville de Laval"), "Ville de Laval");
        assert_eq!(shown("école 🏫\u{7}"), "école ??");
        let long = shown(&"é".repeat(100_000));
        assert_eq!(long.chars().count(), crate::validate::MAX_TEXT_CHARS + 1);
        assert!(long.ends_with("é…"));
    }

    fn row(id: &str, dep: &str, eleves: i64) -> Row {
        Row {
            id: id.into(),
            nom: id.into(),
            nature: "commune".into(),
            siren: String::new(),
            insee: String::new(),
            departement: dep.into(),
            signataire: String::new(),
            courriel: String::new(),
            ecoles: 1,
            eleves,
            signature: false,
            deliberation: false,
            statut: "valide",
            portail: String::new(),
            besoin: "",
        }
    }

    #[test]
    fn deposited_members_needs_are_confirmed_the_others_estimated() {
        let recap = Recap::of_rows(
            vec![row("a", "44", 100), row("b", "44", 20), row("c", "53", 3)],
            false,
        );
        assert!(!recap.suivi);
        assert_eq!(recap.total.estimes.eleves, 123, "no portal: all estimated");
        let standings = HashMap::from([
            (
                "a".to_owned(),
                Standing {
                    word: "déposé".into(),
                    confirmed: true,
                },
            ),
            (
                "b".to_owned(),
                Standing {
                    word: "brouillon".into(),
                    confirmed: false,
                },
            ),
        ]);
        let recap = recap.with_standings(&standings);
        assert!(recap.suivi);
        let words: Vec<(&str, &str)> = recap
            .lignes
            .iter()
            .map(|r| (r.portail.as_str(), r.besoin))
            .collect();
        assert_eq!(
            words,
            [
                ("déposé", CONFIRMED),
                ("brouillon", ESTIMATED),
                ("", ESTIMATED)
            ]
        );
        assert_eq!(recap.total.eleves, 123);
        assert_eq!(
            (recap.total.confirmes.membres, recap.total.confirmes.eleves),
            (1, 100)
        );
        assert_eq!(
            (recap.total.estimes.membres, recap.total.estimes.eleves),
            (2, 23)
        );
        let d44 = &recap.departements[0];
        assert_eq!((d44.confirmes.eleves, d44.estimes.eleves), (100, 20));
        let csv = recap.csv();
        assert!(csv.contains(";statut;portail;besoin\r\n"), "{csv}");
        assert!(csv.contains(";valide;déposé;confirmé\r\n"), "{csv}");
    }

    #[test]
    fn first_chars_cuts_between_characters() {
        assert_eq!(first_chars("44036", 2), Some("44"));
        assert_eq!(first_chars("97411", 3), Some("974"));
        assert_eq!(first_chars("4é", 2), Some("4é"));
        assert_eq!(first_chars("é4é", 1), Some("é"));
        assert_eq!(first_chars("4", 2), None);
        assert_eq!(first_chars("", 0), None);
    }
}
