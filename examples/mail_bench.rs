//! Mail benchmark (issue 23), a documented command, not a test: queues an invitation for every
//! member of a campaign and sends them to a real SMTP server on 127.0.0.1
//! (`tests/assets/smtp_server.py`, on Debian's python3-aiosmtpd), then counts what the server
//! received: the time to queue, the time to send, messages per second, this process's peak RSS,
//! duplicates and messages lost.
//!
//! ```sh
//! cargo build --release --locked --examples
//! target/release/examples/bench generate --members 1250 --out /tmp/camp
//! target/release/examples/mail_bench --root /tmp/camp --debit 1000
//! ```
//!
//! The campaign is copied first (its `groupement.yaml` given a `courriel:` section towards the
//! local server); the copy is removed at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use adhesion_portal::App;
use adhesion_portal::service::outbox;
use clap::Parser;

#[path = "../tests/common/smtp.rs"]
mod smtp;

#[derive(Debug, Parser)]
#[command(about = "Queue and send an invitation to every member, to a local SMTP server")]
struct Cli {
    /// The campaign (e.g. made by `bench generate`)
    #[arg(long)]
    root: PathBuf,
    /// At most this many messages a second (`courriel.debit`)
    #[arg(long, default_value_t = 1000)]
    debit: u32,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != ".adhesion" && entry.file_name() != "out" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let cli = Cli::parse();
    let server = smtp::SmtpServer::start().expect("the SMTP server (python3-aiosmtpd)");
    let port = server.port;
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&cli.root, copy.path());
    let yaml = copy.path().join("groupement.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str(&format!(
        "\ncourriel:\n  serveur: 127.0.0.1\n  port: {port}\n  securite: aucune\n  \
         expediteur: Rectorat <adhesions@ac-nantes.example>\n  debit: {}\n",
        cli.debit
    ));
    std::fs::write(&yaml, text).unwrap();
    if !text_has_address(&yaml) {
        let mut t = std::fs::read_to_string(&yaml).unwrap();
        t.push_str("portail:\n  adresse: https://adhesion.example.fr\n");
        std::fs::write(&yaml, t).unwrap();
    }

    let app = Arc::new(
        App::open(copy.path(), None)
            .unwrap()
            .with_mail(None)
            .unwrap(),
    );
    let ids: Vec<String> = app.member_lines().into_iter().map(|l| l.id).collect();
    let queue = Instant::now();
    let batch = app.mail_invitations(&ids, "").unwrap();
    let queued_in = queue.elapsed();
    let send = Instant::now();
    let sender = tokio::spawn(outbox::run(app.clone()));
    loop {
        let c = app.db.lock().sql().outbox_counts().unwrap();
        if c.pending == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let sent_in = send.elapsed();
    sender.abort();

    // A message is known by its Message-ID (one per queued message, the same at every
    // attempt): two members may share a contact's address.
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut received = 0;
    for eml in server.received() {
        let id = eml
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .unwrap_or("?")
            .trim()
            .to_owned();
        *by_id.entry(id).or_default() += 1;
        received += 1;
    }
    let counts = app.db.lock().sql().outbox_counts().unwrap();
    let duplicates: usize = by_id.values().map(|n| n - 1).sum();
    println!(
        "members: {}, queued: {}, without an address: {}",
        ids.len(),
        batch.queued,
        batch.no_address.len()
    );
    println!(
        "queued in {:.2} s (a new link each, the message made from its template)",
        queued_in.as_secs_f64()
    );
    println!(
        "sent in {:.2} s: {:.0} messages/s (debit {}), sent {}, failed {}",
        sent_in.as_secs_f64(),
        counts.sent as f64 / sent_in.as_secs_f64(),
        cli.debit,
        counts.sent,
        counts.failed
    );
    println!(
        "received by the server: {received}, duplicates: {duplicates}, lost: {}",
        batch.queued.saturating_sub(received)
    );
    println!("peak RSS of this process: {} MiB", peak_rss_kib() / 1024);
}

fn text_has_address(yaml: &Path) -> bool {
    std::fs::read_to_string(yaml)
        .unwrap_or_default()
        .contains("adresse: https://")
}
