//! The portal's HTML: Tera templates (`templates/`), compiled in, every value escaped, every
//! text from the catalogue; the pages every audience shares (a message, an unknown link, a list
//! of problems).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::model::Groupement;
use serde::Serialize;
use tera::{Context, Tera};

use crate::form;

/// A message of the portal's catalogue, in French.
fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

/// The portal's templates, compiled in; the fields' components in `fields.html`.
const TEMPLATES: [(&str, &str); 17] = [
    ("desk.html", include_str!("templates/desk.html")),
    ("desk_base.html", include_str!("templates/desk_base.html")),
    (
        "desk_journal.html",
        include_str!("templates/desk_journal.html"),
    ),
    ("desk_late.html", include_str!("templates/desk_late.html")),
    ("desk_login.html", include_str!("templates/desk_login.html")),
    ("desk_mail.html", include_str!("templates/desk_mail.html")),
    (
        "desk_mail_preview.html",
        include_str!("templates/desk_mail_preview.html"),
    ),
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
    ("depot.html", include_str!("templates/depot.html")),
    ("legal.html", include_str!("templates/legal.html")),
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
    if ctx.get("head_title").is_none() {
        ctx.insert("head_title", title);
    }
    ctx.insert("title", title);
    ctx.insert("t", &texts());
    TERA.render(template, &ctx)
        .unwrap_or_else(|e| panic!("the portal's template {template} renders: {e}"))
}

/// The fixed texts of the pages, from the catalogue, under the names the templates use.
fn texts() -> BTreeMap<&'static str, String> {
    [
        ("back", "portal-back"),
        ("skip", "portal-skip"),
        ("portal_name", "portal-name"),
        ("footer_a11y", "portal-footer-a11y"),
        ("footer_privacy", "portal-footer-privacy"),
        ("footer_contact", "portal-footer-contact"),
        ("howto_title", "portal-howto-title"),
        ("contact_title", "portal-contact-title"),
        ("required_note", "portal-required-note"),
        ("readonly_note", "portal-readonly-note"),
        ("deposit_button", "portal-deposit-button"),
        ("deposit_help", "portal-deposit-help"),
        ("after_title", "portal-after-title"),
        ("after_attestation", "portal-after-attestation"),
        ("after_next_title", "portal-after-next-title"),
        ("after_reopen", "portal-after-reopen"),
        ("pieces_title", "portal-pieces-title"),
        ("pieces_intro", "portal-pieces-intro"),
        ("pieces_complete", "portal-pieces-complete"),
        ("pieces_what", "portal-pieces-what"),
        ("pieces_status", "portal-pieces-status"),
        ("piece_file", "portal-piece-file"),
        ("piece_choose", "portal-piece-choose"),
        ("piece_formats", "portal-piece-formats"),
        ("confirm_intro", "portal-confirm-intro"),
        ("confirm_lock", "portal-confirm-lock"),
        ("confirm_convention_link", "portal-confirm-convention-link"),
        ("confirm_checkbox", "portal-confirm-checkbox"),
        ("confirm_submit", "portal-confirm-submit"),
        ("confirm_cancel", "portal-confirm-cancel"),
        ("field_ecole_nom", "portal-field-ecole-nom"),
        ("field_uai", "portal-field-uai"),
        ("field_eleves", "portal-field-eleves"),
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

/// What every page of a campaign shows of it: its header (the groupement and its coordinator)
/// and its footer (the accessibility statement's state, the legal pages, the contact).
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    groupement: String,
    coordinator: String,
    conformity: String,
    email: Option<String>,
    phone: Option<String>,
}

impl Site {
    /// The campaign `g` as its pages show it.
    pub fn of(g: &Groupement) -> Site {
        let contact = g.coordonnateur.contact.as_ref();
        let conformity = g.portail.as_ref().map_or_else(
            || "non conforme".to_owned(),
            |p| p.accessibilite.etat.clone(),
        );
        Site {
            groupement: fr_args(
                "portal-header-groupement",
                &[("groupement", Arg::Str(g.groupement.denomination.clone()))],
            ),
            coordinator: fr_args(
                "portal-header-coordinator",
                &[
                    ("coordonnateur", Arg::Str(g.coordonnateur.nom.clone())),
                    ("service", Arg::Str(g.coordonnateur.service.clone())),
                ],
            ),
            conformity,
            email: contact.map(|c| c.courriel.value.clone()),
            phone: contact.map(|c| phone_text(&c.telephone.value)),
        }
    }

    /// The coordinator's e-mail address, when the campaign gives one.
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }

    /// The coordinator's phone number, written by pairs, when the campaign gives one.
    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }
}

/// A phone number as the documents write it (`02 40 37 37 37`), or as typed when it is not one.
pub fn phone_text(text: &str) -> String {
    adhesion_core::validate::ids::phone(text).map_or_else(
        |_| text.to_owned(),
        |n| adhesion_core::render::typography::phone(&n),
    )
}

fn fr_args(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
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
            label: d
                .field
                .as_deref()
                .map(form::long_label_of)
                .unwrap_or_default(),
            message: form::portal_message(d),
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
    use adhesion_core::i18n::{Arg, Message};

    #[test]
    fn other_pages_render() {
        let html = not_found();
        assert!(
            html.contains("<title>Lien inconnu</title>") && html.contains("<h1>Lien inconnu</h1>")
        );
        let diagnostics = vec![
            Diagnostic::error(
                "x",
                "/c/m.yaml",
                Message::new_in(
                    Lang::Fr,
                    "validate-email",
                    vec![("text", Arg::Str("<i>".into()))],
                ),
            )
            .on("signataire.nom"),
            Diagnostic::error("y", "/c/m.yaml", Message::rendered("sans champ")),
        ];
        let html = problems("Titre", "/m/a\"b", &problems_of(&diagnostics));
        assert!(
            html.contains(
                "<li>Signataire, nom\u{a0}: «\u{a0}&lt;i&gt;\u{a0}» n’est pas une adresse"
            ),
            "{html}"
        );
        // A diagnostic with no wording of its own: the general one, never the command line's.
        assert!(html.contains("<li>Les documents ne peuvent pas être produits"));
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
