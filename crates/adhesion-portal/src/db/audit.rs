//! The audit log: who did what, when, from where.

use rusqlite::params;

use super::Sql;
use crate::error::Error;
use crate::time::unix_now;

/// One line of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
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

    /// The audit log, oldest first: member `id`'s lines, or every line.
    pub fn audit_log(&self, member: Option<&str>) -> Result<Vec<AuditEntry>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT at, member, action, detail, address FROM audit
             WHERE ?1 IS NULL OR member = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([member], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                member: r.get(1)?,
                action: r.get(2)?,
                detail: r.get(3)?,
                address: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
