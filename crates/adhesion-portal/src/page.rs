//! The portal's HTML pages, in French: Tera templates (`templates/`), every value escaped, every
//! text from the catalogue.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;
use tera::{Context, Tera};

use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::member_file::Draft;
use adhesion_core::model::{CIVILITES, SchoolType};
use adhesion_core::render::typography;

use super::form;
use super::state::Status;

/// A message of the portal's catalogue, in French.
fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

/// The id of a field's input: `ecoles[2].uai` → `f-ecoles-2-uai`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        });
    }
    id.replace("--", "-").trim_end_matches('-').to_owned()
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
pub(super) fn render(template: &str, title: &str, mut ctx: Context) -> String {
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

/// A page that only says `title` (an internal error, a file deposited meanwhile).
pub fn message(title: &str) -> String {
    render("message.html", title, Context::new())
}

/// The page of an unknown link.
pub fn not_found() -> String {
    let mut ctx = Context::new();
    ctx.insert("text", &fr("portal-not-found-text"));
    render("not_found.html", &fr("portal-not-found-title"), ctx)
}

#[derive(Serialize)]
struct Problem {
    label: String,
    message: String,
}

/// A page that lists `diagnostics` (a PDF that cannot be made, a refused submission).
pub fn problems(title: &str, back: &str, diagnostics: &[(Diagnostic, Option<String>)]) -> String {
    let problems: Vec<Problem> = diagnostics
        .iter()
        .filter(|(d, _)| d.is_error())
        .map(|(d, f)| Problem {
            label: f.as_deref().map(label_of).unwrap_or_default(),
            message: form::french_message(d),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("problems", &problems);
    ctx.insert("back", back);
    render("problems.html", title, ctx)
}

/// The texts the page's script needs, from the catalogue, as the JSON of a data block (not
/// executed, so the Content-Security-Policy's `script-src 'self'` lets it be): `portail.js`
/// holds no text. The texts that depend on numbers (the totals, the summary's title) come with
/// the API's answers. The template writes it unescaped: `<` is escaped here, so that no
/// `</script>` can end the block early.
pub fn script_texts() -> String {
    let texts = serde_json::json!({
        "colon": fr("portal-colon"),
        "separator": fr("portal-separator"),
    });
    texts.to_string().replace('<', "\\u003c")
}

/// `text` with its first letter in lower case, unless it starts an acronym ("UAI", "SIREN").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_uppercase() => text.to_owned(),
        (Some(a), _) => a.to_lowercase().chain(text.chars().skip(1)).collect(),
        _ => String::new(),
    }
}

/// "5 écoles, 539 élèves".
pub fn totals_text(schools: usize, pupils: i64) -> String {
    fr_with(
        "portal-totals",
        &[
            ("schools", Arg::Num(schools as i64)),
            ("pupils", Arg::Num(pupils)),
        ],
    )
}

/// "2 erreurs à corriger".
pub fn errors_title(count: usize) -> String {
    fr_with("portal-errors-title", &[("count", Arg::Num(count as i64))])
}

/// The label of a field path, in French.
pub fn label_of(path: &str) -> String {
    let (prefix, key) = match path.split_once("].") {
        Some((p, k)) => {
            let n: usize = p.trim_start_matches("ecoles[").parse().unwrap_or(0);
            (
                Some(fr_with(
                    "portal-school-number",
                    &[("n", Arg::Num(n as i64 + 1))],
                )),
                format!("ecoles.{k}"),
            )
        }
        None => (None, path.to_owned()),
    };
    let id = match key.as_str() {
        "signataire.civilite" | "contact.civilite" => "portal-field-civilite",
        "signataire.prenom" | "contact.prenom" => "portal-field-prenom",
        "signataire.nom" | "contact.nom" => "portal-field-nom",
        "signataire.fonction" => "portal-field-qualite",
        "contact.telephone" => "portal-field-telephone",
        "contact.courriel" => "portal-field-courriel",
        "signature.lieu" => "portal-field-lieu",
        "signature.date" => "portal-field-signature-date",
        "deliberation.date" => "portal-field-deliberation-date",
        "deliberation.acte" => "portal-field-acte",
        "deliberation.reception_prefecture" => "portal-field-reception",
        "deliberation.publication" => "portal-field-publication",
        "ecoles.nom" => "portal-field-ecole-nom",
        "ecoles.uai" => "portal-field-uai",
        "ecoles.type" => "portal-field-type",
        "ecoles.eleves" => "portal-field-eleves",
        "ecoles.classes" => "portal-field-classes",
        _ => return path.to_owned(),
    };
    let section = match path.split('.').next() {
        Some("signataire") => Some(fr("portal-section-signataire")),
        Some("contact") => Some(fr("portal-section-contact")),
        _ => None,
    };
    match prefix.or(section) {
        Some(p) => format!("{p}, {}", lower_first(&fr(id))),
        None => fr(id),
    }
}

/// What the member page shows.
pub struct MemberPage<'a> {
    pub draft: &'a Draft,
    pub status: Status,
    pub closed: bool,
    pub deadline: adhesion_core::date::Date,
    pub diagnostics: &'a [(Diagnostic, Option<String>)],
    /// A message at the top (deposited, refused...).
    pub notice: Option<String>,
    /// The page's path, `/m/<token>`: the form and the PDFs are under it.
    pub base: &'a str,
    /// The number of pages of the annexe 2's preview (none when the draft has errors).
    pub preview_pages: usize,
    /// The draft's version in the database, sent back with the form.
    pub version: i64,
}

/// A field of the form, as `fields.html` draws it.
#[derive(Serialize)]
struct Field {
    id: String,
    name: String,
    label: String,
    /// `select`, or the input's type.
    kind: &'static str,
    value: String,
    options: Vec<Choice>,
    autocomplete: Option<&'static str>,
    autocapitalize: Option<&'static str>,
    /// A count: `min="0" inputmode="numeric"`.
    numeric: bool,
    /// The field's messages, joined.
    error: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A school's part of the form.
#[derive(Serialize)]
struct School {
    index: usize,
    heading: String,
    fields: Vec<Field>,
    remove_id: String,
    remove_name: String,
}

/// A line of the summary of errors, linked to its field when it has one.
#[derive(Serialize)]
struct SummaryLine {
    href: Option<String>,
    label: String,
    message: String,
}

#[derive(Serialize)]
struct Link {
    file: &'static str,
    label: String,
}

#[derive(Serialize)]
struct Preview {
    n: usize,
    alt: String,
}

impl MemberPage<'_> {
    pub fn render(&self) -> String {
        let d = self.draft;
        let editable = self.status.editable() && !self.closed;
        let values = form::flatten(d);
        let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (diag, f) in self.diagnostics {
            if let Some(f) = f {
                by_field
                    .entry(f.clone())
                    .or_default()
                    .push(form::french_message(diag));
            }
        }
        let field = |path: &str, kind: &'static str| Field {
            id: field_id(path),
            name: path.to_owned(),
            label: label_of(path),
            kind,
            value: values.get(path).cloned().unwrap_or_default(),
            options: Vec::new(),
            autocomplete: None,
            autocapitalize: None,
            numeric: false,
            error: by_field
                .get(path)
                .map(|list| list.join(&fr("portal-separator"))),
        };
        let select = |path: &str, options: &[(&str, String)]| {
            let mut f = field(path, "select");
            f.options = options
                .iter()
                .map(|(v, label)| Choice {
                    value: (*v).to_owned(),
                    label: label.clone(),
                    selected: *v == f.value,
                })
                .collect();
            // A value the list does not have (written by hand in the file) stays shown.
            if !f.value.is_empty() && !f.options.iter().any(|o| o.selected) {
                f.options.push(Choice {
                    value: f.value.clone(),
                    label: f.value.clone(),
                    selected: true,
                });
            }
            f
        };
        let with = |mut f: Field, autocomplete: &'static str| {
            f.autocomplete = Some(autocomplete);
            f
        };
        let count = |path: &str| Field {
            numeric: true,
            ..field(path, "number")
        };
        let civilites: Vec<(&str, String)> = std::iter::once(("", String::new()))
            .chain(CIVILITES.iter().map(|c| (*c, (*c).to_owned())))
            .collect();
        let types: Vec<(&str, String)> = SchoolType::ALL
            .iter()
            .map(|t| (t.as_str(), t.word().to_owned()))
            .collect();
        let schools: Vec<School> = (0..d.ecoles.len())
            .map(|i| {
                let k = |f: &str| format!("ecoles[{i}].{f}");
                School {
                    index: i,
                    heading: fr_with("portal-school-number", &[("n", Arg::Num(i as i64 + 1))]),
                    fields: vec![
                        field(&k("nom"), "text"),
                        Field {
                            autocapitalize: Some("characters"),
                            ..field(&k("uai"), "text")
                        },
                        select(&k("type"), &types),
                        count(&k("eleves")),
                        count(&k("classes")),
                    ],
                    remove_id: field_id(&k("supprimer")),
                    remove_name: k("supprimer"),
                }
            })
            .collect();
        let summary: Vec<SummaryLine> = self
            .diagnostics
            .iter()
            .filter(|(d, _)| d.is_error())
            .map(|(diag, f)| SummaryLine {
                href: f.as_deref().map(field_id),
                label: f.as_deref().map(label_of).unwrap_or_default(),
                message: form::french_message(diag),
            })
            .collect();
        let deadline = typography::date(self.deadline);
        let pupils: i64 = d.ecoles.iter().map(|e| e.eleves).sum();

        let mut ctx = Context::new();
        ctx.insert(
            "status",
            &fr(match self.status {
                Status::Invited | Status::Opened => "portal-status-invited",
                Status::Draft => "portal-status-draft",
                Status::Deposited => "portal-status-deposited",
                Status::Reopened => "portal-status-reopened",
            }),
        );
        ctx.insert("notice", &self.notice);
        ctx.insert("deposited", &(self.status == Status::Deposited));
        ctx.insert("closed", &self.closed);
        ctx.insert(
            "deadline",
            &fr_with(
                if self.closed {
                    "portal-closed"
                } else {
                    "portal-deadline"
                },
                &[("date", Arg::Str(deadline))],
            ),
        );
        ctx.insert("errors_title", &errors_title(summary.len()));
        ctx.insert("errors", &summary);
        ctx.insert("script_texts", &script_texts());
        ctx.insert("base", self.base);
        ctx.insert("version", &self.version);
        ctx.insert("editable", &editable);
        ctx.insert("disabled", &!editable);
        ctx.insert(
            "collectivite",
            &serde_json::json!({"nom": d.collectivite.nom, "siren": d.collectivite.siren}),
        );
        ctx.insert(
            "signataire",
            &[
                select("signataire.civilite", &civilites),
                with(field("signataire.prenom", "text"), "given-name"),
                with(field("signataire.nom", "text"), "family-name"),
                field("signataire.fonction", "text"),
            ],
        );
        ctx.insert(
            "contact",
            &[
                select("contact.civilite", &civilites),
                field("contact.prenom", "text"),
                field("contact.nom", "text"),
                with(field("contact.telephone", "tel"), "tel"),
                with(field("contact.courriel", "email"), "email"),
            ],
        );
        ctx.insert("totals", &totals_text(d.ecoles.len(), pupils));
        ctx.insert("ecoles", &schools);
        ctx.insert(
            "signature",
            &[
                field("signature.lieu", "text"),
                field("signature.date", "date"),
            ],
        );
        ctx.insert(
            "deliberation",
            &[
                field("deliberation.date", "date"),
                field("deliberation.acte", "text"),
                field("deliberation.reception_prefecture", "date"),
                field("deliberation.publication", "date"),
            ],
        );
        let documents: Vec<Link> = [
            ("convention.pdf", "portal-pdf-convention"),
            ("annexe-2.pdf", "portal-pdf-annexe2"),
            ("modele-deliberation.pdf", "portal-pdf-deliberation"),
        ]
        .into_iter()
        .map(|(file, id)| Link {
            file,
            label: fr(id),
        })
        .collect();
        ctx.insert("documents", &documents);
        let previews: Vec<Preview> = (1..=self.preview_pages)
            .map(|n| Preview {
                n,
                alt: fr_with(
                    "portal-preview-alt",
                    &[
                        ("n", Arg::Num(n as i64)),
                        ("count", Arg::Num(self.preview_pages as i64)),
                    ],
                ),
            })
            .collect();
        ctx.insert("previews", &previews);
        let title = fr_with(
            "portal-title",
            &[("nom", Arg::Str(d.collectivite.nom.clone()))],
        );
        render("member.html", &title, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use adhesion_core::i18n::Message;
    use adhesion_core::member_file::{DraftCollectivite, DraftEcole};

    const HOSTILE: &str = "<script>alert(1)</script>\"'&";
    const TEMPLATE_LIKE: &str = "{{ x }} {% raw %}{% if %}";

    fn draft() -> Draft {
        Draft {
            collectivite: DraftCollectivite {
                nom: format!("Commune {TEMPLATE_LIKE}"),
                siren: "212100000".into(),
                ..Default::default()
            },
            ecoles: vec![
                DraftEcole {
                    nom: HOSTILE.into(),
                    kind: "elementaire".into(),
                    eleves: 12,
                    ..Default::default()
                },
                DraftEcole {
                    nom: "Les Tilleuls".into(),
                    kind: "<b>".into(),
                    eleves: 30,
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn page<'a>(
        draft: &'a Draft,
        diagnostics: &'a [(Diagnostic, Option<String>)],
        status: Status,
    ) -> MemberPage<'a> {
        MemberPage {
            draft,
            status,
            closed: false,
            deadline: adhesion_core::date::Date::new(2026, 3, 31).unwrap(),
            diagnostics,
            notice: Some(HOSTILE.into()),
            base: "/m/abc",
            preview_pages: 2,
            version: 7,
        }
    }

    #[test]
    fn values_are_escaped_data_never_template_source() {
        let d = draft();
        let diagnostics = vec![(
            Diagnostic::error("x", "/c/m.yaml", Message::rendered(HOSTILE)),
            Some("ecoles[0].uai".to_owned()),
        )];
        let html = page(&d, &diagnostics, Status::Draft).render();
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";
        assert!(!html.contains("<script>alert"), "{html}");
        // The school's name (a value), the notice, the error next to its field and in the summary.
        assert!(html.contains(&format!("value=\"{escaped}\"")), "{html}");
        assert!(html.contains(&format!("<p class=\"avis\" role=\"status\">{escaped}</p>")));
        assert!(html.contains(&format!(
            "<p class=\"erreur\" id=\"f-ecoles-0-uai-erreur\">{escaped}</p>"
        )));
        assert!(html.contains(&format!(
            "<li><a href=\"#f-ecoles-0-uai\">École 1, UAI\u{a0}: {escaped}</a></li>"
        )));
        // Tera syntax in a value is printed as typed, in the title, the heading and the list.
        assert!(
            html.contains(&format!("<dd>Commune {TEMPLATE_LIKE}</dd>")),
            "{html}"
        );
        assert!(html.contains(&format!(
            "<title>Adhésion au groupement de commandes\u{a0}: Commune {TEMPLATE_LIKE}</title>"
        )));
        // A type the list lacks stays selected, escaped.
        assert!(html.contains("<option value=\"&lt;b&gt;\" selected>&lt;b&gt;</option>"));
    }

    #[test]
    fn member_page_keeps_its_structure() {
        let d = draft();
        let diagnostics = vec![(
            Diagnostic::error("x", "/c/m.yaml", Message::rendered("faux")),
            Some("ecoles[0].uai".to_owned()),
        )];
        let html = page(&d, &diagnostics, Status::Draft).render();
        for part in [
            "<html lang=\"fr\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<link rel=\"stylesheet\" href=\"/static/portail.css\">",
            "<script src=\"/static/portail.js\" defer></script>",
            "<form method=\"post\" action=\"/m/abc\" id=\"fiche\" novalidate>\n\
             <input type=\"hidden\" name=\"version\" value=\"7\">",
            "<input type=\"text\" id=\"f-ecoles-0-uai\" name=\"ecoles[0].uai\" value=\"\" \
             autocapitalize=\"characters\" aria-describedby=\"f-ecoles-0-uai-erreur\" \
             aria-invalid=\"true\">",
            "<input type=\"text\" id=\"f-signataire-prenom\" name=\"signataire.prenom\" value=\"\" \
             autocomplete=\"given-name\"><p class=\"erreur\" id=\"f-signataire-prenom-erreur\" hidden></p>",
            "<input type=\"number\" id=\"f-ecoles-1-eleves\" name=\"ecoles[1].eleves\" value=\"30\" \
             min=\"0\" inputmode=\"numeric\">",
            "<select id=\"f-contact-civilite\" name=\"contact.civilite\"><option value=\"\" selected></option>",
            "<div class=\"ecole\" data-index=\"1\"><h3>École 2</h3>",
            "<input type=\"checkbox\" id=\"f-ecoles-1-supprimer\" name=\"ecoles[1].supprimer\" value=\"1\">",
            "<p id=\"totaux\" aria-live=\"polite\">",
            "<div id=\"resume\" class=\"resume\" tabindex=\"-1\" aria-live=\"polite\"><h2>",
            "<button type=\"submit\" name=\"action\" value=\"ajouter\">",
            "<form method=\"post\" action=\"/m/abc/deposer\"><button type=\"submit\">",
            "<a href=\"/m/abc/annexe-2.pdf\">",
            "<img src=\"/m/abc/apercu/2.png\" alt=\"Annexe 2, page 2 sur 2",
            "<script type=\"application/json\" id=\"portail-textes\">{\"colon\":\"\u{a0}: \",\"separator\":\" ; \"}</script>",
        ] {
            assert!(html.contains(part), "{part}\nnot in\n{html}");
        }
        assert!(!html.contains(" disabled"));

        // Deposited: every field disabled, the version too (the page posts nothing), no button.
        let html = page(&d, &[], Status::Deposited).render();
        assert!(html.contains("<input type=\"hidden\" name=\"version\" value=\"7\" disabled>"));
        assert!(html.contains(
            "name=\"ecoles[1].eleves\" value=\"30\" min=\"0\" inputmode=\"numeric\" disabled>"
        ));
        assert!(html.contains("name=\"contact.civilite\" disabled>"));
        assert!(!html.contains("<button"));
        assert!(!html.contains("supprimer"));
        assert!(html.contains(
            "<div id=\"resume\" class=\"resume\" tabindex=\"-1\" aria-live=\"polite\"></div>"
        ));
    }

    #[test]
    fn script_texts_cannot_end_their_block() {
        // The only value written unescaped: its `<` must be JSON-escaped.
        assert!(!script_texts().contains('<'));
        let html = message("<a> & </script>");
        assert!(
            html.contains("<h1>&lt;a&gt; &amp; &lt;/script&gt;</h1>"),
            "{html}"
        );
    }

    #[test]
    fn other_pages_render() {
        let html = not_found();
        assert!(
            html.contains("<title>Lien inconnu</title>") && html.contains("<h1>Lien inconnu</h1>")
        );
        let diagnostics = vec![
            (
                Diagnostic::error("x", "/c/m.yaml", Message::rendered("<i>")),
                Some("signataire.nom".to_owned()),
            ),
            (
                Diagnostic::error("y", "/c/m.yaml", Message::rendered("sans champ")),
                None,
            ),
        ];
        let html = problems("Titre", "/m/a\"b", &diagnostics);
        assert!(
            html.contains("<li>Signataire, nom\u{a0}: &lt;i&gt;</li>"),
            "{html}"
        );
        assert!(html.contains("<li>sans champ</li>"));
        assert!(html.contains("<p><a href=\"/m/a&quot;b\">Retour au dossier</a></p>"));
    }
}
