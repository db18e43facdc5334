//! Helpers shared by the end-to-end test binaries: reading PDFs back with poppler's
//! `pdftotext`, copying campaigns, and the typography the tests compute independently.
#![allow(dead_code)]

pub mod browser;
pub mod http;
pub mod smtp;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Copies `from` into `to` recursively; a symbolic link is copied as a link.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in
        fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()))
    {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        #[cfg(unix)]
        if kind.is_symlink() {
            let link = fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
            continue;
        }
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.path().display()));
        }
    }
}

/// A copy of the repository's own campaign (`groupement.yaml`, `members/`, `templates/`) in a
/// temporary folder.
pub fn sample_campaign() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repo.join("groupement.yaml"),
        dir.path().join("groupement.yaml"),
    )
    .unwrap();
    copy_dir(&repo.join("members"), &dir.path().join("members"));
    copy_dir(&repo.join("templates"), &dir.path().join("templates"));
    dir
}

/// "4944" → "4 944" (the product groups with U+202F, which [`flat`] makes a space).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The text of a PDF, pages separated by form feeds.
pub fn pdftotext(pdf: &Path, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("cannot run pdftotext: install poppler-utils");
    assert!(
        out.status.success(),
        "pdftotext {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext wrote UTF-8")
}

/// The text of each page of a PDF.
pub fn pdf_pages(pdf: &Path, layout: bool) -> Vec<String> {
    let text = pdftotext(pdf, layout);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Text as typed, whatever the layout did to it: soft hyphens and hyphenation at line ends
/// undone, typographic apostrophes made straight, every run of white space (line breaks, U+00A0,
/// U+202F included) one space. Nothing else is touched, so `--`, `...` and `"` stay as they are.
pub fn flat(text: &str) -> String {
    let text = text
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace(['’', '‘'], "'");
    // A compound word cut at its own hyphen ("Saint-\nŒuf") goes on without a space.
    let chars: Vec<char> = text.chars().collect();
    let mut joined = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        joined.push(chars[i]);
        if chars[i] == '-'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1) == Some(&'\n')
        {
            i += 1;
        }
        i += 1;
    }
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdfinfo -isodates` as a map; poppler's complaints on stderr are ignored.
pub fn pdfinfo(pdf: &Path) -> BTreeMap<String, String> {
    let out = Command::new("pdfinfo")
        .arg("-isodates")
        .arg(pdf)
        .output()
        .expect("cannot run pdfinfo: install poppler-utils");
    assert!(out.status.success(), "pdfinfo {} failed", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// How a child process ended: its exit code (`None` when a signal or the timeout ended it) and
/// what it wrote.
#[derive(Debug)]
pub struct Finished {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: std::time::Duration,
}

/// Whether this process should run the body of test `name` (its full path in this binary,
/// `panic::a_panic...`): the tests that change what a process has only one of (the panic
/// hook) run alone in a child process of this binary, which this call starts, waits for and
/// checks; the parent then returns.
pub fn alone(name: &str) -> bool {
    const VAR: &str = "ADHESION_TEST_ALONE";
    if std::env::var(VAR).as_deref() == Ok(name) {
        return true;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let out = Command::new(exe)
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(VAR, name)
        .output()
        .expect("cannot run the test binary");
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "{name} alone failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    false
}

/// Asks `check` every `every` until it gives something, for at most `patience`: the one
/// polling loop of the tests (a child that ends, a file that appears, processes that go).
pub fn poll<T>(
    patience: std::time::Duration,
    every: std::time::Duration,
    mut check: impl FnMut() -> Option<T>,
) -> Option<T> {
    let start = std::time::Instant::now();
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        if start.elapsed() > patience {
            return None;
        }
        std::thread::sleep(every);
    }
}

/// The exit status of `child` once it ends, within `patience`; past it the child is killed and
/// `None` is given.
pub fn wait_child(
    child: &mut std::process::Child,
    patience: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let every = std::time::Duration::from_millis(5);
    let status = poll(patience, every, || child.try_wait().unwrap());
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    status
}

/// Runs `cmd` with no standard input and a deadline: past `timeout` the child is killed (a hang
/// fails the test that asked, instead of the whole suite). `RUST_BACKTRACE`, `SOURCE_DATE_EPOCH`
/// and `CLICOLOR_FORCE` are removed so that the output does not depend on the caller's shell.
pub fn run_with_timeout(cmd: &mut Command, timeout: std::time::Duration) -> Finished {
    use std::io::Read;
    use std::process::Stdio;
    let start = std::time::Instant::now();
    let mut child = cmd
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RUST_BACKTRACE")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the command");
    // Read both pipes while waiting, so that a chatty child never blocks on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let code = wait_child(&mut child, timeout).and_then(|status| status.code());
    Finished {
        code,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed: start.elapsed(),
    }
}

/// The SHA-256 of `bytes`, in lower-case hexadecimal (computed here, independently of the
/// portal's code, by `sha256sum`).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum (coreutils)");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_owned()
}
