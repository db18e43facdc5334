//! The member's side: its page ([`page`]), the routes of its link ([`routes`]: the page, its
//! form, its PDFs, the preview), its deposit ([`deposit`]: the confirmation, the deposit), its
//! signed pieces ([`pieces`]) and the JSON API that tools and the page's script use ([`api`]).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::http::{self, Client, Failure, Work};
use crate::pages;
use crate::service::{App, Checked, Current, Refusal, auth};

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

/// Refuses (429) the requests of an address that sent
/// [`crate::service::limits::UNKNOWN_LINKS_PER_MINUTE`] unknown links in the last minute
/// (an IPv6 address by its /64), before they reach the database or the blocking pool. Only a
/// 404 whose link is unknown counts: a commune's own link answering 404 (a preview page gone
/// when a school was removed) never blocks it. A request whose address is not known is not
/// counted.
pub async fn refuse_link_guessers(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    request: Request,
    next: Next,
) -> Response {
    let Ok(address) = client.0.parse::<IpAddr>() else {
        return next.run(request).await;
    };
    let bucket = auth::bucket(Some(address));
    if let Some(wait) = app.unknown_links.exceeded(&bucket, Instant::now()) {
        return Failure::too_many("server-too-many-unknown-links", wait).into_response();
    }
    let token = token_in(request.uri().path()).map(str::to_owned);
    let response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND
        && let Some(token) = token
    {
        let known = http::blocking(&app, Work::Light, move |app| {
            app.db.lock().sql().member_by_token(&token)
        })
        .await;
        if matches!(known, Ok(Ok(None))) {
            // Refused beyond the map's bound too: the next request is then refused.
            let _ = app.unknown_links.allow(bucket, Instant::now());
        }
    }
    response
}

/// The link's token in a member route's `path` (`/m/{token}/...`, `/api/m/{token}/...`).
fn token_in(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/m/")
        .or_else(|| path.strip_prefix("/api/m/"))?;
    rest.split('/').next().filter(|t| !t.is_empty())
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_token_of_a_member_route() {
        assert_eq!(super::token_in("/m/abc"), Some("abc"));
        assert_eq!(super::token_in("/m/abc/annexe-2.pdf"), Some("abc"));
        assert_eq!(super::token_in("/api/m/abc/deposer"), Some("abc"));
        assert_eq!(super::token_in("/admin"), None);
        assert_eq!(super::token_in("/m/"), None);
    }
}
