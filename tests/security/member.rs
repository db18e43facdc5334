//! A member's link: limits that refuse, permits taken after the link is known (and kept while
//! the work runs), numbers that cannot wrap, « ouvert » at the first interaction.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use adhesion_portal::db::Db;
use adhesion_portal::form::MAX_FIELD_CHARS;
use adhesion_portal::http::{self, Work};
use adhesion_portal::service::limits::SAVES_PER_MINUTE;
use axum::http::StatusCode;

use super::{app, campaign, enc, member_json, put_member, token_of, web};

/// The member's status in the API ("invité", "ouvert"...).
async fn status(app: &Arc<adhesion_portal::App>, token: &str) -> String {
    member_json(app, token).await["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A value over its limit: the save is refused (422, with the field's problem) and nothing is
/// stored, neither the long value nor the other changes sent with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_with_a_value_over_its_limit_stores_nothing() {
    let dir = campaign();
    let token = token_of(dir.path(), "chateaubriant");
    let app = app(dir.path());
    let before = member_json(&app, &token).await;
    let mut member = before["member"].clone();
    member["signataire"]["prenom"] = "Autre".into();
    member["contact"]["nom"] = "x".repeat(MAX_FIELD_CHARS + 1).into();
    let put = put_member(&app, &token, &member).await;
    assert_eq!(
        put.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        put.text()
    );
    assert!(
        put.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["field"] == "contact.nom"),
        "{}",
        put.text()
    );
    let after = member_json(&app, &token).await;
    assert_eq!(after["version"], before["version"]);
    assert_eq!(after["member"], before["member"]);
    // The same through the form.
    let body = format!(
        "signataire.prenom=Autre&contact.nom={}",
        "y".repeat(MAX_FIELD_CHARS + 1)
    );
    let post = web::request(
        &app,
        "POST",
        &format!("/m/{token}"),
        &[],
        Some(("application/x-www-form-urlencoded", body)),
    )
    .await;
    assert_eq!(post.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(member_json(&app, &token).await["member"], before["member"]);
}

/// The audit log keeps the fields changed, each value cut to a bounded length.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_values_are_cut() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = app(root);
    let mut member = member_json(&app, &token).await["member"].clone();
    member["signataire"]["fonction"] = "é".repeat(MAX_FIELD_CHARS).into();
    // Saved (the validation may find the text too long for the documents: its business).
    let put = put_member(&app, &token, &member).await;
    assert!(
        [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY].contains(&put.status),
        "{}",
        put.text()
    );
    let log = Db::open(root)
        .unwrap()
        .lock()
        .sql()
        .audit_log(Some("chateaubriant"))
        .unwrap();
    let save = log.iter().find(|e| e.action == "save").unwrap();
    let changes: serde_json::Value = serde_json::from_str(&save.detail).unwrap();
    let after = changes[0]["apres"].as_str().unwrap();
    assert!(
        after.chars().count() <= 201 && after.ends_with('…'),
        "{} characters",
        after.chars().count()
    );
}

/// Saves are limited per link: past the limit within a minute, 429 and nothing stored; another
/// link is not concerned.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saves_are_limited_per_link() {
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let other = token_of(root, "laval");
    let app = app(root);
    let mut member = member_json(&app, &token).await["member"].clone();
    for i in 0..SAVES_PER_MINUTE {
        member["signataire"]["prenom"] = format!("Essai {i}").into();
        let put = put_member(&app, &token, &member).await;
        assert_eq!(put.status, StatusCode::OK, "save {i}: {}", put.text());
    }
    member["signataire"]["prenom"] = "Un de trop".into();
    let put = put_member(&app, &token, &member).await;
    assert_eq!(put.status, StatusCode::TOO_MANY_REQUESTS, "{}", put.text());
    assert!(put.headers.contains_key("retry-after"));
    let now = member_json(&app, &token).await;
    assert_ne!(now["member"]["signataire"]["prenom"], "Un de trop");
    let laval = member_json(&app, &other).await["member"].clone();
    assert_eq!(
        put_member(&app, &other, &laval).await.status,
        StatusCode::OK
    );
}

/// A member of 1,000 schools without UAI (valid: a warning each), whose annexe 2 takes a while.
async fn big_member(app: &Arc<adhesion_portal::App>, token: &str) {
    let mut member = member_json(app, token).await["member"].clone();
    let mut school = member["ecoles"][0].clone();
    school["uai"] = serde_json::Value::Null;
    member["ecoles"] = serde_json::Value::Array(vec![school; 1000]);
    let put = put_member(app, token, &member).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
}

/// Requests with unknown links never wait for the compiling work: while real PDFs fill every
/// permit and queue, an unknown link's PDF is a 404 at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn unknown_links_never_wait_behind_real_pdfs() {
    let dir = campaign();
    let token = token_of(dir.path(), "chateaubriant");
    let app = app(dir.path());
    big_member(&app, &token).await;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let done = Arc::new(AtomicUsize::new(0));
    let mut pdfs = Vec::new();
    for _ in 0..3 * cores {
        let (app, token, done) = (app.clone(), token.clone(), done.clone());
        pdfs.push(tokio::spawn(async move {
            let uri = format!("/m/{token}/annexe-2.pdf");
            let a = web::request(&app, "GET", &uri, &[], None).await;
            done.fetch_add(1, Ordering::SeqCst);
            a.status
        }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let began = Instant::now();
    let unknown = web::request(&app, "GET", "/m/inconnu/annexe-2.pdf", &[], None).await;
    let took = began.elapsed();
    let finished = done.load(Ordering::SeqCst);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(finished < pdfs.len(), "the PDFs ended first");
    assert!(took < Duration::from_millis(300), "the 404 took {took:?}");
    for p in pdfs {
        assert_eq!(p.await.unwrap(), StatusCode::OK);
    }
}

/// A request that times out does not give its permit back while its work runs on: the work
/// running at once never exceeds the permits.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_timed_out_request_keeps_its_permit_while_its_work_runs() {
    let dir = campaign();
    let app = app(dir.path());
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..3 * cores {
        let (app, running, most) = (app.clone(), running.clone(), most.clone());
        tasks.push(tokio::spawn(async move {
            let work = http::blocking(&app, Work::Compile, move |_| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(300));
                running.fetch_sub(1, Ordering::SeqCst);
            });
            // The request's timeout, far shorter than its work.
            let _ = tokio::time::timeout(Duration::from_millis(20), work).await;
        }));
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    for t in tasks {
        t.await.unwrap();
    }
    // Wait for the work left running.
    let idle = crate::common::poll(Duration::from_secs(20), Duration::from_millis(20), || {
        (running.load(Ordering::SeqCst) == 0).then_some(())
    });
    assert!(idle.is_some());
    let most = most.load(Ordering::SeqCst);
    assert!(most <= cores, "{most} at once for {cores} permits");
}

/// A school index that would overflow (`ecoles[18446744073709551615]`) with « Ajouter une
/// école »: no school is lost or renamed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_school_index_cannot_wrap() {
    let dir = campaign();
    let token = token_of(dir.path(), "chateaubriant");
    let app = app(dir.path());
    let body = format!(
        "ecoles[0].nom={}&ecoles[18446744073709551615].nom={}&action=ajouter",
        enc("École A"),
        enc("École B")
    );
    let post = web::request(
        &app,
        "POST",
        &format!("/m/{token}"),
        &[],
        Some(("application/x-www-form-urlencoded", body)),
    )
    .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER, "{}", post.text());
    let names: Vec<String> = member_json(&app, &token).await["member"]["ecoles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["nom"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(&names[..2], ["École A", "École B"], "{names:?}");
}

/// Pupil counts that fail their check are not added to the totals: the sums cannot wrap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pupil_totals_cannot_wrap() {
    let dir = campaign();
    let token = token_of(dir.path(), "chateaubriant");
    let app = app(dir.path());
    let mut member = member_json(&app, &token).await["member"].clone();
    member["ecoles"][0]["eleves"] = i64::MAX.into();
    member["ecoles"][1]["eleves"] = i64::MAX.into();
    let put = put_member(&app, &token, &member).await;
    assert_eq!(put.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The three other schools of the sample: 110 + 101 + 78.
    assert_eq!(put.json()["totals"]["pupils"], 289, "{}", put.text());
}

/// Following the link (a mail scanner does) does not make a member « ouvert »; its first
/// interaction does (here a PDF downloaded).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_followed_is_not_opened_until_used() {
    let dir = campaign();
    let token = token_of(dir.path(), "chateaubriant");
    let app = app(dir.path());
    let page = web::request(&app, "GET", &format!("/m/{token}"), &[], None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(status(&app, &token).await, "invité");
    let pdf = web::request(
        &app,
        "GET",
        &format!("/m/{token}/convention.pdf"),
        &[],
        None,
    )
    .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(status(&app, &token).await, "ouvert");
}

/// An address that sends unknown links by the dozen is refused (429) before the database, its
/// /64 with it; a commune at another address keeps its page; a known link from the guesser's
/// address is refused too until the minute is over. Fails on the code before the guard: every
/// unknown link was a 404, looked up in the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_guessing_links_is_refused_before_the_database() {
    use adhesion_portal::service::limits::UNKNOWN_LINKS_PER_MINUTE;
    let dir = campaign();
    let root = dir.path();
    let token = token_of(root, "chateaubriant");
    let app = super::proxied(root);
    let from = |address: &'static str| [("x-forwarded-for", address)];
    let guesser = "2001:db8:1:2::7";
    for n in 0..UNKNOWN_LINKS_PER_MINUTE {
        let path = format!("/api/m/inconnu-{n}-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        let answer = web::request(&app, "GET", &path, &from(guesser), None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "guess {n}");
    }
    let path = "/m/inconnu-encore-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let refused = web::request(&app, "GET", path, &from(guesser), None).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers.contains_key("retry-after"));
    assert!(
        refused.text().contains("Trop de liens inconnus"),
        "{}",
        refused.text()
    );
    // Its /64 with it: another address of the same network.
    let neighbour = web::request(&app, "GET", path, &from("2001:db8:1:2::8"), None).await;
    assert_eq!(neighbour.status, StatusCode::TOO_MANY_REQUESTS);
    // A commune elsewhere is served.
    let page = format!("/m/{token}");
    let commune = web::request(&app, "GET", &page, &from("192.0.2.10"), None).await;
    assert_eq!(commune.status, StatusCode::OK);
    // Its own link answering 404 (a preview page it does not have) never blocks it.
    let missing = format!("/m/{token}/apercu/99");
    for _ in 0..UNKNOWN_LINKS_PER_MINUTE + 5 {
        let answer = web::request(&app, "GET", &missing, &from("192.0.2.11"), None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    }
    let own = web::request(&app, "GET", &page, &from("192.0.2.11"), None).await;
    assert_eq!(own.status, StatusCode::OK);
}
