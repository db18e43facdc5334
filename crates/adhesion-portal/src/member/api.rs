//! The JSON API of a member's link (`GET`/`PUT /api/m/<token>`, `POST /api/m/<token>/deposer`):
//! the same rules as the page, for tools and for the page's script. Its texts are French.

use std::sync::Arc;

use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::page::{errors_title, saved_text, totals_text};
use super::with_member;
use crate::error::Error;
use crate::form;
use crate::http::{self, Client, Failure, Work};
use crate::service::App;
use crate::status::Status;
use crate::time::unix_now;

/// The diagnostics as `check --format json` gives them, each with its `field` when known, in
/// French.
fn diagnostics_json(app: &App, diagnostics: &[Diagnostic]) -> Value {
    let list: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut v: Value = serde_json::from_str(&d.to_json(&app.root)).unwrap_or(Value::Null);
            if let Some(o) = v.as_object_mut() {
                // The portal's own wording, whose fix is in the message: the command line's
                // message and hint name YAML keys.
                o.insert("message".into(), Value::String(form::portal_message(d)));
                o.insert("hint".into(), Value::Null);
                o.insert(
                    "field".into(),
                    d.field.clone().map_or(Value::Null, Value::String),
                );
            }
            v
        })
        .collect();
    Value::Array(list)
}

/// The member's status and values.
pub async fn get(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    with_member(app, token, Work::Light, move |app, current| {
        Ok(http::json(
            StatusCode::OK,
            json!({
                "status": current.row.status.word(),
                "closed": app.closed(),
                // Sent back with a PUT, it detects a save made meanwhile by another tab.
                "version": current.row.version,
                "notice": current
                    .file_changed
                    .then(|| text_in(Lang::Fr, "portal-file-changed", &[])),
                "member": form::to_json(&current.draft),
                "pieces": app.pieces(&current.row.id).iter().map(|p| json!({
                    "kind": p.kind, "status": p.status, "reason": p.reason,
                })).collect::<Vec<_>>(),
            }),
        ))
    })
    .await
    .into_response()
}

/// Saves the member sent (`{"version", "member"}`, or the member alone): its diagnostics, its
/// totals and its new version; 422 when it has errors (it is saved all the same), but for a
/// value over its limit (422 too, and nothing is saved).
pub async fn put(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    with_member(app, token, Work::Light, move |app, current| {
        if let Some(refusal) = app.locked(&current) {
            return Err(Failure::refused(&refusal, "", Vec::new()).json());
        }
        let value: Value = serde_json::from_slice(&body).map_err(|e| {
            let text = text_in(
                Lang::Fr,
                "portal-bad-json",
                &[("error", Arg::Str(e.to_string()))],
            );
            Failure::text(StatusCode::BAD_REQUEST, text).json()
        })?;
        // The member may come whole (`{"member": {...}}`, as GET gives it) or alone.
        let member = value.get("member").unwrap_or(&value);
        let expected = value.get("version").and_then(Value::as_i64);
        let (fields, input) = form::fields_from_json(member, &current.path);
        let (draft, checked, version) = app
            .save(&current, &fields, input, expected, &client.0)
            .map_err(|e| match e {
                Error::OverLimit(problems) => Failure::from(Error::OverLimit(Vec::new()))
                    .json()
                    .with("diagnostics", diagnostics_json(app, &problems)),
                e => Failure::from(e).json(),
            })?;
        let status = if checked.has_errors() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        // The totals of the draft as saved (also when it does not load).
        let schools = draft.ecoles.len();
        let pupils = adhesion_core::validate::totals::pupils(draft.ecoles.iter().map(|e| e.eleves));
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        Ok(http::json(
            status,
            json!({
                "version": version,
                "diagnostics": diagnostics_json(app, &checked.diagnostics),
                "totals": {"schools": schools, "pupils": pupils},
                // The page's texts that depend on these numbers, from the catalogue.
                "texts": {
                    "totals": totals_text(schools, pupils),
                    "errors": errors_title(errors),
                    "saved": saved_text(unix_now()),
                },
            }),
        ))
    })
    .await
    .into_response()
}

/// Deposits the member's saved draft; refused with the reason and its diagnostics.
pub async fn deposit(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path(token): Path<String>,
) -> Response {
    with_member(app, token, Work::Light, move |app, current| {
        match app
            .deposit(&current, &client.0)
            .map_err(|e| Failure::from(e).json())?
        {
            Ok(()) => Ok(http::json(
                StatusCode::OK,
                json!({"status": Status::Deposited.word()}),
            )),
            Err((refusal, checked)) => {
                let diagnostics = checked.as_ref().map_or(Value::Array(Vec::new()), |c| {
                    diagnostics_json(app, &c.diagnostics)
                });
                Err(Failure::refused(&refusal, "", Vec::new())
                    .json()
                    .with("diagnostics", diagnostics))
            }
        }
    })
    .await
    .into_response()
}
