//! The signed pieces: after its deposit, a member uploads its signed convention, its signed
//! annexe 2 and its council's decision (a PDF, or a JPEG or PNG scan, each checked to be what it
//! says by parsing it); the coordinator accepts or refuses each, or records a paper original.
//! A member whose three pieces are accepted is complete.

use std::io::Write;

use adhesion_core::date::Date;
use sha2::{Digest, Sha256};

use super::App;
use crate::db::{NewPiece, Piece, Sql};
use crate::error::Error;
use crate::status::Status;
use crate::time::unix_now;

/// The kinds of pieces, by their key in the database and the URLs.
pub const KINDS: [&str; 3] = ["convention", "annexe-2", "deliberation"];

/// The largest piece accepted (10 MB).
pub const MAX_BYTES: usize = 10 * 1000 * 1000;

/// What a file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Jpeg,
    Png,
}

impl Format {
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }
}

/// Why a file was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// No file was chosen.
    Empty,
    /// Larger than [`MAX_BYTES`] (its size).
    TooLarge(usize),
    /// Neither a readable PDF nor a JPEG or PNG image.
    Format,
    /// The member's file is not deposited (or its deposit was reopened).
    NotDeposited,
    /// Unknown kind of piece.
    Kind,
}

/// What `bytes` are, parsed by the libraries that read them (not guessed from a name): a PDF
/// with at least one page, or a JPEG or PNG image whose header reads.
pub fn format_of(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"%PDF-") {
        // A PDF cut in half still opens with no page: one page at least.
        let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).ok()?;
        return (!pdf.pages().is_empty()).then_some(Format::Pdf);
    }
    let format = match image::guess_format(bytes).ok()? {
        image::ImageFormat::Png => Format::Png,
        image::ImageFormat::Jpeg => Format::Jpeg,
        _ => return None,
    };
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.limits(limits);
    // The whole image decoded: a truncated JPEG's header alone would read.
    reader.decode().ok()?;
    Some(format)
}

impl App {
    /// Stores `bytes` as the member's piece `kind` (named `name` by its sender), once checked.
    pub fn receive_piece(
        &self,
        member: &str,
        status: Status,
        kind: &str,
        name: &str,
        bytes: &[u8],
        address: &str,
    ) -> Result<Result<i64, Refused>, Error> {
        if !KINDS.contains(&kind) {
            return Ok(Err(Refused::Kind));
        }
        if !status.deposited() {
            return Ok(Err(Refused::NotDeposited));
        }
        if bytes.is_empty() {
            return Ok(Err(Refused::Empty));
        }
        if bytes.len() > MAX_BYTES {
            return Ok(Err(Refused::TooLarge(bytes.len())));
        }
        let Some(format) = format_of(bytes) else {
            return Ok(Err(Refused::Format));
        };
        let hash: [u8; 32] = Sha256::digest(bytes).into();
        let file_name = clean_name(name, format);
        let id = self.db.lock().transaction(|sql| {
            let id = sql.insert_piece(&NewPiece {
                member,
                kind,
                status: "received",
                file_name: &file_name,
                media_type: format.media_type(),
                sha256: Some(&hash),
                content: Some(bytes),
                received_at: unix_now(),
                by_post: None,
            })?;
            sql.audit(Some(member), "piece-received", kind, address)?;
            Ok(id)
        })?;
        Ok(Ok(id))
    }

    /// The coordinator accepts piece `id`, or refuses it with `reason`; a member whose three
    /// pieces are then accepted becomes complete. False when the piece was decided already.
    pub fn decide_piece(
        &self,
        id: i64,
        accept: bool,
        reason: &str,
        address: &str,
    ) -> Result<bool, Error> {
        let decided = self.db.lock().transaction(|sql| {
            let Some(piece) = sql.piece(id)? else {
                return Ok(None);
            };
            let status = if accept { "accepted" } else { "refused" };
            if !sql.decide_piece(id, status, reason, unix_now())? {
                return Ok(None);
            }
            let action = if accept {
                "piece-accepted"
            } else {
                "piece-refused"
            };
            let detail = if accept {
                piece.kind.clone()
            } else {
                format!("{} : {reason}", piece.kind)
            };
            sql.audit(Some(&piece.member), action, &detail, address)?;
            complete_if_accepted(sql, &piece.member, address)?;
            Ok(Some(piece))
        })?;
        let Some(piece) = decided else {
            return Ok(false);
        };
        if !accept {
            let what = Some(piece_with_article(&piece.kind).to_owned());
            let key = id.to_string();
            self.notify(
                "piece-refusee",
                &piece.member,
                &key,
                what,
                Some(reason.to_owned()),
            );
        }
        self.notify_if_complete(&piece.member);
        Ok(true)
    }

    /// Mails notice `kind` to member `id`; a failure to queue it is logged, never the
    /// coordinator's decision undone.
    pub(crate) fn notify(
        &self,
        kind: &str,
        id: &str,
        key: &str,
        piece: Option<String>,
        reason: Option<String>,
    ) {
        if let Err(e) = self.mail_notice(kind, id, key, piece, reason) {
            tracing::error!(error = %e, member = id, kind, "a notice cannot be queued");
        }
    }

    /// Mails « dossier complet » to member `id` when it is.
    fn notify_if_complete(&self, id: &str) {
        let complete = self
            .db
            .lock()
            .sql()
            .member_by_id(id)
            .ok()
            .flatten()
            .is_some_and(|row| row.status == Status::Complete);
        if complete {
            self.notify("complet", id, "", None, None);
        }
    }

    /// The coordinator records the paper original of piece `kind`, received on `day`: it counts
    /// as accepted.
    pub fn record_paper(
        &self,
        member: &str,
        kind: &str,
        day: Date,
        address: &str,
    ) -> Result<(), Error> {
        let day = day.to_string();
        self.db.lock().transaction(|sql| {
            sql.insert_piece(&NewPiece {
                member,
                kind,
                status: "accepted",
                file_name: "",
                media_type: "",
                sha256: None,
                content: None,
                received_at: unix_now(),
                by_post: Some(&day),
            })?;
            sql.audit(
                Some(member),
                "piece-by-post",
                &format!("{kind} : {day}"),
                address,
            )?;
            complete_if_accepted(sql, member, address)
        })?;
        self.notify_if_complete(member);
        Ok(())
    }

    /// The member's current pieces.
    pub fn pieces(&self, member: &str) -> Vec<Piece> {
        self.db
            .lock()
            .sql()
            .current_pieces(member)
            .unwrap_or_default()
    }

    /// The member's current pieces that have a file, as one ZIP (`<kind>.<ext>` each).
    pub fn pieces_zip(&self, member: &str) -> Result<Vec<u8>, Error> {
        let db = self.db.lock();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for piece in db.sql().current_pieces(member)? {
            let Some(bytes) = db.sql().piece_content(piece.id)? else {
                continue;
            };
            let ext = piece.file_name.rsplit('.').next().unwrap_or("pdf");
            let name = format!("{member}-{}.{ext}", piece.kind);
            zip.start_file(name, options)
                .map_err(|e| Error::Io("pieces.zip".into(), std::io::Error::other(e)))?;
            zip.write_all(&bytes)
                .map_err(|e| Error::Io("pieces.zip".into(), e))?;
        }
        let cursor = zip
            .finish()
            .map_err(|e| Error::Io("pieces.zip".into(), std::io::Error::other(e)))?;
        Ok(cursor.into_inner())
    }
}

/// A piece as a sentence names it, with its article.
fn piece_with_article(kind: &str) -> &'static str {
    match kind {
        "convention" => "la convention d’adhésion signée",
        "annexe-2" => "l’annexe 2 signée",
        _ => "la délibération certifiée exécutoire",
    }
}

/// Makes the member complete when its three current pieces are accepted.
fn complete_if_accepted(sql: Sql<'_>, member: &str, address: &str) -> Result<(), Error> {
    let pieces = sql.current_pieces(member)?;
    let accepted = KINDS.iter().all(|k| {
        pieces
            .iter()
            .any(|p| p.kind == *k && p.status == "accepted")
    });
    let deposited = sql
        .member_by_id(member)?
        .is_some_and(|r| r.status == Status::Deposited);
    if accepted && deposited {
        sql.set_status(member, Status::Complete)?;
        sql.audit(Some(member), "complete", "", address)?;
    }
    Ok(())
}

/// The name a piece is kept under: its sender's, reduced to safe characters, with the
/// extension of what it is.
fn clean_name(name: &str, format: Format) -> String {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let stem: String = stem
        .chars()
        .filter(|c| c.is_alphanumeric() || "-_ ".contains(*c))
        .take(80)
        .collect();
    let stem = if stem.trim().is_empty() {
        "piece"
    } else {
        stem.trim()
    };
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_what_their_content_says() {
        assert_eq!(format_of(b"hello"), None);
        assert_eq!(format_of(b"%PDF-1.7\n garbage"), None);
        // A PNG of one pixel.
        let mut png = Vec::new();
        image::RgbImage::new(1, 1)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert_eq!(format_of(&png), Some(Format::Png));
        assert_eq!(format_of(&png[..png.len() / 2]), None, "a truncated PNG");
        let mut jpeg = Vec::new();
        image::RgbImage::new(8, 8)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        assert_eq!(format_of(&jpeg), Some(Format::Jpeg));
        assert_eq!(
            clean_name("C:\\scans\\délib <1>.PDF", Format::Pdf),
            "délib 1.pdf"
        );
        assert_eq!(clean_name("../../", Format::Png), "piece.png");
    }
}
