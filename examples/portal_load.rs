//! Load benchmark of the members' portal (`adhesion serve`): a documented command, not a test
//! (`docs/performance.md`, "The portal under load").
//!
//! ```text
//! cargo test --profile test-release --locked --no-run        # builds adhesion and this example
//! target/test-release/examples/bench generate --members 1250 --out /tmp/camp
//! target/test-release/adhesion invitations --root /tmp/camp --out /tmp/camp/liens.csv
//! target/test-release/examples/portal_load --root /tmp/camp --links /tmp/camp/liens.csv \
//!     --bin target/test-release/adhesion
//! ```
//!
//! It starts `adhesion serve` itself on a port the system picks, then runs `--communes`
//! virtual communes at once, each looping over its share of the members' links (from the
//! `lien` column of the invitations CSV; each token is printed only once, so keep that file):
//! the page, the API's JSON, a save of that JSON with one pupil count changed by one (valid
//! data: a save answered 422 counts as an error), the annexe 2 and the convention, with no
//! pause between requests, until `--requests` requests were sent. It prints, per route, the
//! count, the errors (a status other than 2xx, or no answer), p50, p99 and max latency; the
//! requests and PDFs per second; and the server's peak RSS (`VmHWM` of
//! `/proc/<pid>/status`), then stops the server with SIGTERM.
//!
//! `--desk` adds the coordinator's desk: before starting the server it sets the desk's password
//! in the campaign (`adhesion_portal::service::auth::set_password`, replacing any other), signs in over
//! HTTP (the sign-in form's CSRF cookie and field, then the session cookie), and fetches
//! `/admin` (every member's row) up to `--desk-count` times, one at a time with `--desk-pause`
//! between them, until the communes are done; it prints those latencies in order (the first
//! one checks every member: the summaries are not cached yet). `--desk --requests 0` measures
//! the desk alone, with no load.
//!
//! `--flood-signins N` and `--flood-unknown N` add, beside the communes and until they are done,
//! N tasks each sending wrong sign-ins (from addresses of /64s of their own, so the server runs
//! `--behind-proxy`) or requests with unknown links, with no pause (`portal_load/flood.rs`);
//! `--behind-proxy` alone gives the run to compare them with. The server's log goes to
//! `--server-log` (by default nowhere).

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Method, Request, header};
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

#[path = "portal_load/flood.rs"]
mod flood;

#[derive(Debug, Parser)]
#[command(about = "Load benchmark of `adhesion serve` on an invited campaign")]
struct Cli {
    /// The campaign folder (invited with `adhesion invitations`)
    #[arg(long, value_name = "DIR")]
    root: PathBuf,
    /// The invitations CSV (its `lien` column holds the links)
    #[arg(long, value_name = "FILE")]
    links: PathBuf,
    /// The adhesion binary to serve with
    #[arg(
        long,
        value_name = "PATH",
        default_value = "target/test-release/adhesion"
    )]
    bin: PathBuf,
    /// Virtual communes at once, each with its own members' links
    #[arg(long, value_name = "N", default_value_t = 100)]
    communes: usize,
    /// Requests to send in all (whole visits of 5 requests)
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    requests: usize,
    /// The day the server takes as today (before the campaign's joining deadline)
    #[arg(long, value_name = "DATE", default_value = "2021-12-01")]
    today: String,
    /// Also sets the desk's password, signs in and fetches `/admin` during the run
    #[arg(long)]
    desk: bool,
    /// The desk's password set by `--desk` (12 characters or more)
    #[arg(long, value_name = "TEXT", default_value = "banc-de-charge-du-portail")]
    desk_password: String,
    /// Most fetches of `/admin` (fewer if the communes are done first)
    #[arg(long, value_name = "K", default_value_t = 50)]
    desk_count: usize,
    /// Pause between two fetches of `/admin`, so that they spread over the run
    #[arg(long, value_name = "MS", default_value_t = 500)]
    desk_pause: u64,
    /// Longest wait for one answer; a request that takes longer counts as an error
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Serve with `--behind-proxy` (the flood of sign-ins needs it)
    #[arg(long)]
    behind_proxy: bool,
    /// Tasks sending wrong sign-ins beside the communes, each from /64s of its own
    #[arg(long, value_name = "N", default_value_t = 0)]
    flood_signins: usize,
    /// Tasks sending requests with unknown links beside the communes
    #[arg(long, value_name = "N", default_value_t = 0)]
    flood_unknown: usize,
    /// Where the server's log goes
    #[arg(long, value_name = "FILE", default_value = "/dev/null")]
    server_log: PathBuf,
}

/// The routes measured, in the order of a visit, then the desk.
const ROUTES: [&str; 6] = [
    "GET /m/{token}",
    "GET /api/m/{token}",
    "PUT /api/m/{token}",
    "GET /m/{token}/annexe-2.pdf",
    "GET /m/{token}/convention.pdf",
    "GET /admin (desk)",
];
const PAGE: usize = 0;
const API_GET: usize = 1;
const API_PUT: usize = 2;
const ANNEXE: usize = 3;
const CONVENTION: usize = 4;
const DESK: usize = 5;
/// Requests in one commune's visit of one member.
const VISIT: usize = 5;

/// What one task measured: latencies per route, errors per route, a few error descriptions.
#[derive(Default)]
struct Record {
    latencies: [Vec<Duration>; 6],
    errors: [usize; 6],
    examples: Vec<String>,
    /// The flood's sign-ins and unknown links.
    flood: [flood::Tally; 2],
}

impl Record {
    fn merge(&mut self, other: Record) {
        for (mine, theirs) in self.latencies.iter_mut().zip(other.latencies) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self.errors.iter_mut().zip(other.errors) {
            *mine += theirs;
        }
        self.examples.extend(other.examples);
        for (mine, theirs) in self.flood.iter_mut().zip(other.flood) {
            mine.merge(theirs);
        }
    }

    fn error(&mut self, route: usize, what: String) {
        self.errors[route] += 1;
        if self.examples.len() < 10 {
            self.examples.push(format!("{}: {what}", ROUTES[route]));
        }
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Sends one request and reads the whole answer: its status and body, or why there is none.
async fn send(
    client: &HttpClient,
    request: Request<Full<Bytes>>,
    timeout: Duration,
) -> Result<(u16, Bytes), String> {
    let exchange = async {
        let response = client.request(request).await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok((status, body))
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} s", timeout.as_secs())))
}

/// Times one request on `route`, records it and gives the body of a 2xx answer.
async fn timed(
    client: &HttpClient,
    record: &mut Record,
    route: usize,
    request: Request<Full<Bytes>>,
    timeout: Duration,
) -> Option<Bytes> {
    let began = Instant::now();
    let result = send(client, request, timeout).await;
    record.latencies[route].push(began.elapsed());
    match result {
        Ok((status, body)) if (200..300).contains(&status) => Some(body),
        Ok((status, body)) => {
            let start = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
            record.error(route, format!("{status} {start}"));
            None
        }
        Err(e) => {
            record.error(route, e);
            None
        }
    }
}

fn get(url: String) -> Request<Full<Bytes>> {
    Request::get(url).body(Full::new(Bytes::new())).unwrap()
}

/// The API's JSON with the first school's pupil count moved by one, up on even visits and
/// down on odd ones, so the counts stay where the campaign put them.
fn changed(json: &[u8], visit: usize) -> Option<Vec<u8>> {
    let mut value: Value = serde_json::from_slice(json).ok()?;
    if let Some(eleves) = value
        .pointer_mut("/member/ecoles/0/eleves")
        .and_then(|v| v.as_i64().map(|n| (v, n)))
    {
        let (slot, n) = eleves;
        *slot = Value::from(if visit.is_multiple_of(2) {
            n + 1
        } else {
            (n - 1).max(1)
        });
    }
    serde_json::to_vec(&value).ok()
}

/// One virtual commune: visits its members in turn until the shared count is reached.
async fn commune(
    client: HttpClient,
    base: String,
    tokens: Vec<String>,
    sent: Arc<AtomicUsize>,
    limit: usize,
    timeout: Duration,
) -> Record {
    let mut record = Record::default();
    let mut visits = vec![0usize; tokens.len()];
    for k in (0..tokens.len()).cycle() {
        // A whole visit is claimed at once, so every visit is complete.
        if sent.fetch_add(VISIT, Ordering::SeqCst) >= limit {
            break;
        }
        let token = &tokens[k];
        let page = format!("{base}/m/{token}");
        let api = format!("{base}/api/m/{token}");
        timed(&client, &mut record, PAGE, get(page.clone()), timeout).await;
        let json = timed(&client, &mut record, API_GET, get(api.clone()), timeout).await;
        match json.and_then(|j| changed(&j, visits[k])) {
            Some(body) => {
                let put = Request::builder()
                    .method(Method::PUT)
                    .uri(api)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Full::new(Bytes::from(body)))
                    .unwrap();
                timed(&client, &mut record, API_PUT, put, timeout).await;
            }
            None => record.error(API_PUT, "no JSON to save".into()),
        }
        visits[k] += 1;
        for (route, name) in [(ANNEXE, "annexe-2.pdf"), (CONVENTION, "convention.pdf")] {
            timed(
                &client,
                &mut record,
                route,
                get(format!("{page}/{name}")),
                timeout,
            )
            .await;
        }
    }
    record
}

/// `text` with every byte but letters, digits and `-_.~` percent-encoded, for a form field.
fn form_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of cookie `name` among an answer's `Set-Cookie` headers.
fn set_cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// Signs in to the desk as a coordinator would (the sign-in form, then its POST) and gives the
/// `Cookie` header of the session.
async fn sign_in(client: &HttpClient, base: &str, password: &str) -> Result<String, String> {
    let (login, csrf) = flood::login_form(client, base).await?;
    let form = format!(
        "csrf={}&password={}",
        form_value(&csrf),
        form_value(password)
    );
    let post = Request::post(format!("{base}/admin/login"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, login)
        .body(Full::new(Bytes::from(form)))
        .unwrap();
    let response = client
        .request(post)
        .await
        .map_err(|e| format!("POST /admin/login: {e}"))?;
    let status = response.status().as_u16();
    let session = set_cookie_value(response.headers(), "adhesion_session")
        .ok_or_else(|| format!("POST /admin/login answered {status} without a session"))?;
    Ok(format!("adhesion_session={session}"))
}

/// The desk: up to `count` requests of `/admin` with the session `cookie`, one at a time with
/// `pause` between them, until `done` is set (the communes finished) if there is load. Also gives
/// the rows of the first answer (one per member).
async fn desk(
    client: HttpClient,
    base: String,
    cookie: String,
    count: usize,
    pause: Duration,
    done: Option<Arc<AtomicBool>>,
    timeout: Duration,
) -> (Record, Option<usize>) {
    let mut record = Record::default();
    let mut rows = None;
    for k in 0..count {
        if done.as_ref().is_some_and(|d| d.load(Ordering::SeqCst)) {
            break;
        }
        if k > 0 && !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
        let request = Request::get(format!("{base}/admin"))
            .header(header::COOKIE, cookie.as_str())
            .body(Full::new(Bytes::new()))
            .unwrap();
        let body = timed(&client, &mut record, DESK, request, timeout).await;
        if let (None, Some(body)) = (rows, body) {
            rows = Some(
                String::from_utf8_lossy(&body)
                    .matches("<tr data-id=")
                    .count(),
            );
        }
    }
    (record, rows)
}

/// The fields of one line of the invitations CSV (the French spreadsheet format: `;` between
/// cells, quotes as RFC 4180 has them; no field holds a line break).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ';' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// The tokens of the invitations CSV's links.
fn tokens(csv: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let mut lines = text.lines();
    let header = csv_fields(lines.next().unwrap_or_default());
    let column = header
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == "lien")
        .ok_or_else(|| format!("{}: no `lien` column", csv.display()))?;
    let tokens: Vec<String> = lines
        .filter_map(|l| {
            let link = csv_fields(l).into_iter().nth(column)?;
            Some(link.split_once("/m/")?.1.to_owned())
        })
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return Err(format!(
            "{}: no link (each link is printed once, by the first `adhesion invitations`)",
            csv.display()
        ));
    }
    Ok(tokens)
}

/// `adhesion serve` on a port of the system's choosing, and that port.
fn start_server(cli: &Cli) -> Result<(Child, u16), String> {
    let log = fs::File::create(&cli.server_log)
        .map_err(|e| format!("{}: {e}", cli.server_log.display()))?;
    let mut command = Command::new(&cli.bin);
    command
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--today",
            &cli.today,
            "--root",
        ])
        .arg(&cli.root);
    if cli.behind_proxy || cli.flood_signins > 0 {
        command.arg("--behind-proxy");
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", cli.bin.display()))?;
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let _ = stdout.read_line(&mut line);
    // The server prints its address once; the rest is drained so that it never blocks.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
    });
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|p| p.parse().ok());
    match port {
        Some(port) => Ok((child, port)),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!(
                "`adhesion serve` printed no address: `{}`",
                line.trim()
            ))
        }
    }
}

/// A line of `/proc/<pid>/status` in KiB (`VmHWM`: the peak resident set).
fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let mut text = String::new();
    fs::File::open(format!("/proc/{pid}/status"))
        .ok()?
        .read_to_string(&mut text)
        .ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

fn stop(mut child: Child) {
    // SAFETY: a signal to the child this program started and has not reaped yet.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(&cli) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let tokens = tokens(&cli.links)?;
    let communes = cli.communes.clamp(1, tokens.len());
    if cli.desk || cli.flood_signins > 0 {
        adhesion_portal::db::Db::open(&cli.root)
            .and_then(|db| adhesion_portal::service::auth::set_password(&db, &cli.desk_password))
            .map_err(|e| format!("cannot set the desk's password: {e}"))?;
    }
    let (child, port) = start_server(cli)?;
    let pid = child.id();
    let base = format!("http://127.0.0.1:{port}");
    eprintln!(
        "{} serving {} on {base}; {communes} communes, {} members, {} requests",
        cli.bin.display(),
        cli.root.display(),
        tokens.len(),
        cli.requests
    );

    // One thread for the client: the server keeps both cores, less what the client needs.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let timeout = Duration::from_secs(cli.timeout);
    let outcome = runtime.block_on(async {
        let client: HttpClient = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(communes + 1 + cli.flood_signins + cli.flood_unknown)
            .build_http();
        let cookie = match cli.desk {
            true => Some(sign_in(&client, &base, &cli.desk_password).await?),
            false => None,
        };
        let sent = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let began = Instant::now();
        let desk_task = cookie.map(|cookie| {
            tokio::spawn(desk(
                client.clone(),
                base.clone(),
                cookie,
                cli.desk_count,
                Duration::from_millis(cli.desk_pause),
                (cli.requests > 0).then(|| done.clone()),
                timeout,
            ))
        });
        let floods = start_flood(cli, &client, &base, &done, timeout).await?;
        let mut tasks = Vec::new();
        for c in 0..communes {
            // Commune c visits members c, c + communes, c + 2 communes...
            let mine: Vec<String> = tokens.iter().skip(c).step_by(communes).cloned().collect();
            tasks.push(tokio::spawn(commune(
                client.clone(),
                base.clone(),
                mine,
                sent.clone(),
                cli.requests,
                timeout,
            )));
        }
        let mut record = Record::default();
        for task in tasks {
            record.merge(task.await.expect("a virtual commune panicked"));
        }
        let communes_wall = began.elapsed();
        done.store(true, Ordering::SeqCst);
        for (kind, task) in floods {
            record.flood[kind].merge(task.await.expect("a flood's task panicked"));
        }
        let mut rows = None;
        if let Some(task) = desk_task {
            let (desk_record, desk_rows) = task.await.expect("the desk's task panicked");
            record.merge(desk_record);
            rows = desk_rows;
        }
        // With load, the rates are over the communes' time; without, over the desk's.
        let wall = match cli.requests {
            0 => began.elapsed(),
            _ => communes_wall,
        };
        Ok::<_, String>((record, wall, rows))
    });
    let peak_kib = status_kib(pid, "VmHWM");
    let (record, wall, rows) = match outcome {
        Ok(outcome) => outcome,
        Err(e) => {
            stop(child);
            return Err(e);
        }
    };
    stop(child);
    report(cli, &record, wall, peak_kib, communes, tokens.len(), rows);
    Ok(())
}
/// The flood's tasks (`--flood-signins`, `--flood-unknown`), each with the index of its kind in
/// [`Record::flood`].
async fn start_flood(
    cli: &Cli,
    client: &HttpClient,
    base: &str,
    done: &Arc<AtomicBool>,
    timeout: Duration,
) -> Result<Vec<(usize, tokio::task::JoinHandle<flood::Tally>)>, String> {
    let mut tasks = Vec::new();
    if cli.flood_signins > 0 {
        let login = flood::login_form(client, base).await?;
        for t in 0..cli.flood_signins {
            let task = flood::signins(
                client.clone(),
                base.to_owned(),
                t,
                login.clone(),
                done.clone(),
                timeout,
            );
            tasks.push((0, tokio::spawn(task)));
        }
    }
    for t in 0..cli.flood_unknown {
        let task = flood::unknown(client.clone(), base.to_owned(), t, done.clone(), timeout);
        tasks.push((1, tokio::spawn(task)));
    }
    Ok(tasks)
}

fn report(
    cli: &Cli,
    record: &Record,
    wall: Duration,
    peak_kib: Option<u64>,
    communes: usize,
    members: usize,
    desk_rows: Option<usize>,
) {
    let load = match cli.requests {
        0 => "no commune (the desk alone)".to_owned(),
        _ => format!("{communes} communes at once"),
    };
    println!(
        "portal under load: {members} members, {load}, {}",
        cli.bin.display()
    );
    println!();
    println!("| route | requests | errors | p50 | p99 | max |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (route, latencies) in record.latencies.iter().enumerate() {
        if latencies.is_empty() {
            continue;
        }
        let mut sorted = latencies.clone();
        sorted.sort();
        println!(
            "| `{}` | {} | {} | {} | {} | {} |",
            ROUTES[route],
            sorted.len(),
            record.errors[route],
            ms(percentile(&sorted, 50.0)),
            ms(percentile(&sorted, 99.0)),
            ms(*sorted.last().unwrap()),
        );
    }
    let total: usize = record.latencies.iter().map(Vec::len).sum();
    let errors: usize = record.errors.iter().sum();
    let pdfs = [ANNEXE, CONVENTION]
        .iter()
        .map(|&r| record.latencies[r].len() - record.errors[r].min(record.latencies[r].len()))
        .sum::<usize>();
    let secs = wall.as_secs_f64();
    println!();
    println!(
        "{total} requests in {secs:.1} s: {:.0} requests/s, {:.1} PDFs/s ({pdfs} PDFs), {errors} errors",
        total as f64 / secs,
        pdfs as f64 / secs
    );
    match peak_kib {
        Some(kib) => println!(
            "server peak RSS (VmHWM): {:.0} MiB ({kib} KiB)",
            kib as f64 / 1024.0
        ),
        None => println!("server peak RSS: unknown (no /proc/<pid>/status)"),
    }
    if cli.desk {
        let order: Vec<String> = record.latencies[DESK]
            .iter()
            .map(|d| format!("{:.0}", d.as_secs_f64() * 1000.0))
            .collect();
        println!(
            "desk: {} rows in its first answer; latencies in order (ms): {}",
            desk_rows.map_or("no".to_owned(), |n| n.to_string()),
            order.join(", ")
        );
    }
    if cli.flood_signins + cli.flood_unknown > 0 {
        println!();
        println!(
            "flood beside them: {} tasks of wrong sign-ins, {} of unknown links",
            cli.flood_signins, cli.flood_unknown
        );
        println!();
        println!("| flood | requests | statuses | no answer | p50 | p99 |");
        println!("| --- | ---: | --- | ---: | ---: | ---: |");
        println!("{}", record.flood[0].line("`POST /admin/login` (wrong)"));
        println!("{}", record.flood[1].line("unknown links"));
    }
    for example in &record.examples {
        println!("error: {example}");
    }
}
