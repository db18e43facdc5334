//! The campaign as the desk sees it: every member's row (its values from its draft or its file,
//! checked with `adhesion check`'s rules), and the recap of the member files.

use std::collections::HashMap;
use std::path::Path;

use adhesion_core::diagnostic::{Diagnostic, Severity};
use adhesion_core::load;
use adhesion_core::render::recap::{Recap, Standing, departement};
use adhesion_core::report::MemberReport;
use adhesion_core::validate::totals::pupils;
use serde::Serialize;

use super::{App, member_files};
use crate::db::{Db, MemberRow};
use crate::form;
use crate::secret::file_hash;
use crate::status::Status;
use crate::time::when;

/// What the desk shows of a member's values, kept while its text does not change.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub name: String,
    pub department: String,
    pub schools: usize,
    pub pupils: i64,
    /// The contact person's name, phone and e-mail, for the list of members late.
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

/// One member on the desk.
#[derive(Debug, Clone, Serialize)]
pub struct MemberLine {
    pub id: String,
    pub name: String,
    pub department: String,
    #[serde(skip)]
    pub status: Status,
    /// The status's key in the desk's URLs.
    pub status_key: &'static str,
    pub status_word: String,
    /// Seconds since 1970 of the last change in the portal, 0 when none.
    pub changed: i64,
    pub changed_text: String,
    pub schools: usize,
    pub pupils: i64,
    /// Its file is deposited: its needs are confirmed.
    pub deposited: bool,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

/// The summary of a member file's `text` read from `path`.
fn summary(app: &App, path: &Path, text: String) -> Summary {
    let file = load::member_from_text(path, text);
    let diagnostics = app.pipeline.check(&file);
    let words = |sev: Severity| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .map(form::portal_message)
            .collect()
    };
    let (warnings, errors) = (words(Severity::Warning), words(Severity::Error));
    match &file.member {
        Ok(m) => Summary {
            name: m.collectivite.nom.value.clone(),
            department: departement(m),
            schools: m.ecoles.value.len(),
            pupils: pupils(m.ecoles.value.iter().map(|e| e.eleves.value)),
            contact: format!("{} {}", m.contact.prenom.value, m.contact.nom.value)
                .trim()
                .to_owned(),
            // As the documents write it (« 02 43 49 43 00 », never cut), whatever was typed.
            phone: crate::pages::phone_text(&m.contact.telephone.value),
            email: m.contact.courriel.value.clone(),
            warnings,
            errors,
        },
        Err(_) => Summary {
            warnings,
            errors,
            ..Summary::default()
        },
    }
}

/// Each invited member's standing (by id), for the recap: its status's word, and whether its
/// needs are confirmed (its file deposited).
fn standings_of(statuses: Vec<(String, Status)>) -> HashMap<String, Standing> {
    statuses
        .into_iter()
        .map(|(id, status)| {
            let standing = Standing {
                word: status.word(),
                confirmed: status.deposited(),
            };
            (id, standing)
        })
        .collect()
}

/// The members' standing in the portal of the campaign in `root`, when it has one (its
/// database is only read).
pub fn standings(root: &Path) -> Result<Option<HashMap<String, Standing>>, crate::Error> {
    let Some(db) = Db::read_only(root)? else {
        return Ok(None);
    };
    let statuses = db.lock().sql().statuses()?;
    Ok(Some(standings_of(statuses)))
}

impl App {
    /// Every member's line: its values from its draft (what the commune typed) or its file,
    /// checked with `adhesion check`'s rules; summaries are kept while a text does not change.
    pub fn member_lines(&self) -> Vec<MemberLine> {
        let rows: HashMap<String, MemberRow> = self
            .db
            .lock()
            .sql()
            .member_rows()
            .map(|rows| rows.into_iter().collect())
            .unwrap_or_default();
        member_files(&self.root)
            .into_iter()
            .map(|(id, path)| {
                let row = rows.get(&id);
                let s = self.summary_of(&id, &path, row);
                let (status, changed) =
                    row.map_or((Status::NotInvited, 0), |r| (r.status, r.updated));
                MemberLine {
                    name: if s.name.is_empty() {
                        id.clone()
                    } else {
                        s.name
                    },
                    id,
                    department: s.department,
                    status,
                    status_key: status.url_key(),
                    status_word: status.word(),
                    changed,
                    changed_text: when(changed),
                    schools: s.schools,
                    pupils: s.pupils,
                    deposited: status.deposited(),
                    contact: s.contact,
                    phone: s.phone,
                    email: s.email,
                    warnings: s.warnings,
                    errors: s.errors,
                }
            })
            .collect()
    }

    /// The summary of member `id` (file `path`, row `row`), from the cache while its text is
    /// the same.
    fn summary_of(&self, id: &str, path: &Path, row: Option<&MemberRow>) -> Summary {
        let text = match row.and_then(|r| r.draft.clone()) {
            Some(draft) => Ok(draft),
            None => std::fs::read_to_string(path),
        };
        let text = match text {
            Ok(text) => text,
            Err(e) => {
                return Summary {
                    errors: vec![e.to_string()],
                    ..Summary::default()
                };
            }
        };
        let key = file_hash(&text);
        let lock = || self.summaries.lock().unwrap_or_else(|e| e.into_inner());
        let cached = lock()
            .get(id)
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| s.clone());
        cached.unwrap_or_else(|| {
            let s = summary(self, path, text);
            lock().insert(id.to_owned(), (key, s.clone()));
            s
        })
    }

    /// The recap of the member files as they are (the truth of `adhesion build`), each checked,
    /// with each member's standing in the portal.
    pub fn recap(&self) -> Result<Recap, crate::Error> {
        let files: Vec<load::MemberFile> = member_files(&self.root)
            .into_iter()
            .map(|(_, path)| load::load_member(&path))
            .collect();
        let reports: Vec<MemberReport> = files
            .iter()
            .map(|f| {
                let diagnostics = self.pipeline.check(f);
                let failed = diagnostics.iter().any(Diagnostic::is_error);
                MemberReport {
                    id: f.id.clone(),
                    path: f.source.path.clone(),
                    status: if failed {
                        adhesion_core::report::Status::Failed
                    } else {
                        adhesion_core::report::Status::Checked
                    },
                    diagnostics,
                    pages: Vec::new(),
                }
            })
            .collect();
        let statuses = self.db.lock().sql().statuses()?;
        Ok(Recap::new(&files, &reports).with_standings(&standings_of(statuses)))
    }
}
