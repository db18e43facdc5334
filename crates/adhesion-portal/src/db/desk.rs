//! The desk's settings (the coordinator's password hash) and sessions.

use rusqlite::{OptionalExtension, params};

use super::Sql;
use crate::error::Error;

impl Sql<'_> {
    /// A setting of the portal (`password`: the coordinator's Argon2 hash).
    pub fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a setting of the portal.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// A new session: the hash of its cookie's value, its CSRF token, its start.
    pub fn insert_session(&self, hash: &[u8], csrf: &str, now: i64) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO sessions (token_hash, csrf, created, seen) VALUES (?1, ?2, ?3, ?3)",
            params![hash, csrf, now],
        )?;
        Ok(())
    }

    /// Ends the sessions last seen before `seen_before` or opened before `created_before`.
    pub fn delete_ended_sessions(
        &self,
        seen_before: i64,
        created_before: i64,
    ) -> Result<(), Error> {
        self.conn.execute(
            "DELETE FROM sessions WHERE seen < ?1 OR created < ?2",
            params![seen_before, created_before],
        )?;
        Ok(())
    }

    /// Marks the session of hash `hash` seen at `now`; gives its CSRF token if it exists.
    pub fn touch_session(&self, hash: &[u8], now: i64) -> Result<Option<String>, Error> {
        Ok(self
            .conn
            .query_row(
                "UPDATE sessions SET seen = ?2 WHERE token_hash = ?1 RETURNING csrf",
                params![hash, now],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Ends the session of hash `hash`.
    pub fn delete_session(&self, hash: &[u8]) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM sessions WHERE token_hash = ?1", [hash])?;
        Ok(())
    }

    /// Ends every session.
    pub fn delete_all_sessions(&self) -> Result<(), Error> {
        self.conn.execute("DELETE FROM sessions", [])?;
        Ok(())
    }
}
