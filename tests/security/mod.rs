//! The findings of the security review of the portal (issue 22), each closed by a test:
//! sign-in throttling ([`signin`]), the member's link ([`member`]: limits that refuse, permits
//! after identity, numbers that cannot wrap, « ouvert » at the first interaction), the desk
//! ([`desk`]: no GET that changes state, sessions with an end, a paginated and streamed
//! journal, HSTS, formula-safe CSV), and the server as a process ([`server`]: slow clients, the
//! connection limit, the warnings at start, the files' modes, the log). `docs/portal.md`
//! (« Sécurité ») lists them.

use crate::common;
use crate::common::http as web;

use std::path::Path;
use std::sync::Arc;

use adhesion_core::date::Date;
use adhesion_portal::App;
use adhesion_portal::db::Db;
use adhesion_portal::service::{auth, links};
use axum::http::StatusCode;
use web::{Answer, enc};

mod desk;
mod member;
mod server;
mod signin;

/// Before the sample campaign's deadline.
const TODAY: Date = Date {
    year: 2022,
    month: 1,
    day: 10,
};
const PASSWORD: &str = "le mot de passe du rectorat";

fn app(root: &Path) -> Arc<App> {
    Arc::new(App::open(root, Some(TODAY)).unwrap())
}

/// The app behind a reverse proxy: the client's address is the last of `X-Forwarded-For`.
fn proxied(root: &Path) -> Arc<App> {
    Arc::new(App::open(root, Some(TODAY)).unwrap().with_proxy(true))
}

fn token_of(root: &Path, id: &str) -> String {
    let invited = links::invite(&Db::open(root).unwrap(), root, &[id.to_owned()]).unwrap();
    invited[0].1.clone().unwrap()
}

pub(crate) fn set_password(root: &Path) {
    auth::set_password(&Db::open(root).unwrap(), PASSWORD).unwrap();
}

/// `method uri` with `headers` and a form body.
async fn form(
    app: &Arc<App>,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Answer {
    let body = body.map(|f| ("application/x-www-form-urlencoded", f));
    web::request(app, method, uri, headers, body).await
}

/// The sign-in form's cookie (`Cookie` header value) and CSRF field.
async fn login_form(app: &Arc<App>, headers: &[(&str, &str)]) -> (String, String) {
    let page = form(app, "GET", "/admin/login", headers, None).await;
    let cookie = format!(
        "adhesion_connexion={}",
        page.cookie("adhesion_connexion").unwrap()
    );
    (cookie, page.csrf())
}

/// A sign-in with `password` from `address` (an `X-Forwarded-For`, for an app behind a proxy).
async fn sign_in_as(
    app: &Arc<App>,
    address: &str,
    login: &(String, String),
    password: &str,
) -> Answer {
    let body = format!("csrf={}&password={}", login.1, enc(password));
    let headers = [("cookie", login.0.as_str()), ("x-forwarded-for", address)];
    form(app, "POST", "/admin/login", &headers, Some(body)).await
}

/// Signs in (from `address`); gives the session's `Cookie` header value and the desk's CSRF.
pub(crate) async fn session(app: &Arc<App>, address: &str) -> (String, String) {
    let login = login_form(app, &[]).await;
    let answer = sign_in_as(app, address, &login, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    let cookie = format!(
        "adhesion_session={}",
        answer.cookie("adhesion_session").unwrap()
    );
    let desk = form(app, "GET", "/admin", &[("cookie", &cookie)], None).await;
    assert_eq!(desk.status, StatusCode::OK);
    (cookie, desk.csrf())
}

/// The member's JSON as the API gives it.
async fn member_json(app: &Arc<App>, token: &str) -> serde_json::Value {
    web::request(app, "GET", &format!("/api/m/{token}"), &[], None)
        .await
        .json()
}

/// Saves `member` through the API.
async fn put_member(app: &Arc<App>, token: &str, member: &serde_json::Value) -> Answer {
    let body = serde_json::json!({ "member": member }).to_string();
    web::request(
        app,
        "PUT",
        &format!("/api/m/{token}"),
        &[],
        Some(("application/json", body)),
    )
    .await
}

/// A copy of the sample campaign.
fn campaign() -> tempfile::TempDir {
    common::sample_campaign()
}
