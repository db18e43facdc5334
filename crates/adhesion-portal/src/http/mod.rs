//! What every route shares: the blocking runner and its permits, the client's address, the
//! security headers, and the responses (HTML, PDF, JSON, downloads, redirections). Failures have
//! one mapping to a response: [`Failure`].

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::service::App;

mod failure;

pub use failure::Failure;

/// The kind of work a request does on the blocking pool, each kind with permits of its own so
/// that light work never queues behind PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// A PDF, a preview, a page that lays the annexe 2 out.
    Compile,
    /// A save, the API's JSON, a deposit, the desk.
    Light,
    /// The Argon2 hash of a sign-in.
    Password,
}

/// Runs `work` off the async threads, holding a permit of its kind until the work is done: a
/// request given up meanwhile (its timeout) does not give the permit back while its work runs
/// on.
pub async fn blocking<T, F>(app: &Arc<App>, kind: Work, work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&App) -> T + Send + 'static,
{
    let pool = match kind {
        Work::Compile => &app.pool,
        Work::Light => &app.light,
        Work::Password => &app.password,
    };
    let permit = pool
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Failure::internal("pool closed"))?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&app)
    })
    .await
    .map_err(Failure::internal)
}

/// The client's address, for the audit log (empty when the server does not know it).
#[derive(Debug, Clone, Default)]
pub struct Client(pub String);

/// Gives every request its [`Client`], from the connection (`serve` records it); behind a
/// reverse proxy, from the last address of `X-Forwarded-For` (the one the proxy added).
pub async fn client_address(
    State(app): State<Arc<App>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !app.behind_proxy
        && request.headers().contains_key("x-forwarded-for")
        && !app.warned_proxy.swap(true, Ordering::Relaxed)
    {
        tracing::warn!("{}", adhesion_core::tr!("server-forwarded-ignored"));
    }
    let forwarded = app
        .behind_proxy
        .then(|| {
            request
                .headers()
                .get("x-forwarded-for")?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()
                .map(|a| a.trim().to_owned())
                .filter(|a| a.parse::<std::net::IpAddr>().is_ok())
        })
        .flatten();
    let address = forwarded.unwrap_or_else(|| {
        request
            .extensions()
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default()
    });
    request.extensions_mut().insert(Client(address));
    next.run(request).await
}

/// How long browsers keep to HTTPS once told (`Strict-Transport-Security`): a year.
const HSTS: &str = "max-age=31536000";

/// The headers of every response; behind an HTTPS proxy, `Strict-Transport-Security` too.
pub async fn security_headers(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
    let over_https = https(&app, request.headers());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if over_https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, "referrer-policy", "no-referrer");
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(
        h,
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    response
}

/// Whether the client reached the proxy over HTTPS (only believed behind a proxy).
pub fn https(app: &App, headers: &HeaderMap) -> bool {
    app.behind_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The portal's address as the client sees it, for the links it is given.
pub fn base_url(app: &App, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("127.0.0.1");
    let scheme = if https(app, headers) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A file of the portal's own (its script, its style sheet), cached for five minutes.
pub fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// An HTML page.
pub fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A JSON answer.
pub fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// A PDF shown in the browser, named `name`.
pub fn pdf(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A file to download.
pub fn attachment(kind: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A redirection after a form (303).
pub fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, to.to_owned())],
        Body::empty(),
    )
        .into_response()
}
