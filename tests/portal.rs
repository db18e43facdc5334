//! The portal over HTTP, in process (`tower::ServiceExt::oneshot` on the router), on a copy of
//! the repository's sample campaign. Offline and deterministic: the date is given.

use crate::common;
use crate::common::http as web;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use adhesion_core::date::Date;
use adhesion_core::document::Document;
use adhesion_core::pipeline::Pipeline;
use adhesion_portal::db::Db;
use adhesion_portal::service::links;
use adhesion_portal::{self as portal, App};
use axum::http::StatusCode;
use web::{Answer, enc};

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

async fn call(app: &Arc<App>, method: &str, uri: &str, body: Option<(&str, String)>) -> Answer {
    web::request(app, method, uri, &[], body).await
}

fn token_of(root: &Path, id: &str) -> String {
    let invited = links::invite(&Db::open(root).unwrap(), root, &[id.to_owned()]).unwrap();
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
        links::invite(
            &Db::open(root).unwrap(),
            root,
            &["chateaubriant".to_owned()]
        )
        .unwrap()[0]
            .1,
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
        html.contains("aria-describedby=\"f-ecoles-0-uai-indication f-ecoles-0-uai-message\""),
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
    let db = Db::open(root).unwrap();
    let conn = db.lock();
    let draft = conn
        .sql()
        .member_by_token(&token)
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

    // « Déposer » saves, then asks for confirmation: what is deposited, what it commits to.
    let post = call(
        &app,
        "POST",
        &format!("/m/{token}"),
        Some((
            "application/x-www-form-urlencoded",
            form_of(&member, "signataire.prenom", "Alain Marie") + "&action=deposer",
        )),
    )
    .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    assert_eq!(post.location(), format!("/m/{token}/depot"));
    let confirm = call(&app, "GET", &format!("/m/{token}/depot"), None).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.text());
    assert!(confirm.text().contains("s’engage à"));
    // Not ticked: the confirmation again, saying so; nothing deposited.
    let dep = call(&app, "POST", &format!("/m/{token}/deposer"), None).await;
    assert_eq!(dep.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dep.text().contains("Cochez la case"));
    assert!(
        !std::fs::read_to_string(member_path(root))
            .unwrap()
            .contains("Alain Marie")
    );
    // Deposit: the member file is written, loadable, its comments kept; the page is read-only.
    let confirmed = Some((
        "application/x-www-form-urlencoded",
        "confirme=oui".to_owned(),
    ));
    let dep = call(
        &app,
        "POST",
        &format!("/m/{token}/deposer"),
        confirmed.clone(),
    )
    .await;
    assert_eq!(dep.status, StatusCode::SEE_OTHER, "{}", dep.text());
    let written = std::fs::read_to_string(member_path(root)).unwrap();
    assert!(written.contains("prenom: Alain Marie"));
    assert!(written.contains("eleves: 121"));
    assert!(written.starts_with("# Ville de Châteaubriant"), "{written}");
    let loaded = adhesion_core::load::load_member(&member_path(root));
    assert!(loaded.member.is_ok());
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(html.contains(" disabled"));
    assert!(!html.contains("name=\"action\""));
    let again = call(&app, "POST", &format!("/m/{token}/deposer"), confirmed).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // The attestation of the deposit: its member, its time in Paris, the SHA-256 of the file.
    let att = call(&app, "GET", &format!("/m/{token}/attestation.pdf"), None).await;
    assert_eq!(att.status, StatusCode::OK, "{}", att.text());
    let file = root.join("attestation.pdf");
    std::fs::write(&file, &att.body).unwrap();
    let text = common::flat(&common::pdftotext(&file, false));
    let hash = common::sha256_hex(written.as_bytes());
    assert!(
        text.contains("Attestation de dépôt") && text.contains("Ville de Châteaubriant"),
        "{text}"
    );
    assert!(text.contains("(heure de Paris)"), "{text}");
    assert!(text.replace(' ', "").contains(&hash), "{hash} in {text}");
    let put = call(
        &app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", member.to_string())),
    )
    .await;
    assert_eq!(put.status, StatusCode::CONFLICT);

    // Reopened: editable again.
    links::reopen(&Db::open(root).unwrap(), "chateaubriant", "").unwrap();
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(!html.contains(" disabled"));

    // Renewed: the old link is a 404 at once, the new one works.
    let new = links::renew(&Db::open(root).unwrap(), root, "chateaubriant", "").unwrap();
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
    let csv =
        links::invitations_csv(&Db::open(root).unwrap(), root, "https://portail.example/").unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // The French spreadsheet format: a byte-order mark, `;`, CRLF.
    assert_eq!(lines[0], "\u{feff}id;nom;courriel du contact;lien;note");
    assert!(csv.ends_with("\r\n"));
    assert_eq!(lines.len(), 7, "{csv}");
    assert!(csv.contains("chateaubriant;Ville de Châteaubriant;m.caillon@ville-chateaubriant.fr;https://portail.example/m/"));
    let again =
        links::invitations_csv(&Db::open(root).unwrap(), root, "https://portail.example").unwrap();
    assert!(!again.contains("/m/"));
    assert!(again.contains("déjà invité"));
    assert!(root.join(".adhesion/portail.sqlite3").is_file());
}

async fn put_member(
    app: &Arc<App>,
    token: &str,
    member: &serde_json::Value,
    version: Option<i64>,
) -> Answer {
    let body = serde_json::json!({"version": version, "member": member});
    call(
        app,
        "PUT",
        &format!("/api/m/{token}"),
        Some(("application/json", body.to_string())),
    )
    .await
}

/// Two tabs open one version: the first save wins, the second is told (409) and saves nothing;
/// told, it saves again knowingly. Also through the plain form, whose refused entries come back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_saving_one_version_are_detected() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let got = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json();
    let v0 = got["version"].as_i64().unwrap();
    // Read, not used yet: still « invité » (`security::member::a_link_followed_is_not_opened_until_used`).
    assert_eq!(got["status"], "invité");
    let mut first = got["member"].clone();
    first["signataire"]["prenom"] = "Onglet un".into();
    let mut second = got["member"].clone();
    second["signataire"]["prenom"] = "Onglet deux".into();

    let a = put_member(&app, &token, &first, Some(v0)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v1 = a.json()["version"].as_i64().unwrap();
    assert!(v1 > v0);
    let b = put_member(&app, &token, &second, Some(v0)).await;
    assert_eq!(b.status, StatusCode::CONFLICT, "{}", b.text());
    assert_eq!(b.json()["version"], v1);
    assert!(b.json()["error"].as_str().unwrap().contains("autre onglet"));
    let now = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json();
    assert_eq!(now["member"]["signataire"]["prenom"], "Onglet un");
    assert_eq!(now["version"], v1);

    // The form: a post made from version v0 comes back as a page with its entries, a notice
    // and the new version; posted again from that version, it is saved.
    let body = format!(
        "{}&version={v0}",
        form_of(&got["member"], "signataire.prenom", "Onglet trois")
    );
    let post = call(
        &app,
        "POST",
        &format!("/m/{token}"),
        Some(("application/x-www-form-urlencoded", body)),
    )
    .await;
    assert_eq!(post.status, StatusCode::CONFLICT);
    let html = post.text();
    assert!(html.contains("value=\"Onglet trois\""), "entries kept");
    assert!(html.contains("autre onglet"));
    assert!(html.contains(&format!("name=\"version\" value=\"{v1}\"")));
    let body = format!(
        "{}&version={v1}",
        form_of(&got["member"], "signataire.prenom", "Onglet trois")
    );
    let post = call(
        &app,
        "POST",
        &format!("/m/{token}"),
        Some(("application/x-www-form-urlencoded", body)),
    )
    .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    let now = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json();
    assert_eq!(now["member"]["signataire"]["prenom"], "Onglet trois");
}

/// Two saves of one version at the same moment: exactly one is kept, the other told.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_concurrent_saves_one_wins_one_is_told() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let got = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json();
    let v0 = got["version"].as_i64().unwrap();
    let mut a = got["member"].clone();
    a["signataire"]["prenom"] = "A".into();
    let mut b = got["member"].clone();
    b["signataire"]["prenom"] = "B".into();
    let (ra, rb) = tokio::join!(
        put_member(&app, &token, &a, Some(v0)),
        put_member(&app, &token, &b, Some(v0))
    );
    let mut statuses = [ra.status, rb.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let winner = if ra.status == StatusCode::OK {
        "A"
    } else {
        "B"
    };
    let now = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json();
    assert_eq!(now["member"]["signataire"]["prenom"], winner);
}

/// A member file changed by hand after the commune saved a draft: the coordinator's change is
/// kept and shown, the commune is told, its draft set aside; a deposit prepared before the
/// change never overwrites it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_file_changed_by_hand_is_never_overwritten() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let mut member = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json()["member"]
        .clone();
    member["signataire"]["prenom"] = "Saisi par la commune".into();
    let put = put_member(&app, &token, &member, None).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());

    // The coordinator edits the file.
    let path = member_path(root);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Hunault"));
    std::fs::write(&path, text.replace("Hunault", "Durand")).unwrap();
    let page = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(page.contains("value=\"Durand\""), "the file's value");
    assert!(!page.contains("Saisi par la commune"));
    assert!(page.contains("Le coordonnateur a modifié votre dossier"));
    let api = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json();
    assert!(api["notice"].as_str().unwrap().contains("coordonnateur"));
    let db = Db::open(root).unwrap();
    let conn = db.lock();
    let kept: String = conn
        .connection()
        .query_row(
            "SELECT set_aside FROM members WHERE id = 'chateaubriant'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(kept.contains("Saisi par la commune"), "set aside, not lost");
    // Saved again, the notice is gone.
    let put = put_member(&app, &token, &api["member"], api["version"].as_i64()).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    let page = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(!page.contains("Le coordonnateur a modifié votre dossier"));

    // A deposit read before another hand edit refuses to write over it.
    let current = app.current(&token).unwrap().unwrap();
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Durand", "Martin");
    std::fs::write(&path, &edited).unwrap();
    assert!(matches!(
        app.deposit(&current, ""),
        Err(portal::Error::FileChanged)
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

/// Every action of a commune and of the coordinator is in the audit log, with the fields
/// changed (old and new values) and never a token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_records_every_action() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let mut member = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json()["member"]
        .clone();
    member["ecoles"][0]["eleves"] = 123.into();
    assert_eq!(
        put_member(&app, &token, &member, None).await.status,
        StatusCode::OK
    );
    let dep = call(&app, "POST", &format!("/api/m/{token}/deposer"), None).await;
    assert_eq!(dep.status, StatusCode::OK, "{}", dep.text());
    assert_eq!(dep.json()["status"], "déposé");
    links::reopen(&Db::open(root).unwrap(), "chateaubriant", "").unwrap();
    let new = links::renew(&Db::open(root).unwrap(), root, "chateaubriant", "").unwrap();
    let db = Db::open(root).unwrap();
    let conn = db.lock();
    let log = conn.sql().audit_log(Some("chateaubriant")).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        // No « open »: the API read is not an interaction, and the first save makes a draft.
        ["invite", "save", "deposit", "reopen", "renew"]
    );
    let save: serde_json::Value = serde_json::from_str(&log[1].detail).unwrap();
    let change = save
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["champ"] == "ecoles[0].eleves")
        .expect("the pupils changed");
    assert_eq!(change["apres"], "123");
    assert_ne!(change["avant"], "123");
    for e in &log {
        assert!(!e.detail.contains(&token) && !e.detail.contains(&new));
    }
}

/// A member of 1,000 schools (more than Paris has) is saved and checked; one more is refused
/// with a French message, and the draft saved before stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_schools_are_accepted_one_more_is_refused() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let mut member = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json()["member"]
        .clone();
    let school = member["ecoles"][0].clone();
    member["ecoles"] = serde_json::Value::Array(vec![school; 1000]);
    let put = put_member(&app, &token, &member, None).await;
    // Accepted as input; the repeated UAI is the validation's business (a 422 of `check`).
    let body = put.json();
    assert_eq!(body["totals"]["schools"], 1000, "{}", put.text());
    assert!(
        !body["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "saisie"),
        "{body}"
    );
    let school = member["ecoles"][0].clone();
    member["ecoles"].as_array_mut().unwrap().push(school);
    let put = put_member(&app, &token, &member, None).await;
    assert_eq!(put.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(put.text().contains("au plus 1"), "{}", put.text());
}

/// Typst's markup typed into the form is text in the PDF, never code; HTML is escaped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_strings_are_text_in_the_page_and_the_pdf() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root, BEFORE);
    let mut member = call(&app, "GET", &format!("/api/m/{token}"), None)
        .await
        .json()["member"]
        .clone();
    let typst = "#panic(\"x\") $x$ *g* _i_ <l> @r [a] {b} \\ // c";
    member["signataire"]["nom"] = typst.into();
    member["ecoles"][0]["nom"] = "École <img src=x onerror=alert(1)> & \"Jaurès\"".into();
    let put = put_member(&app, &token, &member, None).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    let html = call(&app, "GET", &format!("/m/{token}"), None).await.text();
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let pdf = call(&app, "GET", &format!("/m/{token}/annexe-2.pdf"), None).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text());
    let file = dir.path().join("annexe.pdf");
    std::fs::write(&file, &pdf.body).unwrap();
    // The signatory's name is set in capitals; quotes may be typeset (French typography): the
    // markup around them is what matters.
    let text = common::flat(&common::pdftotext(&file, false)).to_lowercase();
    for piece in [
        "#panic(",
        "$x$",
        "*g*",
        "_i_",
        "<l>",
        "@r",
        "[a]",
        "{b}",
        "<img src=x",
    ] {
        assert!(text.contains(piece), "{piece} missing from: {text}");
    }
}

/// One HTTP/1.1 request to the server at `addr`, over a real socket: the status and the body.
async fn over_tcp(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    json: Option<&serde_json::Value>,
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = json.map(|j| j.to_string()).unwrap_or_default();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status in:\n{text}"));
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// The portal runs across midnight, Paris time, at the end of the deadline's day (15 January
/// 2022, winter: UTC+1): a save at 23:59:59 is taken; one second later, with no restart, saves
/// and deposits are refused and the page is read-only. Its PDFs are still served.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_closes_at_midnight_in_paris_without_a_restart() {
    use adhesion_portal::time::ManualClock;
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let last_second: jiff::Timestamp = "2022-01-15T22:59:59Z".parse().unwrap();
    let clock = Arc::new(ManualClock::new(last_second));
    let app = Arc::new(App::open(root, None).unwrap().with_clock(clock.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, portal::router(app))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    let api = format!("/api/m/{token}");

    let (status, body) = over_tcp(addr, "GET", &api, None).await;
    assert_eq!(status, 200, "{body}");
    let mut draft: serde_json::Value = serde_json::from_str(&body).unwrap();
    draft["member"]["ecoles"][0]["eleves"] = 121.into();
    let put = serde_json::json!({"version": draft["version"], "member": draft["member"]});
    let (status, body) = over_tcp(addr, "PUT", &api, Some(&put)).await;
    assert_eq!(status, 200, "a save at 23:59:59 in Paris is taken: {body}");
    let saved: serde_json::Value = serde_json::from_str(&body).unwrap();

    // Midnight in Paris: the 16th.
    clock.set("2022-01-15T23:00:00Z".parse().unwrap());
    draft["member"]["ecoles"][0]["eleves"] = 122.into();
    let put = serde_json::json!({"version": saved["version"], "member": draft["member"]});
    let (status, body) = over_tcp(addr, "PUT", &api, Some(&put)).await;
    assert_eq!(status, 403, "a save after midnight is refused: {body}");
    let (status, body) = over_tcp(addr, "POST", &format!("{api}/deposer"), None).await;
    assert_eq!(status, 403, "a deposit after midnight is refused: {body}");
    let (status, page) = over_tcp(addr, "GET", &format!("/m/{token}"), None).await;
    assert_eq!(status, 200);
    assert!(page.contains("date limite"), "{page}");
    assert!(
        !page.contains("name=\"action\" value=\"deposer\""),
        "no deposit button: {page}"
    );
    let (status, _) = over_tcp(addr, "GET", &format!("/m/{token}/convention.pdf"), None).await;
    assert_eq!(status, 200, "the PDFs are still served");
    let file = std::fs::read_to_string(member_path(root)).unwrap();
    assert!(
        file.contains("eleves: 120"),
        "the member file is untouched: {file}"
    );

    let _ = stop.send(());
    server.await.unwrap();
}
