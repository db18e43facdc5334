//! The audit log on the desk: its pages (the latest first, [`PAGE`] lines each, never the whole
//! log at once) and its lines in French.

use std::sync::Arc;

use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::session::Signed;
use super::{fr, page_of};
use crate::db::AuditEntry;
use crate::http::{self, Failure, Work};
use crate::service::App;
use crate::time::when;

/// Lines of the audit log on one page.
pub const PAGE: usize = 100;

/// A line of the audit log as the desk shows it.
#[derive(Serialize)]
pub struct Entry {
    when: String,
    member: String,
    action: String,
    detail: String,
    address: String,
}

/// The lines of `log`, in French.
pub fn entries(log: Vec<AuditEntry>) -> Vec<Entry> {
    log.into_iter()
        .map(|e| Entry {
            when: when(e.at),
            member: e.member.unwrap_or_default(),
            action: action_word(&e.action),
            detail: detail_text(&e.detail),
            address: e.address,
        })
        .collect()
}

/// An audit action in French.
fn action_word(action: &str) -> String {
    let id = format!("desk-action-{action}");
    let word = fr(&id);
    if word == id { action.to_owned() } else { word }
}

/// The fields changed of a save, « champ : avant → après » (and how many more, past those
/// the log keeps).
fn detail_text(detail: &str) -> String {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(detail)
    else {
        return detail.to_owned();
    };
    let text =
        |c: &serde_json::Value, key: &str| Arg::Str(c[key].as_str().unwrap_or_default().to_owned());
    list.iter()
        .map(|c| match c["autres"].as_u64() {
            Some(n) => text_in(
                Lang::Fr,
                "desk-change-more",
                &[("count", Arg::Num(n as i64))],
            ),
            None => text_in(
                Lang::Fr,
                "desk-change",
                &[
                    ("field", text(c, "champ")),
                    ("old", text(c, "avant")),
                    ("new", text(c, "apres")),
                ],
            ),
        })
        .collect::<Vec<_>>()
        .join("\u{202f}; ")
}

/// The journal's query: `?avant=<line>` (the lines before it), `?membre=<id>` (one member's).
#[derive(Debug, Default, Deserialize)]
pub struct JournalQuery {
    avant: Option<i64>,
    membre: Option<String>,
}

/// `GET /admin/journal`: a page of the audit log, the latest first, with a link to the older
/// lines.
pub async fn page(
    State(app): State<Arc<App>>,
    Signed(session): Signed,
    Query(query): Query<JournalQuery>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let member = query.membre.as_deref().filter(|m| !m.is_empty());
        let log = app.db.lock().sql().audit_page(member, query.avant, PAGE)?;
        let older = (log.len() == PAGE)
            .then(|| log.last().map(|e| older_link(e.id, member)))
            .flatten();
        let mut ctx = Context::new();
        ctx.insert("entries", &entries(log));
        ctx.insert("older", &older);
        let page = page_of(
            app,
            "desk_journal.html",
            &fr("desk-journal"),
            ctx,
            Some(&session.csrf),
        );
        Ok::<_, Failure>(http::html(StatusCode::OK, page))
    })
    .await
    .into_response()
}

/// The link to the lines before line `id` (of `member` only, when given).
fn older_link(id: i64, member: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.append_pair("avant", &id.to_string());
    if let Some(m) = member {
        url.append_pair("membre", m);
    }
    format!("/admin/journal?{}", url.finish())
}
