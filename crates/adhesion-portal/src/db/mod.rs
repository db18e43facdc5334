//! The portal's database: one SQLite file in the campaign folder, `.adhesion/portail.sqlite3`.
//! Every SQL statement of the portal is in this module, behind one connection API: [`Db::lock`]
//! gives the connection for a few statements, [`Locked::transaction`] for several at once.
//!
//! One row per invited member: the SHA-256 of its token (never the token), its status and its
//! draft (the member file's YAML text, as the member-file writer wrote it); the audit log; the
//! coordinator's password hash and sessions. `members/*.yaml` stay the truth for
//! `adhesion build`; a draft only becomes a member file when it is deposited.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::error::Error;

mod audit;
mod desk;
mod members;
mod outbox;
mod pieces;

pub use audit::AuditEntry;
pub use members::{MemberRow, NOTICE_FILE_CHANGED, Row};
pub use outbox::{Mail, NewMail, OutboxCounts};
pub use pieces::{NewPiece, Piece};

/// The schema's steps: step `i` takes a database from version `i` to `i + 1`
/// (`PRAGMA user_version`). A released step is never edited: a change is a new step.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the members, their tokens' hashes, statuses and drafts.
    "CREATE TABLE IF NOT EXISTS members (
         id TEXT PRIMARY KEY,
         token_hash BLOB UNIQUE,
         status TEXT NOT NULL,
         draft TEXT,
         version INTEGER NOT NULL DEFAULT 0,
         updated_at TEXT NOT NULL
     );",
    // 2: the member file a draft started from (a hand edit is detected), the draft set aside
    // when it was, the notice the commune has not seen yet, and the audit log.
    "ALTER TABLE members ADD COLUMN base_hash BLOB;
     ALTER TABLE members ADD COLUMN set_aside TEXT;
     ALTER TABLE members ADD COLUMN notice TEXT;
     CREATE TABLE audit (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         at INTEGER NOT NULL,
         member TEXT,
         action TEXT NOT NULL,
         detail TEXT NOT NULL DEFAULT '',
         address TEXT NOT NULL DEFAULT ''
     );
     CREATE INDEX audit_member ON audit (member, id);",
    // 3: the coordinator's desk: its password's hash, its sessions (kept across restarts).
    "CREATE TABLE settings (
         key TEXT PRIMARY KEY,
         value TEXT NOT NULL
     );
     CREATE TABLE sessions (
         token_hash BLOB PRIMARY KEY,
         csrf TEXT NOT NULL,
         created INTEGER NOT NULL,
         seen INTEGER NOT NULL
     );",
    // 4: a deposit's time and the SHA-256 of the member file deposited (the attestation), and
    // the signed pieces the members upload (their files inside, so that a backup holds them).
    "ALTER TABLE members ADD COLUMN deposited_at INTEGER;
     ALTER TABLE members ADD COLUMN deposit_hash BLOB;
     CREATE TABLE pieces (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         member TEXT NOT NULL,
         kind TEXT NOT NULL,
         status TEXT NOT NULL,
         file_name TEXT NOT NULL DEFAULT '',
         media_type TEXT NOT NULL DEFAULT '',
         size INTEGER NOT NULL DEFAULT 0,
         sha256 BLOB,
         content BLOB,
         received_at INTEGER NOT NULL,
         by_post TEXT,
         decided_at INTEGER,
         reason TEXT NOT NULL DEFAULT ''
     );
     CREATE INDEX pieces_member ON pieces (member, kind, id);",
    // 5: the outbox: every message queued once (its key), then sent by the background task,
    // with its status, attempts and the server's last reply.
    "CREATE TABLE outbox (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         key TEXT NOT NULL UNIQUE,
         member TEXT,
         kind TEXT NOT NULL,
         recipient TEXT NOT NULL,
         subject TEXT NOT NULL,
         body TEXT NOT NULL,
         attachment_name TEXT,
         attachment BLOB,
         status TEXT NOT NULL DEFAULT 'pending',
         attempts INTEGER NOT NULL DEFAULT 0,
         next_at INTEGER NOT NULL,
         created_at INTEGER NOT NULL,
         sent_at INTEGER,
         reply TEXT NOT NULL DEFAULT ''
     );
     CREATE INDEX outbox_due ON outbox (status, next_at, id);",
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The database of one campaign: one connection, shared.
pub struct Db {
    conn: Mutex<Connection>,
}

/// The connection, held: the statements are its methods.
pub struct Locked<'a> {
    conn: MutexGuard<'a, Connection>,
}

/// The statements, over a connection or a transaction.
#[derive(Clone, Copy)]
pub struct Sql<'c> {
    conn: &'c Connection,
}

impl Db {
    /// The database file of the campaign in `root`.
    pub fn path(root: &Path) -> PathBuf {
        root.join(".adhesion").join("portail.sqlite3")
    }

    /// Opens (and creates or migrates) the database of the campaign in `root`. It holds the
    /// password's hash and the links' hashes: its folder is its owner's only (0700), the
    /// database too (0600, which SQLite gives its journal files).
    pub fn open(root: &Path) -> Result<Db, Error> {
        let path = Self::path(root);
        if let Some(dir) = path.parent() {
            private_dir(dir).map_err(|e| Error::Io(dir.to_owned(), e))?;
        }
        private_file(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let conn = Connection::open(&path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrate(&conn)?;
        Ok(Db {
            conn: Mutex::new(conn),
        })
    }

    /// The database of the campaign in `root` to read, when there is one (`adhesion build` reads
    /// the members' standing from it): never created nor migrated.
    pub fn read_only(root: &Path) -> Result<Option<Db>, Error> {
        let path = Self::path(root);
        if !path.is_file() {
            return Ok(None);
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let conn = Connection::open_with_flags(&path, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Some(Db {
            conn: Mutex::new(conn),
        }))
    }

    /// The connection, for a few statements; a request holds it as briefly as it can.
    pub fn lock(&self) -> Locked<'_> {
        Locked {
            conn: self.conn.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

impl Locked<'_> {
    /// The statements, one at a time.
    pub fn sql(&self) -> Sql<'_> {
        Sql { conn: &self.conn }
    }

    /// `work` in one transaction: committed when it succeeds, rolled back otherwise.
    pub fn transaction<T>(
        &self,
        work: impl FnOnce(Sql<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let tx = self.conn.unchecked_transaction()?;
        let value = work(Sql { conn: &tx })?;
        tx.commit()?;
        Ok(value)
    }

    /// The connection itself, for the tests that make states the portal never makes.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Makes `dir` (and its parents) if missing, readable by its owner only.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    restrict(dir, 0o700)
}

/// Makes the database file `path` if missing, empty (SQLite takes an empty file for a new
/// database), readable by its owner only; an existing one, and its journal files, are made so.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?;
    restrict(path, 0o600)?;
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let journal = PathBuf::from(name);
        if journal.exists() {
            restrict(&journal, 0o600)?;
        }
    }
    Ok(())
}

/// Takes from `path` the permissions outside `mode` (group's and others').
#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let now = std::fs::metadata(path)?.permissions().mode();
    if now & 0o777 & !mode != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(now & mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

fn migrate(conn: &Connection) -> Result<(), Error> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema(version));
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        // Each step and its version number in one transaction: a kill leaves the old schema.
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Copies the database of the campaign in `root` into `target` (an empty file) by `VACUUM INTO`:
/// one read transaction, so the copy is consistent while the server writes (WAL mode lets both
/// go on). Read-only: a backup neither creates nor migrates the live database.
pub fn backup(root: &Path, target: &str) -> Result<(), rusqlite::Error> {
    let conn = Connection::open_with_flags(
        Db::path(root),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::Status;

    fn one_member(db: &Db) {
        db.lock()
            .connection()
            .execute(
                "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
                 VALUES ('a', x'00', 'draft', '', 0, '')",
                [],
            )
            .unwrap();
    }

    /// A save that finishes after a deposit made meanwhile does not undo it.
    #[test]
    fn a_late_save_never_undoes_a_deposit() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path()).unwrap();
        one_member(&db);
        let conn = db.lock();
        let sql = conn.sql();
        sql.save_draft("a", "v1", Status::Deposited, b"f", None)
            .unwrap();
        assert!(matches!(
            sql.save_draft("a", "late", Status::Draft, b"f", None),
            Err(Error::Deposited)
        ));
        let row = sql.member_by_id("a").unwrap().unwrap();
        assert_eq!(
            (row.draft.as_deref(), row.status),
            (Some("v1"), Status::Deposited)
        );
        sql.set_status("a", Status::Reopened).unwrap();
        sql.save_draft("a", "v2", Status::Reopened, b"f", None)
            .unwrap();
    }

    /// Two tabs read version 0; the first save wins, the second is told the version it missed
    /// and changes nothing.
    #[test]
    fn the_second_of_two_saves_from_one_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path()).unwrap();
        one_member(&db);
        let conn = db.lock();
        let sql = conn.sql();
        assert_eq!(
            sql.save_draft("a", "tab 1", Status::Draft, b"f", Some(0))
                .unwrap(),
            1
        );
        assert!(matches!(
            sql.save_draft("a", "tab 2", Status::Draft, b"f", Some(0)),
            Err(Error::Conflict(1))
        ));
        let row = sql.member_by_id("a").unwrap().unwrap();
        assert_eq!((row.draft.as_deref(), row.version), (Some("tab 1"), 1));
        // Told, the second tab saves again from the version it now knows.
        assert_eq!(
            sql.save_draft("a", "tab 2", Status::Draft, b"f", Some(1))
                .unwrap(),
            2
        );
    }

    /// A database of schema 1 (the first release) is migrated step by step and keeps its rows.
    #[test]
    fn an_old_database_is_migrated_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = Db::path(dir.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
                 VALUES ('a', x'01', 'draft', 'texte', 3, '0')",
                [],
            )
            .unwrap();
        }
        let db = Db::open(dir.path()).unwrap();
        let conn = db.lock();
        let version: i64 = conn
            .connection()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let row = conn.sql().member_by_id("a").unwrap().unwrap();
        assert_eq!((row.draft.as_deref(), row.version), (Some("texte"), 3));
        assert_eq!((row.base_hash, row.notice), (None, None));
        conn.sql()
            .audit(Some("a"), "save", "{}", "127.0.0.1")
            .unwrap();
        assert_eq!(conn.sql().audit_log(Some("a")).unwrap().len(), 1);
        // Opening again runs no step twice.
        drop(conn);
        drop(db);
        Db::open(dir.path()).unwrap();
    }

    /// A database from a newer adhesion is refused, not damaged.
    #[test]
    fn a_newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = Db::path(dir.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(Db::open(dir.path()), Err(Error::NewerSchema(_))));
    }

    /// A draft set aside after a hand edit is kept, and the commune's notice waits for it.
    #[test]
    fn a_draft_set_aside_is_kept_with_its_notice() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path()).unwrap();
        one_member(&db);
        let conn = db.lock();
        let sql = conn.sql();
        sql.save_draft("a", "commune", Status::Draft, b"old", None)
            .unwrap();
        assert!(
            !sql.set_aside("a", 0).unwrap(),
            "a stale version does nothing"
        );
        assert!(sql.set_aside("a", 1).unwrap());
        let row = sql.member_by_id("a").unwrap().unwrap();
        assert_eq!(row.draft, None);
        assert_eq!(row.notice.as_deref(), Some(NOTICE_FILE_CHANGED));
        let kept: String = conn
            .connection()
            .query_row("SELECT set_aside FROM members WHERE id = 'a'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "commune");
        sql.save_draft("a", "again", Status::Draft, b"new", Some(2))
            .unwrap();
        assert_eq!(sql.member_by_id("a").unwrap().unwrap().notice, None);
    }
}
