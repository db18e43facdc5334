//! Headless Chromium for the end-to-end browser tests, driven over WebDriver with `fantoccini`,
//! and accessibility checks with the vendored axe-core (`tests/assets/axe-core/`).
//!
//! Include it in a test binary with
//!
//! ```ignore
//! #[path = "common/browser.rs"]
//! mod browser;
//! ```
//!
//! then, in a `#[tokio::test]`:
//!
//! ```ignore
//! let browser = browser::Browser::start().await;
//! let client = browser.client();
//! client.goto(&url).await.unwrap();
//! browser::assert_accessible(client, "home page").await;
//! browser::screenshot(client, "portal/home.png").await;
//! browser.stop().await;
//! ```
//!
//! `Browser::start` launches its own `chromedriver` on a free port of 127.0.0.1 (so tests can run
//! in parallel, one browser each), in a process group of its own: dropping the `Browser`, even
//! while a test panics, kills that group (chromedriver and the Chromium it started) and removes
//! the browser profile. `chromedriver` and `chromium` come from Debian's `chromium-driver` and
//! `chromium`, which `scripts/test` installs.

use std::fmt;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// The window every test sees, so that screenshots and layouts are comparable.
pub const WINDOW: (u32, u32) = (1280, 900);

/// How long chromedriver may take to answer `/status` with `ready`.
const STARTUP: Duration = Duration::from_secs(30);

/// axe-core's `axe.min.js`, vendored (see `tests/assets/axe-core/README.md`).
const AXE_SOURCE: &str = include_str!("../assets/axe-core/axe.min.js");

/// The axe-core rule tags checked: WCAG 2.0, 2.1 and 2.2, levels A and AA (the RGAA's basis).
pub const AXE_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// A headless Chromium behind its own chromedriver, with one WebDriver session open.
pub struct Browser {
    client: Option<Client>,
    chromedriver: Child,
    port: u16,
    killed: bool,
    /// The Chromium profile and chromedriver's log; removed on drop.
    dir: tempfile::TempDir,
}

/// The paths of `chromedriver` and `chromium`. When they are not installed: on a developer's
/// machine, `None` after a loud message (the test then skips, saying so); under CI (`CI` set), a
/// panic naming `scripts/test`, which installs them.
pub fn installed() -> Option<(PathBuf, PathBuf)> {
    let programs = find_program(&["chromedriver"]).zip(find_program(&[
        "chromium",
        "chromium-browser",
        "google-chrome",
    ]));
    if programs.is_none() {
        let text = "the browser tests need `chromium` and `chromedriver` (Debian packages \
                    chromium and chromium-driver): run them through scripts/test, which \
                    installs them";
        if std::env::var_os("CI").is_some() {
            panic!("{text}");
        }
        // Straight to the terminal: libtest hides what a passing test prints.
        let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {text} ***\n");
    }
    programs
}

impl Browser {
    /// Starts chromedriver on a free port, waits for it to be ready and opens a session with
    /// headless Chromium (French, fixed window size).
    ///
    /// `None` when they are not installed, on a developer's machine ([`installed`]).
    pub async fn start() -> Option<Browser> {
        let (chromedriver, chromium) = installed()?;
        let dir = tempfile::Builder::new()
            .prefix("adhesion-browser-")
            .tempdir()
            .expect("cannot create the browser's temporary folder");

        // A port picked free may be taken before chromedriver binds it: try a few.
        let mut last_error = String::new();
        for _ in 0..3 {
            let port = free_port();
            let log_path = dir.path().join(format!("chromedriver-{port}.log"));
            let log = File::create(&log_path).expect("cannot create chromedriver's log");
            let mut command = Command::new(&chromedriver);
            command
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("cannot share chromedriver's log"))
                .stderr(log)
                // Its own process group, so that one kill reaches Chromium too.
                .process_group(0);
            // SAFETY: prctl is async-signal-safe; if the thread that started chromedriver dies
            // without dropping the Browser (the test process killed), chromedriver dies too.
            unsafe {
                command.pre_exec(|| {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    Ok(())
                });
            }
            let mut child = command
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
            if let Err(e) = wait_ready(&mut child, port) {
                kill_group(&mut child);
                last_error = format!(
                    "{e}\nchromedriver's log:\n{}",
                    fs::read_to_string(&log_path).unwrap_or_default()
                );
                continue;
            }
            // From here on, a panic drops the Browser, which kills chromedriver.
            let mut browser = Browser {
                client: None,
                chromedriver: child,
                port,
                killed: false,
                dir,
            };
            let client = connect(port, &chromium, &browser.dir.path().join("profile"))
                .await
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot open a Chromium session through chromedriver: {e}\n\
                         chromedriver's log:\n{}",
                        fs::read_to_string(&log_path).unwrap_or_default()
                    )
                });
            browser.client = Some(client);
            return Some(browser);
        }
        panic!("chromedriver did not start: {last_error}");
    }

    /// The WebDriver session.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("the browser is stopped")
    }

    /// The port chromedriver listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// chromedriver's process id, which is also the id of the process group holding Chromium.
    pub fn pid(&self) -> u32 {
        self.chromedriver.id()
    }

    /// Closes the session (Chromium quits cleanly), then stops chromedriver. Dropping the
    /// `Browser` does the same without the clean close.
    pub async fn stop(mut self) {
        if let Some(client) = self.client.take() {
            // A session that is already gone is fine: the kill below ends what is left.
            let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        }
        self.kill();
    }

    /// Kills chromedriver and Chromium (once).
    fn kill(&mut self) {
        if !self.killed {
            self.killed = true;
            kill_group(&mut self.chromedriver);
        }
    }
}

/// Polls chromedriver's `/status` until it says it is ready.
fn wait_ready(chromedriver: &mut Child, port: u16) -> Result<(), String> {
    let deadline = Instant::now() + STARTUP;
    loop {
        if let Some(status) = chromedriver.try_wait().map_err(|e| e.to_string())? {
            return Err(format!("chromedriver exited ({status})"));
        }
        if let Some(body) = http_get(port, "/status")
            && serde_json::from_str::<Value>(&body)
                .is_ok_and(|v| v["value"]["ready"] == Value::Bool(true))
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "chromedriver not ready on port {port} after {STARTUP:?}"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Kills the process group that `leader` leads (chromedriver and every Chromium process it
/// started) and reaps the leader.
fn kill_group(leader: &mut Child) {
    let pgid = leader.id() as libc::pid_t;
    // SAFETY: a plain syscall; the group is ours (process_group(0) at spawn), and its leader is
    // not reaped yet, so the id cannot have been reused.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
    let _ = leader.wait();
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The client's connection task dies with its runtime; the processes die here.
        self.client.take();
        self.kill();
    }
}

/// Opens a WebDriver session with headless Chromium in French.
async fn connect(
    port: u16,
    chromium: &Path,
    profile: &Path,
) -> Result<Client, fantoccini::error::NewSessionError> {
    let args = vec![
        "--headless=new".to_string(),
        // As root (CI, containers) Chromium refuses to start sandboxed.
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-dev-shm-usage".to_string(),
        "--no-first-run".to_string(),
        "--no-default-browser-check".to_string(),
        "--disable-extensions".to_string(),
        "--lang=fr-FR".to_string(),
        format!("--window-size={},{}", WINDOW.0, WINDOW.1),
        format!("--user-data-dir={}", profile.display()),
    ];
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": args,
            "prefs": { "intl.accept_languages": "fr-FR,fr" },
        },
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
}

/// A free TCP port on 127.0.0.1, as the system hands one out.
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("cannot find a free port on 127.0.0.1")
        .port()
}

/// The body of `GET path` on 127.0.0.1:`port`, if it answered.
fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    // Read what came, even if the connection is kept open past the timeout.
    let _ = stream.read_to_string(&mut response);
    let (head, body) = response.split_once("\r\n\r\n")?;
    // The JSON alone, were the body chunked.
    let json = &body[body.find('{')?..=body.rfind('}')?];
    (head.split(' ').nth(1) == Some("200")).then(|| json.to_string())
}

/// The first of `names` found on `PATH`.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// One failed axe-core rule on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule, e.g. `label`, `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    /// What the rule asks for, in a sentence.
    pub help: String,
    /// The rule's documentation.
    pub help_url: String,
    /// The CSS selectors of the failing elements (frames and shadow roots joined by ` >> `).
    pub targets: Vec<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {} [{}] {}",
            self.id,
            self.impact.as_deref().unwrap_or("?"),
            self.help,
            self.targets.join(", "),
            self.help_url
        )
    }
}

/// Runs axe-core on the current page for the WCAG 2 A and AA rules ([`AXE_TAGS`]), injecting
/// the vendored `axe.min.js` first (through WebDriver, so a Content-Security-Policy does not
/// stop it), and returns the violations.
pub async fn axe(client: &Client) -> Vec<Violation> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("cannot run a script in the page");
    if loaded != Value::Bool(true) {
        client
            .execute(AXE_SOURCE, vec![])
            .await
            .expect("cannot inject axe-core into the page");
    }
    let result = client
        .execute_async(
            r#"
            const [tags, done] = arguments;
            axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
              .then(results => done({ violations: results.violations.map(v => ({
                  id: v.id,
                  impact: v.impact,
                  help: v.help,
                  helpUrl: v.helpUrl,
                  targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' >> ')),
              })) }))
              .catch(e => done({ error: String(e) }));
            "#,
            vec![json!(AXE_TAGS)],
        )
        .await
        .expect("cannot run axe-core in the page");
    if let Some(error) = result.get("error") {
        panic!("axe-core failed: {error}");
    }
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    result["violations"]
        .as_array()
        .expect("axe-core returned no violations list")
        .iter()
        .map(|v| Violation {
            id: text(&v["id"]),
            impact: v["impact"].as_str().map(str::to_string),
            help: text(&v["help"]),
            help_url: text(&v["helpUrl"]),
            targets: v["targets"]
                .as_array()
                .map(|ts| ts.iter().map(text).collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// Panics, listing them, if axe-core finds violations on the current page (`what` names the page
/// in the message).
pub async fn assert_accessible(client: &Client, what: &str) {
    let violations = axe(client).await;
    assert!(
        violations.is_empty(),
        "accessibility violations on {what}:\n{}",
        violations
            .iter()
            .map(|v| format!("  - {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Where screenshots go: `screenshots/` in the target folder (`target/screenshots/`).
pub fn screenshots_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("screenshots")
}

/// Saves a PNG of the browser's window. A relative `path` is taken under [`screenshots_dir`];
/// missing folders are made. Returns where the file is.
pub async fn screenshot(client: &Client, path: impl AsRef<Path>) -> PathBuf {
    let path = screenshots_dir().join(path);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    }
    let png = client.screenshot().await.expect("cannot take a screenshot");
    fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// The HTML the server sent for the page the browser shows (fetched again by the page, GET,
/// with its cookies): what the validator must read, not the DOM the script has changed since.
/// A sign-in page is fetched without cookies: each of its GETs sets a new form cookie, which
/// would expire the form shown.
pub async fn served_html(client: &Client) -> String {
    let got = client
        .execute_async(
            "const done = arguments[0];
             const credentials = location.pathname.endsWith('/login') ? 'omit' : 'same-origin';
             fetch(location.href, { credentials })
               .then(r => r.text()).then(done).catch(e => done('fetch failed: ' + e));",
            vec![],
        )
        .await
        .expect("cannot fetch the page's HTML");
    got.as_str().unwrap_or_default().to_owned()
}

/// The Nu Html Checker (`vnu.jar`, the W3C's validator), which `scripts/test` installs under
/// `target/tools/` with npm; run by Java. `None` when it is missing, on a developer's machine
/// after a loud message; under CI a panic naming `scripts/test`.
fn validator() -> Option<PathBuf> {
    let jar = screenshots_dir()
        .parent()
        .expect("the target folder")
        .join("tools/node_modules/vnu-jar/build/dist/vnu.jar");
    if jar.is_file() && find_program(&["java"]).is_some() {
        return Some(jar);
    }
    let text = "the HTML validity check needs java and target/tools/…/vnu.jar: run the tests \
                through scripts/test, which installs them";
    if std::env::var_os("CI").is_some() {
        panic!("{text}");
    }
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {text} ***\n");
    None
}

/// Checks that every page of `pages` (a name, its HTML) is valid HTML for the Nu Html Checker,
/// in one run of it; the pages are kept in `target/html/` to be read when one fails.
pub fn assert_valid_html(pages: &[(String, String)]) {
    let Some(jar) = validator() else { return };
    let dir = screenshots_dir()
        .parent()
        .expect("the target folder")
        .join("html");
    fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = pages
        .iter()
        .map(|(name, html)| {
            let path = dir.join(format!("{name}.html"));
            fs::write(&path, html).unwrap();
            path
        })
        .collect();
    let out = Command::new("java")
        .args(["-jar"])
        .arg(&jar)
        .args(["--stdout", "--format", "json"])
        .args(&files)
        .output()
        .expect("cannot run java");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("vnu: {}", String::from_utf8_lossy(&out.stderr)));
    let problems: Vec<String> = report["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "error" || m["subType"] == "warning")
        .map(|m| {
            format!(
                "{}:{}: {}",
                m["url"]
                    .as_str()
                    .unwrap_or("?")
                    .rsplit('/')
                    .next()
                    .unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "pages that are not valid HTML (kept in {}):\n{}",
        dir.display(),
        problems.join("\n")
    );
}
