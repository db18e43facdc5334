//! The outbox: each message queued once under its key (a member is never invited twice for one
//! link, never reminded twice the same day), then sent by the background task
//! (`service::outbox`), which records its status: `pending`, `sent`, or `failed` with the server's
//! reply. A link mailed is wiped from the stored body once sent.

use rusqlite::{OptionalExtension, params};

use super::Sql;
use crate::error::Error;
use crate::time::unix_now;

/// A message to queue.
pub struct NewMail<'a> {
    /// What makes it unique: queued again under the same key, it is not queued twice.
    pub key: &'a str,
    pub member: Option<&'a str>,
    /// `invitation`, `relance`, `depot`, `reouverture`, `piece-refusee`, `complet`.
    pub kind: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub attachment: Option<(&'a str, &'a [u8])>,
}

/// A message of the outbox.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: i64,
    pub key: String,
    pub member: Option<String>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<(String, Vec<u8>)>,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// The server's last reply, when it refused or could not be reached.
    pub reply: String,
}

/// The outbox by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
}

const COLUMNS: &str = "id, key, member, kind, recipient, subject, body, attachment_name,
     attachment, status, attempts, created_at, sent_at, reply";

fn mail(r: &rusqlite::Row<'_>) -> rusqlite::Result<Mail> {
    let name: Option<String> = r.get(7)?;
    let bytes: Option<Vec<u8>> = r.get(8)?;
    Ok(Mail {
        id: r.get(0)?,
        key: r.get(1)?,
        member: r.get(2)?,
        kind: r.get(3)?,
        recipient: r.get(4)?,
        subject: r.get(5)?,
        body: r.get(6)?,
        attachment: name.zip(bytes),
        status: r.get(9)?,
        attempts: r.get(10)?,
        created_at: r.get(11)?,
        sent_at: r.get(12)?,
        reply: r.get(13)?,
    })
}

impl Sql<'_> {
    /// Queues `mail` unless a message of its key was queued already: whether it was queued.
    pub fn queue_mail(&self, mail: &NewMail<'_>) -> Result<bool, Error> {
        let now = unix_now();
        let (name, bytes) = mail.attachment.unzip();
        let n = self.conn.execute(
            "INSERT INTO outbox (key, member, kind, recipient, subject, body, attachment_name,
                 attachment, next_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
             ON CONFLICT (key) DO NOTHING",
            params![
                mail.key,
                mail.member,
                mail.kind,
                mail.recipient,
                mail.subject,
                mail.body,
                name,
                bytes,
                now
            ],
        )?;
        Ok(n == 1)
    }

    /// Whether a message of `key` is in the outbox.
    pub fn mail_queued(&self, key: &str) -> Result<bool, Error> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM outbox WHERE key = ?1", [key], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The next pending message due at `now`, the oldest first.
    pub fn next_mail(&self, now: i64) -> Result<Option<Mail>, Error> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM outbox WHERE status = 'pending' AND next_at <= ?1
                     ORDER BY next_at, id LIMIT 1"
                ),
                [now],
                mail,
            )
            .optional()?)
    }

    /// The seconds until the next pending message is due, if any.
    pub fn next_mail_due(&self, now: i64) -> Result<Option<i64>, Error> {
        let at: Option<i64> = self.conn.query_row(
            "SELECT MIN(next_at) FROM outbox WHERE status = 'pending'",
            [],
            |r| r.get(0),
        )?;
        Ok(at.map(|at| (at - now).max(0)))
    }

    /// Message `id` sent: its status, its time; a personal link in its body is wiped.
    pub fn mail_sent(&self, id: i64, reply: &str, wipe_body: bool) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1,
                 reply = ?3, body = CASE WHEN ?4 THEN '' ELSE body END, attachment = NULL
             WHERE id = ?1",
            params![id, unix_now(), reply, wipe_body],
        )?;
        Ok(())
    }

    /// Message `id` refused for now: tried again at `next_at`.
    pub fn mail_retry(&self, id: i64, reply: &str, next_at: i64) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, reply = ?2, next_at = ?3 WHERE id = ?1",
            params![id, reply, next_at],
        )?;
        Ok(())
    }

    /// Every message pending is due at `now`, even those waiting for a later attempt.
    pub fn mail_all_due(&self, now: i64) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE outbox SET next_at = ?1 WHERE status = 'pending' AND next_at > ?1",
            [now],
        )?;
        Ok(())
    }

    /// Message `id` refused for good, with the server's reply.
    pub fn mail_failed(&self, id: i64, reply: &str) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, reply = ?2,
                 body = '', attachment = NULL
             WHERE id = ?1",
            params![id, reply],
        )?;
        Ok(())
    }

    /// The outbox by status.
    pub fn outbox_counts(&self) -> Result<OutboxCounts, Error> {
        let mut counts = OutboxCounts::default();
        let mut stmt = self
            .conn
            .prepare("SELECT status, COUNT(*) FROM outbox GROUP BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (status, n) = row?;
            match status.as_str() {
                "pending" => counts.pending = n,
                "sent" => counts.sent = n,
                _ => counts.failed += n,
            }
        }
        Ok(counts)
    }

    /// The outbox's messages, the latest first: all, or only `status`'s; at most `limit`.
    pub fn outbox(&self, status: Option<&str>, limit: usize) -> Result<Vec<Mail>, Error> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE ?1 IS NULL OR status = ?1
             ORDER BY id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![status, limit as i64], mail)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
