//! The audit log: who did what, when, from where.

use rusqlite::params;

use super::Sql;
use crate::error::Error;
use crate::time::unix_now;

/// One line of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its number, growing with time.
    pub id: i64,
    pub at: i64,
    pub member: Option<String>,
    pub action: String,
    pub detail: String,
    pub address: String,
}

impl Sql<'_> {
    /// One line of the audit log: who (`member`, or none for the coordinator), what (`action`:
    /// `save`, `deposit`, `reopen`, `renew`, `invite`, `file-changed`, `login`...), the details
    /// (JSON, e.g. the fields changed with their old and new values) and the client's address.
    pub fn audit(
        &self,
        member: Option<&str>,
        action: &str,
        detail: &str,
        address: &str,
    ) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO audit (at, member, action, detail, address) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![unix_now(), member, action, detail, address],
        )?;
        Ok(())
    }

    /// The audit log, oldest first: member `id`'s lines, or every line (the tests; the portal
    /// reads it by pages, [`Sql::audit_page`], [`Sql::audit_after`]).
    pub fn audit_log(&self, member: Option<&str>) -> Result<Vec<AuditEntry>, Error> {
        self.audit_query(
            "WHERE ?1 IS NULL OR member = ?1 ORDER BY id LIMIT -1",
            params![member],
        )
    }

    /// At most `limit` lines of the audit log before line `before` (from the latest without
    /// it), latest first: member `member`'s lines, or every line.
    pub fn audit_page(
        &self,
        member: Option<&str>,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, Error> {
        self.audit_query(
            "WHERE (?1 IS NULL OR member = ?1) AND (?2 IS NULL OR id < ?2)
             ORDER BY id DESC LIMIT ?3",
            params![member, before, limit as i64],
        )
    }

    /// At most `limit` lines of the audit log after line `after`, oldest first.
    pub fn audit_after(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>, Error> {
        self.audit_query(
            "WHERE id > ?1 ORDER BY id LIMIT ?2",
            params![after, limit as i64],
        )
    }

    fn audit_query(
        &self,
        rest: &str,
        values: impl rusqlite::Params,
    ) -> Result<Vec<AuditEntry>, Error> {
        let sql = format!("SELECT id, at, member, action, detail, address FROM audit {rest}");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(values, |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                member: r.get(2)?,
                action: r.get(3)?,
                detail: r.get(4)?,
                address: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
