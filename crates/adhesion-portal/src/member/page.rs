//! The member's page: the form of its file, the summary of its errors, its documents and the
//! preview of its annexe 2.

use std::collections::BTreeMap;

use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::document::Document;
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::member_file::Draft;
use adhesion_core::model::{CIVILITES, SchoolType};
use adhesion_core::render::typography;
use serde::Serialize;
use tera::Context;

use crate::form::{self, field_id, label_of};
use crate::pages::render;
use crate::status::Status;

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
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

/// What the member page shows.
pub struct MemberPage<'a> {
    pub draft: &'a Draft,
    pub status: Status,
    pub closed: bool,
    pub deadline: adhesion_core::date::Date,
    pub diagnostics: &'a [Diagnostic],
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

/// Makes the form's fields from the draft's values and the diagnostics of each field.
struct Fields {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, Vec<String>>,
}

impl Fields {
    fn new(draft: &Draft, diagnostics: &[Diagnostic]) -> Fields {
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for diag in diagnostics {
            if let Some(f) = &diag.field {
                errors
                    .entry(f.clone())
                    .or_default()
                    .push(form::french_message(diag));
            }
        }
        Fields {
            values: form::flatten(draft),
            errors,
        }
    }

    fn field(&self, path: &str, kind: &'static str) -> Field {
        Field {
            id: field_id(path),
            name: path.to_owned(),
            label: label_of(path),
            kind,
            value: self.values.get(path).cloned().unwrap_or_default(),
            options: Vec::new(),
            autocomplete: None,
            autocapitalize: None,
            numeric: false,
            error: self
                .errors
                .get(path)
                .map(|list| list.join(&fr("portal-separator"))),
        }
    }

    fn select(&self, path: &str, options: &[(&str, String)]) -> Field {
        let mut f = self.field(path, "select");
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
    }

    fn with(&self, path: &str, kind: &'static str, autocomplete: &'static str) -> Field {
        Field {
            autocomplete: Some(autocomplete),
            ..self.field(path, kind)
        }
    }

    fn count(&self, path: &str) -> Field {
        Field {
            numeric: true,
            ..self.field(path, "number")
        }
    }

    fn civilite(&self, path: &str) -> Field {
        let civilites: Vec<(&str, String)> = std::iter::once(("", String::new()))
            .chain(CIVILITES.iter().map(|c| (*c, (*c).to_owned())))
            .collect();
        self.select(path, &civilites)
    }

    fn schools(&self, count: usize) -> Vec<School> {
        let types: Vec<(&str, String)> = SchoolType::ALL
            .iter()
            .map(|t| (t.as_str(), t.word().to_owned()))
            .collect();
        (0..count)
            .map(|i| {
                let k = |f: &str| format!("ecoles[{i}].{f}");
                School {
                    index: i,
                    heading: fr_with("portal-school-number", &[("n", Arg::Num(i as i64 + 1))]),
                    fields: vec![
                        self.field(&k("nom"), "text"),
                        Field {
                            autocapitalize: Some("characters"),
                            ..self.field(&k("uai"), "text")
                        },
                        self.select(&k("type"), &types),
                        self.count(&k("eleves")),
                        self.count(&k("classes")),
                    ],
                    remove_id: field_id(&k("supprimer")),
                    remove_name: k("supprimer"),
                }
            })
            .collect()
    }
}

impl MemberPage<'_> {
    pub fn render(&self) -> String {
        let d = self.draft;
        let mut ctx = Context::new();
        self.insert_state(&mut ctx);
        self.insert_form(&mut ctx);
        self.insert_documents(&mut ctx);
        let title = fr_with(
            "portal-title",
            &[("nom", Arg::Str(d.collectivite.nom.clone()))],
        );
        render("member.html", &title, ctx)
    }

    /// Where the file stands: status, notice, deadline, the summary of its errors.
    fn insert_state(&self, ctx: &mut Context) {
        let editable = self.status.editable() && !self.closed;
        let summary: Vec<SummaryLine> = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|diag| SummaryLine {
                href: diag.field.as_deref().map(field_id),
                label: diag.field.as_deref().map(label_of).unwrap_or_default(),
                message: form::french_message(diag),
            })
            .collect();
        let deadline = typography::date(self.deadline);
        ctx.insert("status", &self.status.member_word());
        ctx.insert("notice", &self.notice);
        ctx.insert("deposited", &(self.status == Status::Deposited));
        ctx.insert("closed", &self.closed);
        let id = if self.closed {
            "portal-closed"
        } else {
            "portal-deadline"
        };
        ctx.insert("deadline", &fr_with(id, &[("date", Arg::Str(deadline))]));
        ctx.insert("errors_title", &errors_title(summary.len()));
        ctx.insert("errors", &summary);
        ctx.insert("script_texts", &script_texts());
        ctx.insert("base", self.base);
        ctx.insert("version", &self.version);
        ctx.insert("editable", &editable);
        ctx.insert("disabled", &!editable);
    }

    /// The form's sections and fields.
    fn insert_form(&self, ctx: &mut Context) {
        let d = self.draft;
        let f = Fields::new(d, self.diagnostics);
        ctx.insert(
            "collectivite",
            &serde_json::json!({"nom": d.collectivite.nom, "siren": d.collectivite.siren}),
        );
        ctx.insert(
            "signataire",
            &[
                f.civilite("signataire.civilite"),
                f.with("signataire.prenom", "text", "given-name"),
                f.with("signataire.nom", "text", "family-name"),
                f.field("signataire.fonction", "text"),
            ],
        );
        ctx.insert(
            "contact",
            &[
                f.civilite("contact.civilite"),
                f.field("contact.prenom", "text"),
                f.field("contact.nom", "text"),
                f.with("contact.telephone", "tel", "tel"),
                f.with("contact.courriel", "email", "email"),
            ],
        );
        let pupils = adhesion_core::validate::totals::pupils(d.ecoles.iter().map(|e| e.eleves));
        ctx.insert("totals", &totals_text(d.ecoles.len(), pupils));
        ctx.insert("ecoles", &f.schools(d.ecoles.len()));
        ctx.insert(
            "signature",
            &[
                f.field("signature.lieu", "text"),
                f.field("signature.date", "date"),
            ],
        );
        ctx.insert(
            "deliberation",
            &[
                f.field("deliberation.date", "date"),
                f.field("deliberation.acte", "text"),
                f.field("deliberation.reception_prefecture", "date"),
                f.field("deliberation.publication", "date"),
            ],
        );
    }

    /// The PDFs and the preview's pages.
    fn insert_documents(&self, ctx: &mut Context) {
        let documents: Vec<Link> = Document::MEMBER_DOCUMENTS
            .iter()
            .map(|doc| Link {
                file: doc.pdf_name(),
                label: fr(match doc {
                    Document::Convention => "portal-pdf-convention",
                    Document::Annexe2 => "portal-pdf-annexe2",
                    _ => "portal-pdf-deliberation",
                }),
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

    fn page<'a>(draft: &'a Draft, diagnostics: &'a [Diagnostic], status: Status) -> MemberPage<'a> {
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
        let diagnostics = vec![
            Diagnostic::error("x", "/c/m.yaml", Message::rendered(HOSTILE)).on("ecoles[0].uai"),
        ];
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
        let diagnostics = vec![
            Diagnostic::error("x", "/c/m.yaml", Message::rendered("faux")).on("ecoles[0].uai"),
        ];
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
    }
}
