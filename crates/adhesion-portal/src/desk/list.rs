//! The desk's list of members (`GET /admin`): the campaign's progress and needs
//! ([`super::progress`]), the members per status, a filter by status and name, sorting by any
//! column.

use std::collections::BTreeMap;
use std::sync::Arc;

use adhesion_core::communes::fold;
use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::session::Signed;
use super::{fr, page_of};
use crate::http::{self, Work};
use crate::service::App;
use crate::service::campaign::MemberLine;
use crate::status::Status;

/// The list's query: `?statut=brouillon&q=laval&tri=eleves&ordre=desc` (French: the URLs are
/// the interface).
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    statut: Option<String>,
    q: Option<String>,
    tri: Option<String>,
    ordre: Option<String>,
}

/// A column's header: its label, the link that sorts by it, its `aria-sort`.
#[derive(Serialize)]
struct Column {
    key: &'static str,
    label: String,
    href: String,
    /// `ascending`, `descending` or "" (the `aria-sort` of its header).
    sort: &'static str,
}

/// A status in the filter, with its count.
#[derive(Serialize)]
struct StatusChoice {
    key: &'static str,
    word: String,
    count: usize,
    selected: bool,
}

/// The columns, by their key in the URL (`tri=`) and their label's id.
const COLUMNS: [(&str, &str); 7] = [
    ("nom", "desk-col-member"),
    ("departement", "desk-col-department"),
    ("statut", "desk-col-status"),
    ("modifie", "desk-col-changed"),
    ("ecoles", "desk-col-schools"),
    ("eleves", "desk-col-pupils"),
    ("avertissements", "desk-col-warnings"),
];

/// `GET /admin`.
pub async fn page(
    State(app): State<Arc<App>>,
    Signed(session): Signed,
    Query(query): Query<ListQuery>,
) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        let all = app.member_lines();
        let mut ctx = Context::new();
        super::progress::insert(&mut ctx, app, &all);
        insert_statuses(&mut ctx, &all, query.statut.as_deref());
        let count = all.len();
        let rows = shown(all, &query);
        ctx.insert(
            "shown",
            &text_in(
                Lang::Fr,
                "desk-shown",
                &[
                    ("shown", Arg::Num(rows.len() as i64)),
                    ("count", Arg::Num(count as i64)),
                ],
            ),
        );
        ctx.insert("rows", &rows);
        ctx.insert("columns", &columns(&query));
        ctx.insert("q", &query.q.clone().unwrap_or_default());
        http::html(
            StatusCode::OK,
            page_of(
                app,
                "desk.html",
                &fr("desk-title"),
                ctx,
                Some(&session.csrf),
            ),
        )
    })
    .await
    .into_response()
}

/// The number of members of each status (the filter's choices).
fn insert_statuses(ctx: &mut Context, all: &[MemberLine], selected: Option<&str>) {
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    for line in all {
        *counts.entry(line.status).or_default() += 1;
    }
    let statuses: Vec<StatusChoice> = Status::ALL
        .into_iter()
        .map(|s| StatusChoice {
            key: s.url_key(),
            word: s.word(),
            count: counts.get(&s).copied().unwrap_or(0),
            selected: selected == Some(s.url_key()),
        })
        .collect();
    ctx.insert("statuses", &statuses);
}

/// The members the query keeps, in its order.
fn shown(all: Vec<MemberLine>, query: &ListQuery) -> Vec<MemberLine> {
    let status = query.statut.as_deref().filter(|s| !s.is_empty());
    let q = query.q.as_deref().map(fold).filter(|s| !s.is_empty());
    let mut rows: Vec<MemberLine> = all
        .into_iter()
        .filter(|r| status.is_none_or(|s| s == r.status_key))
        .filter(|r| {
            q.as_ref()
                .is_none_or(|q| fold(&r.name).contains(q.as_str()) || r.id.contains(q.as_str()))
        })
        .collect();
    let by = query.tri.as_deref().unwrap_or("nom");
    let descending = query.ordre.as_deref() == Some("desc");
    rows.sort_by(|a, b| {
        let o = match by {
            "departement" => a.department.cmp(&b.department),
            "statut" => a.status_word.cmp(&b.status_word),
            "modifie" => a.changed.cmp(&b.changed),
            "ecoles" => a.schools.cmp(&b.schools),
            "eleves" => a.pupils.cmp(&b.pupils),
            "avertissements" => {
                (a.errors.len(), a.warnings.len()).cmp(&(b.errors.len(), b.warnings.len()))
            }
            _ => fold(&a.name).cmp(&fold(&b.name)),
        };
        let o = o.then_with(|| a.id.cmp(&b.id));
        if descending { o.reverse() } else { o }
    });
    rows
}

/// The columns' headers, each linking to the list sorted by it (the other way when it is the
/// current order), the filter kept.
fn columns(query: &ListQuery) -> Vec<Column> {
    let by = query.tri.as_deref().unwrap_or("nom");
    let descending = query.ordre.as_deref() == Some("desc");
    let status = query.statut.as_deref().filter(|s| !s.is_empty());
    COLUMNS
        .into_iter()
        .map(|(key, id)| {
            let current = by == key;
            let next = if current && !descending {
                "desc"
            } else {
                "asc"
            };
            let mut url = form_urlencoded::Serializer::new(String::new());
            if let Some(s) = status {
                url.append_pair("statut", s);
            }
            if let Some(q) = &query.q {
                url.append_pair("q", q);
            }
            url.append_pair("tri", key).append_pair("ordre", next);
            Column {
                key,
                label: fr(id),
                href: format!("/admin?{}", url.finish()),
                sort: match (current, descending) {
                    (true, false) => "ascending",
                    (true, true) => "descending",
                    _ => "",
                },
            }
        })
        .collect()
}
