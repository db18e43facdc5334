//! The coordinator's desk (`/admin`, issue 15): sign-in, every member's status at a glance with
//! totals, filters and sorting; a member's data, PDFs and audit log; reopening, new links,
//! invitations by INSEE code; the recap and the logs as downloads. See `docs/portal.md`.
//!
//! Every page needs a live session ([`auth`]) except the sign-in; every form that changes
//! something carries the session's CSRF token. The lists come from the member files and the
//! database, never from a build: a member file that does not load shows its diagnostic on its
//! row.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use tera::Context;

use super::auth::{self, Session};
use super::routes::Client;
use super::state::{self, Status};
use super::{App, Current, page};
use adhesion_core::diagnostic::{Diagnostic, Severity};
use adhesion_core::i18n::{Arg, Lang, text_in};
use adhesion_core::load;
use adhesion_core::render::recap::{Recap, departement};
use adhesion_core::report::MemberReport;

/// The desk's session cookie and the sign-in form's CSRF cookie, sent to `/admin` only.
const SESSION_COOKIE: &str = "adhesion_session";
const LOGIN_COOKIE: &str = "adhesion_connexion";

/// The desk's routes.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/admin", get(home))
        .route("/admin/login", get(login_page).post(login))
        .route("/admin/logout", post(logout))
        .route("/admin/journal", get(journal))
        .route("/admin/inviter", post(invite))
        .route("/admin/membres/{id}", get(member))
        .route(
            "/admin/membres/{id}/{action}",
            get(member_pdf).post(member_action),
        )
        .route("/admin/{file}", get(download))
}

fn fr(id: &str) -> String {
    text_in(Lang::Fr, id, &[])
}

fn fr_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(Lang::Fr, id, args)
}

/// The desk's fixed texts, under the names the templates use (`desk-sign-in` → `sign_in`):
/// every message of `locales/fr/desk.ftl` without a variable.
fn texts() -> &'static BTreeMap<String, String> {
    static TEXTS: std::sync::LazyLock<BTreeMap<String, String>> = std::sync::LazyLock::new(|| {
        let source = adhesion_core::i18n::AREAS
            .iter()
            .find(|(area, _, _)| *area == "desk")
            .map_or("", |(_, fr, _)| *fr);
        source
            .lines()
            .filter_map(|line| {
                let (id, value) = line.split_once(" = ")?;
                let plain = id.starts_with("desk-") && !value.is_empty() && !value.contains('{');
                plain.then(|| (id["desk-".len()..].replace('-', "_"), fr(id)))
            })
            .collect()
    });
    &TEXTS
}

fn page_of(template: &str, title: &str, mut ctx: Context, csrf: Option<&str>) -> String {
    ctx.insert("d", texts());
    ctx.insert("csrf", &csrf.unwrap_or_default());
    page::render(template, title, ctx)
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn message(status: StatusCode, id: &str) -> Response {
    html(status, page::message(&fr(id)))
}

fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, to.to_owned())],
        Body::empty(),
    )
        .into_response()
}

/// The value of cookie `name`.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A cookie for `/admin`: `HttpOnly`, `SameSite=Strict`, `Secure` behind an HTTPS proxy.
fn set_cookie(
    app: &App,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: Option<i64>,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/admin; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if https(app, headers) {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether the client reached the proxy over HTTPS (only believed behind a proxy).
fn https(app: &App, headers: &HeaderMap) -> bool {
    app.behind_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The portal's address as the client sees it, for the links it is given.
fn base_url(app: &App, headers: &HeaderMap) -> String {
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

/// Runs `work` off the async threads.
async fn blocking<F>(app: Arc<App>, work: F) -> Response
where
    F: FnOnce(&App) -> Response + Send + 'static,
{
    let Ok(_permit) = app.light.acquire().await else {
        return message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error");
    };
    let app2 = app.clone();
    tokio::task::spawn_blocking(move || work(&app2))
        .await
        .unwrap_or_else(|_| message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"))
}

/// The session of the request, or the response to give instead: the set-up page with no
/// password, the sign-in page otherwise.
fn signed_in(app: &App, headers: &HeaderMap) -> Result<Session, Response> {
    let db = app.db();
    match auth::has_password(&db) {
        Ok(true) => {}
        Ok(false) => {
            let title = fr("desk-title");
            return Err(html(
                StatusCode::OK,
                page_of("desk_setup.html", &title, Context::new(), None),
            ));
        }
        Err(_) => {
            return Err(message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "portal-internal-error",
            ));
        }
    }
    let session = cookie(headers, SESSION_COOKIE)
        .and_then(|token| auth::session(&db, &token, state::unix_now()).ok().flatten());
    session.ok_or_else(|| see_other("/admin/login"))
}

/// The session of a form that changes something: signed in, and its `csrf` field the session's
/// token (403 otherwise).
fn signed_form(
    app: &App,
    headers: &HeaderMap,
    form: &[(String, String)],
) -> Result<Session, Response> {
    let session = signed_in(app, headers)?;
    if !csrf_ok(&session, form) {
        return Err(message(StatusCode::FORBIDDEN, "desk-form-expired"));
    }
    Ok(session)
}

/// Whether the form's `csrf` field is the session's token.
fn csrf_ok(session: &Session, form: &[(String, String)]) -> bool {
    form.iter()
        .find(|(k, _)| k == "csrf")
        .is_some_and(|(_, v)| auth::same_secret(v, &session.csrf))
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

// Sign-in and sign-out.

async fn login_page(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    blocking(app, move |app| {
        login_form(app, &headers, StatusCode::OK, None)
    })
    .await
}

/// The sign-in form, with a fresh CSRF value in a cookie and in the form.
fn login_form(
    app: &App,
    headers: &HeaderMap,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    match auth::has_password(&app.db()) {
        Ok(true) => {}
        Ok(false) => {
            let title = fr("desk-title");
            return html(
                StatusCode::OK,
                page_of("desk_setup.html", &title, Context::new(), None),
            );
        }
        Err(_) => return message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
    }
    let Ok(value) = state::new_token() else {
        return message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error");
    };
    let mut ctx = Context::new();
    ctx.insert("error", &error);
    let body = page_of("desk_login.html", &fr("desk-sign-in"), ctx, Some(&value));
    let mut response = html(status, body);
    response.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(app, headers, LOGIN_COOKIE, &value, None),
    );
    response
}

async fn login(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Response {
    if !app.attempts.allow(client.0.parse().ok(), Instant::now()) {
        let mut r = message(StatusCode::TOO_MANY_REQUESTS, "desk-too-many-attempts");
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return r;
    }
    blocking(app, move |app| {
        let sent = field(&form, "csrf");
        let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
        if sent.is_empty() || !auth::same_secret(sent, &expected) {
            return login_form(
                app,
                &headers,
                StatusCode::FORBIDDEN,
                Some(fr("desk-form-expired")),
            );
        }
        // Argon2 takes a while: the database is not held meanwhile.
        let Ok(hash) = auth::password_hash(&app.db()) else {
            return message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error");
        };
        let right = auth::matches(hash.as_deref(), field(&form, "password"));
        let db = app.db();
        match right {
            true => {}
            false => {
                let _ = state::audit(&db, None, "login-failed", "", &client.0);
                drop(db);
                return login_form(
                    app,
                    &headers,
                    StatusCode::UNAUTHORIZED,
                    Some(fr("desk-wrong-password")),
                );
            }
        }
        let Ok((token, _)) = auth::open_session(&db) else {
            return message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error");
        };
        let _ = state::audit(&db, None, "login", "", &client.0);
        let mut r = see_other("/admin");
        let h = r.headers_mut();
        h.append(
            header::SET_COOKIE,
            set_cookie(app, &headers, SESSION_COOKIE, &token, None),
        );
        h.append(
            header::SET_COOKIE,
            set_cookie(app, &headers, LOGIN_COOKIE, "", Some(0)),
        );
        r
    })
    .await
}

async fn logout(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Response {
    blocking(app, move |app| {
        if let Err(r) = signed_form(app, &headers, &form) {
            return r;
        }
        let db = app.db();
        if let Some(token) = cookie(&headers, SESSION_COOKIE) {
            let _ = auth::close_session(&db, &token);
        }
        let _ = state::audit(&db, None, "logout", "", &client.0);
        let mut r = see_other("/admin/login");
        r.headers_mut().insert(
            header::SET_COOKIE,
            set_cookie(app, &headers, SESSION_COOKIE, "", Some(0)),
        );
        r
    })
    .await
}

// The list of members.

/// What the desk shows of a member's values, kept while its text does not change.
#[derive(Debug, Clone)]
pub struct Summary {
    pub nom: String,
    pub departement: String,
    pub ecoles: usize,
    pub eleves: i64,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

/// One row of the desk.
#[derive(Debug, Clone, Serialize)]
pub struct DeskRow {
    pub id: String,
    pub nom: String,
    pub departement: String,
    /// The status's key (`brouillon`...), `non-invite` for a member not invited yet.
    pub statut: String,
    pub statut_mot: String,
    /// Seconds since 1970 of the last change in the portal, 0 when none.
    pub modifie: i64,
    pub modifie_texte: String,
    pub ecoles: usize,
    pub eleves: i64,
    pub avertissements: Vec<String>,
    pub erreurs: Vec<String>,
}

/// "16 décembre 2021 à 14 h 05" (UTC), or "" for 0.
fn when(seconds: i64) -> String {
    if seconds <= 0 {
        return String::new();
    }
    let Some(day) = adhesion_core::date::Date::from_unix(seconds) else {
        return String::new();
    };
    let minutes = seconds.rem_euclid(86_400) / 60;
    fr_with(
        "desk-when",
        &[
            (
                "date",
                Arg::Str(adhesion_core::render::typography::date(day)),
            ),
            ("hour", Arg::Str(format!("{}", minutes / 60))),
            ("minute", Arg::Str(format!("{:02}", minutes % 60))),
        ],
    )
}

fn summary(app: &App, path: &std::path::Path, text: String) -> Summary {
    let file = load::member_from_text(path, text);
    let diagnostics = app.pipeline.check(&file);
    let words = |sev: Severity| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .map(super::form::french_message)
            .collect()
    };
    let (warnings, errors) = (words(Severity::Warning), words(Severity::Error));
    match &file.member {
        Ok(m) => Summary {
            nom: m.collectivite.nom.value.clone(),
            departement: departement(m),
            ecoles: m.ecoles.value.len(),
            eleves: m.ecoles.value.iter().map(|e| e.eleves.value.max(0)).sum(),
            warnings,
            errors,
        },
        Err(_) => Summary {
            nom: String::new(),
            departement: String::new(),
            ecoles: 0,
            eleves: 0,
            warnings,
            errors,
        },
    }
}

impl App {
    /// Every member's row: its values from its draft (what the commune typed) or its file,
    /// checked with `adhesion check`'s rules; summaries are kept while a text does not change.
    pub fn desk_rows(&self) -> Vec<DeskRow> {
        let db_rows: HashMap<String, (Status, i64, Option<String>)> = {
            let db = self.db();
            let mut stmt = match db.prepare("SELECT id, status, updated_at, draft FROM members") {
                Ok(s) => s,
                Err(_) => return Vec::new(),
            };
            stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    (
                        Status::parse(&r.get::<_, String>(1)?).unwrap_or(Status::Draft),
                        r.get::<_, String>(2)?.parse::<i64>().unwrap_or(0),
                        r.get::<_, Option<String>>(3)?,
                    ),
                ))
            })
            .map(|rows| rows.filter_map(Result::ok).collect())
            .unwrap_or_default()
        };
        let mut rows = Vec::new();
        for (id, path) in state::member_files(&self.root) {
            let found = db_rows.get(&id);
            let text = match found.and_then(|(_, _, d)| d.clone()) {
                Some(draft) => Ok(draft),
                None => std::fs::read_to_string(&path),
            };
            let s = match text {
                Ok(text) => {
                    let key = state::file_hash(&text);
                    let cached = self
                        .summaries
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get(&id)
                        .filter(|(k, _)| *k == key)
                        .map(|(_, s)| s.clone());
                    match cached {
                        Some(s) => s,
                        None => {
                            let s = summary(self, &path, text);
                            self.summaries
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .insert(id.clone(), (key, s.clone()));
                            s
                        }
                    }
                }
                Err(e) => Summary {
                    nom: String::new(),
                    departement: String::new(),
                    ecoles: 0,
                    eleves: 0,
                    warnings: Vec::new(),
                    errors: vec![e.to_string()],
                },
            };
            let (statut, statut_mot, modifie) = match found {
                Some((status, at, _)) => (status.key().to_owned(), status.word().to_owned(), *at),
                None => ("non-invite".to_owned(), fr("desk-status-not-invited"), 0),
            };
            rows.push(DeskRow {
                nom: if s.nom.is_empty() { id.clone() } else { s.nom },
                id,
                departement: s.departement,
                statut,
                statut_mot,
                modifie,
                modifie_texte: when(modifie),
                ecoles: s.ecoles,
                eleves: s.eleves,
                avertissements: s.warnings,
                erreurs: s.errors,
            });
        }
        rows
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct ListQuery {
    statut: Option<String>,
    q: Option<String>,
    tri: Option<String>,
    ordre: Option<String>,
}

#[derive(Serialize, Default, Clone)]
struct Totals {
    departement: String,
    membres: usize,
    ecoles: usize,
    eleves: i64,
}

#[derive(Serialize)]
struct Column {
    key: &'static str,
    label: String,
    href: String,
    /// `ascending`, `descending` or "" (the `aria-sort` of its header).
    sort: &'static str,
}

#[derive(Serialize)]
struct StatusChoice {
    key: String,
    word: String,
    count: usize,
    selected: bool,
}

async fn home(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    blocking(app, move |app| {
        let session = match signed_in(app, &headers) {
            Ok(s) => s,
            Err(r) => return r,
        };
        let all = app.desk_rows();
        let mut total = Totals {
            departement: fr("desk-total"),
            ..Totals::default()
        };
        let mut by_dep: BTreeMap<String, Totals> = BTreeMap::new();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in &all {
            for t in [
                &mut total,
                by_dep
                    .entry(r.departement.clone())
                    .or_insert_with(|| Totals {
                        departement: r.departement.clone(),
                        ..Totals::default()
                    }),
            ] {
                t.membres += 1;
                t.ecoles += r.ecoles;
                t.eleves += r.eleves;
            }
            *counts.entry(r.statut.clone()).or_default() += 1;
        }
        let statut = query.statut.clone().filter(|s| !s.is_empty());
        let q = query
            .q
            .as_deref()
            .map(adhesion_core::communes::fold)
            .filter(|s| !s.is_empty());
        let mut rows: Vec<DeskRow> = all
            .into_iter()
            .filter(|r| statut.as_ref().is_none_or(|s| *s == r.statut))
            .filter(|r| {
                q.as_ref().is_none_or(|q| {
                    adhesion_core::communes::fold(&r.nom).contains(q.as_str())
                        || r.id.contains(q.as_str())
                })
            })
            .collect();
        let tri = query.tri.as_deref().unwrap_or("nom");
        let descending = query.ordre.as_deref() == Some("desc");
        rows.sort_by(|a, b| {
            let o = match tri {
                "departement" => a.departement.cmp(&b.departement),
                "statut" => a.statut_mot.cmp(&b.statut_mot),
                "modifie" => a.modifie.cmp(&b.modifie),
                "ecoles" => a.ecoles.cmp(&b.ecoles),
                "eleves" => a.eleves.cmp(&b.eleves),
                "avertissements" => (a.erreurs.len(), a.avertissements.len())
                    .cmp(&(b.erreurs.len(), b.avertissements.len())),
                _ => adhesion_core::communes::fold(&a.nom)
                    .cmp(&adhesion_core::communes::fold(&b.nom)),
            };
            let o = o.then_with(|| a.id.cmp(&b.id));
            if descending { o.reverse() } else { o }
        });
        let keep = |extra: &str| {
            let mut parts = Vec::new();
            if let Some(s) = &statut {
                parts.push(format!("statut={}", url_encode(s)));
            }
            if let Some(q) = &query.q {
                parts.push(format!("q={}", url_encode(q)));
            }
            parts.push(extra.to_owned());
            format!("/admin?{}", parts.join("&"))
        };
        let columns: Vec<Column> = [
            ("nom", "desk-col-member"),
            ("departement", "desk-col-department"),
            ("statut", "desk-col-status"),
            ("modifie", "desk-col-changed"),
            ("ecoles", "desk-col-schools"),
            ("eleves", "desk-col-pupils"),
            ("avertissements", "desk-col-warnings"),
        ]
        .into_iter()
        .map(|(key, id)| {
            let current = tri == key;
            let next = if current && !descending {
                "desc"
            } else {
                "asc"
            };
            Column {
                key,
                label: fr(id),
                href: keep(&format!("tri={key}&ordre={next}")),
                sort: match (current, descending) {
                    (true, false) => "ascending",
                    (true, true) => "descending",
                    _ => "",
                },
            }
        })
        .collect();
        let statuses: Vec<StatusChoice> = [
            Status::Invited,
            Status::Opened,
            Status::Draft,
            Status::Deposited,
            Status::Reopened,
        ]
        .iter()
        .map(|s| (s.key().to_owned(), s.word().to_owned()))
        .chain(std::iter::once((
            "non-invite".to_owned(),
            fr("desk-status-not-invited"),
        )))
        .map(|(key, word)| StatusChoice {
            count: counts.get(&key).copied().unwrap_or(0),
            selected: statut.as_deref() == Some(key.as_str()),
            key,
            word,
        })
        .collect();
        let mut ctx = Context::new();
        ctx.insert(
            "shown",
            &fr_with(
                "desk-shown",
                &[
                    ("shown", Arg::Num(rows.len() as i64)),
                    ("count", Arg::Num(total.membres as i64)),
                ],
            ),
        );
        ctx.insert("rows", &rows);
        ctx.insert("columns", &columns);
        ctx.insert("statuses", &statuses);
        ctx.insert("q", &query.q.clone().unwrap_or_default());
        ctx.insert("total", &total);
        ctx.insert("departements", &by_dep.into_values().collect::<Vec<_>>());
        html(
            StatusCode::OK,
            page_of("desk.html", &fr("desk-title"), ctx, Some(&session.csrf)),
        )
    })
    .await
}

fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// One member.

#[derive(Serialize)]
struct Entry {
    quand: String,
    membre: String,
    action: String,
    detail: String,
    adresse: String,
}

fn entries(log: Vec<state::AuditEntry>) -> Vec<Entry> {
    log.into_iter()
        .map(|e| Entry {
            quand: when(e.at),
            membre: e.member.unwrap_or_default(),
            action: action_word(&e.action),
            detail: detail_text(&e.detail),
            adresse: e.address,
        })
        .collect()
}

/// An audit action in French.
fn action_word(action: &str) -> String {
    let id = format!("desk-action-{action}");
    let word = fr(&id);
    if word == id { action.to_owned() } else { word }
}

/// The fields changed of a save, « champ : avant → après ».
fn detail_text(detail: &str) -> String {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(detail)
    else {
        return detail.to_owned();
    };
    list.iter()
        .map(|c| {
            fr_with(
                "desk-change",
                &[
                    (
                        "field",
                        Arg::Str(c["champ"].as_str().unwrap_or_default().to_owned()),
                    ),
                    (
                        "old",
                        Arg::Str(c["avant"].as_str().unwrap_or_default().to_owned()),
                    ),
                    (
                        "new",
                        Arg::Str(c["apres"].as_str().unwrap_or_default().to_owned()),
                    ),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\u{202f}; ")
}

/// The member `id` as its commune sees it (its draft, or its file), for the desk: not marked as
/// opened, nothing set aside; a member not invited yet has no row.
fn current_of(app: &App, id: &str) -> Option<Current> {
    let path = state::member_path(&app.root, id)?;
    let row = state::by_id(&app.db(), id).ok()?.unwrap_or(state::Row {
        id: id.to_owned(),
        status: Status::Invited,
        draft: None,
        version: 0,
        base_hash: None,
        notice: None,
    });
    let file_text = std::fs::read_to_string(&path).ok()?;
    Some(Current::new(row, path, file_text))
}

async fn member(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    blocking(app, move |app| {
        let session = match signed_in(app, &headers) {
            Ok(s) => s,
            Err(r) => return r,
        };
        member_view(app, &id, &session, StatusCode::OK, None)
    })
    .await
}

fn member_view(
    app: &App,
    id: &str,
    session: &Session,
    status: StatusCode,
    link: Option<String>,
) -> Response {
    let Some(row) = app.desk_rows().into_iter().find(|r| r.id == id) else {
        return html(StatusCode::NOT_FOUND, page::not_found());
    };
    let current = current_of(app, id);
    let values = current
        .as_ref()
        .map(|c| super::form::flatten(&c.draft))
        .unwrap_or_default();
    let fields: Vec<BTreeMap<&str, String>> = values
        .iter()
        .filter(|(k, _)| !k.starts_with("ecoles["))
        .map(|(k, v)| BTreeMap::from([("label", page::label_of(k)), ("value", v.clone())]))
        .collect();
    let schools: Vec<BTreeMap<&str, String>> = current
        .as_ref()
        .map(|c| {
            c.draft
                .ecoles
                .iter()
                .map(|e| {
                    BTreeMap::from([
                        ("nom", e.nom.clone()),
                        ("uai", e.uai.clone().unwrap_or_default()),
                        ("eleves", e.eleves.to_string()),
                    ])
                })
                .collect()
        })
        .unwrap_or_default();
    let log = state::audit_log(&app.db(), Some(id)).unwrap_or_default();
    let mut ctx = Context::new();
    ctx.insert("row", &row);
    ctx.insert("fields", &fields);
    ctx.insert("schools", &schools);
    ctx.insert("deposited", &(row.statut == Status::Deposited.key()));
    ctx.insert("entries", &entries(log));
    ctx.insert("link", &link);
    html(
        status,
        page_of("desk_member.html", &row.nom, ctx, Some(&session.csrf)),
    )
}

async fn member_pdf(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let Some(doc) = super::routes::pdf_of(&action) else {
        return html(StatusCode::NOT_FOUND, page::not_found());
    };
    let Ok(_permit) = app.pool.acquire().await else {
        return message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error");
    };
    let app2 = app.clone();
    tokio::task::spawn_blocking(move || {
        let app = &app2;
        if let Err(r) = signed_in(app, &headers) {
            return r;
        }
        match current_of(app, &id) {
            Some(current) => {
                super::routes::pdf_response(app, &current, doc, &format!("/admin/membres/{id}"))
            }
            None => html(StatusCode::NOT_FOUND, page::not_found()),
        }
    })
    .await
    .unwrap_or_else(|_| message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"))
}

async fn member_action(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Response {
    blocking(app, move |app| {
        let session = match signed_form(app, &headers, &form) {
            Ok(s) => s,
            Err(r) => return r,
        };
        if state::member_path(&app.root, &id).is_none() {
            return html(StatusCode::NOT_FOUND, page::not_found());
        }
        match action.as_str() {
            "rouvrir" => {
                let deposited = state::by_id(&app.db(), &id)
                    .ok()
                    .flatten()
                    .is_some_and(|r| r.status == Status::Deposited);
                if !deposited {
                    return message(StatusCode::CONFLICT, "desk-not-deposited");
                }
                match state::reopen(&app.root, &id, &client.0) {
                    Ok(()) => see_other(&format!("/admin/membres/{id}")),
                    Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
                }
            }
            "renouveler" => match state::renew(&app.root, &id, &client.0) {
                Ok(token) => {
                    let link = format!("{}/m/{token}", base_url(app, &headers));
                    member_view(app, &id, &session, StatusCode::OK, Some(link))
                }
                Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
            },
            _ => html(StatusCode::NOT_FOUND, page::not_found()),
        }
    })
    .await
}

/// The campaign's school list, when one was put in its folder (`ecoles.csv`, `.xlsx` or `.ods`):
/// a commune invited from the desk gets its public schools from it.
fn school_list(root: &std::path::Path) -> Option<PathBuf> {
    ["ecoles.csv", "ecoles.xlsx", "ecoles.ods"]
        .iter()
        .map(|n| root.join(n))
        .find(|p| p.is_file())
}

async fn invite(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<Vec<(String, String)>>,
) -> Response {
    blocking(app, move |app| {
        let session = match signed_form(app, &headers, &form) {
            Ok(s) => s,
            Err(r) => return r,
        };
        let code = field(&form, "insee").trim().to_owned();
        let commune = adhesion_core::validate::ids::insee(&code)
            .ok()
            .and_then(|c| adhesion_core::communes::all().by_insee(&c));
        let Some(commune) = commune else {
            return html(
                StatusCode::UNPROCESSABLE_ENTITY,
                page::message(&fr_with("desk-insee-unknown", &[("insee", Arg::Str(code))])),
            );
        };
        // Two communes of one name (Saint-Martin...) get ids of their own; the same commune
        // twice is refused by `new_member`, which names its file.
        let mut id = adhesion_core::member_file::names::slug(&commune.nom);
        if state::member_path(&app.root, &id).is_some() {
            id = format!("{id}-{}", commune.insee);
        }
        let mut options = adhesion_core::new::NewOptions {
            root: app.root.clone(),
            id: id.clone(),
            insee: Some(commune.insee.to_owned()),
            nom: None,
            ecoles: school_list(&app.root),
            force: false,
        };
        let mut made = adhesion_core::new::new_member(&options);
        if made.is_err() && options.ecoles.is_some() {
            // No school of this commune in the list: the member file without schools.
            options.ecoles = None;
            made = adhesion_core::new::new_member(&options);
        }
        if let Err(e) = made {
            return html(
                StatusCode::UNPROCESSABLE_ENTITY,
                page::message(&e.to_string()),
            );
        }
        let _ = state::audit(&app.db(), Some(&id), "new-member", "", &client.0);
        match state::invite(&app.root, std::slice::from_ref(&id)) {
            Ok(list) => {
                let link = list
                    .first()
                    .and_then(|(_, t)| t.clone())
                    .map(|t| format!("{}/m/{t}", base_url(app, &headers)));
                member_view(app, &id, &session, StatusCode::CREATED, link)
            }
            Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
        }
    })
    .await
}

// The audit log and the downloads.

async fn journal(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    blocking(app, move |app| {
        let session = match signed_in(app, &headers) {
            Ok(s) => s,
            Err(r) => return r,
        };
        let mut log = state::audit_log(&app.db(), None).unwrap_or_default();
        log.reverse();
        let mut ctx = Context::new();
        ctx.insert("entries", &entries(log));
        html(
            StatusCode::OK,
            page_of(
                "desk_journal.html",
                &fr("desk-journal"),
                ctx,
                Some(&session.csrf),
            ),
        )
    })
    .await
}

/// The recap of the member files as they are (the truth of `adhesion build`), each checked.
fn recap(app: &App) -> Recap {
    let files: Vec<load::MemberFile> = state::member_files(&app.root)
        .into_iter()
        .map(|(_, path)| load::load_member(&path))
        .collect();
    let reports: Vec<MemberReport> = files
        .iter()
        .map(|f| {
            let diagnostics = app.pipeline.check(f);
            let failed = diagnostics.iter().any(Diagnostic::is_error);
            MemberReport {
                id: f.id.clone(),
                path: f.source.path.clone(),
                status: if failed {
                    adhesion_core::report::Status::Failed
                } else {
                    adhesion_core::report::Status::Checked
                },
                diagnostics,
                pages: Vec::new(),
            }
        })
        .collect();
    Recap::new(&files, &reports)
}

fn attachment(kind: &'static str, name: &'static str, body: Vec<u8>) -> Response {
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

async fn download(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    blocking(app, move |app| {
        if let Err(r) = signed_in(app, &headers) {
            return r;
        }
        match file.as_str() {
            "recapitulatif.xlsx" => {
                match adhesion_core::write::xlsx::recap_xlsx(&recap(app), app.pipeline.date) {
                    Ok(bytes) => attachment(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "recapitulatif.xlsx",
                        bytes,
                    ),
                    Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
                }
            }
            "recapitulatif.csv" => attachment(
                "text/csv; charset=utf-8",
                "recapitulatif.csv",
                recap(app).csv().into_bytes(),
            ),
            "invitations.csv" => {
                match state::invitations_csv(&app.root, &base_url(app, &headers)) {
                    Ok(csv) => attachment(
                        "text/csv; charset=utf-8",
                        "invitations.csv",
                        csv.into_bytes(),
                    ),
                    Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
                }
            }
            "journal.csv" => {
                let log = state::audit_log(&app.db(), None).unwrap_or_default();
                attachment(
                    "text/csv; charset=utf-8",
                    "journal.csv",
                    journal_csv(&log).into_bytes(),
                )
            }
            _ => html(StatusCode::NOT_FOUND, page::not_found()),
        }
    })
    .await
}

/// The audit log as CSV: time (UTC, ISO 8601), member, action, details, address.
fn journal_csv(log: &[state::AuditEntry]) -> String {
    let mut out = String::from("horodatage,membre,action,detail,adresse\r\n");
    for e in log {
        let at = adhesion_core::date::Date::from_unix(e.at).map_or_else(String::new, |d| {
            let s = e.at.rem_euclid(86_400);
            format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
        });
        let fields = [
            at,
            e.member.clone().unwrap_or_default(),
            e.action.clone(),
            e.detail.clone(),
            e.address.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| state::csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}
