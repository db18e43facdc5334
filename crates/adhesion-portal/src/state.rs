//! The portal's state: one SQLite file in the campaign folder, `.adhesion/portail.sqlite3`.
//!
//! One row per invited member: the SHA-256 of its token (never the token), its status and its
//! draft (the member file's YAML text, as the member-file writer wrote it). `members/*.yaml`
//! stay the truth for `adhesion build`; a draft only becomes a member file when it is deposited.
//!
//! A token is printed once, when it is made ([`invite`], [`renew`]): the database cannot give it
//! back. A lost link is replaced with [`renew`], which stops the old one at once.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::Error;
use adhesion_core::load;

/// The schema's steps: step `i` takes a database from version `i` to `i + 1`
/// (`PRAGMA user_version`). A released step is never edited: a change is a new step.
const MIGRATIONS: &[&str] = &[
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
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Where a member stands in the portal. The French words are for the pages only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A link was made; the commune has not opened it yet.
    Invited,
    /// The commune opened its page; it has not saved anything yet.
    Opened,
    /// The commune saved a draft.
    Draft,
    /// The commune deposited its file: read-only until reopened.
    Deposited,
    /// The coordinator reopened a deposited file.
    Reopened,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Invited => "invited",
            Status::Opened => "opened",
            Status::Draft => "draft",
            Status::Deposited => "deposited",
            Status::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "invited" => Status::Invited,
            "opened" => Status::Opened,
            "draft" => Status::Draft,
            "deposited" => Status::Deposited,
            "reopened" => Status::Reopened,
            _ => return None,
        })
    }

    /// Whether the commune may still change its file.
    pub fn editable(self) -> bool {
        self != Status::Deposited
    }

    /// The desk's key of the status, in its URLs (`/admin?statut=brouillon`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Invited => "invite",
            Status::Opened => "ouvert",
            Status::Draft => "brouillon",
            Status::Deposited => "depose",
            Status::Reopened => "rouvert",
        }
    }

    /// The French word of the desk and the API.
    pub fn word(self) -> &'static str {
        match self {
            Status::Invited => "invité",
            Status::Opened => "ouvert",
            Status::Draft => "brouillon",
            Status::Deposited => "déposé",
            Status::Reopened => "rouvert",
        }
    }
}

/// One member's row.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub status: Status,
    /// The draft's YAML text, when the commune saved one.
    pub draft: Option<String>,
    /// Bumped on every save: two tabs saving over each other are detected.
    pub version: i64,
    /// The SHA-256 of the member file the draft was made from.
    pub base_hash: Option<Vec<u8>>,
    /// What the commune must be told on its next visit (`file-changed`).
    pub notice: Option<String>,
}

/// The notice of a draft set aside because the member file changed by hand.
pub const NOTICE_FILE_CHANGED: &str = "file-changed";

/// The database file of the campaign in `root`.
pub fn db_path(root: &Path) -> PathBuf {
    root.join(".adhesion").join("portail.sqlite3")
}

/// Opens (and creates or migrates) the database of the campaign in `root`.
pub fn open(root: &Path) -> Result<Connection, Error> {
    let path = db_path(root);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io(dir.to_owned(), e))?;
    }
    let conn = Connection::open(&path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    migrate(&conn)?;
    Ok(conn)
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

/// A new token: 32 random bytes from the system, URL-safe base64 without padding.
pub fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// What is stored of a member file's text, to notice a change by hand.
pub fn file_hash(text: &str) -> Vec<u8> {
    Sha256::digest(text.as_bytes()).to_vec()
}

/// Now, in seconds since 1970.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn now() -> String {
    unix_now().to_string()
}

/// The member files under `root/members`, by id (file stem), sorted by path.
pub fn member_files(root: &Path) -> Vec<(String, PathBuf)> {
    let mut notes = Vec::new();
    load::discover(&root.join("members"), &mut notes)
        .into_iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            Some((id, p))
        })
        .collect()
}

/// The member file of `id`.
pub fn member_path(root: &Path, id: &str) -> Option<PathBuf> {
    member_files(root)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, p)| p)
}

/// Invites the members `ids` (every member file's when empty): a token for each member not yet
/// invited. Each token is given once, here: a member already invited gets `None` (its link is
/// not stored and cannot be printed again; [`renew`] makes a new one).
pub fn invite(root: &Path, ids: &[String]) -> Result<Vec<(String, Option<String>)>, Error> {
    let conn = open(root)?;
    let known: Vec<String> = member_files(root).into_iter().map(|(i, _)| i).collect();
    let ids: Vec<String> = if ids.is_empty() {
        known.clone()
    } else {
        ids.to_vec()
    };
    for id in &ids {
        if !known.contains(id) {
            return Err(Error::UnknownMember(id.clone()));
        }
    }
    let tx = conn.unchecked_transaction()?;
    let mut out = Vec::new();
    for id in ids {
        let exists: Option<String> = tx
            .query_row("SELECT id FROM members WHERE id = ?1", [&id], |r| r.get(0))
            .optional()?;
        if exists.is_some() {
            out.push((id, None));
            continue;
        }
        let token = new_token()?;
        tx.execute(
            "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
             VALUES (?1, ?2, ?3, NULL, 0, ?4)",
            params![
                id,
                token_hash(&token).to_vec(),
                Status::Invited.as_str(),
                now()
            ],
        )?;
        audit(&tx, Some(&id), "invite", "", "")?;
        out.push((id, Some(token)));
    }
    tx.commit()?;
    Ok(out)
}

/// A new link for member `id` (invited or not): the old token stops working at once.
/// `address` is the client's, for the audit log (empty from the command line).
pub fn renew(root: &Path, id: &str, address: &str) -> Result<String, Error> {
    if member_path(root, id).is_none() {
        return Err(Error::UnknownMember(id.to_owned()));
    }
    let conn = open(root)?;
    let token = new_token()?;
    let hash = token_hash(&token).to_vec();
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
         VALUES (?1, ?2, ?3, NULL, 0, ?4)
         ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash,
             updated_at = excluded.updated_at",
        params![id, hash, Status::Invited.as_str(), now()],
    )?;
    audit(&tx, Some(id), "renew", "", address)?;
    tx.commit()?;
    Ok(token)
}

/// Reopens a deposited member for its commune. `address` as for [`renew`].
pub fn reopen(root: &Path, id: &str, address: &str) -> Result<(), Error> {
    let conn = open(root)?;
    let tx = conn.unchecked_transaction()?;
    let n = tx.execute(
        "UPDATE members SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, Status::Reopened.as_str(), now()],
    )?;
    if n == 0 {
        return Err(Error::UnknownMember(id.to_owned()));
    }
    audit(&tx, Some(id), "reopen", "", address)?;
    tx.commit()?;
    Ok(())
}

/// The row of the member whose token is `token`.
pub fn by_token(conn: &Connection, token: &str) -> Result<Option<Row>, Error> {
    row_where(conn, "token_hash = ?1", token_hash(token).to_vec())
}

/// The row of member `id`.
pub fn by_id(conn: &Connection, id: &str) -> Result<Option<Row>, Error> {
    row_where(conn, "id = ?1", id.to_owned())
}

fn row_where(
    conn: &Connection,
    condition: &str,
    key: impl rusqlite::ToSql,
) -> Result<Option<Row>, Error> {
    let sql = format!(
        "SELECT id, status, draft, version, base_hash, notice FROM members WHERE {condition}"
    );
    let row = conn
        .query_row(&sql, [key], |r| {
            Ok(Row {
                id: r.get(0)?,
                status: Status::parse(&r.get::<_, String>(1)?).unwrap_or(Status::Draft),
                draft: r.get(2)?,
                version: r.get(3)?,
                base_hash: r.get(4)?,
                notice: r.get(5)?,
            })
        })
        .optional()?;
    Ok(row)
}

/// Saves member `id`'s draft, made from the member file of hash `base`; its status becomes
/// `status`; gives the new version. With `expected`, the save is refused
/// ([`Error::Conflict`]) unless the draft is still at that version: another tab saved meanwhile.
/// A save that is not the deposit itself never touches a deposited member: one that read the
/// member before a deposit in another tab, and finishes after it, is refused
/// ([`Error::Deposited`]) rather than turning the member back into a draft.
pub fn save_draft(
    conn: &Connection,
    id: &str,
    draft: &str,
    status: Status,
    base: &[u8],
    expected: Option<i64>,
) -> Result<i64, Error> {
    let deposited = Status::Deposited.as_str();
    let version: Option<i64> = conn
        .query_row(
            "UPDATE members SET draft = ?2, status = ?3, version = version + 1, updated_at = ?4,
                 base_hash = ?6, notice = NULL
             WHERE id = ?1 AND (?3 = ?5 OR status <> ?5) AND (?7 IS NULL OR version = ?7)
             RETURNING version",
            params![id, draft, status.as_str(), now(), deposited, base, expected],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(v) = version {
        return Ok(v);
    }
    match by_id(conn, id)? {
        Some(row) if row.status == Status::Deposited && status != Status::Deposited => {
            Err(Error::Deposited)
        }
        Some(row) => Err(Error::Conflict(row.version)),
        None => Err(Error::UnknownMember(id.to_owned())),
    }
}

/// The member file of `id` changed by hand since its draft was made: the draft is set aside
/// (kept in the database, not shown), the commune will be told, and the file's values are the
/// form's again. Nothing happens if the row moved on meanwhile (version `version`).
pub fn set_aside(conn: &Connection, id: &str, version: i64) -> Result<bool, Error> {
    let n = conn.execute(
        "UPDATE members SET set_aside = draft, draft = NULL, base_hash = NULL, notice = ?3,
             version = version + 1, updated_at = ?4
         WHERE id = ?1 AND version = ?2",
        params![id, version, NOTICE_FILE_CHANGED, now()],
    )?;
    Ok(n == 1)
}

/// Marks the draft of `id` as made from the member file of hash `base` (when the file has
/// the very text of the draft: a deposit that a kill cut before its database update).
pub fn rebase(conn: &Connection, id: &str, base: &[u8]) -> Result<(), Error> {
    conn.execute(
        "UPDATE members SET base_hash = ?2 WHERE id = ?1",
        params![id, base],
    )?;
    Ok(())
}

/// One line of the audit log: who (`member`, or none for the coordinator), what (`action`:
/// `save`, `deposit`, `reopen`, `renew`, `invite`, `file-changed`, `login`...), the details
/// (JSON, e.g. the fields changed with their old and new values) and the client's address.
pub fn audit(
    conn: &Connection,
    member: Option<&str>,
    action: &str,
    detail: &str,
    address: &str,
) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO audit (at, member, action, detail, address) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![unix_now(), member, action, detail, address],
    )?;
    Ok(())
}

/// A setting of the portal (`password`: the coordinator's Argon2 hash).
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>, Error> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Sets a setting of the portal.
pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// One line of the audit log as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub member: Option<String>,
    pub action: String,
    pub detail: String,
    pub address: String,
}

/// The audit log, oldest first: member `id`'s lines, or every line.
pub fn audit_log(conn: &Connection, member: Option<&str>) -> Result<Vec<AuditEntry>, Error> {
    let mut stmt = conn.prepare(
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

/// Sets member `id`'s status.
pub fn set_status(conn: &Connection, id: &str, status: Status) -> Result<(), Error> {
    conn.execute(
        "UPDATE members SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), now()],
    )?;
    Ok(())
}

/// The status of every invited member, by id.
pub fn statuses(conn: &Connection) -> Result<Vec<(String, Status)>, Error> {
    let mut stmt = conn.prepare("SELECT id, status FROM members ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, s) = row?;
        out.push((id, Status::parse(&s).unwrap_or(Status::Draft)));
    }
    Ok(out)
}

/// A CSV for a mail merge, one row per member file: id, name, contact e-mail, link, note. Members
/// not yet invited are invited now (their link is in this CSV, and only in it); those already
/// invited have no link and the note « déjà invité ».
pub fn invitations_csv(root: &Path, base_url: &str) -> Result<String, Error> {
    let files = member_files(root);
    let tokens = invite(root, &[])?;
    let base = base_url.trim_end_matches('/');
    let mut out = String::from("id,nom,courriel du contact,lien,note\r\n");
    for (id, path) in files {
        let (nom, courriel) = match load::load_member(&path).member {
            Ok(m) => (m.collectivite.nom.value, m.contact.courriel.value),
            Err(_) => (String::new(), String::new()),
        };
        let token = tokens
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, t)| t.clone());
        let (link, note) = match token {
            Some(t) => (format!("{base}/m/{t}"), String::new()),
            None => (String::new(), "déjà invité".to_owned()),
        };
        let fields = [id, nom, courriel, link, note];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// One CSV field, quoted when needed (RFC 4180). A leading `=`, `+`, `-` or `@` is prefixed with
/// `'` so that a spreadsheet does not run it as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_member(conn: &Connection) {
        conn.execute(
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
        let conn = open(dir.path()).unwrap();
        one_member(&conn);
        save_draft(&conn, "a", "v1", Status::Deposited, b"f", None).unwrap();
        assert!(matches!(
            save_draft(&conn, "a", "late", Status::Draft, b"f", None),
            Err(Error::Deposited)
        ));
        let (draft, status): (String, String) = conn
            .query_row(
                "SELECT draft, status FROM members WHERE id = 'a'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((draft.as_str(), status.as_str()), ("v1", "deposited"));
        set_status(&conn, "a", Status::Reopened).unwrap();
        save_draft(&conn, "a", "v2", Status::Reopened, b"f", None).unwrap();
    }

    /// Two tabs read version 0; the first save wins, the second is told the version it missed
    /// and changes nothing.
    #[test]
    fn the_second_of_two_saves_from_one_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path()).unwrap();
        one_member(&conn);
        assert_eq!(
            save_draft(&conn, "a", "tab 1", Status::Draft, b"f", Some(0)).unwrap(),
            1
        );
        assert!(matches!(
            save_draft(&conn, "a", "tab 2", Status::Draft, b"f", Some(0)),
            Err(Error::Conflict(1))
        ));
        let row = by_id(&conn, "a").unwrap().unwrap();
        assert_eq!((row.draft.as_deref(), row.version), (Some("tab 1"), 1));
        // Told, the second tab saves again from the version it now knows.
        assert_eq!(
            save_draft(&conn, "a", "tab 2", Status::Draft, b"f", Some(1)).unwrap(),
            2
        );
    }

    /// A database of schema 1 (the first release) is migrated step by step and keeps its rows.
    #[test]
    fn an_old_database_is_migrated_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = db_path(dir.path());
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
        let conn = open(dir.path()).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let row = by_id(&conn, "a").unwrap().unwrap();
        assert_eq!((row.draft.as_deref(), row.version), (Some("texte"), 3));
        assert_eq!((row.base_hash, row.notice), (None, None));
        audit(&conn, Some("a"), "save", "{}", "127.0.0.1").unwrap();
        assert_eq!(audit_log(&conn, Some("a")).unwrap().len(), 1);
        // Opening again runs no step twice.
        drop(conn);
        open(dir.path()).unwrap();
    }

    /// A database from a newer adhesion is refused, not damaged.
    #[test]
    fn a_newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = db_path(dir.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(open(dir.path()), Err(Error::NewerSchema(_))));
    }

    /// A draft set aside after a hand edit is kept, and the commune's notice waits for it.
    #[test]
    fn a_draft_set_aside_is_kept_with_its_notice() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path()).unwrap();
        one_member(&conn);
        save_draft(&conn, "a", "commune", Status::Draft, b"old", None).unwrap();
        assert!(
            !set_aside(&conn, "a", 0).unwrap(),
            "a stale version does nothing"
        );
        assert!(set_aside(&conn, "a", 1).unwrap());
        let row = by_id(&conn, "a").unwrap().unwrap();
        assert_eq!(row.draft, None);
        assert_eq!(row.notice.as_deref(), Some(NOTICE_FILE_CHANGED));
        let kept: String = conn
            .query_row("SELECT set_aside FROM members WHERE id = 'a'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "commune");
        save_draft(&conn, "a", "again", Status::Draft, b"new", Some(2)).unwrap();
        assert_eq!(by_id(&conn, "a").unwrap().unwrap().notice, None);
    }
}
