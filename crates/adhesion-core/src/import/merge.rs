//! The merge of a spreadsheet's member into an existing member file: identifiers and schools
//! updated, everything typed by hand kept.

use std::collections::BTreeSet;

use crate::communes::{self};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::i18n::Message;
use crate::member_file::{self, Comments, Draft};
use crate::model::PersonField;
use crate::validate::ids;
use crate::{msg, tr};

use super::*;

/// A person's field by its path.
pub(super) fn person<'a>(d: &'a Draft, path: &str) -> Option<&'a str> {
    let (s, k) = (&d.signataire, &d.contact);
    Some(match PersonField::from_path(path)? {
        PersonField::SignerTitle => &s.civilite,
        PersonField::SignerFirstName => &s.prenom,
        PersonField::SignerLastName => &s.nom,
        PersonField::SignerRole => &s.fonction,
        PersonField::ContactTitle => return k.civilite.as_deref(),
        PersonField::ContactFirstName => &k.prenom,
        PersonField::ContactLastName => &k.nom,
        PersonField::ContactPhone => &k.telephone,
        PersonField::ContactEmail => &k.courriel,
    })
}

pub(super) fn set_person(d: &mut Draft, path: &str, value: String) {
    let Some(field) = PersonField::from_path(path) else {
        return;
    };
    let (s, k) = (&mut d.signataire, &mut d.contact);
    match field {
        PersonField::SignerTitle => s.civilite = value,
        PersonField::SignerFirstName => s.prenom = value,
        PersonField::SignerLastName => s.nom = value,
        PersonField::SignerRole => s.fonction = value,
        PersonField::ContactTitle => k.civilite = Some(value),
        PersonField::ContactFirstName => k.prenom = value,
        PersonField::ContactLastName => k.nom = value,
        PersonField::ContactPhone => k.telephone = value,
        PersonField::ContactEmail => k.courriel = value,
    }
}

/// "`path`: old → new", or "`path` set to new" when there was none.
pub(super) fn changed(path: &str, old: Option<&str>, new: &str) -> String {
    match old {
        Some(old) if !old.is_empty() => {
            tr!("import-detail-changed", path = path, old = old, new = new)
        }
        _ => tr!("import-detail-set", path = path, new = new),
    }
}

/// Merges the spreadsheet's member into its existing file.
pub(super) fn update(
    o: &ImportOptions,
    table: &Table,
    g: &Group,
    file: &ExistingFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Change, Error> {
    let (id, path) = (file.id.as_str(), file.path.as_path());
    if g.failed {
        return Ok(skipped(id, path, rows_with_errors(g)));
    }
    let Some(before) = &file.draft else {
        diagnostics.push(Diagnostic::error(
            "import",
            path,
            msg!("import-file-has-errors"),
        ));
        return Ok(skipped(id, path, tr!("import-skipped-file-errors")));
    };
    let source = table
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut merge = Merge {
        draft: before.clone(),
        group: g,
        path,
        source: &source,
        details: Vec::new(),
        diagnostics,
    };
    merge.identifiers();
    merge.collectivite();
    merge.people();
    merge.schools();
    let Merge { draft, details, .. } = merge;

    if draft == *before {
        return Ok(Change {
            id: id.to_owned(),
            path: path.to_owned(),
            kind: ChangeKind::Unchanged,
            details: Vec::new(),
        });
    }
    let mut comments = Comments::scan(&file.text, before);
    member_file::prune_guide(&mut comments, &draft);
    let text = draft.to_yaml(&comments);
    if let Err(e) = write(o, path, &text, &draft)? {
        diagnostics.push(Diagnostic::error("import", path, Message::rendered(e)));
        return Ok(skipped(id, path, tr!("import-skipped-internal-error")));
    }
    Ok(Change {
        id: id.to_owned(),
        path: path.to_owned(),
        kind: ChangeKind::Updated,
        details,
    })
}

/// One member's merge under way: the file's values as the spreadsheet changes them, with what
/// changed and what was kept.
struct Merge<'a> {
    draft: Draft,
    group: &'a Group,
    /// The member file.
    path: &'a Path,
    /// The spreadsheet's file name, for the notes.
    source: &'a str,
    details: Vec<String>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Merge<'_> {
    /// A note about the member file.
    fn note(&mut self, message: Message) {
        self.diagnostics
            .push(Diagnostic::note("import", self.path, message));
    }

    /// Identifiers: the spreadsheet's, or the commune list's for one the file lacks.
    fn identifiers(&mut self) {
        let (g, c) = (self.group, &mut self.draft.collectivite);
        if let Some(siren) = &g.siren
            && ids::siren(&c.siren).ok().as_ref() != Some(siren)
            && (g.siren_from_sheet || c.siren.trim().is_empty())
        {
            self.details
                .push(changed("collectivite.siren", Some(&c.siren), siren));
            c.siren = siren.clone();
        }
        if let Some(insee) = &g.insee
            && c.insee.as_deref().and_then(|i| ids::insee(i).ok()).as_ref() != Some(insee)
        {
            self.details
                .push(changed("collectivite.insee", c.insee.as_deref(), insee));
            c.insee = Some(insee.clone());
        }
    }

    /// The member's hand-written fields: filled in when empty, never replaced.
    fn collectivite(&mut self) {
        let (g, c) = (self.group, &mut self.draft.collectivite);
        if c.nom.trim().is_empty()
            && let Some(nom) = g.nom.clone().or_else(|| {
                g.commune
                    .map(|k| member_file::names::collectivite_nom(k.nom))
            })
        {
            self.details.push(changed("collectivite.nom", None, &nom));
            c.nom = nom;
        }
        if c.nature.trim().is_empty()
            && let Some(nature) = g
                .nature
                .clone()
                .or_else(|| g.insee.as_ref().map(|_| "commune".to_owned()))
        {
            self.details
                .push(changed("collectivite.nature", None, &nature));
            c.nature = nature;
        }
        match (&c.adresse, &g.adresse) {
            (None, Some(a)) => {
                self.details.push(changed("collectivite.adresse", None, a));
                c.adresse = Some(a.clone());
            }
            (Some(mine), Some(a)) if mine.trim().is_empty() => {
                self.details.push(changed("collectivite.adresse", None, a));
                c.adresse = Some(a.clone());
            }
            (Some(mine), Some(a)) if mine != a => {
                let message = msg!("import-kept-address", mine = mine, theirs = a);
                self.note(message);
            }
            _ => {}
        }
    }

    /// The people: an empty field filled in, a typed one kept (with a note when it differs).
    fn people(&mut self) {
        let g = self.group;
        for (p, (value, line)) in &g.people {
            match person(&self.draft, p) {
                Some(mine) if !mine.trim().is_empty() => {
                    if mine != value {
                        let message = msg!(
                            "import-kept-person",
                            path = p,
                            mine = mine,
                            file = self.source,
                            line = line.to_string(),
                            theirs = value
                        );
                        self.note(message);
                    }
                }
                _ => {
                    self.details.push(changed(p, None, value));
                    set_person(&mut self.draft, p, value.clone());
                }
            }
        }
    }

    /// Schools: matched by UAI (or by name when without one), updated, added; others kept.
    fn schools(&mut self) {
        let g = self.group;
        let mut matched = BTreeSet::new();
        for (s, _) in &g.schools {
            let found = self
                .draft
                .ecoles
                .iter()
                .position(|e| match (&s.uai, &e.uai) {
                    (Some(a), Some(b)) => a.eq_ignore_ascii_case(b.trim()),
                    (None, None) => communes::fold(&e.nom) == communes::fold(&s.nom),
                    _ => false,
                });
            match found {
                Some(i) => {
                    matched.insert(i);
                    self.update_school(i, s);
                }
                None => {
                    self.details.push(match &s.uai {
                        Some(u) => tr!("import-detail-school-added", uai = u, name = s.nom),
                        None => tr!("import-detail-school-added-no-uai", name = s.nom),
                    });
                    self.draft.ecoles.push(s.clone());
                    matched.insert(self.draft.ecoles.len() - 1);
                }
            }
        }
        if !g.schools.is_empty() {
            self.note_kept_schools(&matched);
        }
    }

    /// The school at `i` of the file, updated from the spreadsheet's `s`; its name only when
    /// it has none.
    fn update_school(&mut self, i: usize, s: &DraftEcole) {
        let key = member_file::school_key(&self.draft.ecoles[i], i);
        let e = &mut self.draft.ecoles[i];
        let details = &mut self.details;
        if e.kind != s.kind {
            details.push(changed(
                &format!("ecoles[{key}].type"),
                Some(&e.kind),
                &s.kind,
            ));
            e.kind.clone_from(&s.kind);
        }
        if e.eleves != s.eleves {
            details.push(changed(
                &format!("ecoles[{key}].eleves"),
                Some(&e.eleves.to_string()),
                &s.eleves.to_string(),
            ));
            e.eleves = s.eleves;
        }
        if let Some(classes) = s.classes
            && e.classes != Some(classes)
        {
            let old = e.classes.map(|c| c.to_string());
            details.push(changed(
                &format!("ecoles[{key}].classes"),
                old.as_deref(),
                &classes.to_string(),
            ));
            e.classes = Some(classes);
        }
        if e.nom.trim().is_empty() {
            details.push(changed(&format!("ecoles[{key}].nom"), None, &s.nom));
            e.nom.clone_from(&s.nom);
        }
    }

    /// A note for each school of the file that the spreadsheet does not list.
    fn note_kept_schools(&mut self, matched: &BTreeSet<usize>) {
        for (i, e) in self
            .draft
            .ecoles
            .iter()
            .enumerate()
            .filter(|(i, _)| !matched.contains(i))
        {
            let key = member_file::school_key(e, i);
            self.diagnostics.push(Diagnostic::note(
                "import",
                self.path,
                msg!(
                    "import-school-kept",
                    school = key.trim_start_matches('~'),
                    name = e.nom,
                    file = self.source
                ),
            ));
        }
    }
}
