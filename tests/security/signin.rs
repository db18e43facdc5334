//! Sign-in throttling that holds: IPv6 counted by /64, a global cap on failures followed by a
//! delay for every sign-in (not for the sessions already open), Argon2 on permits of its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use adhesion_portal::db::Db;
use adhesion_portal::service::auth;
use axum::http::StatusCode;

use super::{
    campaign, form, login_form, member_json, proxied, put_member, session, set_password,
    sign_in_as, token_of,
};

/// The addresses of one IPv6 /64 share their attempts: a fresh address of the same /64 is
/// refused once the others used them; another /64 is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_addresses_of_one_64_share_their_attempts() {
    let dir = campaign();
    set_password(dir.path());
    let app = proxied(dir.path());
    let login = login_form(&app, &[]).await;
    for i in 1..=auth::ATTEMPTS {
        let address = format!("2001:db8:1:2::{i:x}");
        let a = sign_in_as(&app, &address, &login, "faux").await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{address}");
    }
    let same_64 = sign_in_as(&app, "2001:db8:1:2:ffff:ffff:ffff:fffe", &login, "faux").await;
    assert_eq!(same_64.status, StatusCode::TOO_MANY_REQUESTS);
    let other_64 = sign_in_as(&app, "2001:db8:1:3::1", &login, "faux").await;
    assert_eq!(other_64.status, StatusCode::UNAUTHORIZED);
}

/// Past the global cap of failed sign-ins per minute (from addresses each under its own limit),
/// every sign-in waits, the right password included; a coordinator already signed in is not
/// slowed down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_global_cap_sign_ins_wait_but_open_sessions_do_not() {
    let dir = campaign();
    set_password(dir.path());
    let app = proxied(dir.path());
    let (cookie, _) = session(&app, "192.0.2.1").await;
    let login = login_form(&app, &[]).await;
    for i in 0..auth::FAILURES_CAP {
        let address = format!("198.51.100.{}", i + 1);
        let a = sign_in_as(&app, &address, &login, "faux").await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{address}");
    }
    let began = Instant::now();
    let signing_in = sign_in_as(&app, "203.0.113.7", &login, super::PASSWORD);
    let desk = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let t = Instant::now();
        let a = form(&app, "GET", "/admin", &[("cookie", &cookie)], None).await;
        (a.status, t.elapsed())
    };
    let (signed, (desk_status, desk_time)) = tokio::join!(signing_in, desk);
    let waited = began.elapsed();
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text());
    assert!(waited >= auth::SLOW_DOWN, "the sign-in took {waited:?}");
    assert_eq!(desk_status, StatusCode::OK);
    assert!(
        desk_time < auth::SLOW_DOWN / 2,
        "the open session waited {desk_time:?}"
    );
}

/// A stored hash whose Argon2 takes about a second (the default parameters, more passes).
fn slow_hash(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(19 * 1024, 40, 1, None).unwrap();
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(b"sel de seize oct").unwrap();
    argon
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

/// Sign-ins in flight (each an Argon2 of about a second) never hold the permits that the
/// communes' saves use: a save made meanwhile answers at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn argon2_never_takes_the_permits_of_the_saves() {
    let dir = campaign();
    let root = dir.path();
    set_password(root);
    let hash = slow_hash(super::PASSWORD);
    Db::open(root)
        .unwrap()
        .lock()
        .sql()
        .set_setting("password", &hash)
        .unwrap();
    let token = token_of(root, "chateaubriant");
    let app = proxied(root);
    let mut member = member_json(&app, &token).await["member"].clone();
    member["signataire"]["prenom"] = "Pendant les connexions".into();
    let login = login_form(&app, &[]).await;
    // More sign-ins than the light work has permits.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let done = Arc::new(AtomicUsize::new(0));
    let mut flood = Vec::new();
    for i in 0..2 * cores + 1 {
        let (app, login, done) = (app.clone(), login.clone(), done.clone());
        flood.push(tokio::spawn(async move {
            let address = format!("198.51.100.{}", i + 1);
            let a = sign_in_as(&app, &address, &login, "faux").await;
            done.fetch_add(1, Ordering::SeqCst);
            a.status
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let began = Instant::now();
    let saved = put_member(&app, &token, &member).await;
    let took = began.elapsed();
    let finished = done.load(Ordering::SeqCst);
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert!(finished < flood.len(), "the sign-ins ended before the save");
    assert!(took < Duration::from_millis(500), "the save took {took:?}");
    for f in flood {
        assert_eq!(f.await.unwrap(), StatusCode::UNAUTHORIZED);
    }
}
