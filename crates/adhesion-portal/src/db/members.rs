//! The members' rows: tokens' hashes, statuses, drafts and their versions.

use rusqlite::{OptionalExtension, params};

use super::Sql;
use crate::error::Error;
use crate::secret::token_hash;
use crate::status::Status;
use crate::time::unix_now;

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
    /// When it was last deposited (seconds since 1970).
    pub deposited_at: Option<i64>,
    /// The SHA-256 of the member file it deposited last.
    pub deposit_hash: Option<Vec<u8>>,
    /// When the commune last saved (seconds since 1970).
    pub updated: i64,
}

impl Row {
    /// The row of a member not invited yet (the desk shows it as its file is).
    pub fn not_invited(id: &str) -> Row {
        Row {
            id: id.to_owned(),
            status: Status::NotInvited,
            draft: None,
            version: 0,
            base_hash: None,
            notice: None,
            deposited_at: None,
            deposit_hash: None,
            updated: 0,
        }
    }
}

/// What the desk's list needs of a member's row.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub status: Status,
    /// Seconds since 1970 of the last change.
    pub updated: i64,
    pub draft: Option<String>,
}

/// The notice of a draft set aside because the member file changed by hand.
pub const NOTICE_FILE_CHANGED: &str = "file-changed";

fn now() -> String {
    unix_now().to_string()
}

fn status_of(text: &str) -> Status {
    Status::from_db(text).unwrap_or(Status::Draft)
}

impl Sql<'_> {
    /// The row of the member whose token is `token`.
    pub fn member_by_token(&self, token: &str) -> Result<Option<Row>, Error> {
        self.row_where("token_hash = ?1", token_hash(token).to_vec())
    }

    /// The row of member `id`.
    pub fn member_by_id(&self, id: &str) -> Result<Option<Row>, Error> {
        self.row_where("id = ?1", id.to_owned())
    }

    fn row_where(&self, condition: &str, key: impl rusqlite::ToSql) -> Result<Option<Row>, Error> {
        let sql = format!(
            "SELECT id, status, draft, version, base_hash, notice, deposited_at, deposit_hash,
                 updated_at
             FROM members WHERE {condition}"
        );
        let row = self
            .conn
            .query_row(&sql, [key], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    status: status_of(&r.get::<_, String>(1)?),
                    draft: r.get(2)?,
                    version: r.get(3)?,
                    base_hash: r.get(4)?,
                    notice: r.get(5)?,
                    deposited_at: r.get(6)?,
                    deposit_hash: r.get(7)?,
                    updated: r.get::<_, String>(8)?.parse().unwrap_or(0),
                })
            })
            .optional()?;
        Ok(row)
    }

    /// Whether member `id` has a row (it was invited).
    pub fn member_exists(&self, id: &str) -> Result<bool, Error> {
        let found: Option<String> = self
            .conn
            .query_row("SELECT id FROM members WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// Every member's row, by id, for the desk.
    pub fn member_rows(&self) -> Result<Vec<(String, MemberRow)>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, status, updated_at, draft FROM members")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                MemberRow {
                    status: status_of(&r.get::<_, String>(1)?),
                    updated: r.get::<_, String>(2)?.parse::<i64>().unwrap_or(0),
                    draft: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.filter_map(Result::ok).collect())
    }

    /// The status of every invited member, by id.
    pub fn statuses(&self) -> Result<Vec<(String, Status)>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, status FROM members ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, s) = row?;
            out.push((id, status_of(&s)));
        }
        Ok(out)
    }

    /// A row for member `id`, invited with `token`.
    pub fn insert_invited(&self, id: &str, token: &str) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
             VALUES (?1, ?2, ?3, NULL, 0, ?4)",
            params![
                id,
                token_hash(token).to_vec(),
                Status::Invited.db_key(),
                now()
            ],
        )?;
        Ok(())
    }

    /// Member `id`'s token becomes `token` (its row is made if it has none).
    pub fn set_token(&self, id: &str, token: &str) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO members (id, token_hash, status, draft, version, updated_at)
             VALUES (?1, ?2, ?3, NULL, 0, ?4)
             ON CONFLICT(id) DO UPDATE SET token_hash = excluded.token_hash,
                 updated_at = excluded.updated_at",
            params![
                id,
                token_hash(token).to_vec(),
                Status::Invited.db_key(),
                now()
            ],
        )?;
        Ok(())
    }

    /// Sets member `id`'s status; false when it has no row.
    pub fn set_status(&self, id: &str, status: Status) -> Result<bool, Error> {
        let n = self.conn.execute(
            "UPDATE members SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.db_key(), now()],
        )?;
        Ok(n == 1)
    }

    /// Saves member `id`'s draft, made from the member file of hash `base`; its status becomes
    /// `status`; gives the new version. With `expected`, the save is refused
    /// ([`Error::Conflict`]) unless the draft is still at that version (another tab saved
    /// meanwhile) or already holds exactly `draft`: nothing can be lost then, and the page's own
    /// save on leaving a field, racing its form's post, is no conflict. A save that is not the deposit itself never touches a deposited member: one
    /// that read the member before a deposit in another tab, and finishes after it, is refused
    /// ([`Error::Deposited`]) rather than turning the member back into a draft.
    pub fn save_draft(
        &self,
        id: &str,
        draft: &str,
        status: Status,
        base: &[u8],
        expected: Option<i64>,
    ) -> Result<i64, Error> {
        let (deposited, complete) = (Status::Deposited.db_key(), Status::Complete.db_key());
        let version: Option<i64> = self
            .conn
            .query_row(
                "UPDATE members SET draft = ?2, status = ?3, version = version + 1,
                     updated_at = ?4, base_hash = ?6, notice = NULL
                 WHERE id = ?1 AND (?3 = ?5 OR status NOT IN (?5, ?8))
                     AND (?7 IS NULL OR version = ?7 OR draft = ?2)
                 RETURNING version",
                params![
                    id,
                    draft,
                    status.db_key(),
                    now(),
                    deposited,
                    base,
                    expected,
                    complete
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(v) = version {
            return Ok(v);
        }
        match self.member_by_id(id)? {
            Some(row) if row.status.deposited() && status != Status::Deposited => {
                Err(Error::Deposited)
            }
            Some(row) => Err(Error::Conflict(row.version)),
            None => Err(Error::UnknownMember(id.to_owned())),
        }
    }

    /// The member file of `id` changed by hand since its draft was made: the draft is set aside
    /// (kept in the database, not shown), the commune will be told, and the file's values are
    /// the form's again. Nothing happens if the row moved on meanwhile (version `version`).
    pub fn set_aside(&self, id: &str, version: i64) -> Result<bool, Error> {
        let n = self.conn.execute(
            "UPDATE members SET set_aside = draft, draft = NULL, base_hash = NULL, notice = ?3,
                 version = version + 1, updated_at = ?4
             WHERE id = ?1 AND version = ?2",
            params![id, version, NOTICE_FILE_CHANGED, now()],
        )?;
        Ok(n == 1)
    }

    /// Records the deposit of member `id`: its time and the SHA-256 of the file deposited.
    pub fn set_deposited(&self, id: &str, at: i64, hash: &[u8]) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE members SET deposited_at = ?2, deposit_hash = ?3 WHERE id = ?1",
            params![id, at, hash],
        )?;
        Ok(())
    }

    /// Marks the draft of `id` as made from the member file of hash `base` (when the file has
    /// the very text of the draft: a deposit that a kill cut before its database update).
    pub fn rebase(&self, id: &str, base: &[u8]) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE members SET base_hash = ?2 WHERE id = ?1",
            params![id, base],
        )?;
        Ok(())
    }
}
