//! A member's documents in a batch: compiled through the [`Pipeline`], a panic becoming the
//! member's error, then written together, or none of them.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use super::{CACHE_EVICT_EVERY, CACHE_MAX_AGE, Options};
use crate::diagnostic::Severity;
use crate::document::{Document, Rendered};
use crate::error::Result;
use crate::fault::{self, Stage};
use crate::load::{self, MemberFile};
use crate::model;
use crate::pipeline::{Outcome, Pipeline};
use crate::render::view::MemberView;
use crate::report::{MemberReport, Progress, Status, Timings};
use crate::write;
use crate::write::manifest::{Journal, Manifest};

/// Everything a worker needs, shared by reference.
pub(super) struct BuildContext<'a> {
    pub(super) options: &'a Options,
    pub(super) pipeline: &'a Pipeline,
    partials_written: AtomicBool,
    timings: Mutex<Timings>,
    /// Documents compiled so far, for the eviction of Typst's cache.
    compiled: AtomicUsize,
}

impl<'a> BuildContext<'a> {
    pub(super) fn new(options: &'a Options, pipeline: &'a Pipeline) -> Self {
        Self {
            options,
            pipeline,
            partials_written: AtomicBool::new(false),
            timings: Mutex::new(Timings::default()),
            compiled: AtomicUsize::new(0),
        }
    }
}

impl BuildContext<'_> {
    /// The time spent in each stage, summed over the documents built.
    pub(super) fn into_timings(self) -> Timings {
        self.timings.into_inner().unwrap_or_default()
    }

    /// Builds the blank forms (`out/vierge/`), one document after the other.
    pub(super) fn build_blank(&self, progress: &dyn Progress) -> Result<MemberReport> {
        let mut blank = MemberReport {
            id: model::BLANK_ID.to_owned(),
            path: self.options.root.join("templates"),
            status: Status::Built,
            diagnostics: Vec::new(),
            pages: Vec::new(),
        };
        progress.start(1);
        self.build_member(&mut blank, &MemberView::blank(), true)?;
        progress.member_done(&blank, 1, 1);
        Ok(blank)
    }

    /// Decides who is built: members that passed validation, unless their PDFs are up to date
    /// (then `Unchanged`); failed members, and members of an earlier run that are no longer in
    /// the campaign (renamed, removed), lose their PDFs.
    pub(super) fn plan(
        &self,
        members: &mut [MemberReport],
        manifest: &mut Manifest,
        fingerprints: &[String],
    ) -> Result<()> {
        let options = self.options;
        for (m, fp) in members.iter_mut().zip(fingerprints) {
            match m.status {
                Status::Failed => {
                    self.remove_outputs(&m.id)?;
                    manifest.forget(&m.id);
                }
                Status::Built
                    if !options.force && manifest.is_fresh(&m.id, fp, &self.outputs(&m.id)) =>
                {
                    m.status = Status::Unchanged;
                }
                _ => {}
            }
        }
        let gone: Vec<String> = manifest
            .ids()
            .filter(|id| options.only.is_empty() && !members.iter().any(|m| &m.id == id))
            .collect();
        for id in gone {
            if load::is_safe_id(&id) {
                self.remove_outputs(&id)?;
                for doc in Document::MEMBER_DOCUMENTS {
                    write::remove_stale(&options.out.join(&id).join(doc.template()))?;
                }
                let _ = std::fs::remove_dir(options.out.join(&id));
            }
            manifest.forget(&id);
        }
        Ok(())
    }

    /// Renders, compiles and writes every document of one member, one after the other.
    fn build_member(
        &self,
        member: &mut MemberReport,
        view: &MemberView,
        blank: bool,
    ) -> Result<()> {
        let outcomes = Document::MEMBER_DOCUMENTS
            .into_iter()
            .map(|doc| {
                fault::catch(&member.path, || {
                    self.compile_document(&member.id, view, blank, doc)
                })
                .unwrap_or_else(|d| Outcome::failed(doc, d))
            })
            .collect();
        self.finish_member_caught(member, outcomes)
    }

    /// Renders and compiles one document of a member file, a panic becoming the member's error;
    /// `None` if the file did not parse (such a member is never queued).
    pub(super) fn compile_caught(&self, file: &MemberFile, doc: Document) -> Option<Outcome> {
        let Ok(data) = &file.member else {
            return None;
        };
        let outcome = fault::catch(&file.source.path, || {
            if doc == Document::MEMBER_DOCUMENTS[0] {
                fault::inject(self.options.fault.as_ref(), Stage::Compile, &file.id);
            }
            // Made for each document rather than kept for the whole run: memory does not grow
            // with the number of members.
            let view = MemberView::new(&file.id, data);
            self.compile_document(&file.id, &view, false, doc)
        });
        Some(outcome.unwrap_or_else(|d| Outcome::failed(doc, d)))
    }

    /// [`Self::finish_member_caught`], then the member goes into the journal if it was built.
    pub(super) fn finish_and_record(
        &self,
        member: &mut MemberReport,
        outcomes: Vec<Outcome>,
        journal: &mut Journal,
        fingerprint: &str,
    ) -> Result<()> {
        self.finish_member_caught(member, outcomes)?;
        if member.status == Status::Built {
            let pages: Vec<usize> = member.pages.iter().map(|(_, n)| *n).collect();
            journal.record(&member.id, fingerprint, &pages)?;
        }
        Ok(())
    }

    /// [`Self::finish_member`], a panic failing the member and removing what it had written.
    fn finish_member_caught(
        &self,
        member: &mut MemberReport,
        outcomes: Vec<Outcome>,
    ) -> Result<()> {
        let path = member.path.clone();
        match fault::catch(&path, || self.finish_member(member, outcomes)) {
            Ok(result) => result,
            Err(d) => {
                member.diagnostics.push(d);
                member.status = Status::Failed;
                member.pages.clear();
                self.remove_outputs(&member.id)
            }
        }
    }

    /// Renders and compiles one document of a member; nothing is written yet.
    fn compile_document(&self, id: &str, view: &MemberView, blank: bool, doc: Document) -> Outcome {
        let outcome = self.pipeline.compile_document(id, view, blank, doc);
        self.document_compiled();
        outcome
    }

    /// Counts a compiled document, and evicts Typst's cache by age every
    /// [`CACHE_EVICT_EVERY`] documents.
    fn document_compiled(&self) {
        let n = self.compiled.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(CACHE_EVICT_EVERY) {
            typst::comemo::evict(CACHE_MAX_AGE);
        }
    }

    /// Writes a member's PDFs once all its documents are compiled (`outcomes` in the order of
    /// [`Document::MEMBER_DOCUMENTS`]), or none of them if one failed. Problems of the member go into its
    /// report; only a failure to write is returned as an error.
    fn finish_member(&self, member: &mut MemberReport, outcomes: Vec<Outcome>) -> Result<()> {
        let dir = self.options.out.join(&member.id);
        let mut failed = outcomes.iter().any(|o| o.pdf.is_none());
        for o in &outcomes {
            member.diagnostics.extend(o.diagnostics.iter().cloned());
        }
        if self.options.deny_warnings {
            for d in &mut member.diagnostics {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                    failed = true;
                }
            }
        }
        let typst_spoke = member.diagnostics.iter().any(|d| d.code == "typst");
        if self.options.emit_typ || failed || typst_spoke {
            // The rendered sources, so that Typst's line numbers lead somewhere real.
            for o in &outcomes {
                if let Some(text) = &o.source {
                    write::write_atomic(&dir.join(o.doc.template()), text.as_bytes())?;
                }
            }
            self.write_partials()?;
        } else {
            // Sources of an earlier failed run would no longer match the PDFs.
            for doc in Document::MEMBER_DOCUMENTS {
                write::remove_stale(&dir.join(doc.template()))?;
            }
        }
        if failed {
            member.status = Status::Failed;
            self.remove_outputs(&member.id)?;
            return Ok(());
        }
        let mut timings = Timings::default();
        for (index, o) in outcomes.into_iter().enumerate() {
            let mut stages = o.stages;
            if let Some((pdf, pages)) = o.pdf {
                let start = Instant::now();
                write::write_atomic(&dir.join(o.doc.pdf_name()), &pdf)?;
                stages.write = start.elapsed();
                member.pages.push((o.doc, pages));
                fault::inject(self.options.fault.as_ref(), Stage::Write, &member.id);
            }
            timings.record(index, stages);
        }
        if let Ok(mut t) = self.timings.lock() {
            t.add(&timings);
        }
        member.status = Status::Built;
        Ok(())
    }

    /// The PDFs of a member.
    pub(super) fn outputs(&self, id: &str) -> Vec<PathBuf> {
        let dir = self.options.out.join(id);
        Document::MEMBER_DOCUMENTS
            .iter()
            .map(|d| dir.join(d.pdf_name()))
            .collect()
    }

    /// Removes a member's PDFs from an earlier run.
    pub(super) fn remove_outputs(&self, id: &str) -> Result<()> {
        for path in self.outputs(id) {
            write::remove_stale(&path)?;
        }
        Ok(())
    }

    /// Writes the rendered partials at the top of `out/`, once.
    pub(super) fn write_partials(&self) -> Result<()> {
        if self.partials_written.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        for Rendered { name, text } in &self.pipeline.partials {
            write::write_atomic(&self.options.out.join(name), text.as_bytes())?;
        }
        Ok(())
    }
}
