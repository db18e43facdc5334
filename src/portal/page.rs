//! The portal's HTML pages, in French, every value escaped.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::i18n::{Arg, Lang, text_in};
use crate::member_file::Draft;
use crate::model::{CIVILITES, SchoolType};
use crate::render::typography;

use super::form;
use super::state::Status;

/// A message of the portal's catalogue, in French.
fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

/// `s` escaped for HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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

/// A whole page around `body`.
pub fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"/static/portail.css\">\n\
         <script src=\"/static/portail.js\" defer></script>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// The page of an unknown link.
pub fn not_found() -> String {
    layout(
        &fr("portal-not-found-title"),
        &format!(
            "<h1>{}</h1>\n<p>{}</p>",
            esc(&fr("portal-not-found-title")),
            esc(&fr("portal-not-found-text"))
        ),
    )
}

/// A page that lists `diagnostics` (a PDF that cannot be made, a refused submission).
pub fn problems(title: &str, back: &str, diagnostics: &[(Diagnostic, Option<String>)]) -> String {
    let mut body = format!("<h1>{}</h1>\n<ul>\n", esc(title));
    for (d, f) in diagnostics.iter().filter(|(d, _)| d.is_error()) {
        let label = f.as_deref().map(label_of).unwrap_or_default();
        body.push_str(&format!(
            "<li>{}{}</li>\n",
            if label.is_empty() {
                String::new()
            } else {
                format!("{}{}", esc(&label), esc(&fr("portal-colon")))
            },
            esc(&form::french_message(d))
        ));
    }
    body.push_str(&format!(
        "</ul>\n<p><a href=\"{}\">{}</a></p>",
        esc(back),
        esc(&fr("portal-back"))
    ));
    layout(title, &body)
}

/// The texts the page's script needs, from the catalogue, as a JSON data block (not executed,
/// so the Content-Security-Policy's `script-src 'self'` lets it be): `portail.js` holds no text.
/// The texts that depend on numbers (the totals, the summary's title) come with the API's answers.
pub fn script_texts() -> String {
    let texts = serde_json::json!({
        "colon": fr("portal-colon"),
        "separator": fr("portal-separator"),
    });
    // `<` escaped, so that no `</script>` can end the block early.
    format!(
        "<script type=\"application/json\" id=\"portail-textes\">{}</script>\n",
        texts.to_string().replace('<', "\\u003c")
    )
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
    pub deadline: crate::date::Date,
    pub diagnostics: &'a [(Diagnostic, Option<String>)],
    /// A message at the top (deposited, refused...).
    pub notice: Option<String>,
    /// The page's path, `/m/<token>`: the form and the PDFs are under it.
    pub base: &'a str,
    /// The number of pages of the annexe 2's preview (none when the draft has errors).
    pub preview_pages: usize,
    /// The draft's version, posted back with the form (a save made meanwhile is detected).
    pub version: i64,
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
        let disabled = if editable { "" } else { " disabled" };
        let mut b = String::new();
        b.push_str(&format!(
            "<h1>{}</h1>\n<p class=\"statut\">{} <strong>{}</strong></p>\n",
            esc(&fr_with(
                "portal-title",
                &[("nom", Arg::Str(d.collectivite.nom.clone()))]
            )),
            esc(&fr("portal-status-label")),
            esc(&fr(match self.status {
                Status::Invited | Status::Opened => "portal-status-invited",
                Status::Draft => "portal-status-draft",
                Status::Deposited => "portal-status-deposited",
                Status::Reopened => "portal-status-reopened",
            }))
        ));
        if let Some(n) = &self.notice {
            b.push_str(&format!(
                "<p class=\"avis\" role=\"status\">{}</p>\n",
                esc(n)
            ));
        }
        if self.status == Status::Deposited {
            b.push_str(&format!(
                "<p class=\"avis\">{}</p>\n",
                esc(&fr("portal-deposited-text"))
            ));
        }
        let deadline = typography::date(self.deadline);
        if self.closed {
            b.push_str(&format!(
                "<p class=\"avis\">{}</p>\n",
                esc(&fr_with("portal-closed", &[("date", Arg::Str(deadline))]))
            ));
        } else {
            b.push_str(&format!(
                "<p>{}</p>\n",
                esc(&fr_with("portal-deadline", &[("date", Arg::Str(deadline))]))
            ));
        }
        // The summary of errors, with links to the fields.
        let errors: Vec<&(Diagnostic, Option<String>)> = self
            .diagnostics
            .iter()
            .filter(|(d, _)| d.is_error())
            .collect();
        b.push_str("<div id=\"resume\" class=\"resume\" tabindex=\"-1\" aria-live=\"polite\">");
        if !errors.is_empty() {
            b.push_str(&format!(
                "<h2>{}</h2>\n<ul>\n",
                esc(&errors_title(errors.len()))
            ));
            for (diag, f) in &errors {
                let text = esc(&form::french_message(diag));
                match f {
                    Some(f) => b.push_str(&format!(
                        "<li><a href=\"#{}\">{}{}{}</a></li>\n",
                        field_id(f),
                        esc(&label_of(f)),
                        esc(&fr("portal-colon")),
                        text
                    )),
                    None => b.push_str(&format!("<li>{text}</li>\n")),
                }
            }
            b.push_str("</ul>\n");
        }
        b.push_str("</div>\n");
        b.push_str(&script_texts());
        b.push_str(&format!(
            "<form method=\"post\" action=\"{}\" id=\"fiche\" novalidate>\n",
            esc(self.base)
        ));
        b.push_str(&format!(
            "<input type=\"hidden\" name=\"version\" value=\"{}\">\n",
            self.version
        ));
        // The collectivity, read-only.
        let c = &d.collectivite;
        b.push_str(&format!(
            "<section><h2>{}</h2>\n<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl></section>\n",
            esc(&fr("portal-section-collectivite")),
            esc(&fr("portal-field-nom")),
            esc(&c.nom),
            esc(&fr("portal-field-siren")),
            esc(&c.siren)
        ));
        let input = |path: &str, kind: &str, extra: &str| -> String {
            let id = field_id(path);
            let value = values.get(path).cloned().unwrap_or_default();
            let errs = by_field.get(path);
            let (described, invalid, err_html) = match errs {
                Some(list) => (
                    format!(" aria-describedby=\"{id}-erreur\""),
                    " aria-invalid=\"true\"",
                    format!(
                        "<p class=\"erreur\" id=\"{id}-erreur\">{}</p>",
                        esc(&list.join(&fr("portal-separator")))
                    ),
                ),
                None => (
                    String::new(),
                    "",
                    format!("<p class=\"erreur\" id=\"{id}-erreur\" hidden></p>"),
                ),
            };
            format!(
                "<div class=\"champ\"><label for=\"{id}\">{}</label>\
                 <input type=\"{kind}\" id=\"{id}\" name=\"{}\" value=\"{}\"{extra}{described}{invalid}{disabled}>{err_html}</div>\n",
                esc(&label_of(path)),
                esc(path),
                esc(&value),
            )
        };
        let select = |path: &str, options: &[(&str, String)]| -> String {
            let id = field_id(path);
            let value = values.get(path).cloned().unwrap_or_default();
            let errs = by_field.get(path);
            let mut opts = String::new();
            let mut found = false;
            for (v, label) in options {
                let sel = if *v == value {
                    found = true;
                    " selected"
                } else {
                    ""
                };
                opts.push_str(&format!(
                    "<option value=\"{}\"{sel}>{}</option>",
                    esc(v),
                    esc(label)
                ));
            }
            if !found && !value.is_empty() {
                opts.push_str(&format!(
                    "<option value=\"{}\" selected>{}</option>",
                    esc(&value),
                    esc(&value)
                ));
            }
            let (described, err_html) = match errs {
                Some(list) => (
                    format!(" aria-describedby=\"{id}-erreur\" aria-invalid=\"true\""),
                    format!(
                        "<p class=\"erreur\" id=\"{id}-erreur\">{}</p>",
                        esc(&list.join(&fr("portal-separator")))
                    ),
                ),
                None => (
                    String::new(),
                    format!("<p class=\"erreur\" id=\"{id}-erreur\" hidden></p>"),
                ),
            };
            format!(
                "<div class=\"champ\"><label for=\"{id}\">{}</label><select id=\"{id}\" name=\"{}\"{described}{disabled}>{opts}</select>{err_html}</div>\n",
                esc(&label_of(path)),
                esc(path)
            )
        };
        let civilites: Vec<(&str, String)> = std::iter::once(("", String::new()))
            .chain(CIVILITES.iter().map(|c| (*c, (*c).to_owned())))
            .collect();
        b.push_str(&format!(
            "<fieldset><legend>{}</legend>\n",
            esc(&fr("portal-section-signataire"))
        ));
        b.push_str(&select("signataire.civilite", &civilites));
        b.push_str(&input(
            "signataire.prenom",
            "text",
            " autocomplete=\"given-name\"",
        ));
        b.push_str(&input(
            "signataire.nom",
            "text",
            " autocomplete=\"family-name\"",
        ));
        b.push_str(&input("signataire.fonction", "text", ""));
        b.push_str("</fieldset>\n");
        b.push_str(&format!(
            "<fieldset><legend>{}</legend>\n",
            esc(&fr("portal-section-contact"))
        ));
        b.push_str(&select("contact.civilite", &civilites));
        b.push_str(&input("contact.prenom", "text", ""));
        b.push_str(&input("contact.nom", "text", ""));
        b.push_str(&input("contact.telephone", "tel", " autocomplete=\"tel\""));
        b.push_str(&input(
            "contact.courriel",
            "email",
            " autocomplete=\"email\"",
        ));
        b.push_str("</fieldset>\n");
        // Schools.
        let pupils: i64 = d.ecoles.iter().map(|e| e.eleves).sum();
        b.push_str(&format!(
            "<fieldset><legend>{}</legend>\n<p id=\"totaux\" aria-live=\"polite\">{}</p>\n",
            esc(&fr("portal-section-ecoles")),
            esc(&totals_text(d.ecoles.len(), pupils))
        ));
        let types: Vec<(&str, String)> = SchoolType::ALL
            .iter()
            .map(|t| (t.as_str(), t.word().to_owned()))
            .collect();
        for i in 0..d.ecoles.len() {
            let k = |f: &str| format!("ecoles[{i}].{f}");
            b.push_str(&format!(
                "<div class=\"ecole\" data-index=\"{i}\"><h3>{}</h3>\n",
                esc(&fr_with(
                    "portal-school-number",
                    &[("n", Arg::Num(i as i64 + 1))]
                ))
            ));
            b.push_str(&input(&k("nom"), "text", ""));
            b.push_str(&input(&k("uai"), "text", " autocapitalize=\"characters\""));
            b.push_str(&select(&k("type"), &types));
            b.push_str(&input(
                &k("eleves"),
                "number",
                " min=\"0\" inputmode=\"numeric\"",
            ));
            b.push_str(&input(
                &k("classes"),
                "number",
                " min=\"0\" inputmode=\"numeric\"",
            ));
            if editable {
                let id = field_id(&k("supprimer"));
                b.push_str(&format!(
                    "<div class=\"champ\"><input type=\"checkbox\" id=\"{id}\" name=\"{}\" value=\"1\"><label for=\"{id}\">{}</label></div>\n",
                    esc(&k("supprimer")),
                    esc(&fr("portal-school-remove"))
                ));
            }
            b.push_str("</div>\n");
        }
        if editable {
            b.push_str(&format!(
                "<button type=\"submit\" name=\"action\" value=\"ajouter\">{}</button>\n",
                esc(&fr("portal-school-add"))
            ));
        }
        b.push_str("</fieldset>\n");
        b.push_str(&format!(
            "<fieldset><legend>{}</legend>\n",
            esc(&fr("portal-section-signature"))
        ));
        b.push_str(&input("signature.lieu", "text", ""));
        b.push_str(&input("signature.date", "date", ""));
        b.push_str("</fieldset>\n");
        b.push_str(&format!(
            "<fieldset><legend>{}</legend>\n",
            esc(&fr("portal-section-deliberation"))
        ));
        b.push_str(&input("deliberation.date", "date", ""));
        b.push_str(&input("deliberation.acte", "text", ""));
        b.push_str(&input("deliberation.reception_prefecture", "date", ""));
        b.push_str(&input("deliberation.publication", "date", ""));
        b.push_str("</fieldset>\n");
        if editable {
            b.push_str(&format!(
                "<button type=\"submit\" name=\"action\" value=\"enregistrer\">{}</button>\n",
                esc(&fr("portal-save"))
            ));
        }
        b.push_str("</form>\n");
        if editable {
            b.push_str(&format!(
                "<form method=\"post\" action=\"{}/deposer\">\
                 <button type=\"submit\">{}</button></form>\n",
                esc(self.base),
                esc(&fr("portal-deposit"))
            ));
        }
        b.push_str(&format!(
            "<section><h2>{}</h2>\n<ul>\n",
            esc(&fr("portal-documents"))
        ));
        for (file, id) in [
            ("convention.pdf", "portal-pdf-convention"),
            ("annexe-2.pdf", "portal-pdf-annexe2"),
            ("modele-deliberation.pdf", "portal-pdf-deliberation"),
        ] {
            b.push_str(&format!(
                "<li><a href=\"{}/{file}\">{}</a></li>\n",
                esc(self.base),
                esc(&fr(id))
            ));
        }
        b.push_str("</ul></section>\n");
        if self.preview_pages > 0 {
            b.push_str(&format!(
                "<section class=\"apercu\" aria-labelledby=\"apercu-titre\"><h2 id=\"apercu-titre\">{}</h2>\n",
                esc(&fr("portal-preview-title"))
            ));
            for n in 1..=self.preview_pages {
                b.push_str(&format!(
                    "<img src=\"{}/apercu/{n}.png\" alt=\"{}\">\n",
                    esc(self.base),
                    esc(&fr_with(
                        "portal-preview-alt",
                        &[
                            ("n", Arg::Num(n as i64)),
                            ("count", Arg::Num(self.preview_pages as i64))
                        ]
                    ))
                ));
            }
            b.push_str("</section>\n");
        }
        layout(
            &fr_with(
                "portal-title",
                &[("nom", Arg::Str(d.collectivite.nom.clone()))],
            ),
            &b,
        )
    }
}
