//! The coordinator's sign-in: one password, stored as its Argon2 hash in the portal's
//! database; sessions by a random cookie whose SHA-256 only is stored, ending after
//! [`SESSION_IDLE`] without use; a CSRF token per session; sign-in attempts limited per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::db::{Db, Sql};
use crate::error::Error;
use crate::secret::{new_token, token_hash};

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
pub fn set_password(db: &Db, password: &str) -> Result<(), Error> {
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
    db.lock().transaction(|sql| {
        sql.set_setting(PASSWORD_KEY, &hash)?;
        sql.delete_all_sessions()?;
        sql.audit(None, "set-password", "", "")
    })
}

/// Whether a password was set.
pub fn has_password(sql: Sql<'_>) -> Result<bool, Error> {
    Ok(sql.setting(PASSWORD_KEY)?.is_some())
}

/// The stored hash of the password, to check one with [`matches`] without holding the database.
pub fn password_hash(sql: Sql<'_>) -> Result<Option<String>, Error> {
    sql.setting(PASSWORD_KEY)
}

/// Whether `password` is the coordinator's (false when none is set). Slow on purpose (Argon2):
/// call it off the async threads.
pub fn verify_password(db: &Db, password: &str) -> Result<bool, Error> {
    let hash = password_hash(db.lock().sql())?;
    Ok(matches(hash.as_deref(), password))
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
pub fn open_session(sql: Sql<'_>, now: i64) -> Result<(String, Session), Error> {
    let token = new_token()?;
    let csrf = new_token()?;
    sql.insert_session(&token_hash(&token), &csrf, now)?;
    Ok((token, Session { csrf }))
}

/// The session of cookie value `token`, if it is alive (its last use is marked now); a session
/// unused for [`SESSION_IDLE`] seconds at `now` is ended.
pub fn session(sql: Sql<'_>, token: &str, now: i64) -> Result<Option<Session>, Error> {
    sql.delete_sessions_seen_before(now - SESSION_IDLE)?;
    let csrf = sql.touch_session(&token_hash(token), now)?;
    Ok(csrf.map(|csrf| Session { csrf }))
}

/// Ends the session of cookie value `token`.
pub fn close_session(sql: Sql<'_>, token: &str) -> Result<(), Error> {
    sql.delete_session(&token_hash(token))
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
    use crate::time::unix_now;

    #[test]
    fn password_sessions_and_their_end() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path()).unwrap();
        assert!(matches!(
            set_password(&db, "court"),
            Err(Error::WeakPassword(_))
        ));
        assert!(!has_password(db.lock().sql()).unwrap());
        assert!(!verify_password(&db, "n’importe quoi").unwrap());
        set_password(&db, "un mot de passe assez long").unwrap();
        assert!(has_password(db.lock().sql()).unwrap());
        assert!(verify_password(&db, "un mot de passe assez long").unwrap());
        assert!(!verify_password(&db, "un mot de passe assez lonG").unwrap());
        let stored = db.lock().sql().setting(PASSWORD_KEY).unwrap().unwrap();
        assert!(stored.starts_with("$argon2id$") && !stored.contains("assez long"));

        let conn = db.lock();
        let sql = conn.sql();
        let now = unix_now();
        let (token, s) = open_session(sql, now).unwrap();
        assert_eq!(session(sql, &token, now).unwrap().unwrap().csrf, s.csrf);
        assert!(session(sql, "inconnu", now).unwrap().is_none());
        // Used within the idle time it lives on; past it, it is gone.
        assert!(
            session(sql, &token, now + SESSION_IDLE - 1)
                .unwrap()
                .is_some()
        );
        assert!(
            session(sql, &token, now + 2 * SESSION_IDLE)
                .unwrap()
                .is_none()
        );
        let (token, _) = open_session(sql, unix_now()).unwrap();
        close_session(sql, &token).unwrap();
        assert!(session(sql, &token, unix_now()).unwrap().is_none());
        // A new password ends every session.
        let (token, _) = open_session(sql, unix_now()).unwrap();
        drop(conn);
        set_password(&db, "un autre mot de passe long").unwrap();
        assert!(
            session(db.lock().sql(), &token, unix_now())
                .unwrap()
                .is_none()
        );
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
    }
}
