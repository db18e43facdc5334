//! The portal's commands as a coordinator runs them: `invitations` (the links, each printed
//! once; `--renew`), `reopen`, and `serve` on a port of its own, stopped by SIGTERM; its
//! `--set-password` (piped) and `--backup` (while the server runs).

use crate::common;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::Duration;

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
        .map(|l| l.split(';').map(str::to_owned).collect())
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

    // Without --base-url, the links go towards `portail.adresse` of groupement.yaml.
    let renewed = adhesion(&root, &["invitations", "--renew", "laval"]);
    assert!(renewed.status.success(), "{}", text(&renewed.stderr));
    let new_link = text(&renewed.stdout);
    assert!(
        new_link
            .trim()
            .starts_with("https://adhesion.ac-nantes.example/m/"),
        "{new_link}"
    );
    // With neither, no link is made: each is printed once, and would be wasted.
    let path = root.join("groupement.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    let without: String = yaml
        .lines()
        .filter(|l| !l.trim_start().starts_with("adresse: https://"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, without).unwrap();
    let refused = adhesion(&root, &["invitations", "--renew", "laval", "--lang", "fr"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("aucune adresse pour les liens"),
        "{}",
        text(&refused.stderr)
    );
    fs::write(&path, yaml).unwrap();

    let unknown = adhesion(&root, &["invitations", "--renew", "nulle-part"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("nulle-part"));
    let reopen = adhesion(&root, &["reopen", "nulle-part"]);
    assert_eq!(reopen.status.code(), Some(2), "{}", text(&reopen.stderr));
}

/// `adhesion serve` on a port that the system picks (port 0), which the command prints.
fn start(root: &Path, args: &[&str]) -> (Child, u16) {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .arg("--root")
        .arg(root)
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
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("no port in `{line}`")
        });
    (child, port)
}

/// Stops the server with SIGTERM and waits for it (20 s at most).
fn stop(mut child: Child) -> ExitStatus {
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    common::wait_child(&mut child, Duration::from_secs(20))
        .expect("`adhesion serve` did not stop on SIGTERM")
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
        .find(|l| l.starts_with("chateaubriant;"))
        .and_then(|l| l.split("/m/").nth(1))
        .map(|t| t.split(';').next().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no link for chateaubriant: {csv}"));

    let (child, port) = start(&root, &["--today", "2021-12-01"]);

    let (status, page) = get(port, &format!("/m/{token}"));
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("lang=\"fr\""), "{page}");
    assert!(page.contains("Châteaubriant"), "{page}");
    let (status, _) = get(port, "/m/pas-un-jeton");
    assert!(status.contains("404"), "{status}");

    // SIGTERM: the server finishes and exits 0.
    assert_eq!(stop(child).code(), Some(0));
}

/// `serve` with `args` in the language of locale `lang`, `input` on its standard input.
fn serve_with_input(root: &Path, args: &[&str], input: &str, lang: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(args)
        .arg("--root")
        .arg(root)
        .env("LC_ALL", lang)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stored_password(root: &Path) -> Option<String> {
    let db = adhesion_portal::db::Db::open(root).unwrap();
    db.lock().sql().setting("password").unwrap()
}

#[test]
fn set_password_reads_a_piped_line_and_stores_its_hash() {
    let (_dir, root) = sample();
    let password = "cheval correct agrafe";
    let run = serve_with_input(
        &root,
        &["--set-password"],
        &format!("{password}\r\n"),
        "fr_FR.UTF-8",
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("Mot de passe enregistré"),
        "{}",
        text(&run.stderr)
    );
    let conn = adhesion_portal::db::Db::open(&root).unwrap();
    assert!(adhesion_portal::service::auth::verify_password(&conn, password).unwrap());
    assert!(
        !adhesion_portal::service::auth::verify_password(&conn, "cheval correct agrafe\r").unwrap()
    );
    let stored = stored_password(&root).unwrap();
    assert!(!stored.contains(password), "{stored}");
    assert!(stored.starts_with("$argon2"), "{stored}");

    // A second password replaces the first.
    let run = serve_with_input(
        &root,
        &["--set-password"],
        "un autre, plus long",
        "en_US.UTF-8",
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("Password stored"),
        "{}",
        text(&run.stderr)
    );
    let conn = adhesion_portal::db::Db::open(&root).unwrap();
    assert!(adhesion_portal::service::auth::verify_password(&conn, "un autre, plus long").unwrap());
    assert!(!adhesion_portal::service::auth::verify_password(&conn, password).unwrap());
}

#[test]
fn set_password_refuses_a_short_or_empty_password() {
    let (_dir, root) = sample();
    let short = serve_with_input(&root, &["--set-password"], "court\n", "en_US.UTF-8");
    assert_eq!(short.status.code(), Some(2), "{}", text(&short.stderr));
    assert!(
        text(&short.stderr).contains("at least 12 characters"),
        "{}",
        text(&short.stderr)
    );
    let empty = serve_with_input(&root, &["--set-password"], "", "fr_FR.UTF-8");
    assert_eq!(empty.status.code(), Some(2), "{}", text(&empty.stderr));
    assert!(
        text(&empty.stderr).contains("aucun mot de passe"),
        "{}",
        text(&empty.stderr)
    );
    assert_eq!(stored_password(&root), None);
    // Nor does it start a server: the flags of the server are refused with it.
    let both = serve_with_input(
        &root,
        &["--set-password", "--behind-proxy"],
        "assez long pour passer\n",
        "en_US.UTF-8",
    );
    assert_eq!(both.status.code(), Some(2), "{}", text(&both.stderr));
    assert_eq!(stored_password(&root), None);
}

#[test]
fn backup_copies_the_database_while_the_server_runs() {
    let (dir, root) = sample();
    let invited = adhesion(&root, &["invitations"]);
    assert!(invited.status.success(), "{}", text(&invited.stderr));
    let (child, port) = start(&root, &["--behind-proxy"]);
    let (status, _) = get(port, "/m/pas-un-jeton");
    assert!(status.contains("404"), "{status}");

    let copy = dir.path().join("copie.sqlite3");
    let run = serve_with_input(
        &root,
        &["--backup", copy.to_str().unwrap()],
        "",
        "en_US.UTF-8",
    );
    let stopped = stop(child);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("copie.sqlite3"),
        "{}",
        text(&run.stdout)
    );
    assert_eq!(stopped.code(), Some(0));

    let conn =
        rusqlite::Connection::open_with_flags(&copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM members WHERE token_hash IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert!(ids.iter().any(|id| id == "chateaubriant"), "{ids:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn backup_refuses_an_existing_file() {
    let (dir, root) = sample();
    let invited = adhesion(&root, &["invitations"]);
    assert!(invited.status.success(), "{}", text(&invited.stderr));
    let existing = dir.path().join("ancienne.sqlite3");
    fs::write(&existing, "à garder").unwrap();
    let run = serve_with_input(
        &root,
        &["--backup", existing.to_str().unwrap()],
        "",
        "en_US.UTF-8",
    );
    assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("already exists"),
        "{}",
        text(&run.stderr)
    );
    assert_eq!(fs::read_to_string(&existing).unwrap(), "à garder");
}

#[test]
fn the_french_help_of_serve_tells_the_new_flags() {
    let run = Command::new(BIN)
        .args(["serve", "--help"])
        .env("LC_ALL", "fr_FR.UTF-8")
        .output()
        .unwrap();
    let help = text(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    for words in [
        "--behind-proxy",
        "Derrière un proxy inverse",
        "--set-password",
        "Enregistre le mot de passe du coordonnateur",
        "--backup",
        "Copie la base du portail",
    ] {
        assert!(help.contains(words), "{words}:\n{help}");
    }
}
