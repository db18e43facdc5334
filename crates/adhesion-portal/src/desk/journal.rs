//! The audit log on the desk: its page (the latest first) and its lines in French.

use std::sync::Arc;

use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tera::Context;

use super::session::Signed;
use super::{fr, page_of};
use crate::db::AuditEntry;
use crate::http::{self, Work};
use crate::service::App;
use crate::time::when;

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

/// The fields changed of a save, « champ : avant → après ».
fn detail_text(detail: &str) -> String {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(detail)
    else {
        return detail.to_owned();
    };
    let text =
        |c: &serde_json::Value, key: &str| Arg::Str(c[key].as_str().unwrap_or_default().to_owned());
    list.iter()
        .map(|c| {
            text_in(
                Lang::Fr,
                "desk-change",
                &[
                    ("field", text(c, "champ")),
                    ("old", text(c, "avant")),
                    ("new", text(c, "apres")),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\u{202f}; ")
}

/// `GET /admin/journal`: the whole audit log, the latest first.
pub async fn page(State(app): State<Arc<App>>, Signed(session): Signed) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let mut log = app.db.lock().sql().audit_log(None).unwrap_or_default();
        log.reverse();
        let mut ctx = Context::new();
        ctx.insert("entries", &entries(log));
        http::html(
            StatusCode::OK,
            page_of(
                app,
                "desk_journal.html",
                &fr("desk-journal"),
                ctx,
                Some(&session.csrf),
            ),
        )
    })
    .await
    .into_response()
}
