//! No value from YAML can change a document's structure: random and hostile strings go through
//! the real templates and the real Typst compiler, and the laid-out document's text must show
//! them exactly as typed (up to whitespace and the typographic apostrophe).

use std::path::Path;

use adhesion_core::compile;
use adhesion_core::compile::world::{Base, CampaignFiles};
use adhesion_core::document::Document;
use adhesion_core::load;
use adhesion_core::render::Templates;
use adhesion_core::render::view::{CampaignView, EcoleView, MemberView};
use proptest::prelude::*;

/// The sample campaign's templates, rendered once, over one Typst base.
struct Harness {
    templates: Templates,
    context: tera::Context,
    base: Base,
    files: CampaignFiles,
}

impl Harness {
    fn new() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (groupement, _) = load::load_groupement(root).expect("the sample campaign loads");
        let templates = Templates::load(&root.join("templates")).expect("the templates load");
        let context = Templates::campaign_context(&CampaignView::new(&groupement));
        let partials = templates
            .render_partials(&context)
            .expect("the partials render");
        let files = CampaignFiles::new(&partials, &templates.assets, groupement.date_edition);
        Self {
            base: Base::new(&templates.fonts),
            templates,
            context,
            files,
        }
    }

    /// The text of `doc` for a member whose every text field is `value`.
    fn text_of(&self, doc: Document, value: &str) -> Result<String, String> {
        let member = member_with(value);
        let source = self
            .templates
            .render_document(doc, &self.context, &member, false)
            .map_err(|d| d.message)?;
        let document = compile::layout(&self.base, &self.files, doc, source.clone())
            .map_err(|e| format!("{e:?} in\n{source}"))?;
        Ok(compile::document_text(&document))
    }
}

fn member_with(value: &str) -> MemberView {
    let mut m = MemberView::blank();
    m.id = Some("test".into());
    m.collectivite.nom = Some(value.into());
    m.collectivite.nature = Some("commune".into());
    m.signataire.prenom = Some(value.into());
    m.signataire.nom = Some("Nom".into());
    m.signataire.fonction = Some(value.into());
    m.contact.prenom = Some(value.into());
    m.contact.nom = Some("Contact".into());
    m.contact.telephone = Some("0240815216".into());
    m.contact.courriel = Some(value.into());
    m.ecoles = vec![EcoleView {
        nom: value.into(),
        uai: Some("0440069L".into()),
        kind: "primaire".into(),
        type_libelle: "primaire",
        eleves: 12,
        classes: Some(1),
    }];
    m.nb_ecoles = Some(1);
    m.total_eleves = Some(12);
    m.total_classes = Some(1);
    m
}

/// What survives typesetting for comparison: no whitespace of any kind, no soft hyphen, and the
/// typewriter apostrophe as the typographic one (the pipeline's French typography).
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .map(|c| if c == '\'' { '’' } else { c })
        .collect()
}

/// Pieces that mean something to Typst or Tera, mixed with ordinary French text.
const ATOMS: &[&str] = &[
    "#",
    "*",
    "_",
    "$",
    "@",
    "<",
    ">",
    "[",
    "]",
    "\\",
    "/",
    "~",
    "\"",
    "'",
    "--",
    "---",
    "...",
    "//",
    "/*",
    "*/",
    "= ",
    "- ",
    "+ ",
    "/ ",
    "1. ",
    "-?",
    "-5",
    "http://x.fr",
    "#let x = 1",
    "#set text(red)",
    "@ref",
    "<label>",
    "$x^2$",
    "`raw`",
    "{{ x }}",
    "{% if %}",
    "{#",
    "}",
    "{",
    "(",
    ")",
    ",",
    ";",
    ":",
    "!",
    "?",
    "%",
    "&",
    "|",
    "^",
    "=",
    "1er",
    "\u{a0}",
    "\u{202f}",
    "\n",
    "\n\n",
    " ",
    "  ",
    "a",
    "Z",
    "é",
    "È",
    "œ",
    "Œ",
    "æ",
    "ç",
    "Ç",
    "«",
    "»",
    "ÿ",
    "É",
    "Châteaubriant",
    "Saint-Aubin",
    "l'école",
    "#OpenToWork",
    "\\u{41}",
    ")]",
    "*/ #x",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ATOMS), 1..12)
        .prop_map(|parts| parts.concat())
        .prop_filter("a visible character", |s| !normalize(s).is_empty())
}

fn assert_shown(h: &Harness, doc: Document, value: &str) {
    let text = h
        .text_of(doc, value)
        .unwrap_or_else(|e| panic!("{value:?} broke {doc:?}: {e}"));
    assert!(
        normalize(&text).contains(&normalize(value)),
        "{value:?} is not shown as typed in {doc:?}; the document says:\n{text}"
    );
}

#[test]
fn hostile_values_render_as_typed() {
    let h = Harness::new();
    let cases = [
        "#OpenToWork",
        "= Titre",
        "- tiret",
        "1. liste",
        "a -- b --- c ... d",
        "fin // commentaire",
        "début /* bloc",
        "@reference",
        "<label>",
        "$x$",
        "*gras* _ital_",
        "[crochets] ]",
        "\\ antislash \\",
        "~tilde~",
        "\"guillemets\" et 'apostrophes'",
        "http://exemple.fr",
        "Œuvre, Ææ, Ça, « Élysée », ÉCOLE",
        "ligne 1\nligne 2",
        "#let x = 1; #x",
        "{{ membre }} {% raw %}",
        "1er degré",
        "-5 élèves",
    ];
    for value in cases {
        for doc in Document::MEMBER_DOCUMENTS {
            assert_shown(&h, doc, value);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        // The same cases on every run.
        rng_seed: proptest::test_runner::RngSeed::Fixed(1),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_values_render_as_typed(value in hostile()) {
        thread_local! {
            static HARNESS: Harness = Harness::new();
        }
        HARNESS.with(|h| {
            for doc in Document::MEMBER_DOCUMENTS {
                assert_shown(h, doc, &value);
            }
        });
    }
}
