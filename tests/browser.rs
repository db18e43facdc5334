//! The browser test infrastructure on its own, without the portal: a tiny HTTP server serves two
//! fixed pages, headless Chromium fills and submits a form, axe-core finds no violation on the
//! accessible page and the missing label on the other, a screenshot is saved, and nothing is
//! left running, even after a panic. Needs `chromium` and `chromedriver` (`scripts/test`
//! installs them): `scripts/test browser::`.

use crate::common::{self, browser};

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use browser::{Browser, axe, screenshot};
use fantoccini::Locator;

/// An accessible French form: language, title, landmark, heading, labelled field, button.
const GOOD: &str = r#"<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Adhésion — essai</title></head>
<body>
<main>
<h1>Votre commune</h1>
<form method="get" action="/merci">
<label for="nom">Nom de la commune</label>
<input id="nom" name="nom" type="text" autocomplete="off">
<button type="submit">Envoyer</button>
</form>
</main>
</body>
</html>
"#;

/// The same form with its label gone: axe-core's `label` rule fails on `#nom`.
const BAD: &str = r#"<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Adhésion — sans étiquette</title></head>
<body>
<main>
<h1>Votre commune</h1>
<form method="get" action="/merci">
<input id="nom" name="nom" type="text">
<button type="submit">Envoyer</button>
</form>
</main>
</body>
</html>
"#;

/// A one-thread-per-connection HTTP/1.0 server on 127.0.0.1:0 with three routes; stopped and
/// joined on drop. Records the `Accept-Language` headers it was sent.
struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    languages: Arc<Mutex<HashSet<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let languages = Arc::new(Mutex::new(HashSet::new()));
        let thread = std::thread::spawn({
            let stop = stop.clone();
            let languages = languages.clone();
            move || {
                let mut connections = Vec::new();
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let languages = languages.clone();
                    connections.push(std::thread::spawn(move || serve(stream, &languages)));
                }
                for connection in connections {
                    let _ = connection.join();
                }
            }
        });
        Server {
            addr,
            stop,
            thread: Some(thread),
            languages,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop up so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Answers one request. Idle connections (Chromium opens some ahead) time out.
fn serve(stream: TcpStream, languages: &Mutex<HashSet<String>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() || request_line.is_empty() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("accept-language")
        {
            languages.lock().unwrap().insert(value.trim().to_string());
        }
    }
    let target = request_line.split(' ').nth(1).unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (status, body) = match path {
        "/bon" => ("200 OK", GOOD.to_string()),
        "/mauvais" => ("200 OK", BAD.to_string()),
        "/merci" => {
            let name = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("nom="))
                .map(form_decode)
                .unwrap_or_default();
            let name = name.replace('&', "&amp;").replace('<', "&lt;");
            (
                "200 OK",
                format!(
                    "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
                     <title>Merci</title></head><body><main><h1>Merci</h1>\
                     <p id=\"reponse\">Commune reçue : {name}</p></main></body></html>"
                ),
            )
        }
        _ => ("404 Not Found", "introuvable".to_string()),
    };
    let mut stream = &stream;
    let _ = write!(
        stream,
        "HTTP/1.0 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
}

/// `application/x-www-form-urlencoded` value → text.
fn form_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The live (not zombie) processes of process group `pgid`: "pid state command" each.
fn group_members(pgid: u32) -> Vec<String> {
    let mut members = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after the last ')'.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() > 2 && fields[0] != "Z" && fields[2] == pgid.to_string() {
            members.push(format!("{} {}", head, fields[0]));
        }
    }
    members
}

/// Waits up to five seconds (killed processes take a moment to go) for group `pgid` to be
/// empty; returns what is left.
fn group_left(pgid: u32) -> Vec<String> {
    let gone = common::poll(Duration::from_secs(5), Duration::from_millis(50), || {
        group_members(pgid).is_empty().then_some(())
    });
    if gone.is_some() {
        Vec::new()
    } else {
        group_members(pgid)
    }
}

#[tokio::test]
async fn form_accessibility_and_screenshot() {
    let server = Server::start();
    let Some(browser) = Browser::start().await else {
        return;
    };
    let pgid = browser.pid();
    assert!(
        !group_members(pgid).is_empty(),
        "chromedriver's group is running"
    );
    let client = browser.client();

    // Navigate, fill the field, submit, read the answer back.
    client.goto(&server.url("/bon")).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "Adhésion — essai");
    let field = client.find(Locator::Id("nom")).await.unwrap();
    field.send_keys("Évian-les-Bains").await.unwrap();
    // The accessible page, filled: no violation.
    let violations = axe(client).await;
    assert!(
        violations.is_empty(),
        "violations on the accessible page: {violations:#?}"
    );
    let shot = screenshot(client, "browser/form.png").await;
    let png = fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is a PNG",
        shot.display()
    );
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let answer = client
        .wait()
        .for_element(Locator::Id("reponse"))
        .await
        .unwrap();
    assert_eq!(
        answer.text().await.unwrap(),
        "Commune reçue : Évian-les-Bains"
    );
    assert!(client.current_url().await.unwrap().path() == "/merci");

    // The browser speaks French.
    let languages = server.languages.lock().unwrap().clone();
    assert!(
        languages.iter().all(|l| l.starts_with("fr-FR")) && !languages.is_empty(),
        "Accept-Language sent: {languages:?}"
    );

    // The page without a label: axe-core names the rule and the field.
    client.goto(&server.url("/mauvais")).await.unwrap();
    let violations = axe(client).await;
    let label = violations
        .iter()
        .find(|v| v.id == "label")
        .unwrap_or_else(|| panic!("no `label` violation in {violations:#?}"));
    assert_eq!(label.targets, ["#nom"]);
    assert_eq!(label.impact.as_deref(), Some("critical"));
    assert!(!label.help.is_empty() && label.help_url.contains("axe"));

    browser.stop().await;
    let left = group_left(pgid);
    assert!(
        left.is_empty(),
        "chromedriver or Chromium left running: {left:?}"
    );
    drop(server);
}

/// A test that panics with its browser open leaves no chromedriver nor Chromium behind.
#[test]
fn a_panicking_test_leaves_no_process() {
    if browser::installed().is_none() {
        return;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let outcome = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let browser = Browser::start().await.expect("the browser is installed");
                browser.client().goto("about:blank").await.unwrap();
                sender.send(browser.pid()).unwrap();
                panic!("a test fails with its browser open");
            })
    })
    .join();
    assert!(outcome.is_err(), "the thread panicked");
    let pgid = receiver.recv().unwrap();
    let left = group_left(pgid);
    assert!(
        left.is_empty(),
        "chromedriver or Chromium left running: {left:?}"
    );
}
