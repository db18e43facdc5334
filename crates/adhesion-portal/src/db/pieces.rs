//! The signed pieces a member uploads after its deposit (the signed convention and annexe 2,
//! the council's decision), each with its status; the latest of each kind is the one that
//! counts. A paper original recorded by the coordinator is a piece without a file.

use rusqlite::{OptionalExtension, params};

use super::Sql;
use crate::error::Error;

/// A piece as listed (its file is read apart: [`Sql::piece_content`]).
#[derive(Debug, Clone)]
pub struct Piece {
    pub id: i64,
    pub member: String,
    /// `convention`, `annexe-2` or `deliberation`.
    pub kind: String,
    /// `received`, `accepted` or `refused`.
    pub status: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: Option<Vec<u8>>,
    pub received_at: i64,
    /// The day a paper original was received (`YYYY-MM-DD`), for a piece without a file.
    pub by_post: Option<String>,
    pub decided_at: Option<i64>,
    /// Why it was refused.
    pub reason: String,
}

/// A piece to store.
pub struct NewPiece<'a> {
    pub member: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub sha256: Option<&'a [u8]>,
    pub content: Option<&'a [u8]>,
    pub received_at: i64,
    pub by_post: Option<&'a str>,
}

const COLUMNS: &str = "id, member, kind, status, file_name, media_type, size, sha256, received_at,
     by_post, decided_at, reason";

fn piece(r: &rusqlite::Row<'_>) -> rusqlite::Result<Piece> {
    Ok(Piece {
        id: r.get(0)?,
        member: r.get(1)?,
        kind: r.get(2)?,
        status: r.get(3)?,
        file_name: r.get(4)?,
        media_type: r.get(5)?,
        size: r.get(6)?,
        sha256: r.get(7)?,
        received_at: r.get(8)?,
        by_post: r.get(9)?,
        decided_at: r.get(10)?,
        reason: r.get(11)?,
    })
}

impl Sql<'_> {
    /// Stores a piece; gives its id.
    pub fn insert_piece(&self, p: &NewPiece<'_>) -> Result<i64, Error> {
        let size = p.content.map_or(0, |c| c.len() as i64);
        self.conn.execute(
            "INSERT INTO pieces (member, kind, status, file_name, media_type, size, sha256,
                 content, received_at, by_post, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CASE WHEN ?3 = 'received' THEN NULL ELSE ?9 END)",
            params![
                p.member,
                p.kind,
                p.status,
                p.file_name,
                p.media_type,
                size,
                p.sha256,
                p.content,
                p.received_at,
                p.by_post
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The latest piece of each kind of member `member`.
    pub fn current_pieces(&self, member: &str) -> Result<Vec<Piece>, Error> {
        let sql = format!(
            "SELECT {COLUMNS} FROM pieces WHERE id IN
                 (SELECT MAX(id) FROM pieces WHERE member = ?1 GROUP BY kind)
             ORDER BY kind"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([member], piece)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Piece `id`.
    pub fn piece(&self, id: i64) -> Result<Option<Piece>, Error> {
        let sql = format!("SELECT {COLUMNS} FROM pieces WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], piece).optional()?)
    }

    /// The file of piece `id` (none for a paper original).
    pub fn piece_content(&self, id: i64) -> Result<Option<Vec<u8>>, Error> {
        Ok(self
            .conn
            .query_row("SELECT content FROM pieces WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten())
    }

    /// Decides on piece `id`, if it is still waiting: `accepted`, or `refused` with `reason`.
    /// False when it was decided already.
    pub fn decide_piece(
        &self,
        id: i64,
        status: &str,
        reason: &str,
        at: i64,
    ) -> Result<bool, Error> {
        let n = self.conn.execute(
            "UPDATE pieces SET status = ?2, reason = ?3, decided_at = ?4
             WHERE id = ?1 AND status = 'received'",
            params![id, status, reason, at],
        )?;
        Ok(n == 1)
    }
}
