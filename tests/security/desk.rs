//! The desk: no GET that changes state, sessions that end 12 hours after sign-in, a journal
//! paginated and streamed, HSTS behind an HTTPS proxy, totals that cannot wrap, formula-safe
//! CSV.

use adhesion_portal::db::Db;
use adhesion_portal::service::auth;
use axum::http::StatusCode;

use super::{app, campaign, form, proxied, session, set_password, web};

/// `GET /admin/invitations.csv` invites nobody (405); the invitations are a POST with the
/// session's CSRF token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_are_a_post_with_the_csrf_token() {
    let dir = campaign();
    let root = dir.path();
    set_password(root);
    let app = app(root);
    let (cookie, csrf) = session(&app, "").await;
    let c = [("cookie", cookie.as_str())];
    let get = form(&app, "GET", "/admin/invitations.csv", &c, None).await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED);
    let invited = Db::open(root).unwrap().lock().sql().statuses().unwrap();
    assert!(invited.is_empty(), "{invited:?}");
    let no_token = form(
        &app,
        "POST",
        "/admin/invitations.csv",
        &c,
        Some(String::new()),
    )
    .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let post = form(
        &app,
        "POST",
        "/admin/invitations.csv",
        &c,
        Some(format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(post.status, StatusCode::OK);
    assert_eq!(post.text().matches("/m/").count(), 6, "{}", post.text());
    // The desk's page offers it as a form.
    let page = form(&app, "GET", "/admin", &c, None).await.text();
    assert!(
        page.contains("<form method=\"post\" action=\"/admin/invitations.csv\""),
        "{page}"
    );
}

/// A session used all along still ends 12 hours after its sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_12_hours_after_sign_in() {
    let dir = campaign();
    let root = dir.path();
    set_password(root);
    let app = app(root);
    let (cookie, _) = session(&app, "").await;
    let c = [("cookie", cookie.as_str())];
    Db::open(root)
        .unwrap()
        .lock()
        .connection()
        .execute(
            "UPDATE sessions SET created = created - ?1",
            [auth::SESSION_MAX + 1],
        )
        .unwrap();
    let a = form(&app, "GET", "/admin", &c, None).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(a.location(), "/admin/login");
}

/// The journal's page shows one page of lines, with a link to the next; its CSV is streamed
/// (no length known beforehand) and holds every line, cells that a spreadsheet would run
/// neutralised (tab and carriage return included).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_is_paginated_and_its_csv_streamed() {
    let dir = campaign();
    let root = dir.path();
    set_password(root);
    {
        let db = Db::open(root).unwrap();
        let conn = db.lock();
        for i in 0..2500 {
            conn.sql()
                .audit(Some("laval"), "save", &format!("ligne {i}"), "192.0.2.1")
                .unwrap();
        }
        conn.sql().audit(None, "\t=1+1", "\r=2+2", "").unwrap();
    }
    let app = app(root);
    let (cookie, _) = session(&app, "").await;
    let c = [("cookie", cookie.as_str())];
    let page = form(&app, "GET", "/admin/journal", &c, None).await.text();
    let rows = page.matches("<tr><td>").count();
    assert!((1..=200).contains(&rows), "{rows} lines on one page");
    assert!(
        page.contains("/admin/journal?avant="),
        "a link to the next page"
    );
    let csv = form(&app, "GET", "/admin/journal.csv", &c, None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(!csv.headers.contains_key("content-length"), "streamed");
    let text = csv.text();
    assert!(text.starts_with("\u{feff}horodatage;membre;action;detail;adresse\r\n"));
    for i in [0, 1234, 2499] {
        assert!(
            text.contains(&format!(";laval;save;ligne {i};")),
            "line {i}"
        );
    }
    assert!(text.contains(";'\t=1+1;\"'\r=2+2\";"), "neutralised");
}

/// Behind an HTTPS proxy every answer carries `Strict-Transport-Security`; over plain HTTP, or
/// not behind a proxy, none does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_behind_an_https_proxy_only() {
    let dir = campaign();
    let https = [("x-forwarded-proto", "https")];
    let a = web::request(&proxied(dir.path()), "GET", "/m/inconnu", &https, None).await;
    let hsts = a.headers["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
    let plain = [("x-forwarded-proto", "http")];
    let a = web::request(&proxied(dir.path()), "GET", "/m/inconnu", &plain, None).await;
    assert!(!a.headers.contains_key("strict-transport-security"));
    let a = web::request(&app(dir.path()), "GET", "/m/inconnu", &https, None).await;
    assert!(!a.headers.contains_key("strict-transport-security"));
}

/// A pupil count beyond any check (`i64::MAX`) in a member file is not added to the desk's
/// totals, which cannot wrap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desk_totals_never_add_a_count_that_failed_its_check() {
    let dir = campaign();
    let root = dir.path();
    set_password(root);
    let path = root.join("members/44/chateaubriant.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("eleves: 120", "eleves: 9223372036854775807", 1)
        .replacen("eleves: 130", "eleves: 9223372036854775807", 1);
    std::fs::write(&path, text).unwrap();
    let app = app(root);
    let (cookie, _) = session(&app, "").await;
    let page = form(&app, "GET", "/admin", &[("cookie", &cookie)], None)
        .await
        .text();
    let total = |id: &str| -> i64 {
        let at = page.find(&format!("id=\"{id}\">")).unwrap() + id.len() + 6;
        // In French format: « 1 305 », grouped by narrow no-break spaces.
        let text = page[at..].split('<').next().unwrap();
        text.replace('\u{202f}', "").parse().unwrap()
    };
    let members = adhesion_portal::service::member_files(root);
    let expected: i64 = members
        .iter()
        .filter(|(id, _)| id != "chateaubriant")
        .map(|(_, p)| {
            let m = adhesion_core::load::load_member(p).member.unwrap();
            m.ecoles.value.iter().map(|e| e.eleves.value).sum::<i64>()
        })
        .sum::<i64>()
        + 110
        + 101
        + 78;
    assert_eq!(total("total-eleves"), expected, "{page}");
}
