//! The portal's mail against a real SMTP server on 127.0.0.1 (`tests/assets/smtp_server.py`, on
//! Debian's python3-aiosmtpd, which `scripts/test` installs): what it received is read back from
//! the files it writes, one `.eml` per message accepted. Invitations whose links open the
//! member's page; reminders only to the late members, once a day; the acknowledgement of a
//! deposit with its attestation attached; a restart in the middle of a batch that sends nothing
//! twice and loses nothing; a temporary failure retried then sent; a permanent one shown on the
//! desk with the server's reply.

use crate::common;
use crate::common::http as web;
use crate::common::smtp::SmtpServer;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use adhesion_core::date::Date;
use adhesion_portal::App;
use adhesion_portal::db::Db;
use adhesion_portal::service::{links, outbox};
use axum::http::StatusCode;

/// Before the sample's joining deadline.
const TODAY: Date = Date {
    year: 2022,
    month: 1,
    day: 10,
};

/// The sample's six members, each with its contact's address.
const MEMBERS: [&str; 6] = [
    "ahuille",
    "chateaubriant",
    "la-roche-sur-yon",
    "laval",
    "le-mans",
    "mayenne",
];

/// The sample campaign mailing through `smtp`, `debit` messages a second at most.
pub fn campaign_mailing_to(smtp: &SmtpServer, debit: u32) -> tempfile::TempDir {
    let dir = common::sample_campaign();
    let path = dir.path().join("groupement.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "\ncourriel:\n  serveur: 127.0.0.1\n  port: {}\n  securite: aucune\n  \
         expediteur: Rectorat de Nantes <adhesions.dane@ac-nantes.example>\n  \
         repondre_a: DANE <dane@ac-nantes.example>\n  debit: {debit}\n",
        smtp.port
    ));
    std::fs::write(&path, text).unwrap();
    dir
}

/// The app of `root`, with its mail, failed sends tried again at once.
pub(crate) fn app(root: &Path) -> Arc<App> {
    let app = App::open(root, Some(TODAY))
        .unwrap()
        .with_mail(None)
        .unwrap()
        .with_mail_backoff(Duration::ZERO);
    Arc::new(app)
}

/// Runs the sender until the outbox has nothing pending (or panics after a minute).
async fn send_all(app: &Arc<App>) {
    let sender = tokio::spawn(outbox::run(app.clone()));
    let start = Instant::now();
    loop {
        let counts = app.db.lock().sql().outbox_counts().unwrap();
        if counts.pending == 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "still pending: {counts:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    sender.abort();
}

/// The value of header `name` of the message `eml`.
pub(crate) fn header<'a>(eml: &'a str, name: &str) -> Option<&'a str> {
    let head = eml.split("\r\n\r\n").next()?;
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

/// The recipients of the messages received, with how many each got.
fn by_recipient(received: &[String]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for eml in received {
        *counts
            .entry(header(eml, "To").unwrap_or("?").to_owned())
            .or_default() += 1;
    }
    counts
}

/// The personal link in a message's text (quoted-printable: its soft line breaks removed).
pub(crate) fn link_in(eml: &str) -> String {
    let eml = eml.replace("=\r\n", "");
    let at = eml
        .find("https://adhesion.ac-nantes.example/m/")
        .expect("a personal link");
    eml[at..]
        .split(|c: char| c.is_whitespace() || c == '<' || c == '"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_are_mailed_and_their_links_open_the_member_page() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let dir = campaign_mailing_to(&smtp, 50);
    let app = app(dir.path());
    let ids: Vec<String> = MEMBERS.map(str::to_owned).to_vec();
    let batch = app.mail_invitations(&ids, "").unwrap();
    assert_eq!(batch.queued, 6, "{batch:?}");
    send_all(&app).await;

    let received = smtp.received();
    assert_eq!(received.len(), 6);
    let counts = by_recipient(&received);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    let eml = received
        .iter()
        .find(|m| header(m, "To").is_some_and(|t| t.contains("m.caillon@ville-chateaubriant.fr")))
        .expect("Châteaubriant's invitation");
    for name in ["Date", "Message-ID", "From", "Reply-To", "Subject"] {
        assert!(header(eml, name).is_some(), "no {name}:\n{eml}");
    }
    assert!(
        header(eml, "Auto-Submitted").is_none(),
        "an invitation is sent by the desk"
    );
    assert!(eml.contains("multipart/alternative"), "{eml}");
    assert!(
        eml.contains("text/html") && eml.contains("text/plain"),
        "{eml}"
    );
    // The coordinator's phone as the documents write it (quoted-printable: no-break spaces).
    assert!(
        eml.replace("=\r\n", "")
            .contains("appelez le 02=C2=A040=C2=A037=C2=A037=C2=A037."),
        "{eml}"
    );
    // The link opens the member's own page.
    let link = link_in(eml);
    let path = link.trim_start_matches("https://adhesion.ac-nantes.example");
    let page = web::request(&app, "GET", path, &[], None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Ville de Châteaubriant"));
    // Sent, the link is no longer in the database.
    let kept = app.db.lock().sql().outbox(Some("sent"), 10).unwrap();
    assert!(
        kept.iter().all(|m| m.body.is_empty()),
        "a link kept in the outbox"
    );
    // Invited again: a new link each, mailed.
    let again = app.mail_invitations(&ids[..1], "").unwrap();
    assert_eq!(again.queued, 1, "{again:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_to_late_members_and_a_deposit_is_acknowledged_with_its_attestation() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let dir = campaign_mailing_to(&smtp, 50);
    let root = dir.path();
    let app = app(root);
    let ids: Vec<String> = MEMBERS.map(str::to_owned).to_vec();
    links::invite(&Db::open(root).unwrap(), root, &ids).unwrap();
    // Châteaubriant deposits: its acknowledgement is queued.
    let token = links::renew(&app.db, root, "chateaubriant", "").unwrap();
    let deposit = web::request(&app, "POST", &format!("/api/m/{token}/deposer"), &[], None).await;
    assert_eq!(deposit.status, StatusCode::OK, "{}", deposit.text());
    let batch = app.mail_reminders(&ids, "").unwrap();
    assert_eq!(
        batch.queued, 5,
        "every member but the one deposited: {batch:?}"
    );
    // Reminded once a day at most.
    let again = app.mail_reminders(&ids, "").unwrap();
    assert_eq!((again.queued, again.already), (0, 5), "{again:?}");
    send_all(&app).await;

    let received = smtp.received();
    let reminders: Vec<&String> = received
        .iter()
        .filter(|m| {
            header(m, "Subject").is_some_and(|s| s.contains("Rappel") || s.contains("=?utf-8"))
        })
        .filter(|m| !m.contains("attestation-depot.pdf"))
        .collect();
    assert_eq!(reminders.len(), 5);
    assert!(
        reminders
            .iter()
            .all(|m| !m.contains("ville-chateaubriant.fr")),
        "a reminder to the member deposited"
    );
    let ack: Vec<&String> = received
        .iter()
        .filter(|m| m.contains("attestation-depot.pdf"))
        .collect();
    assert_eq!(ack.len(), 1, "one acknowledgement");
    let ack = ack[0];
    assert!(
        header(ack, "To")
            .unwrap()
            .contains("m.caillon@ville-chateaubriant.fr")
    );
    assert_eq!(header(ack, "Auto-Submitted"), Some("auto-generated"));
    assert!(
        ack.contains("application/pdf"),
        "the attestation attached:\n{ack}"
    );
    assert_eq!(received.len(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_in_the_middle_of_a_batch_sends_nothing_twice_and_loses_nothing() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    // Two messages a second: the batch takes three seconds.
    let dir = campaign_mailing_to(&smtp, 2);
    let root = dir.path();
    let ids: Vec<String> = MEMBERS.map(str::to_owned).to_vec();
    {
        let first = app(root);
        first.mail_invitations(&ids, "").unwrap();
        let sender = tokio::spawn(outbox::run(first.clone()));
        let start = Instant::now();
        while smtp.received().len() < 2 {
            assert!(start.elapsed() < Duration::from_secs(30));
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // The server stops in the middle of the batch.
        sender.abort();
        let _ = sender.await;
    }
    let got = smtp.received().len();
    assert!(got < 6, "the batch was over before the stop ({got})");
    // The next start resumes the queue.
    let second = app(root);
    send_all(&second).await;
    let counts = by_recipient(&smtp.received());
    assert_eq!(counts.len(), 6, "{counts:?}");
    assert!(
        counts.values().all(|n| *n == 1),
        "a message sent twice: {counts:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporary_failure_is_retried_and_a_permanent_one_shown_on_the_desk() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let dir = campaign_mailing_to(&smtp, 50);
    let root = dir.path();
    for (file, old, new) in [
        (
            "members/53/laval.yaml",
            "education@laval.fr",
            "temp-fail-2@laval.fr",
        ),
        (
            "members/53/mayenne.yaml",
            "scolaire@mayenne.fr",
            "perm-fail@mayenne.fr",
        ),
    ] {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace(old, new)).unwrap();
    }
    let app = app(root);
    let ids = ["laval".to_owned(), "mayenne".to_owned()];
    app.mail_invitations(&ids, "").unwrap();
    send_all(&app).await;

    let outbox = app.db.lock().sql().outbox(None, 10).unwrap();
    let laval = outbox
        .iter()
        .find(|m| m.recipient.starts_with("temp-fail"))
        .unwrap();
    assert_eq!(laval.status, "sent", "{laval:?}");
    assert_eq!(
        laval.attempts, 3,
        "twice refused for now, then sent: {laval:?}"
    );
    let mayenne = outbox
        .iter()
        .find(|m| m.recipient.starts_with("perm-fail"))
        .unwrap();
    assert_eq!(mayenne.status, "failed", "{mayenne:?}");
    assert!(mayenne.reply.contains("550"), "{mayenne:?}");
    assert_eq!(smtp.received().len(), 1);

    // The desk shows the failure with the server's reply.
    crate::security::set_password(root);
    let (cookie, _) = crate::security::session(&app, "203.0.113.9").await;
    let page = web::request(
        &app,
        "GET",
        "/admin/courriels",
        &[("cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("perm-fail@mayenne.fr"), "{html}");
    assert!(html.contains("mailbox unavailable"), "{html}");
    let log = app.db.lock().sql().audit_log(Some("mayenne")).unwrap();
    assert!(log.iter().any(|e| e.action == "mail-failed"), "{log:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desk_previews_then_sends_the_invitations() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let dir = campaign_mailing_to(&smtp, 50);
    let root = dir.path();
    let app = app(root);
    crate::security::set_password(root);
    let (cookie, csrf) = crate::security::session(&app, "203.0.113.9").await;
    let headers = [("cookie", cookie.as_str())];
    let form = |body: String| Some(("application/x-www-form-urlencoded", body));

    let page = web::request(&app, "GET", "/admin/courriels", &headers, None).await;
    assert!(
        page.text().contains("Membres pas encore invités"),
        "{}",
        page.text()
    );
    let preview = web::request(
        &app,
        "POST",
        "/admin/courriels/apercu",
        &headers,
        form(format!("csrf={csrf}&sorte=invitation")),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK);
    let html = preview.text();
    assert!(html.contains("6 messages seront envoyés"), "{html}");
    assert!(
        html.contains("le dossier d’adhésion de"),
        "the message shown: {html}"
    );
    assert_eq!(smtp.received().len(), 0, "nothing sent by a preview");
    // Without the session's token, nothing is sent.
    let forged = web::request(
        &app,
        "POST",
        "/admin/courriels/envoyer",
        &headers,
        form("csrf=faux&sorte=invitation&membre=laval".to_owned()),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let members: String = MEMBERS.iter().map(|m| format!("&membre={m}")).collect();
    let sent = web::request(
        &app,
        "POST",
        "/admin/courriels/envoyer",
        &headers,
        form(format!("csrf={csrf}&sorte=invitation{members}")),
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(
        sent.location().starts_with("/admin/courriels?envoye=6"),
        "{}",
        sent.location()
    );
    send_all(&app).await;
    assert_eq!(smtp.received().len(), 6);
    let page = web::request(&app, "GET", sent.location(), &headers, None).await;
    assert!(
        page.text().contains("Messages mis en file d’envoi"),
        "{}",
        page.text()
    );
}

/// `adhesion invitations --send --now` with no SMTP server listening: it does not wait hours for
/// the back-off, says that the messages stay queued and why, and fails; the queue keeps them
/// for `adhesion serve`. Its progress is a line per change when stderr is not a terminal.
#[test]
fn sending_now_to_a_server_that_refuses_leaves_them_queued_and_says_so() {
    let dir = common::sample_campaign();
    let root = dir.path();
    let path = root.join("groupement.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    // A port nobody listens on: every connection is refused, a temporary failure.
    let port = crate::common::browser::free_port();
    text.push_str(&format!(
        "\ncourriel:\n  serveur: 127.0.0.1\n  port: {port}\n  securite: aucune\n  \
         expediteur: Rectorat de Nantes <adhesions.dane@ac-nantes.example>\n"
    ));
    std::fs::write(&path, text).unwrap();
    let run = common::run_with_timeout(
        std::process::Command::new(env!("CARGO_BIN_EXE_adhesion"))
            .args(["invitations", "--send", "--now"])
            .current_dir(root),
        Duration::from_secs(60),
    );
    let stderr = run.stderr.clone();
    assert_eq!(run.code, Some(1), "{stderr}");
    assert!(stderr.contains("6 invitations mises en file"), "{stderr}");
    assert!(
        stderr.contains("6 courriels restent en file\u{a0}: le serveur SMTP les refuse"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\r'),
        "no carriage return in a log: {stderr:?}"
    );
    let db = Db::open(root).unwrap();
    let counts = db.lock().sql().outbox_counts().unwrap();
    assert_eq!((counts.pending, counts.sent, counts.failed), (6, 0, 0));
}
