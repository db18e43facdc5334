//! The command line itself, run as the binary: each command refuses the flags of the others,
//! `--version` names the Typst inside, the help gives examples, and progress is a bar on a
//! terminal but plain lines on a dumb one (the terminal is a pseudo-terminal made here).

use crate::common;
use crate::common::{copy_dir, run_with_timeout};

use std::fs::{self, File};
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_adhesion");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Parsing the command line takes no time; a build of the sample campaign takes seconds.
const TIMEOUT: Duration = Duration::from_secs(60);

fn adhesion(cwd: &Path, args: &[&str]) -> common::Finished {
    run_with_timeout(
        Command::new(BIN)
            .env("LC_ALL", "en_US.UTF-8")
            .args(args)
            .current_dir(cwd),
        TIMEOUT,
    )
}

#[test]
fn a_flag_of_another_command_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check", "--merge"][..],
        &["check", "--force"],
        &["check", "--emit-typ"],
        &["build", "--format", "json"],
        &["watch", "members/a.yaml", "--timings"],
        &["new", "laval", "--insee", "53130", "--deny-warnings"],
        &["import", "ecoles.csv", "-j", "2"],
        &["init", "campagne", "--out", "out"],
        &["--merge", "check"],
        &["-j", "2", "new", "laval", "--insee", "53130"],
    ] {
        let run = adhesion(dir.path(), args);
        assert_eq!(
            run.code,
            Some(2),
            "adhesion {args:?}; stderr:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("error: unexpected argument")
                || run.stderr.contains("cannot be used with the command")
                || run.stderr.contains("must come after the command"),
            "adhesion {args:?}; stderr:\n{}",
            run.stderr
        );
    }
    // Nothing was done on the way.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn no_command_is_build_and_takes_its_flags() {
    let dir = tempfile::tempdir().unwrap();
    // The flags parse; the missing campaign is what stops it.
    let run = adhesion(
        dir.path(),
        &["--merge", "-j", "2", "-q", "--root", "nowhere"],
    );
    assert_eq!(run.code, Some(2), "stderr:\n{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: cannot open the campaign folder `nowhere`"),
        "stderr:\n{}",
        run.stderr
    );
}

/// The version of a package as `Cargo.lock` pins it.
fn locked_version(package: &str) -> String {
    let lock = fs::read_to_string(Path::new(REPO).join("Cargo.lock")).unwrap();
    let entry = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&entry).expect("the package is in Cargo.lock") + entry.len();
    lock[start..].split('"').next().unwrap().to_owned()
}

#[test]
fn version_names_the_build_and_typst() {
    let typst = locked_version("typst");
    assert_eq!(typst, "0.15.1");
    let run = adhesion(Path::new(REPO), &["--version"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let line = run.stdout.trim_end();
    assert!(
        line.starts_with(&format!("adhesion {} (build ", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    assert!(line.ends_with(&format!(", Typst {typst})")), "{line}");
}

#[test]
fn the_help_of_each_command_has_examples() {
    for command in ["build", "check", "watch", "init", "new", "import"] {
        let run = adhesion(Path::new(REPO), &[command, "--help"]);
        assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
        let examples = run
            .stdout
            .split_once("Examples:\n")
            .unwrap_or_else(|| panic!("no examples in `{command} --help`:\n{}", run.stdout))
            .1;
        assert!(
            examples.contains(&format!("adhesion {command}")),
            "{command}:\n{examples}"
        );
        let dated = ["build", "watch"].contains(&command);
        assert_eq!(
            run.stdout.contains("SOURCE_DATE_EPOCH"),
            dated,
            "{command}:\n{}",
            run.stdout
        );
    }
    let run = adhesion(Path::new(REPO), &["--help"]);
    assert!(run.stdout.contains("Examples:"), "{}", run.stdout);
    assert!(run.stdout.contains("SOURCE_DATE_EPOCH"), "{}", run.stdout);
}

/// Text as a terminal shows it: escape sequences dropped, one entry per line or carriage return.
fn visible_lines(raw: &str) -> Vec<String> {
    let mut text = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.next_if_eq(&'[').is_some() {
                // A control sequence ends at its first letter.
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else {
            text.push(c);
        }
    }
    text.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Runs a build of `root` with stderr on a new pseudo-terminal of `columns` columns, and returns
/// what the terminal received.
fn build_on_a_terminal(root: &Path, term: &str, columns: u16) -> String {
    let (mut master, slave) = unsafe {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 24,
            ws_col: columns,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let made = libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        );
        assert_eq!(made, 0, "cannot open a pseudo-terminal");
        (
            File::from(OwnedFd::from_raw_fd(master)),
            OwnedFd::from_raw_fd(slave),
        )
    };
    let mut child = Command::new(BIN)
        .env("LC_ALL", "en_US.UTF-8")
        .args(["build", "--force", "--root"])
        .arg(root)
        .env("TERM", term)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    // The terminal is read while the build runs; reading ends when the child's side closes.
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = master.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let status = common::wait_child(&mut child, TIMEOUT).expect("the build on a terminal hung");
    let shown = reader.join().unwrap();
    assert_eq!(status.code(), Some(0), "terminal:\n{shown}");
    shown
}

#[test]
fn progress_is_a_bar_on_a_terminal_and_lines_on_a_dumb_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = Path::new(REPO);
    fs::copy(repo.join("groupement.yaml"), root.join("groupement.yaml")).unwrap();
    copy_dir(&repo.join("members"), &root.join("members"));
    copy_dir(&repo.join("templates"), &root.join("templates"));

    let columns = 60;
    let shown = build_on_a_terminal(root, "xterm-256color", columns);
    assert!(shown.contains('\x1b'), "no bar:\n{shown:?}");
    let lines = visible_lines(&shown);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" members, 0 failed, ") && l.ends_with(" left")),
        "no bar:\n{lines:#?}"
    );
    for line in &lines {
        assert!(
            line.chars().count() <= usize::from(columns),
            "wider than the terminal: {line:?}"
        );
    }
    assert!(
        !shown.contains("] built "),
        "lines under the bar:\n{shown:?}"
    );

    let shown = build_on_a_terminal(root, "dumb", columns);
    assert!(!shown.contains('\x1b'), "escape codes:\n{shown:?}");
    let lines = visible_lines(&shown);
    assert!(lines[0].starts_with("[1/"), "{lines:#?}");
    assert!(
        lines.last().unwrap().starts_with("built "),
        "no summary:\n{lines:#?}"
    );
}

#[test]
fn a_fatal_error_of_check_in_json_is_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let run = adhesion(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, Some(2), "stderr:\n{}", run.stderr);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let last = lines.last().expect("a JSON line on stdout");
    assert_eq!(last["severity"], "error");
    assert_eq!(last["code"], "fatal");
    assert_eq!(last["kind"], "no-campaign");
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .contains("is not a campaign folder"),
        "{last}"
    );
    // The text stays on stderr, as for people.
    assert!(run.stderr.contains("error: "), "{}", run.stderr);

    // A campaign file that does not parse: its diagnostics, then the fatal line.
    std::fs::write(dir.path().join("groupement.yaml"), "nom: [\n").unwrap();
    let run = adhesion(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, Some(2), "stderr:\n{}", run.stderr);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2, "stdout:\n{}", run.stdout);
    assert_eq!(lines.last().unwrap()["kind"], "campaign");
    assert_ne!(lines[0]["code"], "fatal");
    // Without `--format json`, stdout stays empty.
    let run = adhesion(dir.path(), &["check"]);
    assert_eq!((run.code, run.stdout.as_str()), (Some(2), ""));
}

/// `adhesion` with `args`, the language variables unset, then `vars` set.
fn adhesion_lang(args: &[&str], vars: &[(&str, &str)]) -> common::Finished {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .envs(vars.iter().copied())
        .args(args)
        .current_dir(REPO);
    run_with_timeout(&mut cmd, TIMEOUT)
}

#[test]
fn the_help_is_french_by_default_and_english_on_demand() {
    for args in [&["--help"][..], &["build", "--help"]] {
        let french = adhesion_lang(args, &[]);
        assert_eq!(french.code, Some(0), "{args:?}: {}", french.stderr);
        assert!(
            french.stdout.contains("Utilisation\u{a0}:")
                && french.stdout.contains("Exemples\u{a0}:"),
            "{args:?}:\n{}",
            french.stdout
        );
        assert!(
            french.stdout.contains("Affiche l’aide"),
            "{}",
            french.stdout
        );
        assert!(!french.stdout.contains("Usage:"), "{}", french.stdout);
        let with_flag = [args, &["--lang", "en"]].concat();
        for english in [
            adhesion_lang(&with_flag, &[]),
            adhesion_lang(args, &[("LANG", "en_GB.UTF-8")]),
            adhesion_lang(&with_flag, &[("LC_ALL", "fr_FR.UTF-8")]),
        ] {
            assert_eq!(english.code, Some(0), "{args:?}: {}", english.stderr);
            assert!(
                english.stdout.contains("Usage: adhesion")
                    && english.stdout.contains("Examples:")
                    && english.stdout.contains("Print help"),
                "{args:?}:\n{}",
                english.stdout
            );
        }
    }
    // A French parse error keeps clap's status.
    let run = adhesion_lang(&["build", "--bogus"], &[("LANG", "fr_FR.UTF-8")]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("argument inattendu"), "{}", run.stderr);
}
