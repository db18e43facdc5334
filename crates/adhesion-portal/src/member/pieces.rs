//! `POST /m/{token}/pieces/<kind>`: a signed piece sent by its member (a multipart form with
//! one file), checked to be what it says, then back to the page (303).

use std::sync::Arc;

use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{base, with_member};
use crate::http::{self, Client, Failure, Work};
use crate::service::App;
use crate::service::pieces::{MAX_BYTES, Refused};

/// The largest body of a piece's form: the file and the form's own bytes.
pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// Reads the form's file: its name and bytes (`None` without one, or past the limit).
async fn read_file(mut form: Multipart) -> Result<Option<(String, Vec<u8>)>, Refused> {
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() != Some("fichier") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        return match field.bytes().await {
            Ok(bytes) => Ok(Some((name, bytes.to_vec()))),
            Err(_) => Err(Refused::TooLarge(BODY_LIMIT)),
        };
    }
    Ok(None)
}

/// A refused piece as a page, with the way back.
fn refusal(refused: &Refused, back: &str) -> Failure {
    let (status, text) = match refused {
        Refused::Empty => (
            StatusCode::UNPROCESSABLE_ENTITY,
            text_in(Lang::Fr, "portal-piece-error-no-file", &[]),
        ),
        Refused::TooLarge(size) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            text_in(
                Lang::Fr,
                "portal-piece-error-size",
                &[
                    ("size", Arg::Num((*size as i64 + 999_999) / 1_000_000)),
                    ("max", Arg::Num((MAX_BYTES / 1_000_000) as i64)),
                ],
            ),
        ),
        Refused::Format => (
            StatusCode::UNPROCESSABLE_ENTITY,
            text_in(Lang::Fr, "portal-piece-error-format", &[]),
        ),
        Refused::NotDeposited => (
            StatusCode::CONFLICT,
            text_in(Lang::Fr, "portal-refused-not-deposited", &[]),
        ),
        Refused::Kind => return Failure::not_found(),
    };
    Failure::problem(status, text, back)
}

pub async fn upload(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((token, kind)): Path<(String, String)>,
    form: Multipart,
) -> Response {
    let back = base(&token);
    let file = match read_file(form).await {
        Ok(Some(file)) => file,
        Ok(None) => return refusal(&Refused::Empty, &back).into_response(),
        Err(r) => return refusal(&r, &back).into_response(),
    };
    with_member(app, token, Work::Light, move |app, current| {
        let (name, bytes) = &file;
        let status = current.row.status;
        match app.receive_piece(&current.row.id, status, &kind, name, bytes, &client.0)? {
            Ok(_) => Ok(http::see_other(&format!("{back}?piece#pieces-titre"))),
            Err(r) => Err(refusal(&r, &back)),
        }
    })
    .await
    .into_response()
}
