//! The coordinator's sign-in: one password, stored as its Argon2 hash in the portal's
//! database; sessions by a random cookie whose SHA-256 only is stored, ending after
//! [`SESSION_IDLE`] without use and [`SESSION_MAX`] after the sign-in; a CSRF token per
//! session; sign-in attempts limited per address (an IPv6 address by its /64) and, past a
//! global cap of failures, slowed down for everyone ([`Attempts`]).

use std::collections::VecDeque;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use super::limits::Window;
use crate::db::{Db, Sql};
use crate::error::Error;
use crate::secret::{new_token, token_hash};

/// A session unused this long ends (seconds)...
pub const SESSION_IDLE: i64 = 30 * 60;
/// ...and any session this long after its sign-in (seconds).
pub const SESSION_MAX: i64 = 12 * 60 * 60;
/// Sign-in attempts allowed per address (an IPv6 /64) and [`ATTEMPTS_WINDOW`].
pub const ATTEMPTS: usize = 5;
pub const ATTEMPTS_WINDOW: Duration = Duration::from_secs(60);
/// Failed sign-ins, all addresses together, per [`ATTEMPTS_WINDOW`], past which every sign-in
/// waits [`SLOW_DOWN`] first (the sessions already open are not concerned).
pub const FAILURES_CAP: usize = 20;
pub const SLOW_DOWN: Duration = Duration::from_secs(2);
/// Argon2 hashes computed at once (19 MiB and a core each), apart from every other work.
pub const PASSWORD_PERMITS: usize = 1;
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
/// unused for [`SESSION_IDLE`] seconds at `now`, or signed in [`SESSION_MAX`] seconds before,
/// is ended.
pub fn session(sql: Sql<'_>, token: &str, now: i64) -> Result<Option<Session>, Error> {
    sql.delete_ended_sessions(now - SESSION_IDLE, now - SESSION_MAX)?;
    let csrf = sql.touch_session(&token_hash(token), now)?;
    Ok(csrf.map(|csrf| Session { csrf }))
}

/// Ends the session of cookie value `token`.
pub fn close_session(sql: Sql<'_>, token: &str) -> Result<(), Error> {
    sql.delete_session(&token_hash(token))
}

/// Where sign-in attempts are counted: an IPv4 address, or the /64 of an IPv6 one (a network
/// gives its hosts a whole /64: each of its addresses would be a fresh count); `None` when the
/// address is not known.
pub type Bucket = Option<IpAddr>;

/// The bucket of `address`: IPv6 with its last 64 bits cleared, IPv4 (mapped or not) as it is.
pub fn bucket(address: Option<IpAddr>) -> Bucket {
    address.map(|a| match a {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        },
        v4 => v4,
    })
}

/// Counts sign-in attempts per [`Bucket`] ([`ATTEMPTS`] per [`ATTEMPTS_WINDOW`], a bounded
/// number of buckets), and the failures of all of them together ([`FAILURES_CAP`]). In memory:
/// a restart forgets them, which only helps a person who mistyped.
pub struct Attempts {
    per_address: Window<Bucket>,
    /// The latest failures, at most [`FAILURES_CAP`] of them.
    failures: Mutex<VecDeque<Instant>>,
}

impl Default for Attempts {
    fn default() -> Self {
        Self {
            per_address: Window::new(ATTEMPTS, ATTEMPTS_WINDOW),
            failures: Mutex::new(VecDeque::new()),
        }
    }
}

impl Attempts {
    /// Records an attempt from `address` at `now`; false when it is one too many.
    pub fn allow(&self, address: Option<IpAddr>, now: Instant) -> bool {
        self.per_address.allow(bucket(address), now).is_ok()
    }

    /// Records a failed sign-in at `now`.
    pub fn failed(&self, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() >= FAILURES_CAP {
            failures.pop_front();
        }
        failures.push_back(now);
    }

    /// How long a sign-in waits at `now`: [`SLOW_DOWN`] once [`FAILURES_CAP`] sign-ins failed
    /// within the last [`ATTEMPTS_WINDOW`], nothing otherwise.
    pub fn slow_down(&self, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let over = failures.len() >= FAILURES_CAP
            && failures
                .front()
                .is_some_and(|t| now.saturating_duration_since(*t) < ATTEMPTS_WINDOW);
        over.then_some(SLOW_DOWN)
    }

    /// The number of buckets followed.
    pub fn buckets(&self) -> usize {
        self.per_address.keys()
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
        // Used all along, it still ends 12 hours after its sign-in.
        let (token, _) = open_session(sql, now).unwrap();
        let mut at = now;
        while at < now + SESSION_MAX - SESSION_IDLE {
            at += SESSION_IDLE - 1;
            assert!(session(sql, &token, at).unwrap().is_some(), "{}", at - now);
        }
        assert!(
            session(sql, &token, now + SESSION_MAX + 1)
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

    #[test]
    fn an_ipv6_address_counts_by_its_64() {
        let ip = |s: &str| bucket(Some(s.parse().unwrap()));
        assert_eq!(ip("2001:db8:1:2::1"), ip("2001:db8:1:2:ffff::9"));
        assert_ne!(ip("2001:db8:1:2::1"), ip("2001:db8:1:3::1"));
        assert_eq!(ip("::ffff:192.0.2.1"), ip("192.0.2.1"));
        assert_ne!(ip("192.0.2.1"), ip("192.0.2.2"));
        assert_eq!(bucket(None), None);
    }

    #[test]
    fn past_the_cap_of_failures_every_sign_in_slows_down_for_a_minute() {
        let a = Attempts::default();
        let t0 = Instant::now();
        for _ in 1..FAILURES_CAP {
            a.failed(t0);
        }
        assert_eq!(a.slow_down(t0), None);
        a.failed(t0 + Duration::from_secs(30));
        assert_eq!(a.slow_down(t0 + Duration::from_secs(30)), Some(SLOW_DOWN));
        assert_eq!(
            a.slow_down(t0 + ATTEMPTS_WINDOW),
            None,
            "the first ones aged out"
        );
    }
}
