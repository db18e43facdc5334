//! The portal over HTTP, in process (`tower::ServiceExt::oneshot` on the router), on a copy of
//! the repository's sample campaign. Offline and deterministic: the date is given.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use adhesion::date::Date;
use adhesion::document::Document;
use adhesion::pipeline::Pipeline;
use adhesion::portal::{self, App, state};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A copy of the sample campaign.
fn campaign() -> tempfile::TempDir {
    common::sample_campaign()
}

const BEFORE: Date = Date {
    year: 2022,
    month: 1,
    day: 10,
};
const AFTER: Date = Date {
    year: 2022,
    month: 2,
    day: 1,
};

fn app(root: &Path, today: Date) -> Arc<App> {
    Arc::new(App::open(root, Some(today)).unwrap())
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

async fn call(app: &Arc<App>, method: &str, uri: &str, body: Option<(&str, String)>) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    let body = match body {
        Some((kind, text)) => {
            request = request.header("content-type", kind);
            Body::from(text)
        }
        None => Body::empty(),
    };
    let response = portal::router(app.clone())
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

fn token_of(root: &Path, id: &str) -> String {
    let invited = state::invite(root, &[id.to_owned()]).unwrap();
    invited[0].1.clone().unwrap()
}

fn member_path(root: &Path) -> PathBuf {
    root.join("members/44/chateaubriant.yaml")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_token_is_404_with_security_headers() {
    let dir = campaign();
    let app = app(dir.path(), BEFORE);
    let a = call(&app, "GET", "/m/nothing-here", None).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.text().contains("lang=\"fr\""));
    assert!(a.text().contains("Lien inconnu"));
    for (name, value) in [
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(a.headers[name], value, "{name}");
    }
    let csp = a.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    let api = call(&app, "GET", "/api/m/nothing-here", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_edit_check_download_deposit_reopen_renew() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    // Each token is given once.
    assert_eq!(
        state::invite(root, &["chateaubriant".to_owned()]).unwrap()[0].1,
        None
    );
    let app = app(root, BEFORE);
    let page = call(&app, "GET", &format!("/m/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("value=\"Hunault\""), "pre-filled");
    assert!(html.contains("name=\"ecoles[0].uai\""));
    assert!(html.contains("for=\"f-signataire-nom\""));
    assert_eq!(page.headers["cache-control"], "no-store");

    // The API gives the member; an invalid UAI is a 422 at its field.
    let got = call(&app, "GET", &format!("/api/m/{token}"), None).await;
    assert_eq!(got.status, StatusCode::OK);
    let mut member = got.json()["member"].clone();
    assert_eq!(member["signataire"]["nom"], "Hunault");
    member["ecoles"][0]["uai"] = "0440123A".into();
    let put = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", member.to_string())),
    )
    .await;
    assert_eq!(
        put.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        put.text()
    );
    let diags = put.json()["diagnostics"].as_array().unwrap().clone();
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "uai" && d["field"] == "ecoles[0].uai"),
        "{diags:?}"
    );
    // The page shows it next to its field.
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(
        html.contains("aria-describedby=\"f-ecoles-0-uai-erreur\""),
        "{html}"
    );
    assert!(html.contains("href=\"#f-ecoles-0-uai\""));

    // Corrected, with a changed count.
    member["ecoles"][0]["uai"] = "0440123V".into();
    member["ecoles"][0]["eleves"] = 121.into();
    let put = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", member.to_string())),
    )
    .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());

    // The PDF is the pipeline's for the draft.
    let pdf = call(&app, "GET", &format!("/m/{token}/annexe-2.pdf"), None).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF"));
    let conn = state::open(root).unwrap();
    let draft = state::by_token(&conn, &token)
        .unwrap()
        .unwrap()
        .draft
        .unwrap();
    assert!(draft.contains("eleves: 121"));
    let pipeline = Pipeline::open(root, None).unwrap();
    let out = pipeline.member(&member_path(root), draft.clone(), &[Document::Annexe2]);
    assert_eq!(out.documents[0].1, pdf.body);

    // The preview: the annexe 2's first page as a PNG, drawn from the draft; none past its end.
    let png = call(&app, "GET", &format!("/m/{token}/apercu/1.png"), None).await;
    assert_eq!(png.status, StatusCode::OK, "{}", png.text());
    assert_eq!(png.headers["content-type"], "image/png");
    assert!(png.body.starts_with(b"\x89PNG\r\n\x1a\n"));
    let page = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(page.contains(&format!(
        "src=\"/m/{token}/apercu/1.png\" alt=\"Annexe 2, page 1 sur"
    )));
    let past = call(&app, "GET", &format!("/m/{token}/apercu/99.png"), None).await;
    assert_eq!(past.status, StatusCode::NOT_FOUND);
    let bad = call(&app, "GET", &format!("/m/{token}/apercu/x.png"), None).await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);

    // A form post saves the draft and redirects to the page.
    let post = call(
        &app,
        "POST",
        &format!("/m/{token}"),
        Some((
            "application/x-www-form-urlencoded",
            form_of(&member, "signataire.prenom", "Alain Marie"),
        )),
    )
    .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER, "{}", post.text());
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(html.contains("value=\"Alain Marie\""));

    // Deposit: the member file is written, loadable, its comments kept; the page is read-only.
    let dep = call(&app, "POST", &format!("/m/{token}/deposer"), None).await;
    assert_eq!(dep.status, StatusCode::SEE_OTHER, "{}", dep.text());
    let written = std::fs::read_to_string(member_path(root)).unwrap();
    assert!(written.contains("prenom: Alain Marie"));
    assert!(written.contains("eleves: 121"));
    assert!(written.starts_with("# Ville de Châteaubriant"), "{written}");
    let loaded = adhesion::load::load_member(&member_path(root));
    assert!(loaded.member.is_ok());
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(html.contains(" disabled"));
    assert!(!html.contains("name=\"action\""));
    let again = call(&app, "POST", &format!("/m/{token}/deposer"), None).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let put = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", member.to_string())),
    )
    .await;
    assert_eq!(put.status, StatusCode::CONFLICT);

    // Reopened: editable again.
    state::reopen(root, "chateaubriant").unwrap();
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(!html.contains(" disabled"));

    // Renewed: the old link is a 404 at once, the new one works.
    let new = state::renew(root, "chateaubriant").unwrap();
    let old = call(&app, "GET", &format!("/m/{token}"), None).await;
    assert_eq!(old.status, StatusCode::NOT_FOUND);
    let ok = call(&app, "GET", &format!("/m/{new}"), None).await;
    assert_eq!(ok.status, StatusCode::OK);
}

/// The member's JSON as a form body, with `field` set to `value`.
fn form_of(member: &serde_json::Value, field: &str, value: &str) -> String {
    let mut pairs = Vec::new();
    for section in ["signataire", "contact", "signature", "deliberation"] {
        if let Some(o) = member[section].as_object() {
            for (k, v) in o {
                let text = v.as_str().map(str::to_owned).unwrap_or_else(|| {
                    if v.is_null() {
                        String::new()
                    } else {
                        v.to_string()
                    }
                });
                pairs.push((format!("{section}.{k}"), text));
            }
        }
    }
    for (i, e) in member["ecoles"].as_array().unwrap().iter().enumerate() {
        for (k, v) in e.as_object().unwrap() {
            let text = v.as_str().map(str::to_owned).unwrap_or_else(|| {
                if v.is_null() {
                    String::new()
                } else {
                    v.to_string()
                }
            });
            pairs.push((format!("ecoles[{i}].{k}"), text));
        }
    }
    for p in &mut pairs {
        if p.0 == field {
            p.1 = value.to_owned();
        }
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_deadline_nothing_is_submitted_but_pdfs_are_served() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, AFTER);
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(html.contains("date limite"));
    assert!(html.contains(" disabled"));
    let dep = call(&app, "POST", &format!("/m/{token}/deposer"), None).await;
    assert_eq!(dep.status, StatusCode::FORBIDDEN);
    let api = call(&app, "POST", &format!("/api/m/{token}/deposer"), None).await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);
    let pdf = call(&app, "GET", &format!("/m/{token}/convention.pdf"), None).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let big = "x".repeat(300 * 1024);
    let a = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", big)),
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    let a = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", "{not json".into())),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let a = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", r#"{"pirate": 1}"#.into())),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Hostile strings are escaped in the page.
    let mut member = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json()["member"]
        .clone();
    member["signataire"]["nom"] = "<script>alert(1)</script>".into();
    call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", member.to_string())),
    )
    .await;
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn invitations_csv_gives_each_link_once() {
    let dir = campaign();
    let root = dir.path();
    let csv = state::invitations_csv(root, "https://portail.example/").unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,nom,courriel du contact,lien,note");
    assert_eq!(lines.len(), 7, "{csv}");
    assert!(csv.contains("chateaubriant,Ville de Châteaubriant,m.caillon@ville-chateaubriant.fr,https://portail.example/m/"));
    let again = state::invitations_csv(root, "https://portail.example").unwrap();
    assert!(!again.contains("/m/"));
    assert!(again.contains("déjà invité"));
    assert!(root.join(".adhesion/portail.sqlite3").is_file());
}
