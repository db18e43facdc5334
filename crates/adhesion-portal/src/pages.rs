//! The portal's HTML: Tera templates (`templates/`), compiled in, every value escaped, every
//! text from the catalogue; the pages every audience shares (a message, an unknown link, a list
//! of problems).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::i18n::{Lang, text_in};
use serde::Serialize;
use tera::{Context, Tera};

use crate::form;

/// A message of the portal's catalogue, in French.
fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

/// The portal's templates, compiled in; the fields' components in `fields.html`.
const TEMPLATES: [(&str, &str); 12] = [
    ("desk.html", include_str!("templates/desk.html")),
    ("desk_base.html", include_str!("templates/desk_base.html")),
    (
        "desk_journal.html",
        include_str!("templates/desk_journal.html"),
    ),
    ("desk_login.html", include_str!("templates/desk_login.html")),
    (
        "desk_member.html",
        include_str!("templates/desk_member.html"),
    ),
    ("desk_setup.html", include_str!("templates/desk_setup.html")),
    ("base.html", include_str!("templates/base.html")),
    ("fields.html", include_str!("templates/fields.html")),
    ("member.html", include_str!("templates/member.html")),
    ("message.html", include_str!("templates/message.html")),
    ("not_found.html", include_str!("templates/not_found.html")),
    ("problems.html", include_str!("templates/problems.html")),
];

/// The portal's Tera, made once. Every value is HTML-escaped: the templates are the only source,
/// what the communes type is data in the context.
static TERA: LazyLock<Tera> = LazyLock::new(|| {
    let mut tera = Tera::new();
    tera.autoescape_on([".html"]);
    tera.set_escape_fn(tera::escape_html);
    // The templates are compiled in and rendered by the tests: an error is a bug of this crate.
    tera.add_raw_templates(TEMPLATES)
        .expect("the portal's templates are valid");
    tera
});

/// `template` rendered with `ctx` and the page's `title`.
pub fn render(template: &str, title: &str, mut ctx: Context) -> String {
    ctx.insert("title", title);
    ctx.insert("t", &texts());
    TERA.render(template, &ctx)
        .unwrap_or_else(|e| panic!("the portal's template {template} renders: {e}"))
}

/// The fixed texts of the pages, from the catalogue, under the names the templates use.
fn texts() -> BTreeMap<&'static str, String> {
    [
        ("back", "portal-back"),
        ("colon", "portal-colon"),
        ("deposit", "portal-deposit"),
        ("deposited_text", "portal-deposited-text"),
        ("documents", "portal-documents"),
        ("field_nom", "portal-field-nom"),
        ("field_siren", "portal-field-siren"),
        ("preview_title", "portal-preview-title"),
        ("save", "portal-save"),
        ("school_add", "portal-school-add"),
        ("school_remove", "portal-school-remove"),
        ("section_collectivite", "portal-section-collectivite"),
        ("section_contact", "portal-section-contact"),
        ("section_deliberation", "portal-section-deliberation"),
        ("section_ecoles", "portal-section-ecoles"),
        ("section_signataire", "portal-section-signataire"),
        ("section_signature", "portal-section-signature"),
        ("status_label", "portal-status-label"),
    ]
    .into_iter()
    .map(|(name, id)| (name, fr(id)))
    .collect()
}

/// A page that only says `title` (an internal error, a file deposited meanwhile), with the
/// sentence that gives the request's `reference` when the server failed.
pub fn message(title: &str, reference: Option<&str>) -> String {
    let mut ctx = Context::new();
    ctx.insert("reference", &reference);
    render("message.html", title, ctx)
}

/// The page of an unknown link.
pub fn not_found() -> String {
    let mut ctx = Context::new();
    ctx.insert("text", &fr("portal-not-found-text"));
    render("not_found.html", &fr("portal-not-found-title"), ctx)
}

/// One problem of a list: its field's label and its message.
#[derive(Debug, Serialize)]
pub struct Problem {
    label: String,
    message: String,
}

/// The errors among `diagnostics`, as a page lists them.
pub fn problems_of(diagnostics: &[Diagnostic]) -> Vec<Problem> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| Problem {
            label: d.field.as_deref().map(form::label_of).unwrap_or_default(),
            message: form::french_message(d),
        })
        .collect()
}

/// A page that lists `problems` (a PDF that cannot be made, a refused submission).
pub fn problems(title: &str, back: &str, problems: &[Problem]) -> String {
    let mut ctx = Context::new();
    ctx.insert("problems", problems);
    ctx.insert("back", back);
    render("problems.html", title, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use adhesion_core::i18n::Message;

    #[test]
    fn other_pages_render() {
        let html = not_found();
        assert!(
            html.contains("<title>Lien inconnu</title>") && html.contains("<h1>Lien inconnu</h1>")
        );
        let diagnostics = vec![
            Diagnostic::error("x", "/c/m.yaml", Message::rendered("<i>")).on("signataire.nom"),
            Diagnostic::error("y", "/c/m.yaml", Message::rendered("sans champ")),
        ];
        let html = problems("Titre", "/m/a\"b", &problems_of(&diagnostics));
        assert!(
            html.contains("<li>Signataire, nom\u{a0}: &lt;i&gt;</li>"),
            "{html}"
        );
        assert!(html.contains("<li>sans champ</li>"));
        assert!(html.contains("<p><a href=\"/m/a&quot;b\">Retour au dossier</a></p>"));
    }

    #[test]
    fn a_message_is_escaped() {
        let html = message("<a> & </script>", None);
        assert!(
            html.contains("<h1>&lt;a&gt; &amp; &lt;/script&gt;</h1>"),
            "{html}"
        );
    }
}
