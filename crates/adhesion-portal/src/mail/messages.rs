//! The messages: one Tera template in plain text per kind, in the campaign's
//! `templates/courriels/<kind>.txt` (written by `adhesion init`; the shipped one when the campaign
//! has none). Its first line is « Objet : … », the subject; the rest, after a blank line, the
//! body. The HTML alternative is made from the text: its paragraphs, its links.

use std::path::Path;

use adhesion_core::date::Date;
use adhesion_core::init::MAILS;
use adhesion_core::model::Groupement;
use adhesion_core::render::typography;
use serde::Serialize;
use tera::{Context, Tera};

/// The kinds sent by the portal on its own (`Auto-Submitted`), not at the coordinator's request.
pub fn automatic(kind: &str) -> bool {
    matches!(kind, "depot" | "reouverture" | "piece-refusee" | "complet")
}

/// The campaign's message templates, parsed.
pub struct Messages {
    tera: Tera,
}

/// A message made: its subject and its text.
#[derive(Debug, Clone, Serialize)]
pub struct Made {
    pub subject: String,
    pub body: String,
}

/// What a message says of one member, beside the campaign's facts.
#[derive(Debug, Default)]
pub struct Facts {
    pub member: String,
    /// Its personal link (an invitation, a reminder).
    pub link: Option<String>,
    /// The coordinator's reason (a piece refused).
    pub reason: Option<String>,
    /// The piece, with its article (« la convention d’adhésion signée »).
    pub piece: Option<String>,
    /// When it was deposited, in Paris (« 10 janvier 2022 à 14 h 05 »).
    pub deposited: Option<String>,
}

impl Messages {
    /// The templates of the campaign at `root`: an error names the file and what is wrong.
    pub fn load(root: &Path) -> Result<Messages, String> {
        let mut tera = Tera::new();
        for (kind, shipped) in MAILS {
            let path = root.join(format!("templates/courriels/{kind}.txt"));
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => shipped.to_owned(),
                Err(e) => return Err(format!("{} : {e}", path.display())),
            };
            tera.add_raw_template(kind, &text)
                .map_err(|e| format!("{} : {}", path.display(), tera_error(&e)))?;
        }
        Ok(Messages { tera })
    }

    /// Message `kind` for `facts`, on `today` (the days left before the deadline).
    pub fn make(
        &self,
        kind: &str,
        g: &Groupement,
        today: Date,
        facts: &Facts,
    ) -> Result<Made, String> {
        let text = self
            .tera
            .render(kind, &context(g, today, facts))
            .map_err(|e| format!("templates/courriels/{kind}.txt : {}", tera_error(&e)))?;
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let subject = first
            .strip_prefix("Objet")
            .map(|s| s.trim_start().trim_start_matches(':').trim())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                format!(
                    "templates/courriels/{kind}.txt : sa première ligne doit être « Objet : … »"
                )
            })?;
        Ok(Made {
            subject: subject.to_owned(),
            body: rest.trim_start_matches('\n').trim_end().to_owned() + "\n",
        })
    }

    /// Every template made once with sample facts: what `adhesion check` reports.
    pub fn check(&self, g: &Groupement, today: Date) -> Vec<String> {
        let facts = Facts {
            member: "Commune d’exemple".to_owned(),
            link: Some("https://exemple.fr/m/lien".to_owned()),
            reason: Some("motif".to_owned()),
            piece: Some("la convention d’adhésion signée".to_owned()),
            deposited: Some("10 janvier 2022 à 14 h 05".to_owned()),
        };
        MAILS
            .iter()
            .filter_map(|(kind, _)| self.make(kind, g, today, &facts).err())
            .collect()
    }
}

/// A Tera error with its causes, on one line.
fn tera_error(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(" : ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The values a template sees.
fn context(g: &Groupement, today: Date, facts: &Facts) -> Context {
    let deadline = g.marche.date_limite_adhesion.value;
    let days = today.days_until(deadline).max(0);
    let contact = g.coordonnateur.contact.as_ref();
    let mut ctx = Context::new();
    ctx.insert("membre", &serde_json::json!({ "nom": facts.member }));
    ctx.insert("lien", &facts.link);
    ctx.insert("motif", &facts.reason);
    ctx.insert("piece", &facts.piece);
    ctx.insert("date_depot", &facts.deposited);
    ctx.insert("date_limite", &typography::date(deadline));
    ctx.insert("jours_restants", &days);
    ctx.insert(
        "coordonnateur",
        &serde_json::json!({
            "nom": g.coordonnateur.nom,
            "service": g.coordonnateur.service,
            "signature": typography::capitalize_first(&g.coordonnateur.nom),
        }),
    );
    ctx.insert(
        "contact",
        &serde_json::json!({
            "courriel": contact.map(|c| c.courriel.value.clone()),
            "telephone": contact.map(|c| crate::pages::phone_text(&c.telephone.value)),
        }),
    );
    ctx.insert(
        "groupement",
        &serde_json::json!({
            "ent": g.groupement.ent,
            "denomination": g.groupement.denomination,
        }),
    );
    ctx
}

/// The HTML alternative of a message's `text`: its paragraphs, its lines, its links.
pub fn html(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let line = |l: &str| {
        l.split(' ')
            .map(|word| {
                if word.starts_with("https://") || word.starts_with("http://") {
                    let w = escape(word);
                    format!("<a href=\"{w}\">{w}</a>")
                } else {
                    escape(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<String> = p.trim().lines().map(line).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"></head>\n<body>\n{}\n</body>\n</html>\n",
        paragraphs.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_alternative_escapes_and_links() {
        let html = html("Bonjour <Mme>,\n\nVotre lien :\nhttps://a.fr/m/x?y=1&z\n");
        assert!(html.contains("<p>Bonjour &lt;Mme&gt;,</p>"), "{html}");
        assert!(
            html.contains("<a href=\"https://a.fr/m/x?y=1&amp;z\">https://a.fr/m/x?y=1&amp;z</a>"),
            "{html}"
        );
        assert!(html.contains("Votre lien :<br>"), "{html}");
    }
}
