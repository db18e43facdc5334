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
use crate::load;

/// The schema version this code writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;

/// Where a member stands in the portal. The French words are for the pages only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A link was made; the commune has not saved anything yet.
    Invited,
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
            Status::Draft => "draft",
            Status::Deposited => "deposited",
            Status::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "invited" => Status::Invited,
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
}

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
    if version < 1 {
        conn.execute_batch(
            "BEGIN;
             CREATE TABLE IF NOT EXISTS members (
                 id TEXT PRIMARY KEY,
                 token_hash BLOB UNIQUE,
                 status TEXT NOT NULL,
                 draft TEXT,
                 version INTEGER NOT NULL DEFAULT 0,
                 updated_at TEXT NOT NULL
             );
             PRAGMA user_version = 1;
             COMMIT;",
        )?;
    }
    debug_assert!(SCHEMA_VERSION == 1);
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

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    secs.to_string()
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
        out.push((id, Some(token)));
    }
    tx.commit()?;
    Ok(out)
}

/// A new link for member `id` (invited or not): the old token stops working at once.
pub fn renew(root: &Path, id: &str) -> Result<String, Error> {
    if member_path(root, id).is_none() {
        return Err(Error::UnknownMember(id.to_owned()));
    }
    let conn = open(root)?;
    let token = new_token()?;
    let hash = token_hash(&token).to_vec();
    conn.execute(
        "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
         VALUES (?1, ?2, ?3, NULL, 0, ?4)
         ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash,
             updated_at = excluded.updated_at",
        params![id, hash, Status::Invited.as_str(), now()],
    )?;
    Ok(token)
}

/// Reopens a deposited member for its commune.
pub fn reopen(root: &Path, id: &str) -> Result<(), Error> {
    let conn = open(root)?;
    let n = conn.execute(
        "UPDATE members SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, Status::Reopened.as_str(), now()],
    )?;
    if n == 0 {
        return Err(Error::UnknownMember(id.to_owned()));
    }
    Ok(())
}

/// The row of the member whose token is `token`.
pub fn by_token(conn: &Connection, token: &str) -> Result<Option<Row>, Error> {
    let hash = token_hash(token).to_vec();
    let row = conn
        .query_row(
            "SELECT id, status, draft, version FROM members WHERE token_hash = ?1",
            [hash],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(id, status, draft, version)| Row {
        id,
        status: Status::parse(&status).unwrap_or(Status::Draft),
        draft,
        version,
    }))
}

/// Saves member `id`'s draft; its status becomes `status`.
/// A save that is not the deposit itself never touches a deposited member: one that read the
/// member before a deposit in another tab, and finishes after it, is refused
/// ([`Error::Deposited`]) rather than turning the member back into a draft.
pub fn save_draft(conn: &Connection, id: &str, draft: &str, status: Status) -> Result<(), Error> {
    let deposited = Status::Deposited.as_str();
    let changed = conn.execute(
        "UPDATE members SET draft = ?2, status = ?3, version = version + 1, updated_at = ?4
         WHERE id = ?1 AND (?3 = ?5 OR status <> ?5)",
        params![id, draft, status.as_str(), now(), deposited],
    )?;
    if changed == 0 {
        return Err(Error::Deposited);
    }
    Ok(())
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
fn csv_field(s: &str) -> String {
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

    /// A save that finishes after a deposit made meanwhile does not undo it.
    #[test]
    fn a_late_save_never_undoes_a_deposit() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path()).unwrap();
        conn.execute(
            "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
             VALUES ('a', x'00', 'draft', '', 0, '')",
            [],
        )
        .unwrap();
        save_draft(&conn, "a", "v1", Status::Deposited).unwrap();
        assert!(matches!(
            save_draft(&conn, "a", "late", Status::Draft),
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
        save_draft(&conn, "a", "v2", Status::Reopened).unwrap();
    }
}
