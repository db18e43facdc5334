//! The signed pieces on the desk: each member's pieces with their files, the coordinator's
//! decision on each (accepted, or refused with its reason), and the paper originals received by
//! post.

use std::sync::Arc;

use adhesion_core::date::Date;
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::render::typography;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::session::{Signed, SignedForm};
use crate::http::{self, Client, Failure, Work};
use crate::service::App;
use crate::service::pieces::KINDS;
use crate::time::when;

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

/// A piece's line on the desk.
#[derive(Serialize)]
pub struct Line {
    id: Option<i64>,
    kind: &'static str,
    label: String,
    status: String,
    file: Option<String>,
    /// Received, waiting for a decision.
    waiting: bool,
}

/// The catalogue id of the label of piece `kind`.
fn label_id(kind: &str) -> &'static str {
    match kind {
        "convention" => "portal-piece-convention",
        "annexe-2" => "portal-piece-annexe2",
        _ => "portal-piece-deliberation",
    }
}

/// The lines of member `id`'s pieces, one per kind.
pub fn lines(app: &App, id: &str) -> Vec<Line> {
    let pieces = app.pieces(id);
    KINDS
        .iter()
        .map(|kind| {
            let piece = pieces.iter().find(|p| p.kind == *kind);
            let status = match piece {
                None => fr("portal-piece-status-missing"),
                Some(p) => match p.status.as_str() {
                    "accepted" => match p.by_post.as_deref().and_then(Date::parse) {
                        Some(day) => text_in(
                            Lang::Fr,
                            "portal-piece-by-post",
                            &[("date", Arg::Str(typography::date(day)))],
                        ),
                        None => fr("portal-piece-status-accepted"),
                    },
                    "refused" => text_in(
                        Lang::Fr,
                        "portal-piece-status-refused",
                        &[("reason", Arg::Str(p.reason.clone()))],
                    ),
                    _ => text_in(
                        Lang::Fr,
                        "desk-piece-received",
                        &[("when", Arg::Str(when(p.received_at)))],
                    ),
                },
            };
            Line {
                id: piece.map(|p| p.id),
                kind,
                label: fr(label_id(kind)),
                status,
                file: piece
                    .filter(|p| !p.file_name.is_empty())
                    .map(|p| p.file_name.clone()),
                waiting: piece.is_some_and(|p| p.status == "received"),
            }
        })
        .collect()
}

/// `GET /admin/membres/<id>/pieces/<piece>`: the file of a piece.
pub async fn file(
    State(app): State<Arc<App>>,
    Signed(_): Signed,
    Path((id, piece)): Path<(String, i64)>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let db = app.db.lock();
        let piece = db
            .sql()
            .piece(piece)?
            .filter(|p| p.member == id)
            .ok_or_else(Failure::not_found)?;
        let bytes = db
            .sql()
            .piece_content(piece.id)?
            .ok_or_else(Failure::not_found)?;
        let kind = match piece.media_type.as_str() {
            "image/png" => "image/png",
            "image/jpeg" => "image/jpeg",
            _ => "application/pdf",
        };
        Ok::<_, Failure>(http::attachment(kind, &piece.file_name, bytes))
    })
    .await
    .into_response()
}

/// `POST /admin/membres/<id>/pieces/<piece>/accepter` or `.../refuser` (with its `motif`).
pub async fn decide(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((id, piece, decision)): Path<(String, i64, String)>,
    form: SignedForm,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let accept = match decision.as_str() {
            "accepter" => true,
            "refuser" => false,
            _ => return Err(Failure::not_found()),
        };
        let belongs = app
            .db
            .lock()
            .sql()
            .piece(piece)?
            .is_some_and(|p| p.member == id);
        if !belongs {
            return Err(Failure::not_found());
        }
        let reason = form.field("motif").trim().to_owned();
        if !accept && reason.is_empty() {
            return Err(Failure::message(
                StatusCode::UNPROCESSABLE_ENTITY,
                "desk-reason-required",
            ));
        }
        if !app.decide_piece(piece, accept, &reason, &client.0)? {
            return Err(Failure::message(StatusCode::CONFLICT, "desk-piece-decided"));
        }
        Ok(http::see_other(&format!(
            "/admin/membres/{id}#pieces-titre"
        )))
    })
    .await
    .into_response()
}

/// `POST /admin/membres/<id>/courrier`: the paper original of a piece (`piece`), received by
/// post on `date`.
pub fn record_paper(
    app: &App,
    id: &str,
    form: &SignedForm,
    address: &str,
) -> Result<Response, Failure> {
    let kind = form.field("piece");
    let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
        return Err(Failure::message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-paper-invalid",
        ));
    };
    let Some(day) = Date::parse(form.field("date")) else {
        return Err(Failure::message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "desk-paper-invalid",
        ));
    };
    let deposited = app
        .db
        .lock()
        .sql()
        .member_by_id(id)?
        .is_some_and(|r| r.status.deposited());
    if !deposited {
        return Err(Failure::message(StatusCode::CONFLICT, "desk-not-deposited"));
    }
    app.record_paper(id, kind, day, address)?;
    Ok(http::see_other(&format!(
        "/admin/membres/{id}#pieces-titre"
    )))
}
