//! A real SMTP server on 127.0.0.1 for the mail tests and the mail benchmark
//! (`examples/mail_bench.rs` includes this file): `tests/assets/smtp_server.py` on Debian's
//! python3-aiosmtpd, one `.eml` per message accepted.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The SMTP server of one test: a child process on a port of its own, stopped when dropped.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    pub maildir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts it; `None` (after a loud message) when python3-aiosmtpd is missing on a
    /// developer's machine, a panic under CI.
    pub fn start() -> Option<SmtpServer> {
        let python = "/usr/bin/python3";
        let has = Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !has {
            let text = "the mail tests need python3-aiosmtpd (Debian): run them through \
                        scripts/test, which installs it";
            if std::env::var_os("CI").is_some() {
                panic!("{text}");
            }
            let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {text} ***\n");
            return None;
        }
        let maildir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/assets/smtp_server.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg("--maildir")
            .arg(maildir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .strip_prefix("PORT ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server said `{line}`"));
        Some(SmtpServer {
            child,
            port,
            maildir,
        })
    }

    /// The messages received, by file name, in order.
    pub fn received(&self) -> Vec<String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.maildir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        // Its stdin closed, it stops; killed if it does not.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
