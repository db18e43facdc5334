//! The member's side: its page ([`page`]), the routes of its link ([`routes`]: the page, its
//! form, its PDFs, the preview), its deposit ([`deposit`]: the confirmation, the deposit), its
//! signed pieces ([`pieces`]) and the JSON API that tools and the page's script use ([`api`]).

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Response;
use axum::routing::{get, post};

use crate::http::{self, Failure, Work};
use crate::pages;
use crate::service::{App, Checked, Current, Refusal};

pub mod api;
pub mod deposit;
pub mod page;
pub mod pieces;
pub mod routes;

/// The routes of the members' links.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/m/{token}", get(routes::page).post(routes::save))
        .route(
            "/m/{token}/{action}",
            get(routes::get).post(deposit::deposit),
        )
        .route(
            "/m/{token}/pieces/{kind}",
            post(pieces::upload).layer(DefaultBodyLimit::max(pieces::BODY_LIMIT)),
        )
        .route("/m/{token}/apercu/{page}", get(routes::preview))
        .route("/api/m/{token}", get(api::get).put(api::put))
        .route("/api/m/{token}/deposer", post(api::deposit))
}

/// Runs `work` for the member of `token` on the blocking pool, with a permit of `kind`; an
/// unknown token is a 404. The link is checked first, as light work: a request with an unknown
/// link never takes (nor waits for) a permit of the compiling work.
async fn with_member<F>(
    app: Arc<App>,
    token: String,
    kind: Work,
    work: F,
) -> Result<Response, Failure>
where
    F: FnOnce(&App, Current) -> Result<Response, Failure> + Send + 'static,
{
    if kind != Work::Light {
        let t = token.clone();
        let known = http::blocking(&app, Work::Light, move |app| {
            app.db.lock().sql().member_by_token(&t)
        })
        .await??;
        if known.is_none() {
            return Err(Failure::not_found());
        }
    }
    http::blocking(&app, kind, move |app| match app.current(&token)? {
        Some(current) => work(app, current),
        None => Err(Failure::not_found()),
    })
    .await?
}

/// The refusal of a change, as a page with the draft's errors.
fn refused(refusal: &Refusal, back: &str, checked: Option<&Checked>) -> Failure {
    let problems = checked.map_or_else(Vec::new, |c| pages::problems_of(&c.diagnostics));
    Failure::refused(refusal, back, problems)
}

/// The path of the page of `token`.
fn base(token: &str) -> String {
    format!("/m/{token}")
}
