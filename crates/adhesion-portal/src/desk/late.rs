//! The members late (`GET /admin/retards`): those whose file is not deposited, with their
//! contact's name, phone and e-mail, for phoning; filtered by department, status and name, and
//! exported with the same filter as CSV (`retards.csv`, the French spreadsheet format) and as a
//! workbook (`retards.xlsx`).

use std::collections::BTreeSet;
use std::sync::Arc;

use adhesion_core::communes::fold;
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::sheet::Sheet;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::session::Signed;
use super::{fr, page_of};
use crate::http::{self, Failure, Work};
use crate::service::App;
use crate::service::campaign::MemberLine;
use crate::status::Status;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";

/// The list's filter: `?departement=44&statut=brouillon&q=laval` (French: the URLs are the
/// interface).
#[derive(Debug, Default, Deserialize, Clone)]
pub struct LateQuery {
    departement: Option<String>,
    statut: Option<String>,
    q: Option<String>,
}

impl LateQuery {
    /// The query string that keeps this filter, for the downloads' links.
    fn url(&self) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("departement", &self.departement),
            ("statut", &self.statut),
            ("q", &self.q),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                url.append_pair(key, v);
            }
        }
        url.finish()
    }
}

/// A choice of the filter.
#[derive(Serialize)]
struct Choice {
    key: String,
    word: String,
    selected: bool,
}

/// A member late as the page lists it: its line, and its phone for a `tel:` link.
#[derive(Serialize)]
struct LateRow {
    #[serde(flatten)]
    line: MemberLine,
    tel: String,
}

/// The statuses of a member late, in the filter's order.
const LATE: [Status; 5] = [
    Status::NotInvited,
    Status::Invited,
    Status::Opened,
    Status::Draft,
    Status::Reopened,
];

/// The columns of the exports, in French: the files are for the coordinator's spreadsheet.
const HEADERS: [&str; 8] = [
    "Identifiant",
    "Membre",
    "Département",
    "État",
    "Contact",
    "Téléphone",
    "Courriel",
    "Dernière modification",
];

/// The members late that `query` keeps, by department then name.
fn late(app: &App, query: &LateQuery) -> Vec<MemberLine> {
    let department = query.departement.as_deref().filter(|s| !s.is_empty());
    let status = query.statut.as_deref().filter(|s| !s.is_empty());
    let q = query.q.as_deref().map(fold).filter(|s| !s.is_empty());
    let mut rows: Vec<MemberLine> = app
        .member_lines()
        .into_iter()
        .filter(|r| !r.deposited)
        .filter(|r| department.is_none_or(|d| d == r.department))
        .filter(|r| status.is_none_or(|s| s == r.status_key))
        .filter(|r| {
            q.as_ref().is_none_or(|q| {
                fold(&r.name).contains(q.as_str())
                    || r.id.contains(q.as_str())
                    || fold(&r.contact).contains(q.as_str())
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.department, fold(&a.name), &a.id).cmp(&(&b.department, fold(&b.name), &b.id))
    });
    rows
}

/// `GET /admin/retards`.
pub async fn page(
    State(app): State<Arc<App>>,
    Signed(session): Signed,
    Query(query): Query<LateQuery>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let departments: BTreeSet<String> = app
            .member_lines()
            .into_iter()
            .filter(|r| !r.deposited && !r.department.is_empty())
            .map(|r| r.department)
            .collect();
        let rows = late(app, &query);
        let mut ctx = Context::new();
        ctx.insert(
            "departments",
            &departments
                .into_iter()
                .map(|d| Choice {
                    selected: query.departement.as_deref() == Some(d.as_str()),
                    word: d.clone(),
                    key: d,
                })
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "statuses",
            &LATE
                .into_iter()
                .map(|s| Choice {
                    key: s.url_key().to_owned(),
                    word: s.word(),
                    selected: query.statut.as_deref() == Some(s.url_key()),
                })
                .collect::<Vec<_>>(),
        );
        ctx.insert("q", &query.q.clone().unwrap_or_default());
        ctx.insert(
            "shown",
            &text_in(
                Lang::Fr,
                "desk-late-shown",
                &[("count", Arg::Num(rows.len() as i64))],
            ),
        );
        let filter = query.url();
        let suffix = if filter.is_empty() {
            String::new()
        } else {
            format!("?{filter}")
        };
        ctx.insert("suffix", &suffix);
        let rows: Vec<LateRow> = rows
            .into_iter()
            .map(|line| LateRow {
                tel: line.phone.chars().filter(|c| !c.is_whitespace()).collect(),
                line,
            })
            .collect();
        ctx.insert("rows", &rows);
        http::html(
            StatusCode::OK,
            page_of(
                app,
                "desk_late.html",
                &fr("desk-late-title"),
                ctx,
                Some(&session.csrf),
            ),
        )
    })
    .await
    .into_response()
}

/// The cells of `rows`, in [`HEADERS`]' order.
fn cells(rows: &[MemberLine]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.department.clone(),
                r.status_word.clone(),
                r.contact.clone(),
                r.phone.clone(),
                r.email.clone(),
                if r.changed > 0 {
                    r.changed_text.clone()
                } else {
                    String::new()
                },
            ]
        })
        .collect()
}

/// `GET /admin/retards.csv`: the list with the page's filter, in the recap's spreadsheet
/// format (`;`, BOM, CRLF).
pub async fn csv(
    State(app): State<Arc<App>>,
    Signed(_): Signed,
    Query(query): Query<LateQuery>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let mut sheet = Sheet::new(&HEADERS);
        for row in cells(&late(app, &query)) {
            sheet.row(&row);
        }
        let bytes = sheet.finish().into_bytes();
        Ok::<_, Failure>(http::attachment(CSV, "retards.csv", bytes))
    })
    .await
    .into_response()
}

/// `GET /admin/retards.xlsx`: the same, as a workbook.
pub async fn xlsx(
    State(app): State<Arc<App>>,
    Signed(_): Signed,
    Query(query): Query<LateQuery>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let rows = cells(&late(app, &query));
        let bytes = adhesion_core::write::xlsx::table_xlsx("Retards", &HEADERS, &rows)
            .map_err(Failure::internal)?;
        Ok::<_, Failure>(http::attachment(XLSX, "retards.xlsx", bytes))
    })
    .await
    .into_response()
}
