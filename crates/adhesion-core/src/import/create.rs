//! The members the spreadsheet adds: their ids, and their new files, with guide comments for
//! what a person still has to fill in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::i18n::Message;
use crate::load;
use crate::member_file::{self, Draft};
use crate::model::{BLANK_ID, PersonField};
use crate::{msg, tr};

use super::*;

/// Ids for the new members: the slug of the commune's name, or with the INSEE code (or SIREN)
/// appended when two members would share it or a file already has it.
pub(super) fn assign_ids(groups: &[Group], targets: &mut [Option<Target>], existing: &Existing) {
    let taken: BTreeSet<&str> = existing.files.iter().map(|f| f.id.as_str()).collect();
    let bases: Vec<String> = groups
        .iter()
        .map(|g| {
            let name = g
                .nom
                .clone()
                .filter(|_| g.commune.is_none())
                .unwrap_or_else(|| g.place());
            member_file::names::slug(&name)
        })
        .collect();
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for (base, t) in bases.iter().zip(targets.iter()) {
        if t.is_none() {
            *uses.entry(base.as_str()).or_default() += 1;
        }
    }
    for ((g, base), t) in groups.iter().zip(&bases).zip(targets.iter_mut()) {
        if t.is_some() {
            continue;
        }
        let suffix = g
            .insee
            .clone()
            .or_else(|| g.siren.clone())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let id = if !base.is_empty()
            && uses[base.as_str()] == 1
            && !taken.contains(base.as_str())
            && load::is_safe_id(base)
            && base != BLANK_ID
        {
            base.clone()
        } else if base.is_empty() {
            suffix
        } else {
            format!("{base}-{suffix}")
        };
        *t = Some(Target::New(id));
    }
}

/// A new member file.
pub(super) fn create(
    o: &ImportOptions,
    table: &Table,
    g: &Group,
    path: &Path,
    id: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Change, Error> {
    if g.failed {
        return Ok(skipped(id, path, rows_with_errors(g)));
    }
    let values = name_and_nature(g);
    if path.exists() {
        diagnostics.push(Diagnostic::error(
            "import",
            path,
            msg!("import-new-member-file-exists"),
        ));
        return Ok(skipped(id, path, tr!("import-skipped-file-exists")));
    }
    let (nom, nature) = match values {
        Ok(values) => values,
        Err(problems) => {
            let row0 = &table.rows[g.rows[0].index];
            for p in problems {
                diagnostics.push(table.error(row0, None, p));
            }
            return Ok(skipped(id, path, tr!("import-skipped-new-member-lacks")));
        }
    };
    let draft = new_draft(g, nom, nature);
    let text = draft.to_yaml(&member_file::guide(&draft, header(o, &draft)));
    if let Err(e) = write(o, path, &text, &draft)? {
        diagnostics.push(Diagnostic::error("import", path, Message::rendered(e)));
        return Ok(skipped(id, path, tr!("import-skipped-internal-error")));
    }
    Ok(Change {
        id: id.to_owned(),
        path: path.to_owned(),
        kind: ChangeKind::Created,
        details: created_details(&draft),
    })
}

/// The new member's name and nature, from the spreadsheet or the commune; else what the
/// spreadsheet lacks for a member file (a SIREN too).
fn name_and_nature(g: &Group) -> Result<(String, String), Vec<Message>> {
    let place = g.place();
    let nom = g.nom.clone().or_else(|| {
        (g.insee.is_some() && !place.is_empty())
            .then(|| member_file::names::collectivite_nom(&place))
    });
    let nature = g
        .nature
        .clone()
        .or_else(|| g.insee.as_ref().map(|_| "commune".to_owned()));
    let mut problems = Vec::new();
    if nom.is_none() {
        problems.push(msg!("import-new-member-needs-name"));
    }
    if nature.is_none() {
        problems.push(msg!("import-new-member-needs-nature"));
    }
    if g.siren.is_none() {
        problems.push(msg!("import-new-member-needs-siren"));
    }
    match (nom, nature) {
        (Some(nom), Some(nature)) if problems.is_empty() => Ok((nom, nature)),
        _ => Err(problems),
    }
}

/// The new member's values: the spreadsheet's member, schools and people.
fn new_draft(g: &Group, nom: String, nature: String) -> Draft {
    let mut draft = Draft {
        collectivite: member_file::DraftCollectivite {
            nom,
            nature,
            siren: g.siren.clone().unwrap_or_default(),
            insee: g.insee.clone(),
            adresse: g.adresse.clone(),
        },
        ecoles: g.schools.iter().map(|(e, _)| e.clone()).collect(),
        ..Draft::default()
    };
    for (path, (value, _)) in &g.people {
        set_person(&mut draft, path, value.clone());
    }
    draft
}

/// The comment at the top of a new file: where it comes from, and whether people fields are
/// left to fill in.
fn header(o: &ImportOptions, draft: &Draft) -> Vec<String> {
    let file = o
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut header = vec![tr!(
        "import-file-header",
        name = draft.collectivite.nom,
        file = file
    )];
    if PersonField::ALL
        .iter()
        .filter(|f| **f != PersonField::ContactTitle)
        .any(|f| person(draft, f.path()).is_none_or(|v| v.trim().is_empty()))
    {
        header.push(tr!("import-file-header-fill-in"));
    }
    header
}

/// What the report says of a new file: its schools and pupils.
fn created_details(draft: &Draft) -> Vec<String> {
    if draft.ecoles.is_empty() {
        return vec![tr!("import-detail-no-school")];
    }
    let pupils: i64 = draft.ecoles.iter().map(|e| e.eleves).sum();
    vec![tr!(
        "import-detail-created",
        schools = draft.ecoles.len(),
        pupils = pupils
    )]
}
