//! The desk's downloads: the recap (workbook and CSV), the invitations and the audit log (CSV).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::session::Signed;
use crate::db::AuditEntry;
use crate::http::{self, Failure, Work};
use crate::service::App;
use crate::service::links::invitations_csv;
use crate::time::iso;
use adhesion_core::sheet::Sheet;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";

/// `GET /admin/<file>`.
pub async fn download(
    State(app): State<Arc<App>>,
    Signed(_): Signed,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| match file.as_str() {
        "recapitulatif.xlsx" => {
            let bytes = adhesion_core::write::xlsx::recap_xlsx(&app.recap(), app.pipeline.date)
                .map_err(Failure::internal)?;
            Ok(http::attachment(XLSX, &file, bytes))
        }
        "recapitulatif.csv" => Ok(http::attachment(CSV, &file, app.recap().csv().into_bytes())),
        "invitations.csv" => {
            let csv = invitations_csv(&app.db, &app.root, &http::base_url(app, &headers))?;
            Ok(http::attachment(CSV, &file, csv.into_bytes()))
        }
        "journal.csv" => {
            let log = app.db.lock().sql().audit_log(None).unwrap_or_default();
            Ok(http::attachment(CSV, &file, journal_csv(&log).into_bytes()))
        }
        _ => Err(Failure::not_found()),
    })
    .await
    .into_response()
}

/// The audit log as CSV (the French spreadsheet format): time (Paris, ISO 8601 with its
/// offset), member, action, details, address.
fn journal_csv(log: &[AuditEntry]) -> String {
    let mut sheet = Sheet::new(&["horodatage", "membre", "action", "detail", "adresse"]);
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
    sheet.finish()
}
