//! The portal's routes. Every handler runs its work (database, checks, Typst) on the blocking
//! pool, a permit of [`App::pool`](super::App) bounding how much runs at once. Nothing is logged:
//! the paths hold the tokens.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Extension, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tower_http::timeout::TimeoutLayer;

use super::page::{self, MemberPage};
use super::state;
use super::{App, Checked, Current, Error, Refusal, form};
use adhesion_core::document::Document;
use adhesion_core::i18n::{Lang, text_in};

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The longest a request may take, body included (a slow client, a queue of PDFs): past it,
/// 408. A PDF of a thousand schools takes about a second.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

const SCRIPT: &str = include_str!("portail.js");
const STYLE: &str = include_str!("portail.css");

/// The portal's routes over `app`.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/m/{token}", get(member_page).post(member_post))
        .route("/m/{token}/{action}", get(member_pdf).post(member_deposit))
        .route("/m/{token}/apercu/{page}", get(member_preview))
        .route("/api/m/{token}", get(api_get).put(api_put))
        .route("/api/m/{token}/deposer", axum::routing::post(api_deposit))
        .route("/static/portail.js", get(script))
        .route("/static/portail.css", get(style))
        .merge(super::desk::routes())
        .fallback(|| async { not_found() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(app.clone(), client_address))
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

/// The client's address, for the audit log (empty when the server does not know it).
#[derive(Debug, Clone, Default)]
pub struct Client(pub String);

/// Gives every request its [`Client`], from the connection (`serve` records it); behind a
/// reverse proxy, from the last address of `X-Forwarded-For` (the one the proxy added).
async fn client_address(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
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

/// The headers of every response.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
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

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        STYLE,
    )
        .into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn not_found() -> Response {
    html(StatusCode::NOT_FOUND, page::not_found())
}

/// A failure of the portal's work: 409 for a member deposited meanwhile (another tab), else
/// the internal error page.
fn failed(e: Error) -> Response {
    let refused = match e {
        Error::Deposited => Some("portal-refused-deposited"),
        Error::Conflict(_) => Some("portal-conflict"),
        Error::FileChanged => Some("portal-refused-file-changed"),
        _ => None,
    };
    if let Some(id) = refused {
        let text = text_in(Lang::Fr, id, &[]);
        return html(StatusCode::CONFLICT, page::message(&text));
    }
    internal(e)
}

fn internal(e: impl std::fmt::Display) -> Response {
    let _ = e;
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page::message(&text_in(Lang::Fr, "portal-internal-error", &[])),
    )
}

/// Runs `work` for the member of `token` on the blocking pool, holding a permit of the compiling
/// pool; an unknown token is a 404.
async fn with_member<F>(app: Arc<App>, token: String, work: F) -> Response
where
    F: FnOnce(&App, Current) -> Response + Send + 'static,
{
    run_member(app, token, false, work).await
}

/// As [`with_member`], for light work (no PDF, no layout): its own permits.
async fn with_member_light<F>(app: Arc<App>, token: String, work: F) -> Response
where
    F: FnOnce(&App, Current) -> Response + Send + 'static,
{
    run_member(app, token, true, work).await
}

async fn run_member<F>(app: Arc<App>, token: String, light: bool, work: F) -> Response
where
    F: FnOnce(&App, Current) -> Response + Send + 'static,
{
    let pool = if light { &app.light } else { &app.pool };
    let Ok(_permit) = pool.acquire().await else {
        return internal("pool closed");
    };
    let app2 = app.clone();
    let result = tokio::task::spawn_blocking(move || match app2.current(&token) {
        Ok(Some(current)) => work(&app2, current),
        Ok(None) => not_found(),
        Err(e) => failed(e),
    })
    .await;
    result.unwrap_or_else(internal)
}

fn base(token: &str) -> String {
    format!("/m/{token}")
}

fn render_page(app: &App, current: &Current, token: &str, notice: Option<String>) -> Response {
    let notice = notice.or_else(|| {
        current
            .file_changed
            .then(|| text_in(Lang::Fr, "portal-file-changed", &[]))
    });
    render_draft(
        app,
        current,
        &current.draft,
        current.row.version,
        token,
        notice,
        StatusCode::OK,
    )
}

/// The member page showing `draft` (the saved one, or the entries of a refused save) at
/// `version`.
fn render_draft(
    app: &App,
    current: &Current,
    draft: &adhesion_core::member_file::Draft,
    version: i64,
    token: &str,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let checked = app.check(current, draft, Vec::new(), &[]);
    let preview_pages = if checked.has_errors() {
        0
    } else if let Some(n) = app.known_pages(&checked.yaml) {
        n
    } else {
        app.compiled();
        let n = app
            .pipeline
            .layout(&current.path, checked.yaml.clone(), Document::Annexe2)
            .map_or(0, |d| d.pages().len());
        app.remember_pages(&checked.yaml, n);
        n
    };
    let base = base(token);
    let page = MemberPage {
        draft,
        status: current.row.status,
        closed: app.closed(),
        deadline: app.pipeline.groupement().marche.date_limite_adhesion.value,
        diagnostics: &checked.diagnostics,
        notice,
        base: &base,
        preview_pages,
        version,
    };
    html(status, page.render())
}

async fn member_page(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    // With the compiling work: the page lays out the annexe 2 to count its preview's pages,
    // unless a PDF, a preview or an earlier view of this draft remembered that number. (Run as
    // light work when the number is known, it raised the saves' p99 under load:
    // docs/performance.md.)
    let t = token.clone();
    with_member(app, token, move |app, current| {
        render_page(app, &current, &t, None)
    })
    .await
}

/// Why the commune cannot change its file now, if it cannot.
fn locked(app: &App, current: &Current) -> Option<(StatusCode, &'static str)> {
    if !current.row.status.editable() {
        Some((StatusCode::CONFLICT, "portal-refused-deposited"))
    } else if app.closed() {
        Some((StatusCode::FORBIDDEN, "portal-refused-closed"))
    } else {
        None
    }
}

async fn member_post(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path(token): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    let t = token.clone();
    with_member_light(app, token, move |app, current| {
        if let Some((status, id)) = locked(app, &current) {
            let text = text_in(Lang::Fr, id, &[]);
            return html(status, page::problems(&text, &base(&t), &[]));
        }
        let mut fields = form::fields_from_form(&pairs);
        let add = pairs.iter().any(|(k, v)| k == "action" && v == "ajouter");
        if add {
            let next = fields
                .keys()
                .filter_map(|k| k.strip_prefix("ecoles["))
                .filter_map(|k| k.split(']').next()?.parse::<usize>().ok())
                .max()
                .map_or(0, |m| m + 1);
            fields.insert(format!("ecoles[{next}].nom"), String::new());
        }
        // The version the page was made from; a form without one saves unconditionally.
        let expected = pairs
            .iter()
            .find(|(k, _)| k == "version")
            .and_then(|(_, v)| v.trim().parse::<i64>().ok());
        match app.save(&current, &fields, Vec::new(), expected, &client.0) {
            Ok(_) => (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, base(&t))],
                Body::empty(),
            )
                .into_response(),
            // Another tab saved first: its draft stays; this page comes back with the entries
            // just posted, at the new version, so that saving again replaces it knowingly.
            Err(Error::Conflict(version)) => {
                let (draft, _) = form::draft_from_fields(&fields, &current.draft, &current.path);
                render_draft(
                    app,
                    &current,
                    &draft,
                    version,
                    &t,
                    Some(text_in(Lang::Fr, "portal-conflict", &[])),
                    StatusCode::CONFLICT,
                )
            }
            Err(e) => failed(e),
        }
    })
    .await
}

async fn member_pdf(
    State(app): State<Arc<App>>,
    Path((token, action)): Path<(String, String)>,
) -> Response {
    let Some(doc) = pdf_of(&action) else {
        return not_found();
    };
    let t = token.clone();
    with_member(app, token, move |app, current| {
        pdf_response(app, &current, doc, &base(&t))
    })
    .await
}

/// The document of a PDF's file name in a URL.
pub(super) fn pdf_of(name: &str) -> Option<Document> {
    match name {
        "convention.pdf" => Some(Document::Convention),
        "annexe-2.pdf" => Some(Document::Annexe2),
        "modele-deliberation.pdf" => Some(Document::Deliberation),
        _ => None,
    }
}

/// The PDF `doc` of the member's current draft, or a 422 page listing its errors (with a link
/// back to `back`).
pub(super) fn pdf_response(app: &App, current: &Current, doc: Document, back: &str) -> Response {
    let checked = app.check(current, &current.draft, Vec::new(), &[doc]);
    app.compiled();
    match checked.output.documents.first() {
        Some((_, pdf, pages)) if !checked.has_errors() => {
            if doc == Document::Annexe2 {
                app.remember_pages(&checked.yaml, *pages);
            }
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"{}\"", doc.pdf_name()),
                    ),
                ],
                pdf.clone(),
            )
                .into_response()
        }
        _ => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            page::problems(
                &text_in(Lang::Fr, "portal-pdf-errors", &[]),
                back,
                &checked.diagnostics,
            ),
        ),
    }
}

/// How finely the preview is drawn: 1.5 pixels per point (an A4 page 893 pixels wide).
const PREVIEW_PIXELS_PER_POINT: f64 = 1.5;

/// `GET /m/{token}/apercu/{n}.png`: page `n` of the annexe 2 of the current draft, drawn in
/// process (typst-render); 404 past its last page or when the draft has errors.
async fn member_preview(
    State(app): State<Arc<App>>,
    Path((token, page)): Path<(String, String)>,
) -> Response {
    let Some(n) = page
        .strip_suffix(".png")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 1)
    else {
        return not_found();
    };
    with_member(app, token, move |app, current| {
        let checked = app.check(&current, &current.draft, Vec::new(), &[]);
        if checked.has_errors() {
            return not_found();
        }
        app.compiled();
        let Some(document) =
            app.pipeline
                .layout(&current.path, checked.yaml.clone(), Document::Annexe2)
        else {
            return not_found();
        };
        app.remember_pages(&checked.yaml, document.pages().len());
        let Some(page) = document.pages().get(n - 1) else {
            return not_found();
        };
        let options = typst_render::RenderOptions {
            pixel_per_pt: typst::utils::Scalar::new(PREVIEW_PIXELS_PER_POINT),
            render_bleed: false,
        };
        match typst_render::render(page, &options).encode_png() {
            Ok(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
            Err(e) => internal(e),
        }
    })
    .await
}

async fn member_deposit(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path((token, action)): Path<(String, String)>,
) -> Response {
    if action != "deposer" {
        return not_found();
    }
    let t = token.clone();
    with_member_light(app, token, move |app, current| {
        match app.deposit(&current, &client.0) {
            Ok(Ok(())) => (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, base(&t))],
                Body::empty(),
            )
                .into_response(),
            Ok(Err((refusal, checked))) => {
                let (status, id) = refusal_status(&refusal);
                let empty = Vec::new();
                let diagnostics = checked.as_ref().map_or(&empty, |c| &c.diagnostics);
                html(
                    status,
                    page::problems(&text_in(Lang::Fr, id, &[]), &base(&t), diagnostics),
                )
            }
            Err(e) => failed(e),
        }
    })
    .await
}

fn refusal_status(refusal: &Refusal) -> (StatusCode, &'static str) {
    match refusal {
        Refusal::Closed => (StatusCode::FORBIDDEN, "portal-refused-closed"),
        Refusal::Deposited => (StatusCode::CONFLICT, "portal-refused-deposited"),
        Refusal::Errors => (StatusCode::UNPROCESSABLE_ENTITY, "portal-refused-errors"),
    }
}

fn json_response(status: StatusCode, value: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// The diagnostics as `check --format json` gives them, each with its `field` when known, in
/// French.
fn diagnostics_json(app: &App, checked: &Checked) -> Value {
    let list: Vec<Value> = checked
        .diagnostics
        .iter()
        .map(|(d, field)| {
            let mut v: Value = serde_json::from_str(&d.to_json(&app.root)).unwrap_or(Value::Null);
            if let Some(o) = v.as_object_mut() {
                o.insert("message".into(), Value::String(form::french_message(d)));
                o.insert(
                    "field".into(),
                    field.clone().map_or(Value::Null, Value::String),
                );
            }
            v
        })
        .collect();
    Value::Array(list)
}

async fn api_get(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    with_member_light(app, token, move |app, current| {
        json_response(
            StatusCode::OK,
            json!({
                "status": current.row.status.word(),
                "closed": app.closed(),
                // Sent back with a PUT, it detects a save made meanwhile by another tab.
                "version": current.row.version,
                "notice": current
                    .file_changed
                    .then(|| text_in(Lang::Fr, "portal-file-changed", &[])),
                "member": form::to_json(&current.draft),
            }),
        )
    })
    .await
}

async fn api_put(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    with_member_light(app, token, move |app, current| {
        if let Some((status, id)) = locked(app, &current) {
            return json_response(
                status,
                json!({"error": text_in(Lang::Fr, id, &[])}),
            );
        }
        let value: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return json_response(
                    StatusCode::BAD_REQUEST,
                    json!({"error": text_in(Lang::Fr, "portal-bad-json", &[("error", adhesion_core::i18n::Arg::Str(e.to_string()))])}),
                );
            }
        };
        // The member may come whole (`{"member": {...}}`, as GET gives it) or alone.
        let member = value.get("member").unwrap_or(&value);
        let expected = value.get("version").and_then(Value::as_i64);
        let (fields, input) = form::fields_from_json(member, &current.path);
        let fields: BTreeMap<String, String> = fields;
        match app.save(&current, &fields, input, expected, &client.0) {
            Ok((draft, checked, version)) => {
                let status = if checked.has_errors() {
                    StatusCode::UNPROCESSABLE_ENTITY
                } else {
                    StatusCode::OK
                };
                // The totals of the draft as saved (also when it does not load).
                let schools = draft.ecoles.len();
                let pupils: i64 = draft.ecoles.iter().map(|e| e.eleves).sum();
                let errors = checked
                    .diagnostics
                    .iter()
                    .filter(|(d, _)| d.is_error())
                    .count();
                json_response(
                    status,
                    json!({
                        "version": version,
                        "diagnostics": diagnostics_json(app, &checked),
                        "totals": {"schools": schools, "pupils": pupils},
                        // The page's texts that depend on these numbers, from the catalogue.
                        "texts": {
                            "totals": page::totals_text(schools, pupils),
                            "errors": page::errors_title(errors),
                        },
                    }),
                )
            }
            Err(Error::Conflict(version)) => json_response(
                StatusCode::CONFLICT,
                json!({
                    "error": text_in(Lang::Fr, "portal-conflict-script", &[]),
                    "version": version,
                }),
            ),
            Err(e) => api_failed(e),
        }
    })
    .await
}

/// A failure of the API's work, as JSON: 409 with the reason for a member deposited or changed
/// meanwhile, else 500 with no detail.
fn api_failed(e: Error) -> Response {
    let (status, id) = match e {
        Error::Deposited => (StatusCode::CONFLICT, "portal-refused-deposited"),
        Error::Conflict(_) => (StatusCode::CONFLICT, "portal-conflict-script"),
        Error::FileChanged => (StatusCode::CONFLICT, "portal-refused-file-changed"),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error"),
    };
    json_response(status, json!({"error": text_in(Lang::Fr, id, &[])}))
}

async fn api_deposit(
    State(app): State<Arc<App>>,
    Extension(client): Extension<Client>,
    Path(token): Path<String>,
) -> Response {
    with_member_light(app, token, move |app, current| {
        match app.deposit(&current, &client.0) {
            Ok(Ok(())) => json_response(
                StatusCode::OK,
                json!({"status": state::Status::Deposited.word()}),
            ),
            Ok(Err((refusal, checked))) => {
                let (status, id) = refusal_status(&refusal);
                let diagnostics = checked
                    .as_ref()
                    .map_or(Value::Array(Vec::new()), |c| diagnostics_json(app, c));
                json_response(
                    status,
                    json!({"error": text_in(Lang::Fr, id, &[]), "diagnostics": diagnostics}),
                )
            }
            Err(e) => api_failed(e),
        }
    })
    .await
}
