//! `adhesion init <dir>`: a new campaign (the next market, another académie) from the templates
//! and the commented `groupement.yaml` embedded in the binary.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::tr;
use crate::write;

/// The files of a new campaign, as shipped with this version.
const FILES: [(&str, &str); 9] = [
    ("groupement.yaml", include_str!("../../../groupement.yaml")),
    (
        "templates/style.typ",
        include_str!("../../../templates/style.typ"),
    ),
    (
        "templates/convention.typ",
        include_str!("../../../templates/convention.typ"),
    ),
    (
        "templates/convention-texte.typ",
        include_str!("../../../templates/convention-texte.typ"),
    ),
    (
        "templates/annexe-2.typ",
        include_str!("../../../templates/annexe-2.typ"),
    ),
    (
        "templates/annexe-2-texte.typ",
        include_str!("../../../templates/annexe-2-texte.typ"),
    ),
    (
        "templates/modele-deliberation.typ",
        include_str!("../../../templates/modele-deliberation.typ"),
    ),
    (
        "templates/modele-deliberation-texte.typ",
        include_str!("../../../templates/modele-deliberation-texte.typ"),
    ),
    (
        "templates/recapitulatif.typ",
        include_str!("../../../templates/recapitulatif.typ"),
    ),
];

/// The portal's mails (`templates/courriels/<kind>.txt`), as shipped: written by `init`, and the
/// portal's own for a campaign that has none.
pub const MAILS: [(&str, &str); 6] = [
    (
        "invitation",
        include_str!("../../../templates/courriels/invitation.txt"),
    ),
    (
        "relance",
        include_str!("../../../templates/courriels/relance.txt"),
    ),
    (
        "depot",
        include_str!("../../../templates/courriels/depot.txt"),
    ),
    (
        "reouverture",
        include_str!("../../../templates/courriels/reouverture.txt"),
    ),
    (
        "piece-refusee",
        include_str!("../../../templates/courriels/piece-refusee.txt"),
    ),
    (
        "complet",
        include_str!("../../../templates/courriels/complet.txt"),
    ),
];

/// Writes a new campaign into `dir`, which must not exist or be empty. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(Error::Usage(tr!(
            "common-init-not-empty",
            path = dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(tr!(
            "common-init-not-a-folder",
            path = dir.display()
        )));
    }
    let mut written = Vec::new();
    for (name, text) in FILES {
        let path = dir.join(name);
        write::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    for (kind, text) in MAILS {
        let path = dir.join(format!("templates/courriels/{kind}.txt"));
        write::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    let members = dir.join("members");
    write::create_dir(&members)?;
    written.push(members);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_campaign_that_checks_and_refuses_a_non_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("campagne");
        let written = init(&root).unwrap();
        // The files, the mails' templates and the members' folder.
        assert_eq!(written.len(), FILES.len() + MAILS.len() + 1);
        for (kind, _) in MAILS {
            assert!(
                root.join(format!("templates/courriels/{kind}.txt"))
                    .is_file()
            );
        }
        let mut options = crate::build::Options::new(&root);
        options.check_only = true;
        let report = crate::build::run(&options, &crate::report::Silent).unwrap();
        assert!(report.members.is_empty());
        assert!(report.success());
        assert!(matches!(init(&root), Err(Error::Usage(m)) if m.contains("is not empty")));
    }
}
