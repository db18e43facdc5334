//! The batch pipeline: load, validate, render, compile, write, for every member.
//!
//! One broken member never stops the others: its problems are collected as diagnostics, it gets
//! no PDF at all (an older one is removed), and the others are built. Only fatal errors (no
//! campaign, broken templates, an unwritable output folder) stop the run.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use crate::compile::{self, SourcePaths};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::fault::{self, Fault, Stage};
use crate::load::{self, Campaign, MemberFile};
use crate::model;
use crate::write;
use crate::write::manifest::{BUILD_ID, Fingerprint, Journal, Manifest};
mod print_file;
pub mod watch;
use crate::compile::world::{Base, CampaignFiles, Shared};
use crate::document::{Document, Rendered};
use crate::render::Templates;
use crate::render::recap::Recap;
use crate::render::view::{CampaignView, MemberView};
use crate::report::{MemberReport, Progress, Report, Stages, Status, Timings};
use crate::validate;

/// Typst's memoization cache is evicted by age so that memory does not grow with the number of
/// members: once every this many documents compiled (by any worker: one member's worth)...
const CACHE_EVICT_EVERY: usize = 3;
/// ...of the entries not used during the last this many evictions. What the next member reuses
/// (the layout of the legal text, of the labels and headings) was used by the last one, so it
/// stays; what was one member's only goes two members later. An eviction walks the whole cache,
/// hence once a member rather than once a document (measures: `docs/performance.md`).
const CACHE_MAX_AGE: usize = 2;

/// The threads that check the members and compile the documents: a rayon pool of their own,
/// each taking documents from the queue in a loop. Typst lays out page runs and krilla deflates
/// pages in parallel with rayon: inside a pool thread, that work stays on the thread, or goes to
/// another worker when it waits, instead of waking threads of rayon's global pool that then spin
/// for work while the workers keep every core busy (`docs/performance.md`). A document is never
/// a rayon job: krilla's waits
/// yield to rayon, and would otherwise run another whole document inside the first.
fn worker_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    let jobs = jobs.max(1);
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("adhesion-worker-{i}"))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))
}

/// What to do, already validated by the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// The campaign folder.
    pub root: PathBuf,
    /// Where outputs go (`<root>/out` by default).
    pub out: PathBuf,
    /// Parallel workers.
    pub jobs: usize,
    /// Also write the rendered Typst sources next to the PDFs.
    pub emit_typ: bool,
    /// Build the blank forms (`out/vierge/`) instead of members.
    pub blank: bool,
    /// Only these member files (all members when empty).
    pub only: Vec<PathBuf>,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
    /// Validate only: write nothing.
    pub check_only: bool,
    /// The documents' date, when `SOURCE_DATE_EPOCH` fixes it; else the campaign's.
    pub date: Option<Date>,
    /// Rebuild members whose inputs did not change.
    pub force: bool,
    /// Also write `out/impression.pdf`, every member's documents in one file for printing.
    pub print_file: bool,
    /// A panic to inject, for the tests of [`fault`]; never set by the command line.
    #[doc(hidden)]
    pub fault: Option<Fault>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Self {
            out: root.join("out"),
            root,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            emit_typ: false,
            blank: false,
            only: Vec::new(),
            deny_warnings: false,
            check_only: false,
            date: None,
            force: false,
            print_file: false,
            fault: None,
        }
    }
}

/// Runs `build` (or `check`) over a campaign.
pub fn run(options: &Options, progress: &dyn Progress) -> Result<Report> {
    let began = Instant::now();
    let _quiet = fault::QuietPanics::install();
    // Typst's library and the fonts are loaded on another core while the campaign and the
    // templates are read, in parallel too, and checked.
    let shared = (!options.check_only).then(|| std::thread::spawn(Shared::load));
    let pool = worker_pool(options.jobs)?;
    let (campaign, templates) = pool.install(|| {
        rayon::join(
            || load::load_campaign(&options.root, &options.only, options.fault.as_ref()),
            || Templates::load(&options.root.join("templates")),
        )
    });
    let campaign = campaign?;
    let mut report = Report::default();

    let mut campaign_diags =
        validate::groupement(&campaign.groupement, &campaign.groupement_source);
    if campaign_diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Campaign(campaign_diags));
    }
    campaign_diags.extend(campaign.notes.iter().cloned());
    report.campaign = campaign_diags;

    let templates = templates?;
    let view = CampaignView::new(&campaign.groupement);
    let context = Templates::campaign_context(&view);
    let partials = templates.render_partials(&context)?;

    let mut members = pool.install(|| check_members(&campaign, options));
    if options.check_only {
        for m in &mut members {
            if m.status == Status::Built {
                m.status = Status::Checked;
            }
        }
        report.members = members;
        return Ok(report);
    }

    write::probe_writable(&options.out)?;
    let date = options.date.unwrap_or(campaign.groupement.date_edition);
    let files = CampaignFiles::new(&partials, &templates.assets, date);
    let base = match shared.map(std::thread::JoinHandle::join) {
        Some(Ok(shared)) => Base::with_shared(shared, &templates.fonts),
        _ => Base::new(&templates.fonts),
    };
    let ctx = BuildContext {
        options,
        templates: &templates,
        context: &context,
        partials: &partials,
        base: &base,
        files: &files,
        date,
        partials_written: AtomicBool::new(false),
        timings: Mutex::new(Timings::default()),
        compiled: AtomicUsize::new(0),
    };
    if options.emit_typ {
        ctx.write_partials()?;
    }

    if options.blank {
        let mut blank = MemberReport {
            id: model::BLANK_ID.to_owned(),
            path: options.root.join("templates"),
            status: Status::Built,
            diagnostics: Vec::new(),
            pages: Vec::new(),
        };
        progress.start(1);
        ctx.build_member(&mut blank, &MemberView::blank(), true)?;
        progress.member_done(&blank, 1, 1);
        report.members = vec![blank];
        report.timings = ctx.timings.into_inner().unwrap_or_default();
        return Ok(report);
    }

    // Members that passed validation are built, unless their PDFs are up to date; the others
    // are reported as they are, and lose their PDFs of an earlier run.
    let mut manifest = Manifest::load(&options.out);
    let common = campaign_fingerprint(&campaign, &templates, date, options, BUILD_ID);
    let fingerprints: Vec<String> = campaign
        .members
        .iter()
        .map(|f| {
            let mut fp = common;
            fp.add(f.source.text.as_bytes()).hex()
        })
        .collect();
    for (m, fp) in members.iter_mut().zip(&fingerprints) {
        match m.status {
            Status::Failed => {
                ctx.remove_outputs(&m.id)?;
                manifest.forget(&m.id);
            }
            Status::Built
                if !options.force && manifest.is_fresh(&m.id, fp, &ctx.outputs(&m.id)) =>
            {
                m.status = Status::Unchanged;
            }
            _ => {}
        }
    }
    // Members built by an earlier run that are no longer in the campaign (renamed, removed)
    // lose their PDFs too.
    let gone: Vec<String> = manifest
        .ids()
        .filter(|id| options.only.is_empty() && !members.iter().any(|m| &m.id == id))
        .collect();
    for id in gone {
        if load::is_safe_id(&id) {
            ctx.remove_outputs(&id)?;
            for doc in Document::MEMBER_DOCUMENTS {
                write::remove_stale(&options.out.join(&id).join(doc.template()))?;
            }
            let _ = std::fs::remove_dir(options.out.join(&id));
        }
        manifest.forget(&id);
    }
    let todo: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].status == Status::Built)
        .collect();
    let journal = start_journal(&mut manifest, &members, &options.out)?;

    // The recap is compiled by the first worker while the others start on the members, from
    // the rows the build will give if every member builds; checked against the real rows after.
    let previous_recap = manifest.recap.clone();
    let recap_fingerprint = |recap: &Recap| {
        let csv = recap.csv();
        let mut fp = common;
        let fingerprint = fp.add(csv.as_bytes()).hex();
        let fresh = !options.force
            && previous_recap.as_deref() == Some(fingerprint.as_str())
            && options
                .out
                .join(Document::Recapitulatif.pdf_name())
                .is_file();
        (csv, fingerprint, fresh)
    };
    let expected = options.only.is_empty().then(|| {
        let recap = Recap::new(&campaign.members, &members);
        let (csv, _, fresh) = recap_fingerprint(&recap);
        (recap, csv, fresh)
    });
    let recap_started = AtomicBool::new(expected.as_ref().is_none_or(|(_, _, fresh)| *fresh));
    let early_recap: Mutex<Option<std::result::Result<Vec<u8>, Diagnostic>>> = Mutex::new(None);

    let setup = began.elapsed();
    progress.start(todo.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let results: Mutex<Vec<(usize, MemberReport)>> = Mutex::new(Vec::with_capacity(todo.len()));
    // The work is one job per document, member after member: the documents of one member are
    // compiled in parallel too (one member alone is built faster), and a member's PDFs are
    // written together once the last of its documents is compiled.
    let per_member = Document::MEMBER_DOCUMENTS.len();
    let jobs = todo.len() * per_member;
    let pending: Vec<Mutex<Vec<Outcome>>> = todo.iter().map(|_| Mutex::new(Vec::new())).collect();
    let workers = options.jobs.clamp(1, jobs.max(1));
    // Complete members go to one writer thread, so that the workers go on compiling while the
    // disk is slow; the queue is short, so that few PDFs wait in memory.
    let (complete, written) = std::sync::mpsc::sync_channel::<(usize, Vec<Outcome>)>(workers);
    std::thread::scope(|scope| {
        // Shared by reference with every thread.
        let (ctx, campaign, todo_ref, pending) = (&ctx, &campaign, &todo, &pending);
        let (recap_started, expected, early_recap, fatal_ref, next) =
            (&recap_started, &expected, &early_recap, &fatal, &next);
        scope.spawn(|| {
            let mut journal = journal;
            for (i, mut outcomes) in written {
                outcomes.sort_by_key(|o| o.doc);
                let mut member = members[i].clone();
                match ctx.finish_and_record(&mut member, outcomes, &mut journal, &fingerprints[i]) {
                    Ok(()) => {
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        progress.member_done(&member, n, todo.len());
                        if let Ok(mut r) = results.lock() {
                            r.push((i, member));
                        }
                    }
                    Err(e) => {
                        if let Ok(mut f) = fatal.lock() {
                            f.get_or_insert(e);
                        }
                    }
                }
            }
        });
        let worker = move |complete: std::sync::mpsc::SyncSender<(usize, Vec<Outcome>)>| {
            if !recap_started.swap(true, Ordering::SeqCst)
                && let Some((recap, _, _)) = &expected
            {
                let compiled = ctx.compile_recap(recap, workers <= 1);
                if let Ok(mut r) = early_recap.lock() {
                    *r = Some(compiled);
                }
            }
            loop {
                if fatal_ref.lock().map(|f| f.is_some()).unwrap_or(true) {
                    break;
                }
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= jobs {
                    break;
                }
                let (slot, doc) = (k / per_member, Document::MEMBER_DOCUMENTS[k % per_member]);
                let i = todo_ref[slot];
                let Some(outcome) = ctx.compile_caught(&campaign.members[i], doc) else {
                    continue;
                };
                let outcomes = {
                    let Ok(mut outcomes) = pending[slot].lock() else {
                        continue;
                    };
                    outcomes.push(outcome);
                    if outcomes.len() < per_member {
                        continue;
                    }
                    std::mem::take(&mut *outcomes)
                };
                if complete.send((i, outcomes)).is_err() {
                    break;
                }
            }
        };
        pool.broadcast(|_| worker(complete.clone()));
        drop(complete);
    });
    let fatal = fatal.into_inner().ok().flatten();
    for (i, member) in results.into_inner().unwrap_or_default() {
        match member.status {
            Status::Built => {
                let pages = member.pages.iter().map(|(_, n)| *n).collect();
                manifest.record(&member.id, fingerprints[i].clone(), pages);
            }
            _ => manifest.forget(&member.id),
        }
        members[i] = member;
    }
    let members_done = began.elapsed();
    // Saved even after a fatal error, so that what was built is not built again.
    manifest.save()?;
    if let Some(e) = fatal {
        return Err(e);
    }

    // The recap and the print file describe the whole campaign: not written when only some
    // members were loaded.
    if options.only.is_empty() {
        let recap = Recap::new(&campaign.members, &members);
        let (csv, fingerprint, fresh) = recap_fingerprint(&recap);
        // Compiled early from the same rows (a member that failed to build changes them).
        let compiled = early_recap
            .into_inner()
            .ok()
            .flatten()
            .filter(|_| expected.as_ref().is_some_and(|(_, early, _)| *early == csv));
        match ctx.write_recap(&recap, &csv, fresh, compiled) {
            Ok(()) => manifest.recap = Some(fingerprint),
            Err(d) => {
                manifest.recap = None;
                report.campaign.push(d);
            }
        }
        manifest.save()?;
    }
    if options.print_file && options.only.is_empty() {
        let documents: Vec<(String, Vec<usize>)> = members
            .iter()
            .filter(|m| matches!(m.status, Status::Built | Status::Unchanged))
            .filter_map(|m| Some((m.id.clone(), manifest.pages(&m.id)?.to_vec())))
            .collect();
        match print_file::write(&base, &options.out, &documents, date) {
            Ok(pages) => report.print_pages = Some(pages),
            Err(d) => report.campaign.push(d),
        }
    }
    crate::write::manifest::remove_journal(&options.out)?;
    report.members = members;
    report.timings = ctx.timings.into_inner().unwrap_or_default();
    report.timings.setup = setup;
    report.timings.members = members_done - setup;
    report.timings.campaign_documents = began.elapsed() - members_done;
    Ok(report)
}

/// Takes up after an interrupted run (its temporary files go) and starts this run's journal.
/// The members about to be built are forgotten first: one killed while its PDFs were being
/// replaced is built again, whatever the old entry said.
fn start_journal(manifest: &mut Manifest, members: &[MemberReport], out: &Path) -> Result<Journal> {
    if manifest.interrupted() {
        write::remove_temporaries(out)?;
    }
    for m in members.iter().filter(|m| m.status == Status::Built) {
        manifest.forget(&m.id);
    }
    manifest.start_journal()
}

/// What every member's PDFs depend on besides the member's own file: `build_id` stands for the
/// tool itself ([`BUILD_ID`]).
fn campaign_fingerprint(
    campaign: &Campaign,
    templates: &Templates,
    date: Date,
    options: &Options,
    build_id: &str,
) -> Fingerprint {
    let mut fp = Fingerprint::default();
    fp.add(build_id.as_bytes())
        .add(campaign.groupement_source.text.as_bytes())
        .add(date.to_string().as_bytes())
        .add(&[u8::from(options.emit_typ), u8::from(options.deny_warnings)]);
    templates.fingerprint(&mut fp);
    fp
}

/// Validates every member loaded, alone and against the others; decides who gets built.
fn check_members(campaign: &Campaign, options: &Options) -> Vec<MemberReport> {
    let g = &campaign.groupement;
    let mut reports: Vec<MemberReport> = campaign
        .members
        .par_iter()
        .map(|f| {
            let diagnostics = match &f.member {
                Ok(m) => fault::catch(&f.source.path, || {
                    fault::inject(options.fault.as_ref(), Stage::Check, &f.id);
                    validate::member(m, &f.source, g)
                })
                .unwrap_or_else(|d| vec![d]),
                Err(d) => d.clone(),
            };
            MemberReport {
                id: f.id.clone(),
                path: f.source.path.clone(),
                status: Status::Built,
                diagnostics,
                pages: Vec::new(),
            }
        })
        .collect();

    let parsed: Vec<(usize, validate::Entry)> = campaign
        .members
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            f.member.as_ref().ok().map(|m| {
                (
                    i,
                    validate::Entry {
                        member: m,
                        source: &f.source,
                    },
                )
            })
        })
        .collect();
    let (indices, entries): (Vec<usize>, Vec<validate::Entry>) = parsed.into_iter().unzip();
    for (k, d) in validate::across(&entries, &campaign.root) {
        reports[indices[k]].diagnostics.push(d);
    }

    for r in &mut reports {
        if options.deny_warnings {
            for d in &mut r.diagnostics {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
        r.diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        r.status = if r.diagnostics.iter().any(Diagnostic::is_error) {
            Status::Failed
        } else {
            Status::Built
        };
    }
    reports
}

/// Everything a worker needs, shared by reference.
struct BuildContext<'a> {
    options: &'a Options,
    templates: &'a Templates,
    context: &'a tera::Context,
    partials: &'a [Rendered],
    base: &'a Base,
    files: &'a CampaignFiles,
    date: Date,
    partials_written: AtomicBool,
    timings: Mutex<Timings>,
    /// Documents compiled so far, for the eviction of Typst's cache.
    compiled: AtomicUsize,
}

/// One compiled (or failed) document of a member, waiting for the member's other documents.
struct Outcome {
    doc: Document,
    diagnostics: Vec<Diagnostic>,
    /// The rendered Typst source, when rendering succeeded.
    source: Option<String>,
    /// The PDF and its page count, when compiling succeeded.
    pdf: Option<(Vec<u8>, usize)>,
    stages: Stages,
}

impl Outcome {
    /// A document that could not be made, for `diagnostic`'s reason.
    fn failed(doc: Document, diagnostic: Diagnostic) -> Self {
        Self {
            doc,
            diagnostics: vec![diagnostic],
            source: None,
            pdf: None,
            stages: Stages::default(),
        }
    }
}

impl BuildContext<'_> {
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
    fn compile_caught(&self, file: &MemberFile, doc: Document) -> Option<Outcome> {
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
    fn finish_and_record(
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
        let mut outcome = Outcome {
            doc,
            diagnostics: Vec::new(),
            source: None,
            pdf: None,
            stages: Stages::default(),
        };
        let start = Instant::now();
        let rendered = self
            .templates
            .render_document(doc, self.context, view, blank);
        outcome.stages.render = start.elapsed();
        let text = match rendered {
            Ok(t) => t,
            Err(d) => {
                outcome.diagnostics.push(d);
                return outcome;
            }
        };
        outcome.source = Some(text.clone());
        let ident = format!("adhesion/{id}/{}", doc.pdf_name());
        let options = compile::pdf_options(ident, self.date);
        let dir = self.options.out.join(id);
        let paths = SourcePaths {
            member_dir: &dir,
            out_dir: &self.options.out,
        };
        let result = compile::compile(self.base, self.files, doc, text, &options, &paths);
        self.document_compiled();
        match result {
            Ok(c) => {
                outcome.stages.layout = c.layout_time;
                outcome.stages.export = c.export_time;
                outcome.stages.documents = 1;
                outcome.diagnostics.extend(c.warnings);
                outcome.pdf = Some((c.pdf, c.pages));
            }
            Err(d) => outcome.diagnostics.extend(d),
        }
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
    fn outputs(&self, id: &str) -> Vec<PathBuf> {
        let dir = self.options.out.join(id);
        Document::MEMBER_DOCUMENTS
            .iter()
            .map(|d| dir.join(d.pdf_name()))
            .collect()
    }

    /// Removes a member's PDFs from an earlier run.
    fn remove_outputs(&self, id: &str) -> Result<()> {
        for path in self.outputs(id) {
            write::remove_stale(&path)?;
        }
        Ok(())
    }

    /// Writes `out/recapitulatif.csv` and, unless it is fresh, `out/recapitulatif.pdf`, from
    /// `compiled` when it was compiled from the same rows while the members were built.
    /// `fresh`: the PDF was built from the same campaign, templates and rows: not built again.
    fn write_recap(
        &self,
        recap: &Recap,
        csv: &str,
        fresh: bool,
        compiled: Option<std::result::Result<Vec<u8>, Diagnostic>>,
    ) -> std::result::Result<(), Diagnostic> {
        let out = &self.options.out;
        let csv_path = out.join("recapitulatif.csv");
        let pdf_path = out.join(Document::Recapitulatif.pdf_name());
        let written = |e: Error| Diagnostic::error("write", &csv_path, e.to_string());
        write::write_atomic(&csv_path, csv.as_bytes()).map_err(written)?;
        if fresh {
            return Ok(());
        }
        let pdf = match compiled {
            Some(result) => result?,
            None => {
                // The members' layouts are not needed any more.
                typst::comemo::evict(0);
                self.compile_recap(recap, true)?
            }
        };
        write::write_atomic(&pdf_path, &pdf).map_err(written)
    }

    /// Compiles the recap PDF, a panic becoming an error about it (see [`Self::compile_parts`]).
    fn compile_recap(
        &self,
        recap: &Recap,
        alone: bool,
    ) -> std::result::Result<Vec<u8>, Diagnostic> {
        let pdf = self.options.out.join(Document::Recapitulatif.pdf_name());
        fault::catch(&pdf, || self.compile_parts(recap, alone)).and_then(|r| r)
    }

    /// Compiles the recap PDF, in parts of [`crate::render::recap::ROWS_PER_PART`] rows, joined.
    /// `alone`: no other document is being compiled, so the cache can be emptied after each part.
    fn compile_parts(
        &self,
        recap: &Recap,
        alone: bool,
    ) -> std::result::Result<Vec<u8>, Diagnostic> {
        let out = &self.options.out;
        let paths = SourcePaths {
            member_dir: out,
            out_dir: out,
        };
        // Each part's layout is not needed by the next: memory stays that of about one part.
        // Alone, the worker empties the cache; otherwise the others' documents keep theirs and
        // age the part out.
        let evict = || typst::comemo::evict(if alone { 0 } else { CACHE_MAX_AGE });
        let parts_of = recap.parts();
        let joined = parts_of.len() > 1;
        let mut parts = Vec::new();
        let mut next_page = 1;
        for mut part in parts_of {
            part.premiere_page = next_page;
            let text = self.templates.render_recap(self.context, &part)?;
            let mut options = compile::pdf_options("adhesion/recapitulatif.pdf".into(), self.date);
            if joined {
                // The parts are placed in the joined PDF as images, which keeps neither their
                // tags nor their standard: not made, they save a fifth of the time and memory.
                options.standards = Default::default();
                options.tagged = false;
            }
            let compiled = compile::compile(
                self.base,
                self.files,
                Document::Recapitulatif,
                text.clone(),
                &options,
                &paths,
            );
            evict();
            match compiled {
                Ok(c) => {
                    next_page += c.pages;
                    parts.push((c.pdf, c.pages));
                }
                Err(mut diagnostics) => {
                    let _ = write::write_atomic(
                        &out.join(Document::Recapitulatif.template()),
                        text.as_bytes(),
                    );
                    let _ = write::remove_stale(&out.join(Document::Recapitulatif.pdf_name()));
                    let _ = self.write_partials();
                    return Err(diagnostics.remove(0));
                }
            }
        }
        if parts.len() == 1 {
            return Ok(parts.remove(0).0);
        }
        let joined = print_file::assemble(
            self.base,
            &parts,
            "adhesion/recapitulatif.pdf",
            self.date,
            out,
        )?;
        evict();
        Ok(joined.pdf)
    }

    /// Writes the rendered partials at the top of `out/`, once.
    fn write_partials(&self) -> Result<()> {
        if self.partials_written.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        for Rendered { name, text } in self.partials {
            write::write_atomic(&self.options.out.join(name), text.as_bytes())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_build_of_the_tool_changes_every_fingerprint() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let campaign = load::load_campaign(root, &[], None).unwrap();
        let templates = Templates::load(&root.join("templates")).unwrap();
        let options = Options::new(root);
        let date = campaign.groupement.date_edition;
        let of = |id: &str| campaign_fingerprint(&campaign, &templates, date, &options, id).hex();
        assert_eq!(of(BUILD_ID), of(BUILD_ID));
        assert_ne!(of("0123456789abcdef"), of("0123456789abcdee"));
        assert_ne!(of(BUILD_ID), of(""));
    }
}
