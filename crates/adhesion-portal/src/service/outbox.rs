//! The outbox's sender: the background task that sends the outbox, oldest first, at most `courriel.debit` messages
//! a second. A message refused for now (a 4xx, the network, TLS, a timeout) is tried again
//! later, each wait twice the last ([`MailSetup::backoff`] first), [`MAX_ATTEMPTS`] times at
//! most; refused for good (a 5xx), it is kept as failed with the server's reply. Sending and
//! recording run in one blocking call: a task stopped between two messages loses none and
//! sends none twice; the queue resumes at the next start.

use std::sync::Arc;
use std::time::Duration;

use crate::db::{Mail, OutboxCounts};
use crate::service::App;
use crate::time::unix_now;

use crate::mail::SendError;

/// Attempts before a message refused for now is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// Longest sleep when the outbox is empty: a message queued by another process (the command
/// line) is seen within it.
const IDLE: Duration = Duration::from_secs(30);

/// Sends the outbox until the task is dropped. Returns at once when mail is not configured.
pub async fn run(app: Arc<App>) {
    let Some(setup) = app.mail.clone() else {
        return;
    };
    let pause = Duration::from_secs_f64(1.0 / f64::from(setup.mailer.rate()));
    loop {
        let now = unix_now();
        let next = app.db.lock().sql().next_mail(now);
        match next {
            Ok(Some(mail)) => {
                let app = app.clone();
                let _ = tokio::task::spawn_blocking(move || send_one(&app, &mail)).await;
                tokio::time::sleep(pause).await;
            }
            Ok(None) => {
                let due = app.db.lock().sql().next_mail_due(now).ok().flatten();
                let wait = due.map_or(IDLE, |s| Duration::from_secs(s.max(1) as u64).min(IDLE));
                tokio::select! {
                    () = setup.wake.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "the outbox cannot be read");
                tokio::time::sleep(IDLE).await;
            }
        }
    }
}

/// Sends `mail` and records what became of it, with its line in the audit log.
fn send_one(app: &App, mail: &Mail) {
    let Some(setup) = &app.mail else { return };
    let result = setup.mailer.send(mail);
    let now = unix_now();
    let member = mail.member.as_deref();
    let detail = serde_json::json!({ "kind": mail.kind, "to": mail.recipient }).to_string();
    let recorded = app.db.lock().transaction(|sql| match &result {
        Ok(reply) => {
            // A personal link is not kept once mailed: the database holds only its hash.
            let wipe = matches!(mail.kind.as_str(), "invitation" | "relance");
            sql.mail_sent(mail.id, reply, wipe)?;
            sql.audit(member, "mail-sent", &detail, "")
        }
        Err(SendError::Temporary(reply)) if mail.attempts + 1 < MAX_ATTEMPTS => {
            let wait = setup.backoff.as_secs() as i64 * (1 << mail.attempts.min(16));
            sql.mail_retry(mail.id, reply, now + wait)
        }
        Err(SendError::Temporary(reply) | SendError::Permanent(reply)) => {
            sql.mail_failed(mail.id, reply)?;
            sql.audit(member, "mail-failed", &detail, "")
        }
    });
    if let Err(e) = recorded {
        tracing::error!(error = %e, id = mail.id, "a message's outcome cannot be recorded");
    }
    if let Err(SendError::Temporary(reply) | SendError::Permanent(reply)) = &result {
        tracing::warn!(id = mail.id, kind = %mail.kind, reply = %reply, "a message was not sent");
    }
}

/// How [`until_sent`] ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Drained {
    /// Nothing is pending.
    All,
    /// `pending` messages wait for a later attempt, the server having refused them for now
    /// (`reply`, the last refusal): the portal's sender will try them again.
    Waiting { pending: i64, reply: String },
}

/// Sends the outbox, the messages waiting for a later attempt included, until nothing is
/// pending, or until every message pending waits for a later attempt (the server refuses for now: waiting hours for its back-off would help nobody at a
/// terminal). Calls `progress` with the counts each time they change.
/// For `adhesion invitations --send --now`.
pub async fn until_sent(app: Arc<App>, progress: &mut dyn FnMut(&OutboxCounts)) -> Drained {
    // « Now » means now: the messages waiting for a later attempt are tried again first.
    if let Err(e) = app.db.lock().sql().mail_all_due(unix_now()) {
        tracing::error!(error = %e, "the outbox cannot be read");
    }
    let sender = tokio::spawn(run(app.clone()));
    let mut last = None;
    let drained = loop {
        let (counts, due, waiting) = {
            let db = app.db.lock();
            let sql = db.sql();
            let counts = sql.outbox_counts().unwrap_or_default();
            let due = sql.next_mail(unix_now()).ok().flatten();
            let waiting = sql.outbox(Some("pending"), 1).ok().unwrap_or_default();
            (counts, due, waiting)
        };
        if last.as_ref() != Some(&counts) {
            progress(&counts);
            last = Some(counts);
        }
        if counts.pending == 0 {
            break Drained::All;
        }
        if due.is_none() {
            let reply = waiting
                .into_iter()
                .next()
                .map(|m| m.reply)
                .unwrap_or_default();
            break Drained::Waiting {
                pending: counts.pending,
                reply,
            };
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    sender.abort();
    drained
}
