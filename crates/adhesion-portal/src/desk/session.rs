//! The desk's sessions over HTTP: the cookies, the sign-in and sign-out, and the extractors
//! that give a handler its session ([`Signed`]) or its session and a form carrying the
//! session's CSRF token ([`SignedForm`]).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Extension, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};
use tera::Context;

use super::{fr, page_of};
use crate::http::{self, Client, Failure, Work};
use crate::secret::{new_token, same_secret};
use crate::service::App;
use crate::service::auth::{self, Session};
use crate::time::unix_now;

/// The desk's session cookie and the sign-in form's CSRF cookie, sent to `/admin` only.
const SESSION_COOKIE: &str = "adhesion_session";
const LOGIN_COOKIE: &str = "adhesion_connexion";

/// The value of cookie `name`.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A cookie for `/admin`: `HttpOnly`, `SameSite=Strict`, `Secure` behind an HTTPS proxy;
/// removed by a `max_age` of 0.
fn set_cookie(
    app: &App,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: Option<i64>,
) -> HeaderValue {
    let mut c = Cookie::build((name, value))
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(http::https(app, headers));
    if let Some(age) = max_age {
        c = c.max_age(cookie::time::Duration::seconds(age));
    }
    HeaderValue::from_str(&c.build().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The page that says how to set the desk's password, when none is set.
fn setup_page(app: &App) -> Response {
    http::html(
        StatusCode::OK,
        page_of(
            app,
            "desk_setup.html",
            &fr("desk-title"),
            Context::new(),
            None,
        ),
    )
}

/// The session of a request signed in; without one, the request gets the set-up page (no
/// password yet) or is sent to the sign-in.
pub struct Signed(pub Session);

/// The session of cookie value `token`, or the response to give instead.
fn signed_in(app: &App, token: Option<String>) -> Result<Session, Response> {
    let db = app.db.lock();
    match auth::has_password(db.sql()) {
        Ok(true) => {}
        Ok(false) => return Err(setup_page(app)),
        Err(e) => return Err(Failure::from(e).into_response()),
    }
    let session = token.and_then(|t| auth::session(db.sql(), &t, unix_now()).ok().flatten());
    session.ok_or_else(|| http::see_other("/admin/login"))
}

impl FromRequestParts<Arc<App>> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        let token = cookie(&parts.headers, SESSION_COOKIE);
        http::blocking(app, Work::Light, move |app| signed_in(app, token))
            .await
            .map_err(IntoResponse::into_response)?
            .map(Signed)
    }
}

/// A form that changes something: signed in, and its `csrf` field the session's token (403
/// otherwise).
pub struct SignedForm {
    pub session: Session,
    pub form: Vec<(String, String)>,
}

impl SignedForm {
    /// The value of field `name` ("" when absent).
    pub fn field(&self, name: &str) -> &str {
        field(&self.form, name)
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

impl FromRequest<Arc<App>> for SignedForm {
    type Rejection = Response;

    async fn from_request(request: Request, app: &Arc<App>) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Signed(session) = Signed::from_request_parts(&mut parts, app).await?;
        let request = Request::from_parts(parts, body);
        let axum::Form(form) = axum::Form::<Vec<(String, String)>>::from_request(request, app)
            .await
            .map_err(IntoResponse::into_response)?;
        if !same_secret(field(&form, "csrf"), &session.csrf) {
            return Err(
                Failure::message(StatusCode::FORBIDDEN, "desk-form-expired").into_response()
            );
        }
        Ok(SignedForm { session, form })
    }
}

/// `GET /admin/login`.
pub async fn login_page(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    http::blocking(&app, Work::Light, move |app| {
        login_form(app, &headers, StatusCode::OK, None)
    })
    .await
    .into_response()
}

/// The sign-in form, with a fresh CSRF value in a cookie and in the form.
fn login_form(
    app: &App,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, Failure> {
    if !auth::has_password(app.db.lock().sql())? {
        return Ok(setup_page(app));
    }
    let value = new_token()?;
    let mut ctx = Context::new();
    ctx.insert("error", &error);
    let body = page_of(
        app,
        "desk_login.html",
        &fr("desk-sign-in"),
        ctx,
        Some(&value),
    );
    let mut response = http::html(status, body);
    response.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(app, headers, LOGIN_COOKIE, &value, None),
    );
    Ok(response)
}

/// `POST /admin/login`: the password checked (a few attempts per address and minute; past a
/// cap of failures, after a delay), a session opened. The form's CSRF token is checked before
/// the password, whose Argon2 runs on permits of its own.
pub async fn login(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Response {
    if !app.attempts.allow(client.0.parse().ok(), Instant::now()) {
        return Failure::too_many("desk-too-many-attempts", auth::ATTEMPTS_WINDOW).into_response();
    }
    let sent = field(&form, "csrf");
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if sent.is_empty() || !same_secret(sent, &expected) {
        return form_again(&app, headers, StatusCode::FORBIDDEN, "desk-form-expired").await;
    }
    if let Some(wait) = app.attempts.slow_down(Instant::now()) {
        tokio::time::sleep(wait).await;
    }
    match check_password(&app, field(&form, "password").to_owned()).await {
        Ok(true) => open_session(&app, client, headers).await,
        Ok(false) => {
            app.attempts.failed(Instant::now());
            let address = client.0;
            let audited = http::blocking(&app, Work::Light, move |app| {
                let _ = app
                    .db
                    .lock()
                    .sql()
                    .audit(None, "login-failed", "", &address);
            })
            .await;
            match audited {
                Ok(()) => {
                    form_again(
                        &app,
                        headers,
                        StatusCode::UNAUTHORIZED,
                        "desk-wrong-password",
                    )
                    .await
                }
                Err(failure) => failure.into_response(),
            }
        }
        Err(failure) => failure.into_response(),
    }
}

/// Whether `password` is the coordinator's: the stored hash read as light work, then Argon2 on
/// the permits of the passwords.
async fn check_password(app: &Arc<App>, password: String) -> Result<bool, Failure> {
    let hash = http::blocking(app, Work::Light, |app| {
        auth::password_hash(app.db.lock().sql())
    })
    .await??;
    http::blocking(app, Work::Password, move |_| {
        auth::matches(hash.as_deref(), &password)
    })
    .await
}

/// The sign-in form again, with `status` and the catalogue's `error`.
async fn form_again(
    app: &Arc<App>,
    headers: HeaderMap,
    status: StatusCode,
    error: &'static str,
) -> Response {
    http::blocking(app, Work::Light, move |app| {
        login_form(app, &headers, status, Some(fr(error)))
    })
    .await
    .into_response()
}

/// A session opened: its cookie set, the sign-in form's removed, to the desk (303).
async fn open_session(app: &Arc<App>, client: Client, headers: HeaderMap) -> Response {
    http::blocking(app, Work::Light, move |app| {
        let (token, _) = app.db.lock().transaction(|sql| {
            let opened = auth::open_session(sql, unix_now())?;
            sql.audit(None, "login", "", &client.0)?;
            Ok(opened)
        })?;
        let mut r = http::see_other("/admin");
        let h = r.headers_mut();
        h.append(
            header::SET_COOKIE,
            set_cookie(app, &headers, SESSION_COOKIE, &token, None),
        );
        h.append(
            header::SET_COOKIE,
            set_cookie(app, &headers, LOGIN_COOKIE, "", Some(0)),
        );
        Ok::<_, Failure>(r)
    })
    .await
    .into_response()
}

/// `POST /admin/logout`: the session ended, its cookie removed.
pub async fn logout(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    form: SignedForm,
) -> Response {
    let _ = form;
    http::blocking(&app, Work::Light, move |app| {
        let db = app.db.lock();
        if let Some(token) = cookie(&headers, SESSION_COOKIE) {
            let _ = auth::close_session(db.sql(), &token);
        }
        let _ = db.sql().audit(None, "logout", "", &client.0);
        let mut r = http::see_other("/admin/login");
        r.headers_mut().insert(
            header::SET_COOKIE,
            set_cookie(app, &headers, SESSION_COOKIE, "", Some(0)),
        );
        r
    })
    .await
    .into_response()
}
