//! `adhesion new`: a member file pre-filled from the bundled list of communes (name, SIREN,
//! INSEE) and, when given, a school list; written by [`crate::member_file`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::communes::{self, Commune};
use crate::error::Error;
use crate::import;
use crate::load;
use crate::member_file::names::departement;
use crate::member_file::{Draft, check_round_trip, guide};
use crate::model::BLANK_ID;
use crate::tr;
use crate::validate::ids;
use crate::write;

/// What `adhesion new` was asked for, before any work.
#[derive(Debug, Clone, Default)]
pub struct NewOptions {
    /// The campaign folder; the file goes to `<root>/members/<id>.yaml`.
    pub root: PathBuf,
    /// The member id: the file stem.
    pub id: String,
    /// The commune's INSEE code...
    pub insee: Option<String>,
    /// ...or its name (accents and case do not matter).
    pub nom: Option<String>,
    /// A list of schools (CSV, XLSX, ODS) to take the commune's schools from.
    pub ecoles: Option<PathBuf>,
    /// Overwrite the member's file if it exists.
    pub force: bool,
}

/// Writes `members/<id>.yaml` for a commune, with empty people fields for a person to fill in,
/// and returns its path. An id already used by a file anywhere under `members/` names that file,
/// which is only overwritten with `force`; a commune that already has a file under another id
/// is refused.
pub fn new_member(o: &NewOptions) -> Result<PathBuf, Error> {
    if !load::is_safe_id(&o.id) {
        return Err(Error::Usage(tr!("new-id-unsafe", id = o.id)));
    }
    if o.id == BLANK_ID {
        return Err(Error::Usage(tr!("new-id-reserved", id = o.id)));
    }
    let commune = find_commune(o.insee.as_deref(), o.nom.as_deref())?;

    let members = o.root.join("members");
    let existing = import::existing_members(&members);
    let path = existing.files.iter().find(|f| f.id == o.id).map_or_else(
        || members.join(format!("{}.yaml", o.id)),
        |f| f.path.clone(),
    );
    if let Some(other) = existing.files.iter().find(|f| {
        f.path != path
            && (f.insee.as_deref() == Some(commune.insee)
                || f.siren.as_deref() == Some(commune.siren))
    }) {
        return Err(Error::Usage(tr!(
            "new-commune-has-file",
            commune = commune.nom,
            insee = commune.insee,
            file = other.path.display()
        )));
    }
    if path.exists() && !o.force {
        return Err(Error::Usage(tr!("new-file-exists", file = path.display())));
    }

    let ecoles = match &o.ecoles {
        Some(file) => {
            let table = import::read_table(file)?.0;
            let (ecoles, problems) = import::schools_of(&table, &commune);
            if !problems.is_empty() {
                let list: Vec<String> = problems.iter().map(|d| d.render(Path::new(""))).collect();
                return Err(Error::Usage(tr!(
                    "new-schools-problems",
                    commune = commune.nom,
                    file = file.display(),
                    problems = list.concat().trim_end()
                )));
            }
            if ecoles.is_empty() {
                return Err(Error::Usage(tr!(
                    "new-no-school",
                    file = file.display(),
                    commune = commune.nom,
                    insee = commune.insee
                )));
            }
            ecoles
        }
        None => Vec::new(),
    };

    let draft = Draft::for_commune(&commune, ecoles);
    let header = vec![
        tr!(
            "new-file-header",
            commune = commune.nom,
            insee = commune.insee
        ),
        tr!("new-file-header-fill-in"),
    ];
    let text = draft.to_yaml(&guide(&draft, header));
    check_round_trip(&path, &text, &draft).map_err(Error::Usage)?;
    write::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// The commune named by `--insee` or `--nom`.
fn find_commune(insee: Option<&str>, nom: Option<&str>) -> Result<Commune, Error> {
    match (insee, nom) {
        (Some(_), Some(_)) => Err(Error::Usage(tr!("new-commune-twice"))),
        (None, None) => Err(Error::Usage(tr!("new-commune-missing"))),
        (Some(code), None) => commune_by_insee(code),
        (None, Some(name)) => commune_by_name(name),
    }
}

/// The commune of an INSEE code; a SIREN given instead is named as such.
fn commune_by_insee(code: &str) -> Result<Commune, Error> {
    let all = communes::all();
    let normalized = ids::insee(code).map_err(|p| {
        let siren_of = all.by_siren(code.trim());
        Error::Usage(match siren_of {
            Some(c) => tr!(
                "new-insee-is-siren",
                code = code,
                siren = code.trim(),
                commune = c.nom,
                insee = c.insee
            ),
            None => format!("{} ({})", p.message, p.hint.unwrap_or_default()),
        })
    })?;
    all.by_insee(&normalized).ok_or_else(|| {
        Error::Usage(tr!(
            "new-insee-unknown",
            insee = normalized,
            count = all.len()
        ))
    })
}

/// The one commune of a name; for several, their INSEE codes to choose from; for none, the
/// nearest names.
fn commune_by_name(name: &str) -> Result<Commune, Error> {
    let found = communes::all().by_name(name);
    match found[..] {
        [one] => Ok(*one),
        [] => Err(Error::Usage(unknown_name(name))),
        _ => {
            let mut list = String::new();
            for c in &found {
                let _ = write!(
                    list,
                    "\n  --insee {}   {}, {}",
                    c.insee,
                    c.nom,
                    departement(c.insee)
                );
            }
            Err(Error::Usage(tr!(
                "new-name-ambiguous",
                count = found.len(),
                name = name,
                list = list
            )))
        }
    }
}

/// The message for a name no commune has, with the communes of the nearest names.
fn unknown_name(name: &str) -> String {
    let wanted = communes::fold(name);
    let limit = 2.max(wanted.len() / 5);
    let mut near: Vec<(usize, &Commune)> = communes::all()
        .iter()
        .filter(|c| !wanted.is_empty() && c.nom.len().abs_diff(wanted.len()) <= limit + 4)
        .map(|c| (load::strsim(&communes::fold(c.nom), &wanted), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort_by_key(|(d, c)| (*d, c.insee));
    near.truncate(5);
    if near.is_empty() {
        return tr!("new-name-unknown", name = name);
    }
    let list: Vec<String> = near
        .iter()
        .map(|(_, c)| format!("{} ({}, {})", c.nom, c.insee, departement(c.insee)))
        .collect();
    tr!(
        "new-name-unknown-suggest",
        name = name,
        suggestions = list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::member_file::DraftEcole;
    use crate::model::Member;
    use crate::validate;

    fn options(root: &Path, id: &str) -> NewOptions {
        NewOptions {
            root: root.to_owned(),
            id: id.into(),
            ..NewOptions::default()
        }
    }

    /// The member in `path`, read with the real loader.
    fn load(path: &Path) -> Member {
        let file = load::load_member(path);
        match file.member {
            Ok(m) => m,
            Err(d) => panic!("{}: {d:?}\n{}", path.display(), file.source.text),
        }
    }

    /// The diagnostics `adhesion check` gives for a member file, against the sample campaign.
    fn check(path: &Path) -> Vec<String> {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let (g, _) = load::load_groupement(root).unwrap();
        let file = load::load_member(path);
        let m = file.member.as_ref().unwrap();
        validate::member(m, &file.source, &g)
            .into_iter()
            .map(|d| format!("{}: {}", d.severity, d.message))
            .collect()
    }

    #[test]
    fn creates_a_commune_with_placeholders_that_check_reports() {
        let dir = tempfile::tempdir().unwrap();
        let o = NewOptions {
            insee: Some("44036".into()),
            ..options(dir.path(), "chateaubriant")
        };
        let path = new_member(&o).unwrap();
        assert_eq!(path, dir.path().join("members/chateaubriant.yaml"));
        let m = load(&path);
        assert_eq!(m.collectivite.nom.value, "Commune de Châteaubriant");
        assert_eq!(m.collectivite.siren.value, "214400368");
        assert_eq!(m.collectivite.insee.as_ref().unwrap().value, "44036");
        assert_eq!(m.collectivite.nature.value, "commune");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("  siren: \"214400368\"\n"), "{text}");
        assert!(
            text.contains("  nom: \"\"  # to fill in: printed in capitals\n"),
            "{text}"
        );
        let problems = check(&path);
        for expected in [
            "error: `signataire.civilite` is empty",
            "error: `signataire.nom` is empty",
            "error: `signataire.prenom` is empty",
            "error: `signataire.fonction` is empty",
            "error: `contact.nom` is empty",
            "error: `contact.prenom` is empty",
            "error: `ecoles` lists no school: at least one is needed",
        ] {
            assert!(
                problems.iter().any(|p| p == expected),
                "{expected} not in {problems:#?}"
            );
        }
        assert!(
            problems.iter().all(|p| !p.starts_with("warning")),
            "{problems:#?}"
        );
    }

    #[test]
    fn never_overwrites_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let o = NewOptions {
            insee: Some("53130".into()),
            ..options(dir.path(), "laval")
        };
        let path = new_member(&o).unwrap();
        std::fs::write(&path, "# mine\n").unwrap();
        let e = new_member(&o).unwrap_err().to_string();
        assert!(e.contains("already exists") && e.contains("--force"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
        new_member(&NewOptions { force: true, ..o }).unwrap();
        assert_eq!(load(&path).collectivite.nom.value, "Commune de Laval");
    }

    #[test]
    fn an_id_in_a_sub_folder_and_a_commune_already_member() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("members/44");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
                .join("members/44/chateaubriant.yaml"),
            sub.join("chateaubriant.yaml"),
        )
        .unwrap();
        // The same id names the existing file.
        let o = NewOptions {
            insee: Some("44109".into()),
            ..options(dir.path(), "chateaubriant")
        };
        let e = new_member(&o).unwrap_err().to_string();
        assert!(
            e.contains("members/44/chateaubriant.yaml") && e.contains("already exists"),
            "{e}"
        );
        // The same commune under another id.
        let o = NewOptions {
            nom: Some("chateaubriant".into()),
            ..options(dir.path(), "cht")
        };
        let e = new_member(&o).unwrap_err().to_string();
        assert!(e.contains("already has a member file"), "{e}");
    }

    #[test]
    fn finds_communes_by_name() {
        assert_eq!(
            find_commune(None, Some("CHATEAUBRIANT")).unwrap().insee,
            "44036"
        );
        assert_eq!(
            find_commune(None, Some("saint aubin des chateaux"))
                .unwrap()
                .insee,
            "44153"
        );
        let e = find_commune(None, Some("Saint-Denis"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("communes are called `Saint-Denis`"), "{e}");
        assert!(
            e.contains("--insee 93066   Saint-Denis, 93 Seine-Saint-Denis"),
            "{e}"
        );
        assert!(
            e.contains("--insee 97411   Saint-Denis, 974 La Réunion"),
            "{e}"
        );
        let e = find_commune(None, Some("Chateaubriand"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("did you mean Châteaubriant (44036, 44 Loire-Atlantique)?"),
            "{e}"
        );
        let e = find_commune(Some("214400368"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("is the SIREN of Châteaubriant, whose INSEE code is `44036`"),
            "{e}"
        );
        let e = find_commune(Some("99999"), None).unwrap_err().to_string();
        assert!(e.contains("not an INSEE commune code"), "{e}");
        assert!(find_commune(None, None).is_err());
        assert!(find_commune(Some("44036"), Some("x")).is_err());
    }

    #[test]
    fn refuses_unsafe_ids() {
        let dir = tempfile::tempdir().unwrap();
        for id in ["", "../x", "a b", "vierge", ".x"] {
            let o = NewOptions {
                insee: Some("44036".into()),
                ..options(dir.path(), id)
            };
            assert!(matches!(new_member(&o), Err(Error::Usage(_))), "{id}");
        }
        assert!(!dir.path().join("members").exists());
    }

    #[test]
    fn takes_the_schools_of_the_commune() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("ecoles.csv");
        std::fs::write(
            &csv,
            "uai,denomination,patronyme,type,departement,commune,code_postal,insee,siren_commune,classes,eleves\n\
             0530086F,ECOLE PRIMAIRE PUBLIQUE,SUZANNE SENS,primaire,53,Ahuillé,53940,53001,215300013,5,109\n\
             0530087G,ECOLE ELEMENTAIRE PUBLIQUE,RPID AVEC LA BIGOTTIERE,elementaire,53,Alexain,53240,53002,215300021,2,40\n\
             0530712L,ECOLE MATERNELLE PUBLIQUE,-,maternelle,53,Ahuillé,53940,53001,215300013,2,41\n",
        )
        .unwrap();
        let o = NewOptions {
            insee: Some("53001".into()),
            ecoles: Some(csv.clone()),
            ..options(dir.path(), "ahuille")
        };
        let path = new_member(&o).unwrap();
        let m = load(&path);
        assert_eq!(m.collectivite.nom.value, "Commune d'Ahuillé");
        let school = |nom: &str, uai: &str, kind: &str, eleves, classes| DraftEcole {
            nom: nom.into(),
            uai: Some(uai.into()),
            kind: kind.into(),
            eleves,
            classes: Some(classes),
        };
        assert_eq!(
            Draft::from(&m).ecoles,
            vec![
                school(
                    "École primaire Suzanne Sens",
                    "0530086F",
                    "primaire",
                    109,
                    5
                ),
                school(
                    "École maternelle d'Ahuillé",
                    "0530712L",
                    "maternelle",
                    41,
                    2
                ),
            ]
        );
        // A commune with no school in the list: nothing written.
        let o = NewOptions {
            insee: Some("44036".into()),
            ecoles: Some(csv),
            ..options(dir.path(), "chateaubriant")
        };
        let e = new_member(&o).unwrap_err().to_string();
        assert!(e.contains("lists no school of Châteaubriant"), "{e}");
        assert!(!dir.path().join("members/chateaubriant.yaml").exists());
    }

    #[test]
    fn damaged_school_rows_of_the_commune_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("ecoles.csv");
        std::fs::write(
            &csv,
            "uai;patronyme;type;insee;siren_commune;eleves\n\
             530086F;SUZANNE SENS;primaire;53001;2,15300E+08;109\n\
             0530087G;X;elementaire;5300;215300021;40\n",
        )
        .unwrap();
        let o = NewOptions {
            insee: Some("53001".into()),
            ecoles: Some(csv),
            ..options(dir.path(), "ahuille")
        };
        let e = new_member(&o).unwrap_err().to_string();
        assert!(e.contains("UAI `530086F` has 7 characters"), "{e}");
        assert!(e.contains("scientific notation"), "{e}");
        assert!(e.contains("ecoles.csv:2:"), "{e}");
        assert!(!e.contains("0530087G"), "another commune's row: {e}");
        assert!(!dir.path().join("members/ahuille.yaml").exists());
    }
}
