//! The member's page: where its file stands and what to do next (the steps, the deadline, the
//! contact), the form of its file with the summary of its errors, its documents and the preview
//! of its annexe 2; after its deposit, the attestation, the next steps and the signed pieces.

use std::collections::BTreeMap;

use adhesion_core::date::Date;
use adhesion_core::diagnostic::{Diagnostic, Severity};
use adhesion_core::document::Document;
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::member_file::Draft;
use adhesion_core::model::{CIVILITES, Groupement, SchoolType};
use adhesion_core::render::typography;
use serde::Serialize;
use tera::Context;

use crate::db::Piece;
use crate::form::{self, field_id, label_of, long_label_of};
use crate::pages::{Site, render};
use crate::service::pieces::KINDS;
use crate::status::Status;
use crate::time::when_parts;

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

/// The texts the page's script needs, from the catalogue, as the JSON of a data block (not
/// executed, so the Content-Security-Policy's `script-src 'self'` lets it be): `portail.js`
/// holds no text. The texts that depend on numbers (the totals, the summary's title, the time
/// of the last save) come with the API's answers. The template writes it unescaped: `<` is
/// escaped here, so that no `</script>` can end the block early.
pub fn script_texts() -> String {
    let texts = serde_json::json!({
        "colon": fr("portal-colon"),
        "separator": fr("portal-separator"),
        "saving": fr("portal-saving"),
        "failed": fr("portal-save-failed"),
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

/// "Enregistré à 14 h 05" for a save at `seconds` (Paris time), "Pas encore enregistré" for 0.
pub fn saved_text(seconds: i64) -> String {
    match when_parts(seconds) {
        Some((_, hour, minute)) => fr_with(
            "portal-saved-at",
            &[
                ("hour", Arg::Str(hour.to_string())),
                ("minute", Arg::Str(format!("{minute:02}"))),
            ],
        ),
        None => fr("portal-never-saved"),
    }
}

/// A message at the top of the page.
pub struct Notice {
    pub text: String,
    /// `info` or `succes`.
    pub kind: &'static str,
}

/// What the member page shows.
pub struct MemberPage<'a> {
    pub draft: &'a Draft,
    pub status: Status,
    pub closed: bool,
    pub diagnostics: &'a [Diagnostic],
    pub notice: Option<Notice>,
    /// The page's path, `/m/<token>`: the form and the PDFs are under it.
    pub base: &'a str,
    /// The number of pages of the annexe 2's preview (none when the draft has errors).
    pub preview_pages: usize,
    /// The draft's version in the database, sent back with the form.
    pub version: i64,
    pub campaign: &'a Groupement,
    /// Today, in Paris.
    pub today: Date,
    /// When the commune last saved (seconds since 1970, 0 never).
    pub saved_at: i64,
    /// When it deposited its file.
    pub deposited_at: Option<i64>,
    /// Its current signed pieces.
    pub pieces: &'a [Piece],
    /// The page answers a form posted without the script: its errors come first (the title
    /// says « Erreur », the summary takes the focus).
    pub after_post: bool,
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
    required: bool,
    /// The format of a coded field, under its label.
    hint: Option<String>,
    /// The field's errors, joined.
    error: Option<String>,
    /// Its warnings, joined, when it has no error.
    warning: Option<String>,
    /// The ids of its hint and message, for `aria-describedby`.
    described: Option<String>,
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
    legend: String,
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

/// A step of « Comment faire ».
#[derive(Serialize)]
struct Step {
    title: String,
    text: String,
    /// `fait`, `courante` or `a-venir`.
    state: &'static str,
    state_text: Option<String>,
    current: bool,
}

/// A signed piece's line.
#[derive(Serialize)]
struct PieceLine {
    kind: &'static str,
    label: String,
    /// `manquante`, `recue`, `acceptee` or `refusee`.
    state: &'static str,
    status: String,
    help: Option<String>,
    can_send: bool,
    send: String,
}

/// The required fields of a member's form.
fn required(path: &str) -> bool {
    matches!(
        path,
        "signataire.civilite"
            | "signataire.prenom"
            | "signataire.nom"
            | "signataire.fonction"
            | "contact.prenom"
            | "contact.nom"
            | "contact.telephone"
            | "contact.courriel"
    ) || ["].nom", "].type", "].eleves"]
        .iter()
        .any(|end| path.ends_with(end))
}

/// The format shown under a coded field.
fn hint(path: &str, kind: &str) -> Option<String> {
    let id = if path.ends_with("].uai") {
        "portal-field-uai-hint"
    } else if kind == "date" {
        "portal-field-date-hint"
    } else {
        match path {
            "contact.telephone" => "portal-field-telephone-hint",
            "contact.courriel" => "portal-field-courriel-hint",
            "deliberation.acte" => "portal-field-acte-hint",
            _ => return None,
        }
    };
    Some(fr(id))
}

/// Makes the form's fields from the draft's values and the diagnostics of each field.
struct Fields {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, Vec<String>>,
    warnings: BTreeMap<String, Vec<String>>,
}

impl Fields {
    fn new(draft: &Draft, diagnostics: &[Diagnostic]) -> Fields {
        let (mut errors, mut warnings) = (BTreeMap::new(), BTreeMap::new());
        for diag in diagnostics {
            let Some(f) = &diag.field else { continue };
            let map: &mut BTreeMap<String, Vec<String>> = match diag.severity {
                Severity::Error => &mut errors,
                _ => &mut warnings,
            };
            map.entry(f.clone())
                .or_default()
                .push(form::portal_message(diag));
        }
        Fields {
            values: form::flatten(draft),
            errors,
            warnings,
        }
    }

    fn field(&self, path: &str, kind: &'static str) -> Field {
        let id = field_id(path);
        let join = |m: &BTreeMap<String, Vec<String>>| {
            m.get(path).map(|list| list.join(&fr("portal-separator")))
        };
        let error = join(&self.errors);
        let warning = if error.is_some() {
            None
        } else {
            join(&self.warnings)
        };
        let hint = hint(path, kind);
        let mut described: Vec<String> = Vec::new();
        if hint.is_some() {
            described.push(format!("{id}-indication"));
        }
        if error.is_some() || warning.is_some() {
            described.push(format!("{id}-message"));
        }
        Field {
            name: path.to_owned(),
            label: label_of(path),
            kind,
            value: self.values.get(path).cloned().unwrap_or_default(),
            options: Vec::new(),
            autocomplete: None,
            autocapitalize: None,
            numeric: false,
            required: required(path),
            hint,
            error,
            warning,
            described: (!described.is_empty()).then(|| described.join(" ")),
            id,
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

    fn civilite(&self, path: &str, autocomplete: &'static str) -> Field {
        let civilites: Vec<(&str, String)> = std::iter::once(("", fr("portal-choose")))
            .chain(CIVILITES.iter().map(|c| (*c, (*c).to_owned())))
            .collect();
        Field {
            autocomplete: Some(autocomplete),
            ..self.select(path, &civilites)
        }
    }

    fn schools(&self, count: usize) -> Vec<School> {
        let types: Vec<(&str, String)> = std::iter::once(("", fr("portal-choose")))
            .chain(
                SchoolType::ALL
                    .iter()
                    .map(|t| (t.as_str(), t.word().to_owned())),
            )
            .collect();
        (0..count)
            .map(|i| {
                let k = |f: &str| format!("ecoles[{i}].{f}");
                let name = self.values.get(&k("nom")).map_or("", |n| n.trim());
                let n = Arg::Num(i as i64 + 1);
                let legend = if name.is_empty() {
                    fr_with("portal-school-number", &[("n", n)])
                } else {
                    fr_with(
                        "portal-school-legend",
                        &[("n", n), ("nom", Arg::Str(name.to_owned()))],
                    )
                };
                School {
                    index: i,
                    legend,
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
        let mut ctx = Context::new();
        ctx.insert("site", &Site::of(self.campaign));
        self.insert_state(&mut ctx);
        self.insert_steps(&mut ctx);
        self.insert_form(&mut ctx);
        self.insert_deposit(&mut ctx);
        self.insert_documents(&mut ctx);
        let title = fr_with(
            "portal-title",
            &[("nom", Arg::Str(self.draft.collectivite.nom.clone()))],
        );
        if self.after_post && self.diagnostics.iter().any(Diagnostic::is_error) {
            let head = fr_with(
                "portal-error-title-prefix",
                &[("title", Arg::Str(title.clone()))],
            );
            ctx.insert("head_title", &head);
            ctx.insert("focus_summary", &true);
        }
        render("member.html", &title, ctx)
    }

    fn editable(&self) -> bool {
        self.status.editable() && !self.closed
    }

    /// Where the file stands: status, notice, deadline, contact, the summary of its errors.
    fn insert_state(&self, ctx: &mut Context) {
        let editable = self.editable();
        let summary: Vec<SummaryLine> = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|diag| SummaryLine {
                href: diag.field.as_deref().map(field_id),
                label: diag.field.as_deref().map(long_label_of).unwrap_or_default(),
                message: form::portal_message(diag),
            })
            .collect();
        ctx.insert("status", &self.status.member_word());
        ctx.insert(
            "status_help",
            &fr(&format!("portal-status-help-{}", self.status.db_key())),
        );
        ctx.insert("notice", &self.notice.as_ref().map(|n| &n.text));
        ctx.insert(
            "notice_kind",
            &self.notice.as_ref().map_or("info", |n| n.kind),
        );
        ctx.insert("deadline", &self.deadline_text());
        ctx.insert("closed", &self.closed);
        self.insert_contact(ctx);
        ctx.insert("errors_title", &errors_title(summary.len()));
        ctx.insert("errors", &summary);
        ctx.insert("focus_summary", &false);
        ctx.insert("script_texts", &script_texts());
        ctx.insert("base", self.base);
        ctx.insert("version", &self.version);
        ctx.insert("editable", &editable);
        ctx.insert("disabled", &!editable);
        ctx.insert("saved", &saved_text(self.saved_at));
    }

    /// « Date limite : 15 janvier 2022, dans 3 jours », or that it has passed.
    fn deadline_text(&self) -> String {
        let deadline = self.campaign.marche.date_limite_adhesion.value;
        let date = Arg::Str(typography::date(deadline));
        if self.closed {
            return fr_with("portal-closed", &[("date", date)]);
        }
        let days = self.today.days_until(deadline);
        fr_with(
            "portal-deadline-days",
            &[("date", date), ("days", Arg::Num(days))],
        )
    }

    /// « Écrivez à … ou appelez le … », split around the address (a link on the page).
    fn insert_contact(&self, ctx: &mut Context) {
        let site = Site::of(self.campaign);
        let (Some(email), phone) = (site.email(), site.phone()) else {
            return;
        };
        // The address is marked so as to cut the sentence around it, whatever its wording.
        const MARK: &str = "\u{1}";
        let text = match phone {
            Some(phone) => fr_with(
                "portal-contact-text",
                &[
                    ("email", Arg::Str(MARK.into())),
                    ("phone", Arg::Str(phone.to_owned())),
                ],
            ),
            None => fr_with(
                "portal-contact-email-only",
                &[("email", Arg::Str(MARK.into()))],
            ),
        };
        let text = text.replace(['\u{2068}', '\u{2069}'], "");
        let (before, after) = text.split_once(MARK).unwrap_or((&text, ""));
        let _ = email;
        ctx.insert("contact_before", before);
        ctx.insert("contact_after", after);
    }

    /// The four steps of « Comment faire », the member's own marked current.
    fn insert_steps(&self, ctx: &mut Context) {
        let current = match self.status {
            Status::Complete => 5,
            s if s.deposited() => 3,
            _ => 1,
        };
        let steps: Vec<Step> = (1..=4)
            .map(|n| {
                let (state, state_text) = if n < current {
                    ("fait", Some(fr("portal-step-done")))
                } else if n == current || (current == 3 && n == 4) {
                    ("courante", Some(fr("portal-step-current")))
                } else {
                    ("a-venir", None)
                };
                Step {
                    title: fr(&format!("portal-howto-step{n}-title")),
                    text: fr(&format!("portal-howto-step{n}-text")),
                    state,
                    state_text,
                    current: n == current,
                }
            })
            .collect();
        ctx.insert("steps", &steps);
    }

    /// The form's sections and fields.
    fn insert_form(&self, ctx: &mut Context) {
        let d = self.draft;
        let f = Fields::new(d, self.diagnostics);
        ctx.insert(
            "collectivite",
            &serde_json::json!({"nom": d.collectivite.nom, "siren": d.collectivite.siren}),
        );
        // The signatory is the mayor, not the person typing: no autofill of her own name.
        ctx.insert(
            "signataire",
            &[
                f.civilite("signataire.civilite", "off"),
                f.with("signataire.prenom", "text", "off"),
                f.with("signataire.nom", "text", "off"),
                f.with("signataire.fonction", "text", "off"),
            ],
        );
        ctx.insert(
            "contact",
            &[
                f.civilite("contact.civilite", "honorific-prefix"),
                f.with("contact.prenom", "text", "given-name"),
                f.with("contact.nom", "text", "family-name"),
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

    /// After the deposit: its time, the next steps, the signed pieces.
    fn insert_deposit(&self, ctx: &mut Context) {
        let deposited = self.status.deposited();
        ctx.insert("deposited", &deposited);
        ctx.insert("complete", &(self.status == Status::Complete));
        if !deposited {
            return;
        }
        let g = self.campaign;
        let s = &self.draft.signataire;
        let signataire = format!("{} {}", s.prenom, typography::upper(&s.nom));
        let thanks = self
            .deposited_at
            .and_then(when_parts)
            .map(|(day, hour, minute)| {
                fr_with(
                    "portal-after-thanks",
                    &[
                        ("nom", Arg::Str(self.draft.collectivite.nom.clone())),
                        ("date", Arg::Str(typography::date(day))),
                        ("hour", Arg::Str(hour.to_string())),
                        ("minute", Arg::Str(format!("{minute:02}"))),
                    ],
                )
            });
        ctx.insert("deposited_text", &thanks.unwrap_or_default());
        let address = format!(
            "{}, {}, {}",
            typography::capitalize_first(&g.coordonnateur.nom),
            g.coordonnateur.service,
            g.coordonnateur.adresse
        );
        let deadline = typography::date(g.marche.date_limite_adhesion.value);
        let next: Vec<String> = [
            fr("portal-after-next-print"),
            fr_with(
                "portal-after-next-council",
                &[("signataire", Arg::Str(signataire.clone()))],
            ),
            fr("portal-after-next-prefecture"),
            fr_with(
                "portal-after-next-sign",
                &[("signataire", Arg::Str(signataire))],
            ),
            fr_with(
                "portal-after-next-send",
                &[
                    ("deadline", Arg::Str(deadline)),
                    ("adresse", Arg::Str(address)),
                ],
            ),
        ]
        .into();
        ctx.insert("next_steps", &next);
        ctx.insert("pieces", &self.piece_lines());
    }

    /// The three signed pieces, each with its status and, while it is missing or refused, the
    /// form that sends it.
    fn piece_lines(&self) -> Vec<PieceLine> {
        KINDS
            .iter()
            .map(|kind| {
                let label = fr(match *kind {
                    "convention" => "portal-piece-convention",
                    "annexe-2" => "portal-piece-annexe2",
                    _ => "portal-piece-deliberation",
                });
                let piece = self.pieces.iter().find(|p| p.kind == *kind);
                let (state, status, help) = piece_status(piece);
                let refused = state == "refusee";
                PieceLine {
                    kind,
                    label,
                    state,
                    status,
                    help,
                    can_send: piece.is_none() || refused,
                    send: fr(if refused {
                        "portal-piece-resend"
                    } else {
                        "portal-piece-send"
                    }),
                }
            })
            .collect()
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

/// A piece's state, its status in words and what to do about it.
fn piece_status(piece: Option<&Piece>) -> (&'static str, String, Option<String>) {
    let Some(p) = piece else {
        return ("manquante", fr("portal-piece-status-missing"), None);
    };
    match p.status.as_str() {
        "accepted" => match p.by_post.as_deref().and_then(Date::parse) {
            Some(day) => (
                "acceptee",
                fr_with(
                    "portal-piece-by-post",
                    &[("date", Arg::Str(typography::date(day)))],
                ),
                None,
            ),
            None => ("acceptee", fr("portal-piece-status-accepted"), None),
        },
        "refused" => (
            "refusee",
            fr_with(
                "portal-piece-status-refused",
                &[("reason", Arg::Str(p.reason.clone()))],
            ),
            Some(fr("portal-piece-refused-help")),
        ),
        _ => {
            let day =
                when_parts(p.received_at).map_or_else(String::new, |(d, _, _)| typography::date(d));
            (
                "recue",
                fr_with("portal-piece-status-received", &[("date", Arg::Str(day))]),
                None,
            )
        }
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

    /// The sample campaign's file (its deadline is 15 January 2022).
    fn campaign() -> Groupement {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        adhesion_core::load::load_groupement(root).unwrap().0
    }

    fn page<'a>(
        draft: &'a Draft,
        diagnostics: &'a [Diagnostic],
        status: Status,
        campaign: &'a Groupement,
    ) -> MemberPage<'a> {
        MemberPage {
            draft,
            status,
            closed: false,
            diagnostics,
            notice: Some(Notice {
                text: HOSTILE.into(),
                kind: "info",
            }),
            base: "/m/abc",
            preview_pages: 2,
            version: 7,
            campaign,
            today: Date::new(2022, 1, 12).unwrap(),
            saved_at: 0,
            deposited_at: None,
            pieces: &[],
            after_post: false,
        }
    }

    fn uai_error(text: &str) -> Diagnostic {
        Diagnostic::error(
            "uai",
            "/c/m.yaml",
            Message::new_in(
                Lang::Fr,
                "validate-uai-shape",
                vec![("text", Arg::Str(text.into()))],
            ),
        )
        .on("ecoles[0].uai")
    }

    #[test]
    fn values_are_escaped_data_never_template_source() {
        let (d, g) = (draft(), campaign());
        let diagnostics = vec![uai_error(HOSTILE)];
        let html = page(&d, &diagnostics, Status::Draft, &g).render();
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";
        assert!(!html.contains("<script>alert"), "{html}");
        // The school's name (a value), the notice, the error next to its field and in the summary.
        assert!(html.contains(&format!("value=\"{escaped}\"")), "{html}");
        assert!(html.contains(&format!(
            "<p class=\"avis info\" role=\"status\">{escaped}</p>"
        )));
        assert!(html.contains(&format!("«\u{a0}{escaped}\u{a0}» n’est pas un code UAI")));
        assert!(html.contains(&format!(
            "<li><a href=\"#f-ecoles-0-uai\">École 1, UAI\u{a0}: «\u{a0}{escaped}"
        )));
        // The school's legend names it.
        assert!(html.contains(&format!("<legend>École 1\u{a0}: {escaped}</legend>")));
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
        let (d, g) = (draft(), campaign());
        let diagnostics = vec![uai_error("faux")];
        let html = page(&d, &diagnostics, Status::Draft, &g).render();
        for part in [
            "<html lang=\"fr\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<link rel=\"stylesheet\" href=\"/static/portail.css\">",
            "<script src=\"/static/portail.js\" defer></script>",
            // The header: the groupement and its coordinator; the footer: the legal pages.
            "<p class=\"coordonnateur\">coordonné par le rectorat de Nantes (Délégation Académique au Numérique Éducatif)</p>",
            "<a href=\"/accessibilite\">Accessibilité\u{a0}: non conforme</a>",
            "<a href=\"/donnees-personnelles\">Données personnelles</a>",
            // The steps, the deadline with the days left, the contact.
            "<li class=\"etape courante\" aria-current=\"step\"><strong>1. Vérifier et compléter</strong>",
            "Date limite\u{a0}: 15\u{a0}janvier 2022, dans 3 jours",
            "<a href=\"mailto:adhesions.dane@ac-nantes.example\">",
            // Saving first: Enter saves, never adds a school.
            "<form method=\"post\" action=\"/m/abc\" id=\"fiche\" novalidate>\n\
             <input type=\"hidden\" name=\"version\" value=\"7\">\n\
             <div class=\"barre\"><button type=\"submit\" name=\"action\" value=\"enregistrer\">",
            "<p id=\"enregistrement\" role=\"status\">Pas encore enregistré</p>",
            // A coded field: required, its format under its label, its error, all described.
            "<label for=\"f-ecoles-0-uai\">UAI</label><p class=\"indication\" id=\"f-ecoles-0-uai-indication\">7 chiffres et une lettre, par exemple 0440069L</p>",
            "aria-describedby=\"f-ecoles-0-uai-indication f-ecoles-0-uai-message\" aria-invalid=\"true\">",
            "<p class=\"message erreur\" id=\"f-ecoles-0-uai-message\">",
            "<label for=\"f-ecoles-0-nom\">Nom de l’école<span class=\"requis\" aria-hidden=\"true\"> *</span></label>",
            // The labels without their section; autofill on the contact only.
            "<label for=\"f-signataire-prenom\">Prénom<span class=\"requis\" aria-hidden=\"true\"> *</span></label><input type=\"text\" id=\"f-signataire-prenom\" name=\"signataire.prenom\" value=\"\" autocomplete=\"off\" required>",
            "name=\"contact.prenom\" value=\"\" autocomplete=\"given-name\" required>",
            "<input type=\"number\" id=\"f-ecoles-1-eleves\" name=\"ecoles[1].eleves\" value=\"30\" min=\"0\" inputmode=\"numeric\" required>",
            "<fieldset class=\"ecole\" data-index=\"1\"><legend>École 2\u{a0}: Les Tilleuls</legend>",
            "<input type=\"checkbox\" id=\"f-ecoles-1-supprimer\" name=\"ecoles[1].supprimer\" value=\"1\">",
            "<p id=\"totaux\" aria-live=\"polite\">",
            "<div id=\"resume\" class=\"resume\" tabindex=\"-1\" aria-live=\"polite\"><h2>",
            "<button type=\"submit\" name=\"action\" value=\"ajouter\" class=\"secondaire\">",
            "<button type=\"submit\" name=\"action\" value=\"deposer\" aria-describedby=\"aide-depot\">Déposer le dossier…</button>",
            "<a href=\"/m/abc/annexe-2.pdf\">",
            "<img src=\"/m/abc/apercu/2.png\" alt=\"Annexe 2, page 2 sur 2",
            "<script type=\"application/json\" id=\"portail-textes\">{\"colon\":\"\u{a0}: \"",
        ] {
            assert!(html.contains(part), "{part}\nnot in\n{html}");
        }
        assert!(!html.contains(" disabled"));
        assert!(
            !html.contains("autofocus"),
            "no focus moved on a first load"
        );

        // Deposited: every field disabled, the version too (the page posts nothing), no button
        // of the form; the next steps and the pieces instead.
        let html = page(&d, &[], Status::Deposited, &g).render();
        assert!(html.contains("<input type=\"hidden\" name=\"version\" value=\"7\" disabled>"));
        assert!(html.contains(
            "name=\"ecoles[1].eleves\" value=\"30\" min=\"0\" inputmode=\"numeric\" required disabled>"
        ));
        assert!(
            html.contains("name=\"contact.civilite\" required disabled>")
                || html.contains("name=\"contact.civilite\" disabled>")
        );
        assert!(!html.contains("value=\"enregistrer\""));
        assert!(!html.contains("supprimer"));
        assert!(html.contains("<a href=\"/m/abc/attestation.pdf\">"));
        assert!(html.contains("<form method=\"post\" action=\"/m/abc/pieces/convention\" enctype=\"multipart/form-data\""));
        assert!(html.contains(
            "<li class=\"etape courante\" aria-current=\"step\"><strong>3. Imprimer, signer, faire délibérer</strong>"
        ));
    }

    #[test]
    fn after_a_post_with_errors_the_title_says_so_and_the_summary_takes_the_focus() {
        let (d, g) = (draft(), campaign());
        let diagnostics = vec![uai_error("faux")];
        let mut p = page(&d, &diagnostics, Status::Draft, &g);
        p.after_post = true;
        let html = p.render();
        assert!(html.contains("<title>Erreur\u{a0}: Adhésion au groupement de commandes"));
        assert!(html.contains(
            "<div id=\"resume\" class=\"resume\" tabindex=\"-1\" aria-live=\"polite\" autofocus>"
        ));
    }

    #[test]
    fn warnings_look_like_warnings() {
        let (d, g) = (draft(), campaign());
        let warning = Diagnostic::warning(
            "uai",
            "/c/m.yaml",
            Message::new_in(
                Lang::Fr,
                "validate-school-no-uai",
                vec![("school", Arg::Str("Les Tilleuls".into()))],
            ),
        )
        .on("ecoles[1].uai");
        let html = page(&d, &[warning], Status::Draft, &g).render();
        assert!(html.contains("<p class=\"message avertissement\" id=\"f-ecoles-1-uai-message\">"));
        assert!(!html.contains("aria-invalid"), "a warning is no error");
        assert!(!html.contains("<h2>1 erreur"), "nor in the summary");
    }

    #[test]
    fn script_texts_cannot_end_their_block() {
        // The only value written unescaped: its `<` must be JSON-escaped.
        assert!(!script_texts().contains('<'));
    }
}
