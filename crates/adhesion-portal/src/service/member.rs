//! A member's file, as its commune works on it: found by its link, checked, saved as a draft,
//! deposited, compiled.

use std::collections::BTreeMap;
use std::time::Instant;

use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::document::Document;
use adhesion_core::member_file::{Comments, Draft, check_round_trip};

use super::limits::{AUDIT_CHANGES, cut, over_limit};
use super::{App, Checked, Current, Refusal, member_path};
use crate::error::Error;
use crate::form;
use crate::secret::file_hash;
use crate::status::Status;
use crate::time::unix_now;

impl App {
    /// The member of `token`, or `None` (unknown token, or its member file is gone). Reading it
    /// does not make it « ouvert » ([`App::opened`]).
    ///
    /// A member file changed by hand since the draft was made from it wins: the draft is set
    /// aside and the commune told ([`Current::file_changed`]).
    pub fn current(&self, token: &str) -> Result<Option<Current>, Error> {
        let Some(mut row) = self.db.lock().sql().member_by_token(token)? else {
            return Ok(None);
        };
        let Some(path) = member_path(&self.root, &row.id) else {
            return Ok(None);
        };
        let file_text = std::fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let hash = file_hash(&file_text);
        if let (Some(draft), Some(base)) = (&row.draft, &row.base_hash)
            && *base != hash
        {
            let db = self.db.lock();
            let sql = db.sql();
            if *draft == file_text {
                // The file holds the draft itself: a deposit cut before its database update.
                sql.rebase(&row.id, &hash)?;
            } else if sql.set_aside(&row.id, row.version)? {
                sql.audit(Some(&row.id), "file-changed", "", "")?;
                row = sql.member_by_id(&row.id)?.unwrap_or(row);
            }
        }
        Ok(Some(Current::new(row, path, file_text)))
    }

    /// The member of `current`, invited, becomes « ouvert »: its commune did something with its
    /// link (a PDF downloaded; a save makes it a draft). Following the link does not count: a
    /// mail scanner does it. `address` goes to the audit log.
    pub fn opened(&self, current: &Current, address: &str) -> Result<(), Error> {
        if current.row.status != Status::Invited {
            return Ok(());
        }
        self.db.lock().transaction(|sql| {
            sql.set_status(&current.row.id, Status::Opened)?;
            sql.audit(Some(&current.row.id), "open", "", address)
        })
    }

    /// The member `id` as its commune sees it (its draft, or its file), for the desk: not marked
    /// as opened, nothing set aside; a member not invited yet has no row.
    pub fn current_for_desk(&self, id: &str) -> Option<Current> {
        let path = member_path(&self.root, id)?;
        let row = self
            .db
            .lock()
            .sql()
            .member_by_id(id)
            .ok()?
            .unwrap_or_else(|| crate::db::Row::not_invited(id));
        let file_text = std::fs::read_to_string(&path).ok()?;
        Some(Current::new(row, path, file_text))
    }

    /// Writes `draft` as its member file's text (with the file's comments) and checks it;
    /// compiles `docs` when it has no error. `input` are the problems of the input itself.
    pub fn check(
        &self,
        current: &Current,
        draft: &Draft,
        input: Vec<Diagnostic>,
        docs: &[Document],
    ) -> Checked {
        let comments = Comments::scan(&current.file_text, draft);
        let yaml = draft.to_yaml(&comments);
        let output = self.pipeline.member(&current.path, yaml.clone(), docs);
        let mut diagnostics = input;
        diagnostics.extend(output.diagnostics.iter().cloned());
        Checked {
            yaml,
            output,
            diagnostics,
        }
    }

    /// Why the commune cannot change its file now, if it cannot.
    pub fn locked(&self, current: &Current) -> Option<Refusal> {
        if !current.row.status.editable() {
            Some(Refusal::Deposited)
        } else if self.closed() {
            Some(Refusal::Closed)
        } else {
            None
        }
    }

    /// Saves the draft made of `fields` for the member of `current`; gives it checked, with its
    /// new version. With `expected`, a draft saved meanwhile by another tab (a version other
    /// than `expected`) is not overwritten: [`Error::Conflict`]. `address` goes to the audit log
    /// with the fields changed. Refused with nothing stored: past [`SAVES_PER_MINUTE`](super::limits::SAVES_PER_MINUTE) saves of
    /// the link ([`Error::TooManySaves`]), or with a value over its limit ([`Error::OverLimit`]).
    pub fn save(
        &self,
        current: &Current,
        fields: &BTreeMap<String, String>,
        input: Vec<Diagnostic>,
        expected: Option<i64>,
        address: &str,
    ) -> Result<(Draft, Checked, i64), Error> {
        self.saves
            .allow(current.row.id.clone(), Instant::now())
            .map_err(Error::TooManySaves)?;
        let (draft, mut problems) = form::draft_from_fields(fields, &current.draft, &current.path);
        problems.splice(0..0, input);
        if problems.iter().any(over_limit) {
            return Err(Error::OverLimit(problems));
        }
        let checked = self.check(current, &draft, problems, &[]);
        let status = match current.row.status {
            Status::Invited | Status::Opened => Status::Draft,
            s => s,
        };
        let base = file_hash(&current.file_text);
        let changes = changes(&current.draft, &draft);
        let version = self.db.lock().transaction(|sql| {
            let version =
                sql.save_draft(&current.row.id, &checked.yaml, status, &base, expected)?;
            sql.audit(Some(&current.row.id), "save", &changes, address)?;
            Ok(version)
        })?;
        Ok((draft, checked, version))
    }

    /// Deposits the member's current draft: with no error, its member file is written
    /// (atomically and synced to disk, read back first) and its status becomes deposited. The database stays
    /// locked meanwhile, so that no save slips between the check and the write; a member file
    /// changed by hand since the request read it is never overwritten ([`Error::FileChanged`]).
    pub fn deposit(
        &self,
        current: &Current,
        address: &str,
    ) -> Result<Result<(), (Refusal, Option<Checked>)>, Error> {
        if let Some(refusal) = self.locked(current) {
            return Ok(Err((refusal, None)));
        }
        let checked = self.check(current, &current.draft, Vec::new(), &[]);
        if checked.has_errors() {
            return Ok(Err((Refusal::Errors, Some(checked))));
        }
        if let Err(problem) = check_round_trip(&current.path, &checked.yaml, &current.draft) {
            return Err(Error::Io(
                current.path.clone(),
                std::io::Error::other(problem),
            ));
        }
        let db = self.db.lock();
        match db.sql().member_by_id(&current.row.id)? {
            Some(row) if row.status.deposited() => return Err(Error::Deposited),
            Some(row) if row.version != current.row.version => {
                return Err(Error::Conflict(row.version));
            }
            _ => {}
        }
        let on_disk = std::fs::read_to_string(&current.path)
            .map_err(|e| Error::Io(current.path.clone(), e))?;
        if on_disk != current.file_text {
            return Err(Error::FileChanged);
        }
        adhesion_core::write::write_durable(&current.path, checked.yaml.as_bytes())
            .map_err(|e| Error::Io(current.path.clone(), std::io::Error::other(e.to_string())))?;
        // A kill here leaves the file written and the row a draft of the same text:
        // `current` notices (the file holds the draft) and the commune deposits again.
        db.transaction(|sql| {
            let hash = file_hash(&checked.yaml);
            sql.save_draft(
                &current.row.id,
                &checked.yaml,
                Status::Deposited,
                &hash,
                None,
            )?;
            sql.set_deposited(&current.row.id, unix_now(), &hash)?;
            sql.audit(Some(&current.row.id), "deposit", "", address)
        })?;
        drop(db);
        // The acknowledgement: a failure to queue it never undoes the deposit.
        if let Err(e) = self.mail_deposit(current) {
            tracing::error!(error = %e, member = %current.row.id, "the acknowledgement cannot be queued");
        }
        Ok(Ok(()))
    }

    /// The PDF `doc` of the member's current draft with its bytes, or the draft checked when it
    /// has errors.
    pub fn pdf(&self, current: &Current, doc: Document) -> Result<Vec<u8>, Checked> {
        let checked = self.check(current, &current.draft, Vec::new(), &[doc]);
        self.compiled();
        match checked.output.documents.first() {
            Some((_, pdf, pages)) if !checked.has_errors() => {
                if doc == Document::Annexe2 {
                    self.remember_pages(&checked.yaml, *pages);
                }
                Ok(pdf.clone())
            }
            _ => Err(checked),
        }
    }

    /// The number of pages of the annexe 2 of `checked` (0 when it has errors): remembered, or
    /// laid out now.
    pub fn preview_pages(&self, current: &Current, checked: &Checked) -> usize {
        if checked.has_errors() {
            return 0;
        }
        if let Some(n) = self.known_pages(&checked.yaml) {
            return n;
        }
        self.compiled();
        let n = self
            .pipeline
            .layout(&current.path, checked.yaml.clone(), Document::Annexe2)
            .map_or(0, |d| d.pages().len());
        self.remember_pages(&checked.yaml, n);
        n
    }

    /// Page `n` (from 1) of the annexe 2 of the current draft as a PNG image drawn at
    /// `pixels_per_point`; `None` past its last page or when the draft has errors.
    pub fn preview(&self, current: &Current, n: usize, pixels_per_point: f64) -> Option<Vec<u8>> {
        let checked = self.check(current, &current.draft, Vec::new(), &[]);
        if checked.has_errors() {
            return None;
        }
        self.compiled();
        let document =
            self.pipeline
                .layout(&current.path, checked.yaml.clone(), Document::Annexe2)?;
        self.remember_pages(&checked.yaml, document.pages().len());
        let page = document.pages().get(n.checked_sub(1)?)?;
        let options = typst_render::RenderOptions {
            pixel_per_pt: typst::utils::Scalar::new(pixels_per_point),
            render_bleed: false,
        };
        typst_render::render(page, &options).encode_png().ok()
    }
}

/// The fields changed from `old` to `new`, as a JSON list of `{champ, avant, apres}` for the
/// audit log: each value cut ([`cut`]), at most [`AUDIT_CHANGES`] of them, then `{autres: n}`.
pub fn changes(old: &Draft, new: &Draft) -> String {
    let (old, new) = (form::flatten(old), form::flatten(new));
    let empty = String::new();
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut list: Vec<serde_json::Value> = keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (old.get(k).unwrap_or(&empty), new.get(k).unwrap_or(&empty));
            (a != b).then(|| serde_json::json!({"champ": k, "avant": cut(a), "apres": cut(b)}))
        })
        .collect();
    if list.len() > AUDIT_CHANGES {
        let others = list.len() - AUDIT_CHANGES;
        list.truncate(AUDIT_CHANGES);
        list.push(serde_json::json!({ "autres": others }));
    }
    serde_json::Value::Array(list).to_string()
}
