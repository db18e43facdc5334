//! The desk's downloads: the recap (workbook and CSV) and the audit log (CSV, sent as it is
//! read, never loaded whole), which only read; the invitations (CSV), which invite the members
//! not yet invited, so a POST with the session's CSRF token.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

use super::session::{Signed, SignedForm};
use crate::db::AuditEntry;
use crate::http::{self, Failure, Work};
use crate::service::App;
use crate::service::links::invitations_csv;
use crate::time::iso;
use adhesion_core::sheet::Sheet;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";
/// Lines of the audit log read at once for its CSV.
const JOURNAL_BATCH: usize = 500;

/// `GET /admin/<file>`: the recap.
pub async fn download(
    State(app): State<Arc<App>>,
    Signed(_): Signed,
    Path(file): Path<String>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| match file.as_str() {
        "recapitulatif.xlsx" => {
            let recap = app.recap().map_err(Failure::internal)?;
            let bytes = adhesion_core::write::xlsx::recap_xlsx(&recap, app.pipeline.date)
                .map_err(Failure::internal)?;
            Ok(http::attachment(XLSX, &file, bytes))
        }
        "recapitulatif.csv" => {
            let recap = app.recap().map_err(Failure::internal)?;
            Ok(http::attachment(CSV, &file, recap.csv().into_bytes()))
        }
        _ => Err(Failure::not_found()),
    })
    .await
    .into_response()
}

/// `POST /admin/invitations.csv`: invites the members not yet invited; their links, once.
pub async fn invitations(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    form: SignedForm,
) -> Response {
    let _ = form;
    http::blocking(&app, Work::Light, move |app| {
        let csv = invitations_csv(&app.db, &app.root, &http::base_url(app, &headers))?;
        Ok::<_, Failure>(http::attachment(CSV, "invitations.csv", csv.into_bytes()))
    })
    .await
    .into_response()
}

/// `GET /admin/journal.csv`: the audit log as CSV (the French spreadsheet format: time in
/// Paris, ISO 8601 with its offset; member, action, details, address), read and sent
/// [`JOURNAL_BATCH`] lines at a time.
pub async fn journal(State(app): State<Arc<App>>, Signed(_): Signed) -> Response {
    let (sender, receiver) = mpsc::channel::<Bytes>(2);
    let id = crate::logging::request_id();
    tokio::spawn(async move {
        let mut first = Some(Sheet::new(&[
            "horodatage",
            "membre",
            "action",
            "detail",
            "adresse",
        ]));
        let mut after = 0;
        loop {
            // Each batch on a permit of its own: a slow reader holds none.
            let batch = http::blocking(&app, Work::Light, move |app| {
                app.db.lock().sql().audit_after(after, JOURNAL_BATCH)
            })
            .await;
            let batch = match batch {
                Ok(Ok(batch)) => batch,
                Ok(Err(e)) => {
                    tracing::error!(id = %id, cause = %e, "journal.csv cut short");
                    break;
                }
                Err(_) => break,
            };
            let last = batch.len() < JOURNAL_BATCH;
            after = batch.last().map_or(after, |e| e.id);
            let mut sheet = first.take().unwrap_or_else(Sheet::continued);
            rows(&mut sheet, &batch);
            let text = sheet.finish();
            if (!text.is_empty() && sender.send(Bytes::from(text)).await.is_err()) || last {
                break;
            }
        }
    });
    (
        [
            (header::CONTENT_TYPE, CSV),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"journal.csv\"",
            ),
        ],
        Body::from_stream(Chunks(receiver)),
    )
        .into_response()
}

/// The lines of `log` in `sheet`.
fn rows(sheet: &mut Sheet, log: &[AuditEntry]) {
    for e in log {
        let member = e.member.clone().unwrap_or_default();
        sheet.row(&[
            iso(e.at),
            member,
            e.action.clone(),
            e.detail.clone(),
            e.address.clone(),
        ]);
    }
}

/// The parts of a body as they are made.
struct Chunks(mpsc::Receiver<Bytes>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, std::convert::Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(Ok))
    }
}
