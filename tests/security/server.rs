//! The server as a process: a client dribbling its headers cut off while others are served, the
//! connection limit, the warnings at start, the files' modes, the log (one line per request,
//! links redacted, a 500 with its cause and the reference its page shows).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::http::StatusCode;

use super::{app, campaign, member_json, token_of, web};
use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_adhesion");

/// `adhesion serve` running, its port, and what it writes on stderr (read as it comes).
struct Server {
    child: Child,
    port: u16,
    stderr: JoinHandle<String>,
}

impl Server {
    /// `adhesion serve --addr <addr> <args>` on the campaign in `root`, in French.
    fn start(root: &Path, addr: &str, args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", addr, "--today", "2021-12-01"])
            .args(args)
            .arg("--root")
            .arg(root)
            .env("LC_ALL", "fr_FR.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|a| a.rsplit(':').next())
            .and_then(|p| p.parse().ok());
        let Some(port) = port else {
            let _ = child.kill();
            panic!("no address in `{line}`: {}", stderr.join().unwrap());
        };
        Server {
            child,
            port,
            stderr,
        }
    }

    /// Stops the server with SIGTERM; gives its exit code and its stderr.
    fn stop(mut self) -> (Option<i32>, String) {
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let status = common::wait_child(&mut self.child, Duration::from_secs(20));
        (status.and_then(|s| s.code()), self.stderr.join().unwrap())
    }
}

/// One HTTP/1.1 request on `port`: the whole answer, headers included.
fn exchange(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn get(port: u16, path: &str, headers: &str) -> String {
    exchange(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n"),
    )
}

/// The campaign with its members invited; the token of Châteaubriant.
fn invited() -> (tempfile::TempDir, PathBuf, String) {
    let dir = campaign();
    let root = dir.path().to_owned();
    let token = token_of(&root, "chateaubriant");
    (dir, root, token)
}

/// A client that sends its request line and headers a byte at a time, every half second, is
/// cut off by the header-read timeout (10 s) while another client is served meanwhile.
#[test]
fn a_client_dribbling_its_headers_is_cut_off_while_others_are_served() {
    let (_dir, root, token) = invited();
    let server = Server::start(&root, "127.0.0.1:0", &[]);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let began = Instant::now();
    let request =
        "GET /m/inconnu HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ".to_owned() + &"a".repeat(100);
    let mut cut = None;
    let mut served = false;
    for byte in request.bytes().cycle() {
        if slow.write_all(&[byte]).is_err() {
            cut = Some(began.elapsed());
            break;
        }
        let mut buf = [0u8; 256];
        match slow.read(&mut buf) {
            Ok(_) => {
                cut = Some(began.elapsed());
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => {
                cut = Some(began.elapsed());
                break;
            }
        }
        if !served && began.elapsed() > Duration::from_secs(2) {
            let page = get(server.port, &format!("/m/{token}"), "");
            assert!(page.starts_with("HTTP/1.1 200"), "{page}");
            served = true;
        }
        if began.elapsed() > Duration::from_secs(20) {
            break;
        }
    }
    let (code, stderr) = server.stop();
    assert!(served);
    let cut = cut.unwrap_or_else(|| panic!("still connected after 20 s: {stderr}"));
    assert!(
        cut >= Duration::from_secs(9) && cut < Duration::from_secs(15),
        "cut off after {cut:?}"
    );
    assert_eq!(code, Some(0), "{stderr}");
}

/// Past the connection limit, a client waits for a slot: here two idle connections hold both
/// until the header-read timeout closes them, then the third client is served. The server
/// stops when told.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_limit_a_client_waits_for_a_slot() {
    use adhesion_portal::server::{Limits, router, serve_on};
    let dir = campaign();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let limits = Limits {
        header_read_timeout: Duration::from_secs(1),
        max_connections: 2,
        grace: Duration::from_secs(5),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve_on(listener, router(app(dir.path())), limits, async {
        let _ = stopped.await;
    }));
    let idle: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let began = Instant::now();
    let answer = tokio::task::spawn_blocking(move || get(port, "/m/inconnu", ""))
        .await
        .unwrap();
    let waited = began.elapsed();
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(5),
        "served after {waited:?}"
    );
    drop(idle);
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .unwrap();
}

/// Bound to an address other than the loopback without `--behind-proxy`, the server warns at
/// start; on the loopback without it, a request forwarded by a proxy makes it warn (every
/// client would share the proxy's address).
#[test]
fn the_server_warns_when_its_address_and_the_proxy_disagree() {
    let (_dir, root, _) = invited();
    let open = Server::start(&root, "0.0.0.0:0", &[]);
    let (_, stderr) = open.stop();
    assert!(
        stderr.contains("0.0.0.0") && stderr.contains("--behind-proxy"),
        "{stderr}"
    );
    let local = Server::start(&root, "127.0.0.1:0", &[]);
    let quiet = get(local.port, "/m/inconnu", "");
    assert!(quiet.starts_with("HTTP/1.1 404"), "{quiet}");
    let forwarded = get(local.port, "/m/inconnu", "X-Forwarded-For: 203.0.113.9\r\n");
    assert!(forwarded.starts_with("HTTP/1.1 404"), "{forwarded}");
    let (_, stderr) = local.stop();
    assert!(
        stderr.contains("X-Forwarded-For") && stderr.contains("--behind-proxy"),
        "{stderr}"
    );
    assert!(!stderr.contains("0.0.0.0"), "{stderr}");
}

/// One line per request with its route (the link's token never), status and time; a 500 logged
/// with its cause and the reference that its page shows.
#[test]
fn the_log_has_a_line_per_request_and_the_cause_of_a_500() {
    let (_dir, root, token) = invited();
    let laval = token_of(&root, "laval");
    let server = Server::start(&root, "127.0.0.1:0", &[]);
    let page = get(server.port, &format!("/m/{token}"), "");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    // A member file that is not UTF-8 cannot be read: an internal error.
    std::fs::write(root.join("members/53/laval.yaml"), b"nom: \xff\xfe\n").unwrap();
    let failed = get(server.port, &format!("/m/{laval}"), "");
    assert!(failed.starts_with("HTTP/1.1 500"), "{failed}");
    let id = failed
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .expect("a request id")
        .trim()
        .to_owned();
    assert!(
        failed.contains(&id.to_uppercase()),
        "the page shows {id}: {failed}"
    );
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !stderr.contains(&token) && !stderr.contains(&laval),
        "{stderr}"
    );
    let line = stderr
        .lines()
        .find(|l| l.contains("GET") && l.contains("/m/{token}") && l.contains("200"))
        .unwrap_or_else(|| panic!("no line for the page: {stderr}"));
    assert!(line.contains("ms"), "{line}");
    let error = stderr
        .lines()
        .find(|l| l.contains("ERROR") && l.contains(&id))
        .unwrap_or_else(|| panic!("no error line with {id}: {stderr}"));
    assert!(error.contains("laval.yaml"), "the cause: {error}");
}

/// `--log-format json`: every line of the log is a JSON object, for log collectors.
#[test]
fn the_log_in_json() {
    let (_dir, root, token) = invited();
    let server = Server::start(&root, "127.0.0.1:0", &["--log-format", "json"]);
    let page = get(server.port, &format!("/m/{token}"), "");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let (_, stderr) = server.stop();
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["route"] == "/m/{token}" && l["status"] == 200 && l["method"] == "GET"),
        "{stderr}"
    );
}

/// `.adhesion/` is its owner's only (0700), the database and its journal files too (0600).
#[cfg(unix)]
#[test]
fn the_portal_state_is_its_owner_s_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = campaign();
    let db = adhesion_portal::db::Db::open(dir.path()).unwrap();
    db.lock().sql().audit(None, "test", "", "").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let state = dir.path().join(".adhesion");
    assert_eq!(mode(&state), 0o700);
    for entry in std::fs::read_dir(&state).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

/// A deposit writes the member file through a temporary file of a random name: a link planted
/// at the name an earlier version used (`.<name>.<pid>.tmp`) is never followed.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deposit_never_follows_a_planted_link() {
    let (dir, root, token) = invited();
    let victim = dir.path().join("victime.txt");
    std::fs::write(&victim, "à garder").unwrap();
    let planted = root.join(format!(
        "members/44/.chateaubriant.yaml.{}.tmp",
        std::process::id()
    ));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let app = app(&root);
    let dep = web::request(&app, "POST", &format!("/api/m/{token}/deposer"), &[], None).await;
    assert_eq!(dep.status, StatusCode::OK, "{}", dep.text());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "à garder");
    let file = root.join("members/44/chateaubriant.yaml");
    assert!(file.symlink_metadata().unwrap().is_file());
    assert_eq!(member_json(&app, &token).await["status"], "déposé");
}
