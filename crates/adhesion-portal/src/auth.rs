//! The coordinator's sign-in (issue 15): one password, stored as its Argon2 hash in the
//! portal's database; sessions by a random cookie whose SHA-256 only is stored, ending after
//! [`SESSION_IDLE`] without use; a CSRF token per session; sign-in attempts limited per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use super::state::{self, new_token, token_hash, unix_now};

/// A session unused this long ends (seconds).
pub const SESSION_IDLE: i64 = 30 * 60;
/// Sign-in attempts allowed per address and [`ATTEMPTS_WINDOW`].
pub const ATTEMPTS: usize = 5;
pub const ATTEMPTS_WINDOW: Duration = Duration::from_secs(60);
/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

const PASSWORD_KEY: &str = "password";

/// Stores the Argon2 hash of `password` in the campaign's portal state, replacing any other.
/// Every session ends: a new password signs everybody out.
pub fn set_password(root: &Path, password: &str) -> Result<(), Error> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::WeakPassword(MIN_PASSWORD_CHARS));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Random(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Random(e.to_string()))?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::Random(e.to_string()))?
        .to_string();
    let conn = state::open(root)?;
    let tx = conn.unchecked_transaction()?;
    state::set_setting(&tx, PASSWORD_KEY, &hash)?;
    tx.execute("DELETE FROM sessions", [])?;
    state::audit(&tx, None, "set-password", "", "")?;
    tx.commit()?;
    Ok(())
}

/// Whether a password was set.
pub fn has_password(conn: &Connection) -> Result<bool, Error> {
    Ok(state::setting(conn, PASSWORD_KEY)?.is_some())
}

/// Whether `password` is the coordinator's (false when none is set). Slow on purpose (Argon2):
/// call it off the async threads.
pub fn verify_password(conn: &Connection, password: &str) -> Result<bool, Error> {
    Ok(matches(
        state::setting(conn, PASSWORD_KEY)?.as_deref(),
        password,
    ))
}

/// The stored hash of the password, to check one with [`matches`] without holding the database.
pub fn password_hash(conn: &Connection) -> Result<Option<String>, Error> {
    state::setting(conn, PASSWORD_KEY)
}

/// Whether `password` matches the stored `hash` (false with none).
pub fn matches(hash: Option<&str>, password: &str) -> bool {
    let Some(Ok(parsed)) = hash.map(PasswordHash::new) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The token the session's forms must carry.
    pub csrf: String,
}

/// Opens a session: gives its cookie's value and its CSRF token.
pub fn open_session(conn: &Connection) -> Result<(String, Session), Error> {
    let token = new_token()?;
    let csrf = new_token()?;
    let now = unix_now();
    conn.execute(
        "INSERT INTO sessions (token_hash, csrf, created, seen) VALUES (?1, ?2, ?3, ?3)",
        params![token_hash(&token).to_vec(), csrf, now],
    )?;
    Ok((token, Session { csrf }))
}

/// The session of cookie value `token`, if it is alive (its last use is marked now); a session
/// unused for [`SESSION_IDLE`] seconds at `now` is ended.
pub fn session(conn: &Connection, token: &str, now: i64) -> Result<Option<Session>, Error> {
    let hash = token_hash(token).to_vec();
    conn.execute(
        "DELETE FROM sessions WHERE seen < ?1",
        params![now - SESSION_IDLE],
    )?;
    let csrf: Option<String> = conn
        .query_row(
            "UPDATE sessions SET seen = ?2 WHERE token_hash = ?1 RETURNING csrf",
            params![hash, now],
            |r| r.get(0),
        )
        .optional()?;
    Ok(csrf.map(|csrf| Session { csrf }))
}

/// Ends the session of cookie value `token`.
pub fn close_session(conn: &Connection, token: &str) -> Result<(), Error> {
    conn.execute(
        "DELETE FROM sessions WHERE token_hash = ?1",
        [token_hash(token).to_vec()],
    )?;
    Ok(())
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (token_hash(a), token_hash(b));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// Counts sign-in attempts per address: [`ATTEMPTS`] per [`ATTEMPTS_WINDOW`], in memory (a
/// restart forgets them, which only helps a person who mistyped).
#[derive(Default)]
pub struct Attempts {
    seen: Mutex<HashMap<Option<IpAddr>, Vec<Instant>>>,
}

impl Attempts {
    /// Records an attempt from `address` at `now`; false when it is one too many.
    pub fn allow(&self, address: Option<IpAddr>, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        // Forget what is past the window, for every address, so that the map stays small.
        seen.retain(|_, times| {
            times.retain(|t| now.duration_since(*t) < ATTEMPTS_WINDOW);
            !times.is_empty()
        });
        let times = seen.entry(address).or_default();
        if times.len() >= ATTEMPTS {
            return false;
        }
        times.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_sessions_and_their_end() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(matches!(
            set_password(root, "court"),
            Err(Error::WeakPassword(_))
        ));
        let conn = state::open(root).unwrap();
        assert!(!has_password(&conn).unwrap());
        assert!(!verify_password(&conn, "n’importe quoi").unwrap());
        set_password(root, "un mot de passe assez long").unwrap();
        assert!(has_password(&conn).unwrap());
        assert!(verify_password(&conn, "un mot de passe assez long").unwrap());
        assert!(!verify_password(&conn, "un mot de passe assez lonG").unwrap());
        let stored = state::setting(&conn, PASSWORD_KEY).unwrap().unwrap();
        assert!(stored.starts_with("$argon2id$") && !stored.contains("assez long"));

        let (token, s) = open_session(&conn).unwrap();
        let now = unix_now();
        assert_eq!(session(&conn, &token, now).unwrap().unwrap().csrf, s.csrf);
        assert!(session(&conn, "inconnu", now).unwrap().is_none());
        // Used within the idle time it lives on; past it, it is gone.
        assert!(
            session(&conn, &token, now + SESSION_IDLE - 1)
                .unwrap()
                .is_some()
        );
        assert!(
            session(&conn, &token, now + 2 * SESSION_IDLE)
                .unwrap()
                .is_none()
        );
        let (token, _) = open_session(&conn).unwrap();
        close_session(&conn, &token).unwrap();
        assert!(session(&conn, &token, unix_now()).unwrap().is_none());
        // A new password ends every session.
        let (token, _) = open_session(&conn).unwrap();
        set_password(root, "un autre mot de passe long").unwrap();
        assert!(session(&conn, &token, unix_now()).unwrap().is_none());
    }

    #[test]
    fn attempts_are_limited_per_address_and_window() {
        let a = Attempts::default();
        let t0 = Instant::now();
        let ip: Option<IpAddr> = Some("192.0.2.1".parse().unwrap());
        for _ in 0..ATTEMPTS {
            assert!(a.allow(ip, t0));
        }
        assert!(!a.allow(ip, t0));
        assert!(
            a.allow(Some("192.0.2.2".parse().unwrap()), t0),
            "another address"
        );
        assert!(a.allow(ip, t0 + ATTEMPTS_WINDOW), "a minute later");
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd"));
    }
}
