//! The portal's commands as a coordinator runs them: `invitations` (the links, each printed
//! once; `--renew`), `reopen`, and `serve` on a port of its own, stopped by SIGTERM.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_adhesion");

/// A copy of the repository's campaign in a temporary folder.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = common::sample_campaign();
    let root = dir.path().to_owned();
    (dir, root)
}

fn adhesion(root: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--root")
        .arg(root)
        .env("LC_ALL", "fr_FR.UTF-8")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The CSV's rows after its header, split at commas (no field of the sample holds one).
fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn invitations_give_each_link_once_and_renew_replaces_one() {
    let (_dir, root) = sample();
    let first = adhesion(
        &root,
        &["invitations", "--base-url", "https://portail.test/"],
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    let csv = text(&first.stdout);
    let first_rows = rows(&csv);
    assert_eq!(first_rows.len(), 6, "{csv}");
    let link = |row: &Vec<String>| row.iter().find(|f| f.contains("/m/")).cloned();
    for row in &first_rows {
        let link = link(row).unwrap_or_else(|| panic!("no link in {row:?}"));
        assert!(link.starts_with("https://portail.test/m/"), "{link}");
        // 32 random bytes in URL-safe base64: 43 characters.
        assert!(link.rsplit('/').next().unwrap().len() >= 22, "{link}");
    }

    // A later call lists the members without printing their links again.
    let list = root.join("liste.csv");
    let second = adhesion(&root, &["invitations", "--out", list.to_str().unwrap()]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    let again = fs::read_to_string(&list).unwrap();
    assert!(rows(&again).iter().all(|r| link(r).is_none()), "{again}");
    assert!(again.contains("déjà invité"), "{again}");

    let renewed = adhesion(&root, &["invitations", "--renew", "laval"]);
    assert!(renewed.status.success(), "{}", text(&renewed.stderr));
    let new_link = text(&renewed.stdout);
    assert!(
        new_link.trim().starts_with("http://127.0.0.1:8080/m/"),
        "{new_link}"
    );

    let unknown = adhesion(&root, &["invitations", "--renew", "nulle-part"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("nulle-part"));
    let reopen = adhesion(&root, &["reopen", "nulle-part"]);
    assert_eq!(reopen.status.code(), Some(2), "{}", text(&reopen.stderr));
}

/// One HTTP/1.1 GET on `port`, answered with its status line and body.
fn get(port: u16, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.lines().next().unwrap_or_default().to_owned();
    (status, response)
}

#[test]
fn serve_answers_on_its_port_and_stops_on_sigterm() {
    let (_dir, root) = sample();
    let invited = adhesion(&root, &["invitations"]);
    let csv = text(&invited.stdout);
    let token = csv
        .lines()
        .find(|l| l.starts_with("chateaubriant,"))
        .and_then(|l| l.split("/m/").nth(1))
        .map(|t| t.split(',').next().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no link for chateaubriant: {csv}"));

    // Port 0: the system picks a free port, which the command prints.
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--today",
            "2021-12-01",
            "--root",
        ])
        .arg(&root)
        .env("LC_ALL", "fr_FR.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in `{line}`"));

    let (status, page) = get(port, &format!("/m/{token}"));
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("lang=\"fr\""), "{page}");
    assert!(page.contains("Châteaubriant"), "{page}");
    let (status, _) = get(port, "/m/pas-un-jeton");
    assert!(status.contains("404"), "{status}");

    // SIGTERM: the server finishes and exits 0.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`adhesion serve` did not stop on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}
