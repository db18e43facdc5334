//! The member-file writer that every generated member file goes through ([`crate::new`],
//! [`crate::import`]).
//!
//! Member files are written as text, not serialized: the writer keeps the key order of the
//! contract, quotes strings only where YAML would misread them (identifiers always), and puts
//! comments back where they were ([`Comments`]), so that a generated or merged file stays the
//! readable, commented file a person edits. Every file is read back with the real loader before
//! it is written: what is written loads as the values it was made from. This writer is ours
//! because no YAML serializer keeps comments or a contract's key order.

use std::path::Path;

use crate::communes::{self, Commune};
use crate::date::Date;
use crate::load::{self, SourceFile};
use crate::model::{Member, PersonField};

mod comments;
pub mod names;
mod yaml;

use comments::Writer;
pub use comments::{Comments, guide, prune_guide};
use names::collectivite_nom;
pub use yaml::{quoted, scalar};

/// A member file's content as plain values: what the writer writes and the import edits.
/// Text is kept as typed (not normalized), so that reading a file back gives the same draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub collectivite: DraftCollectivite,
    pub signataire: DraftSignataire,
    pub contact: DraftContact,
    pub ecoles: Vec<DraftEcole>,
    pub signature: Option<DraftSignature>,
    pub deliberation: Option<DraftDeliberation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftCollectivite {
    pub nom: String,
    pub nature: String,
    pub siren: String,
    pub insee: Option<String>,
    pub adresse: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftSignataire {
    pub civilite: String,
    pub prenom: String,
    pub nom: String,
    pub fonction: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftContact {
    pub civilite: Option<String>,
    pub prenom: String,
    pub nom: String,
    pub telephone: String,
    pub courriel: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftEcole {
    pub nom: String,
    pub uai: Option<String>,
    /// `type` in the file.
    pub kind: String,
    pub eleves: i64,
    pub classes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftSignature {
    pub lieu: Option<String>,
    pub date: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDeliberation {
    pub date: Date,
    pub acte: Option<String>,
    pub reception_prefecture: Option<Date>,
    pub publication: Option<Date>,
}

impl From<&Member> for Draft {
    fn from(m: &Member) -> Self {
        let text = |t: &crate::model::Text| t.value.clone();
        let opt = |t: &Option<crate::model::Text>| t.as_ref().map(|t| t.value.clone());
        let c = &m.collectivite;
        Draft {
            collectivite: DraftCollectivite {
                nom: text(&c.nom),
                nature: text(&c.nature),
                siren: text(&c.siren),
                insee: opt(&c.insee),
                adresse: opt(&c.adresse),
            },
            signataire: DraftSignataire {
                civilite: text(&m.signataire.civilite),
                prenom: text(&m.signataire.prenom),
                nom: text(&m.signataire.nom),
                fonction: text(&m.signataire.fonction),
            },
            contact: DraftContact {
                civilite: opt(&m.contact.civilite),
                prenom: text(&m.contact.prenom),
                nom: text(&m.contact.nom),
                telephone: text(&m.contact.telephone),
                courriel: text(&m.contact.courriel),
            },
            ecoles: m
                .ecoles
                .value
                .iter()
                .map(|e| DraftEcole {
                    nom: text(&e.nom),
                    uai: opt(&e.uai),
                    kind: text(&e.kind),
                    eleves: e.eleves.value,
                    classes: e.classes.as_ref().map(|c| c.value),
                })
                .collect(),
            signature: m.signature.as_ref().map(|s| DraftSignature {
                lieu: opt(&s.lieu),
                date: s.date.as_ref().map(|d| d.value),
            }),
            deliberation: m.deliberation.as_ref().map(|d| DraftDeliberation {
                date: d.date.value,
                acte: opt(&d.acte),
                reception_prefecture: d.reception_prefecture.as_ref().map(|d| d.value),
                publication: d.publication.as_ref().map(|d| d.value),
            }),
        }
    }
}

impl Draft {
    /// A commune's member with empty people fields, for a person to fill in.
    pub fn for_commune(commune: &Commune, ecoles: Vec<DraftEcole>) -> Self {
        Draft {
            collectivite: DraftCollectivite {
                nom: collectivite_nom(commune.nom),
                nature: "commune".into(),
                siren: commune.siren.into(),
                insee: Some(commune.insee.into()),
                adresse: None,
            },
            ecoles,
            ..Draft::default()
        }
    }

    /// The value of a person field, for the fields [`guide`] explains: not the contact's
    /// `civilite`, optional, which the guide shows by example instead.
    fn text_of(&self, field: PersonField) -> Option<&str> {
        let (s, k) = (&self.signataire, &self.contact);
        Some(match field {
            PersonField::SignerTitle => &s.civilite,
            PersonField::SignerFirstName => &s.prenom,
            PersonField::SignerLastName => &s.nom,
            PersonField::SignerRole => &s.fonction,
            PersonField::ContactTitle => return None,
            PersonField::ContactFirstName => &k.prenom,
            PersonField::ContactLastName => &k.nom,
            PersonField::ContactPhone => &k.telephone,
            PersonField::ContactEmail => &k.courriel,
        })
    }

    /// The file's text, with `comments` put back at the keys they belong to.
    pub fn to_yaml(&self, comments: &Comments) -> String {
        let mut w = Writer {
            out: String::new(),
            comments: comments.clone(),
        };
        for line in std::mem::take(&mut w.comments.header) {
            w.raw(&line);
        }
        self.write_collectivite(&mut w);
        self.write_people(&mut w);
        self.write_ecoles(&mut w);
        self.write_signature(&mut w);
        self.write_deliberation(&mut w);
        w.finish()
    }

    /// `collectivite:`, identifiers quoted.
    fn write_collectivite(&self, w: &mut Writer) {
        let c = &self.collectivite;
        w.section("collectivite");
        w.field(1, "collectivite.nom", "nom", &scalar(&c.nom));
        w.field(1, "collectivite.nature", "nature", &scalar(&c.nature));
        w.field(1, "collectivite.siren", "siren", &quoted(&c.siren));
        if let Some(insee) = &c.insee {
            w.field(1, "collectivite.insee", "insee", &quoted(insee));
        }
        if let Some(adresse) = &c.adresse {
            w.field(1, "collectivite.adresse", "adresse", &scalar(adresse));
        }
    }

    /// `signataire:` and `contact:`, the phone number quoted.
    fn write_people(&self, w: &mut Writer) {
        let s = &self.signataire;
        w.section("signataire");
        w.person(PersonField::SignerTitle, &scalar(&s.civilite));
        w.person(PersonField::SignerFirstName, &scalar(&s.prenom));
        w.person(PersonField::SignerLastName, &scalar(&s.nom));
        w.person(PersonField::SignerRole, &scalar(&s.fonction));
        let k = &self.contact;
        w.section("contact");
        if let Some(civilite) = &k.civilite {
            w.person(PersonField::ContactTitle, &scalar(civilite));
        }
        w.person(PersonField::ContactFirstName, &scalar(&k.prenom));
        w.person(PersonField::ContactLastName, &scalar(&k.nom));
        w.person(PersonField::ContactPhone, &quoted(&k.telephone));
        w.person(PersonField::ContactEmail, &scalar(&k.courriel));
    }

    /// `ecoles:`, one item per school (`[]` for none).
    fn write_ecoles(&self, w: &mut Writer) {
        if self.ecoles.is_empty() {
            w.field(0, "ecoles", "ecoles", "[]");
        } else {
            w.section("ecoles");
        }
        for (i, e) in self.ecoles.iter().enumerate() {
            let item = format!("ecoles[{}]", school_key(e, i));
            w.take_before(&item);
            w.item_field(&format!("{item}.nom"), "nom", &scalar(&e.nom), true);
            if let Some(uai) = &e.uai {
                w.item_field(&format!("{item}.uai"), "uai", &quoted(uai), false);
            }
            w.item_field(&format!("{item}.type"), "type", &scalar(&e.kind), false);
            w.item_field(
                &format!("{item}.eleves"),
                "eleves",
                &e.eleves.to_string(),
                false,
            );
            if let Some(classes) = e.classes {
                w.item_field(
                    &format!("{item}.classes"),
                    "classes",
                    &classes.to_string(),
                    false,
                );
            }
        }
    }

    /// `signature:` when there is one (`{}` when empty).
    fn write_signature(&self, w: &mut Writer) {
        let Some(sig) = &self.signature else {
            return;
        };
        if sig.lieu.is_none() && sig.date.is_none() {
            w.field(0, "signature", "signature", "{}");
        } else {
            w.section("signature");
        }
        if let Some(lieu) = &sig.lieu {
            w.field(1, "signature.lieu", "lieu", &scalar(lieu));
        }
        if let Some(date) = &sig.date {
            w.field(1, "signature.date", "date", &date.to_string());
        }
    }

    /// `deliberation:` when there is one, the act's number quoted.
    fn write_deliberation(&self, w: &mut Writer) {
        let Some(d) = &self.deliberation else {
            return;
        };
        w.section("deliberation");
        w.field(1, "deliberation.date", "date", &d.date.to_string());
        if let Some(acte) = &d.acte {
            w.field(1, "deliberation.acte", "acte", &quoted(acte));
        }
        if let Some(r) = &d.reception_prefecture {
            w.field(
                1,
                "deliberation.reception_prefecture",
                "reception_prefecture",
                &r.to_string(),
            );
        }
        if let Some(p) = &d.publication {
            w.field(1, "deliberation.publication", "publication", &p.to_string());
        }
    }
}

/// The key of a school in comment paths: its UAI, or its folded name when it has none.
pub fn school_key(e: &DraftEcole, index: usize) -> String {
    match &e.uai {
        Some(u) if !u.trim().is_empty() => u.trim().to_ascii_uppercase(),
        _ if !e.nom.trim().is_empty() => format!("~{}", communes::fold(&e.nom)),
        _ => format!("#{index}"),
    }
}

/// Checks that `text` loads (with the real loader) as `draft`, before anything is written.
pub fn check_round_trip(path: &Path, text: &str, draft: &Draft) -> Result<(), String> {
    let source = SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
    };
    match load::parse::<Member>(&source) {
        Ok(m) if Draft::from(&m) == *draft => Ok(()),
        Ok(_) => Err(crate::tr!(
            "new-internal-error-round-trip",
            file = path.display()
        )),
        Err(d) => Err(crate::tr!(
            "new-internal-error-invalid",
            file = path.display(),
            problem = d.message
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The member in `path`, read with the real loader.
    fn load(path: &Path) -> Member {
        let file = load::load_member(path);
        match file.member {
            Ok(m) => m,
            Err(d) => panic!("{}: {d:?}\n{}", path.display(), file.source.text),
        }
    }

    #[test]
    fn scalars_read_back_as_written() {
        #[derive(serde::Deserialize)]
        struct V {
            v: String,
        }
        let cases = [
            "",
            "44036",
            "01053",
            "0240815216",
            "02 40 81 52 16",
            "+33 2 40 81 52 16",
            "2021-12-16",
            "1e3",
            ".5",
            "-1",
            "0x1F",
            "0o17",
            "1_000",
            "12:30",
            "true",
            "No",
            "off",
            "y",
            "null",
            "~",
            ".inf",
            "NaN",
            "a: b",
            "a #b",
            "a#b",
            "#x",
            "- x",
            "-x",
            "? x",
            ":x",
            "x:",
            "[a]",
            "{a}",
            "*a",
            "&a",
            "!a",
            "|a",
            ">a",
            "'a",
            "\"a",
            "%a",
            "@a",
            "`a",
            " a",
            "a ",
            "a\nb",
            "a\tb",
            "a\\b",
            "\u{0}\u{7}\u{1b}",
            "\u{85}\u{2028}\u{feff}",
            "Ville de Châteaubriant",
            "Commune d'Ahuillé",
            "Hôtel de Ville, B.P. 189",
            "L'Haÿ-les-Roses",
            "#OpenToWork",
            "= Titre",
            "école \"Jules\" Ferry",
            "--- a",
            "...",
        ];
        for s in cases {
            for text in [scalar(s), quoted(s)] {
                let yaml = format!("v: {text}\n");
                let v: V = serde_saphyr::from_str(&yaml)
                    .unwrap_or_else(|e| panic!("{s:?} as {yaml:?}: {e}"));
                assert_eq!(v.v, s, "{yaml:?}");
            }
        }
        assert_eq!(scalar("Ville de Laval"), "Ville de Laval");
        assert_eq!(scalar("Commune d'Ahuillé"), "Commune d'Ahuillé");
        assert_eq!(scalar("44036"), "\"44036\"");
        assert_eq!(scalar("yes"), "\"yes\"");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            // The same cases on every run, and no regression files written into the repository.
            rng_seed: proptest::test_runner::RngSeed::Fixed(1),
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]
        #[test]
        fn any_string_reads_back(s in "\\PC*|[ -~]{0,12}|[0-9eE.+-]{1,8}") {
            #[derive(serde::Deserialize)]
            struct V {
                v: String,
            }
            let yaml = format!("v: {}\n", scalar(&s));
            let v: V = serde_saphyr::from_str(&yaml).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{yaml:?}: {e}")))?;
            proptest::prop_assert_eq!(v.v, s);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            // The same cases on every run, and no regression files written into the repository.
            rng_seed: proptest::test_runner::RngSeed::Fixed(1),
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]
        #[test]
        fn scanning_any_text_never_panics(text in "[ a-z#:'\"|>\n\t-]{0,200}") {
            let c = Comments::scan(&text, &full_draft());
            full_draft().to_yaml(&c);
        }

        /// Without block scalars (`|`, `>`), whose lines starting with `#` are text, not
        /// comments: every comment line comes back out.
        #[test]
        fn scanning_keeps_every_comment(text in "[ a-z#:'\"\n\t-]{0,200}") {
            let c = Comments::scan(&text, &full_draft());
            let out = full_draft().to_yaml(&c);
            for line in text.lines().filter(|l| l.trim_start().starts_with('#')) {
                proptest::prop_assert!(out.contains(line.trim_end()), "{line:?} lost from {out:?}");
            }
        }
    }

    /// A member with every field, including awkward values.
    fn full_draft() -> Draft {
        Draft {
            collectivite: DraftCollectivite {
                nom: "Ville de Châteaubriant".into(),
                nature: "commune".into(),
                siren: "214400368".into(),
                insee: Some("44036".into()),
                adresse: Some("Hôtel de Ville, B.P. 189: #1".into()),
            },
            signataire: DraftSignataire {
                civilite: "M.".into(),
                prenom: "Alain".into(),
                nom: "Hunault".into(),
                fonction: "Maire".into(),
            },
            contact: DraftContact {
                civilite: Some("Mme".into()),
                prenom: "no".into(),
                nom: "Le Floc'h".into(),
                telephone: "0240815216".into(),
                courriel: "m.caillon@ville-chateaubriant.fr".into(),
            },
            ecoles: vec![
                DraftEcole {
                    nom: "École \"Béré\"".into(),
                    uai: Some("0440123V".into()),
                    kind: "elementaire".into(),
                    eleves: 120,
                    classes: Some(5),
                },
                DraftEcole {
                    nom: "123".into(),
                    uai: None,
                    kind: "maternelle".into(),
                    eleves: 0,
                    classes: None,
                },
            ],
            signature: Some(DraftSignature {
                lieu: None,
                date: None,
            }),
            deliberation: Some(DraftDeliberation {
                date: Date::parse("2021-12-16").unwrap(),
                acte: Some("044-214400368-20211222-13-DE".into()),
                reception_prefecture: Some(Date::parse("2021-12-22").unwrap()),
                publication: None,
            }),
        }
    }

    #[test]
    fn written_files_load_as_the_same_values() {
        let dir = tempfile::tempdir().unwrap();
        let draft = full_draft();
        let path = dir.path().join("x.yaml");
        let text = draft.to_yaml(&Comments::default());
        check_round_trip(&path, &text, &draft).unwrap();
        std::fs::write(&path, &text).unwrap();
        assert_eq!(Draft::from(&load(&path)), draft);
        // The same with the guide's comments and placeholders.
        let mut empty = Draft::for_commune(&communes::all().by_insee("44036").unwrap(), Vec::new());
        let text = empty.to_yaml(&guide(&empty, vec!["# header".into()]));
        std::fs::write(&path, &text).unwrap();
        assert_eq!(Draft::from(&load(&path)), empty);
        empty.signature = Some(DraftSignature::default());
        let text = empty.to_yaml(&guide(&empty, Vec::new()));
        std::fs::write(&path, &text).unwrap();
        assert_eq!(Draft::from(&load(&path)), empty);
    }

    #[test]
    fn sample_members_round_trip_with_their_comments() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("members");
        let mut notes = Vec::new();
        let dir = tempfile::tempdir().unwrap();
        for path in load::discover(&root, &mut notes) {
            let text = std::fs::read_to_string(&path).unwrap();
            let draft = Draft::from(&load(&path));
            let comments = Comments::scan(&text, &draft);
            let out = draft.to_yaml(&comments);
            let copy = dir.path().join(path.file_name().unwrap());
            std::fs::write(&copy, &out).unwrap();
            assert_eq!(Draft::from(&load(&copy)), draft, "{}", path.display());
            // Every comment line of the original is in the output.
            for line in text.lines().filter(|l| l.trim_start().starts_with('#')) {
                assert!(
                    out.contains(line),
                    "{}: lost {line:?}\n{out}",
                    path.display()
                );
            }
            // Rewriting what was written changes nothing.
            let again = draft.to_yaml(&Comments::scan(&out, &draft));
            assert_eq!(again, out, "{}", path.display());
        }
    }

    #[test]
    fn comments_follow_their_keys() {
        let text = "\
# Header line

collectivite:   # the member
  nom: Ville de Test   # as printed
  nature: commune
  siren: '214400368' # quoted ' # not a comment'
  insee: \"44036\"
signataire:
  civilite: M.
  prenom: A
  nom: B
  fonction: Maire
contact:
  # civilite: Mme
  prenom: C
  nom: D
  telephone: 0240815216
  courriel: a@b.fr
ecoles:
# the big school
- nom: Y # a
  uai: 0440123V
  type: primaire
  eleves: 3
  # pupils of 2024
  classes: 1
  - nom: X
    uai: 0440456G
    type: maternelle
    eleves: 2

# the end
";
        // A list written at the key's indent, then one indented (not valid YAML, but the scanner
        // must not panic on it): only the scanner sees this text.
        let draft = Draft {
            ecoles: vec![
                DraftEcole {
                    nom: "Y".into(),
                    uai: Some("0440123V".into()),
                    ..DraftEcole::default()
                },
                DraftEcole {
                    nom: "X".into(),
                    uai: Some("0440456G".into()),
                    ..DraftEcole::default()
                },
            ],
            ..Draft::default()
        };
        let c = Comments::scan(text, &draft);
        assert_eq!(c.header, vec!["# Header line".to_owned(), String::new()]);
        assert_eq!(c.inline["collectivite"], "# the member");
        assert_eq!(c.inline["collectivite.nom"], "# as printed");
        assert_eq!(
            c.inline["collectivite.siren"],
            "# quoted ' # not a comment'"
        );
        assert_eq!(
            c.before["contact.prenom"],
            vec!["  # civilite: Mme".to_owned()]
        );
        assert_eq!(
            c.before["ecoles[0440123V]"],
            vec!["# the big school".to_owned()]
        );
        assert_eq!(c.inline["ecoles[0440123V].nom"], "# a");
        assert_eq!(
            c.before["ecoles[0440123V].classes"],
            vec!["  # pupils of 2024".to_owned()]
        );
        assert_eq!(c.trailer, vec!["".to_owned(), "# the end".to_owned()]);
    }

    #[test]
    fn orphaned_comments_are_kept_at_the_end() {
        let mut c = Comments::default();
        c.before
            .insert("ecoles[0000000A]".into(), vec!["# closed school".into()]);
        c.inline.insert("?1".into(), "# odd".into());
        let draft = full_draft();
        let text = draft.to_yaml(&c);
        assert!(text.ends_with("# closed school\n# odd\n"), "{text}");
    }
}
