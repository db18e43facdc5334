//! The flood beside the communes (`--flood-signins N`, `--flood-unknown N`): tasks that send,
//! with no pause, wrong sign-ins (each from an address of a /64 of its own, by
//! `X-Forwarded-For`: the server runs `--behind-proxy`) or requests with unknown links (a PDF
//! and the API's JSON in turn, each task from an address of its own), until the communes are
//! done. What they get is counted by
//! status; a request with no answer counts as an error.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Request, header};
use http_body_util::{BodyExt, Full};

use super::{HttpClient, ms, percentile, send};

/// What a kind of flood got.
#[derive(Default)]
pub struct Tally {
    pub latencies: Vec<Duration>,
    pub statuses: BTreeMap<u16, usize>,
    pub errors: usize,
}

impl Tally {
    pub fn merge(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        for (status, n) in other.statuses {
            *self.statuses.entry(status).or_default() += n;
        }
        self.errors += other.errors;
    }

    async fn time(
        &mut self,
        client: &HttpClient,
        request: Request<Full<Bytes>>,
        timeout: Duration,
    ) {
        let began = Instant::now();
        let result = send(client, request, timeout).await;
        self.latencies.push(began.elapsed());
        match result {
            Ok((status, _)) => *self.statuses.entry(status).or_default() += 1,
            Err(_) => self.errors += 1,
        }
    }

    /// `| name | requests | statuses | errors | p50 | p99 |`.
    pub fn line(&self, name: &str) -> String {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let statuses: Vec<String> = self
            .statuses
            .iter()
            .map(|(s, n)| format!("{n} × {s}"))
            .collect();
        format!(
            "| {name} | {} | {} | {} | {} | {} |",
            sorted.len(),
            statuses.join(", "),
            self.errors,
            ms(percentile(&sorted, 50.0)),
            ms(percentile(&sorted, 99.0)),
        )
    }
}

/// The sign-in form's cookie and CSRF field, which every wrong sign-in of the flood reuses.
pub async fn login_form(client: &HttpClient, base: &str) -> Result<(String, String), String> {
    let response = client
        .request(super::get(format!("{base}/admin/login")))
        .await
        .map_err(|e| format!("GET /admin/login: {e}"))?;
    let cookie = super::set_cookie_value(response.headers(), "adhesion_connexion")
        .ok_or("GET /admin/login: no adhesion_connexion cookie (is a password set?)")?;
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    let body = String::from_utf8_lossy(&body);
    let csrf = body
        .split_once(r#"name="csrf" value=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(v, _)| v.to_owned())
        .ok_or("GET /admin/login: no csrf field")?;
    Ok((format!("adhesion_connexion={cookie}"), csrf))
}

/// Wrong sign-ins with the form `login`, each from a /64 of its own, until `done`.
pub async fn signins(
    client: HttpClient,
    base: String,
    task: usize,
    login: (String, String),
    done: Arc<AtomicBool>,
    timeout: Duration,
) -> Tally {
    let mut tally = Tally::default();
    let body = format!("csrf={}&password=pas-le-bon-mot-de-passe", login.1);
    let mut n = 0u32;
    while !done.load(Ordering::SeqCst) {
        n = n.wrapping_add(1);
        let address = format!("2001:db8:{task:x}:{n:x}::1");
        let request = Request::post(format!("{base}/admin/login"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, login.0.as_str())
            .header("x-forwarded-for", address)
            .body(Full::new(Bytes::from(body.clone())))
            .unwrap();
        tally.time(&client, request, timeout).await;
    }
    tally
}

/// Requests with unknown links (a PDF, then the API's JSON), until `done`.
pub async fn unknown(
    client: HttpClient,
    base: String,
    task: usize,
    done: Arc<AtomicBool>,
    timeout: Duration,
) -> Tally {
    let mut tally = Tally::default();
    let mut n = 0u64;
    while !done.load(Ordering::SeqCst) {
        n += 1;
        let token = format!("inconnu-{task}-{n}-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        let url = if n.is_multiple_of(2) {
            format!("{base}/m/{token}/annexe-2.pdf")
        } else {
            format!("{base}/api/m/{token}")
        };
        // Each task from an address of its own, not the communes' (they all come from the
        // proxy's here).
        let request = Request::get(url)
            .header("x-forwarded-for", format!("192.0.2.{}", task % 250 + 1))
            .body(Full::new(Bytes::new()))
            .unwrap();
        tally.time(&client, request, timeout).await;
    }
    tally
}
