//! The batch pipeline: load, validate, render, compile, write, for every member.
//!
//! One broken member never stops the others: its problems are collected as diagnostics, it gets
//! no PDF at all (an older one is removed), and the others are built. Only fatal errors (no
//! campaign, broken templates, an unwritable output folder) stop the run.

use std::path::PathBuf;

use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::compile::{self, SourcePaths};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::load::{self, Campaign};
use crate::manifest::{Fingerprint, Manifest};
use crate::merge;
use crate::output;
use crate::recap::Recap;
use crate::render::{Document, Rendered, Templates};
use crate::validate;
use crate::view::{CampaignView, MemberView};
use crate::world::{Base, CampaignFiles};

/// The output folder of the blank forms.
pub const BLANK_ID: &str = "vierge";

/// Typst's memoization cache keeps entries for this many documents per worker; older ones are
/// evicted so that memory does not grow with the number of members. Every worker evicts after
/// each document, so the age in documents is this times the number of workers. Measured on 300
/// members, one worker: 0 or 1 (a convention's entries gone before the next convention) makes
/// layout 3 times slower; 2 to 16 are alike; more only costs memory.
const CACHE_DOCUMENTS_PER_WORKER: usize = 4;

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
    pub merge: bool,
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
            merge: false,
        }
    }
}

/// What happened to one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its PDFs were written.
    Built,
    /// Its PDFs are up to date: nothing it depends on changed since they were written.
    Unchanged,
    /// Valid (with `check`).
    Checked,
    /// Not built: see its diagnostics.
    Failed,
}

#[derive(Debug, Clone)]
pub struct MemberReport {
    pub id: String,
    pub path: PathBuf,
    pub status: Status,
    pub diagnostics: Vec<Diagnostic>,
    /// Pages of each document written.
    pub pages: Vec<(Document, usize)>,
}

impl MemberReport {
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Where the time went, summed over all documents and workers.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub render: Duration,
    pub layout: Duration,
    pub export: Duration,
    pub write: Duration,
    /// Documents compiled.
    pub documents: usize,
}

impl Timings {
    fn add(&mut self, other: &Timings) {
        self.render += other.render;
        self.layout += other.layout;
        self.export += other.export;
        self.write += other.write;
        self.documents += other.documents;
    }
}

/// The outcome of a run, members in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    pub members: Vec<MemberReport>,
    /// Diagnostics about the campaign itself (its file, its folder).
    pub campaign: Vec<Diagnostic>,
    pub timings: Timings,
    /// Pages of the print file, when one was written.
    pub print_pages: Option<usize>,
}

impl Report {
    pub fn count(&self, status: Status) -> usize {
        self.members.iter().filter(|m| m.status == status).count()
    }

    pub fn warned(&self) -> usize {
        self.members.iter().filter(|m| m.warnings() > 0).count()
    }

    /// Whether every selected member went through, and the campaign's own outputs too.
    pub fn success(&self) -> bool {
        self.count(Status::Failed) == 0 && !self.campaign.iter().any(Diagnostic::is_error)
    }
}

/// Called as each member is done, in completion order, with the count done so far.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn member_done(&self, _report: &MemberReport, _done: usize, _total: usize) {}
}

/// No progress reporting.
pub struct Silent;
impl Progress for Silent {}

/// Runs `build` (or `check`) over a campaign.
pub fn run(options: &Options, progress: &dyn Progress) -> Result<Report> {
    let campaign = load::load_campaign(&options.root, &options.only)?;
    let mut report = Report::default();

    let mut campaign_diags =
        validate::groupement(&campaign.groupement, &campaign.groupement_source);
    if campaign_diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Campaign(campaign_diags));
    }
    campaign_diags.extend(campaign.notes.iter().cloned());
    report.campaign = campaign_diags;

    let templates = Templates::load(&options.root.join("templates"))?;
    let view = CampaignView::new(&campaign.groupement);
    let context = Templates::campaign_context(&view);
    let partials = templates.render_partials(&context)?;

    let mut members = check_members(&campaign, options);
    if options.check_only {
        for m in &mut members {
            if m.status == Status::Built {
                m.status = Status::Checked;
            }
        }
        report.members = members;
        return Ok(report);
    }

    output::probe_writable(&options.out)?;
    let date = options.date.unwrap_or(campaign.groupement.date_edition);
    let base = Base::new(&templates.fonts);
    let files = CampaignFiles::new(&partials, &templates.assets, date);
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
        cache_max_age: CACHE_DOCUMENTS_PER_WORKER * options.jobs.max(1),
    };
    if options.emit_typ {
        ctx.write_partials()?;
    }

    if options.blank {
        let mut blank = MemberReport {
            id: BLANK_ID.to_owned(),
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
    let common = campaign_fingerprint(&campaign, &templates, date, options);
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
            for doc in Document::ALL {
                output::remove_stale(&options.out.join(&id).join(doc.template()))?;
            }
            let _ = std::fs::remove_dir(options.out.join(&id));
        }
        manifest.forget(&id);
    }
    let todo: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].status == Status::Built)
        .collect();
    let views: Vec<Option<MemberView>> = members
        .iter()
        .zip(&campaign.members)
        .map(|(r, f)| match (&f.member, r.status) {
            (Ok(m), Status::Built) => Some(MemberView::new(&f.id, m)),
            _ => None,
        })
        .collect();

    progress.start(todo.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let results: Mutex<Vec<(usize, MemberReport)>> = Mutex::new(Vec::with_capacity(todo.len()));
    let workers = options.jobs.clamp(1, todo.len().max(1));
    // Plain threads, not rayon: Typst's PDF export yields to rayon, which would nest documents.
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if fatal.lock().map(|f| f.is_some()).unwrap_or(true) {
                        break;
                    }
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = todo.get(k) else { break };
                    let mut member = members[i].clone();
                    let Some(view) = &views[i] else { continue };
                    match ctx.build_member(&mut member, view, false) {
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
        }
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
    // Saved even after a fatal error, so that what was built is not built again.
    manifest.save()?;
    if let Some(e) = fatal {
        return Err(e);
    }

    // The recap and the print file describe the whole campaign: not written when only some
    // members were loaded.
    if options.only.is_empty() {
        let recap = Recap::new(&campaign.members, &members);
        let csv = recap.csv();
        let mut fp = common;
        let fingerprint = fp.add(csv.as_bytes()).hex();
        let fresh = !options.force
            && manifest.recap.as_deref() == Some(fingerprint.as_str())
            && options
                .out
                .join(Document::Recapitulatif.pdf_name())
                .is_file();
        match ctx.write_recap(&recap, &csv, fresh) {
            Ok(()) => manifest.recap = Some(fingerprint),
            Err(d) => {
                manifest.recap = None;
                report.campaign.push(d);
            }
        }
        manifest.save()?;
    }
    if options.merge && options.only.is_empty() {
        let documents: Vec<(String, Vec<usize>)> = members
            .iter()
            .filter(|m| matches!(m.status, Status::Built | Status::Unchanged))
            .filter_map(|m| Some((m.id.clone(), manifest.pages(&m.id)?.to_vec())))
            .collect();
        match merge::write_print_file(&base, &options.out, &documents, date) {
            Ok(pages) => report.print_pages = Some(pages),
            Err(d) => report.campaign.push(d),
        }
    }
    report.members = members;
    report.timings = ctx.timings.into_inner().unwrap_or_default();
    Ok(report)
}

/// What every member's PDFs depend on besides the member's own file.
fn campaign_fingerprint(
    campaign: &Campaign,
    templates: &Templates,
    date: Date,
    options: &Options,
) -> Fingerprint {
    let mut fp = Fingerprint::default();
    fp.add(env!("CARGO_PKG_VERSION").as_bytes())
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
                Ok(m) => validate::member(m, &f.source, g),
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
    cache_max_age: usize,
}

impl BuildContext<'_> {
    /// Renders, compiles and writes both documents of one member. Problems of the member go into
    /// its report; only a failure to write is returned as an error.
    fn build_member(
        &self,
        member: &mut MemberReport,
        view: &MemberView,
        blank: bool,
    ) -> Result<()> {
        let dir = self.options.out.join(&member.id);
        let mut pdfs = Vec::new();
        let mut sources = Vec::new();
        let mut failed = false;
        let mut timings = Timings::default();
        for doc in Document::ALL {
            let start = Instant::now();
            let rendered = self
                .templates
                .render_document(doc, self.context, view, blank);
            timings.render += start.elapsed();
            let text = match rendered {
                Ok(t) => t,
                Err(d) => {
                    member.diagnostics.push(d);
                    failed = true;
                    continue;
                }
            };
            sources.push((doc, text.clone()));
            let ident = format!("adhesion/{}/{}", member.id, doc.pdf_name());
            let options = compile::pdf_options(ident, self.date);
            let paths = SourcePaths {
                member_dir: &dir,
                out_dir: &self.options.out,
            };
            let result = compile::compile(self.base, self.files, doc, text, &options, &paths);
            typst::comemo::evict(self.cache_max_age);
            match result {
                Ok(c) => {
                    timings.layout += c.layout_time;
                    timings.export += c.export_time;
                    timings.documents += 1;
                    member.diagnostics.extend(c.warnings);
                    pdfs.push((doc, c.pdf, c.pages));
                }
                Err(d) => {
                    member.diagnostics.extend(d);
                    failed = true;
                }
            }
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
            for (doc, text) in &sources {
                output::write_atomic(&dir.join(doc.template()), text.as_bytes())?;
            }
            self.write_partials()?;
        } else {
            // Sources of an earlier failed run would no longer match the PDFs.
            for doc in Document::ALL {
                output::remove_stale(&dir.join(doc.template()))?;
            }
        }
        if failed {
            member.status = Status::Failed;
            self.remove_outputs(&member.id)?;
            return Ok(());
        }
        let start = Instant::now();
        for (doc, pdf, pages) in pdfs {
            output::write_atomic(&dir.join(doc.pdf_name()), &pdf)?;
            member.pages.push((doc, pages));
        }
        timings.write += start.elapsed();
        if let Ok(mut t) = self.timings.lock() {
            t.add(&timings);
        }
        member.status = Status::Built;
        Ok(())
    }

    /// The PDFs of a member.
    fn outputs(&self, id: &str) -> Vec<PathBuf> {
        let dir = self.options.out.join(id);
        Document::ALL
            .iter()
            .map(|d| dir.join(d.pdf_name()))
            .collect()
    }

    /// Removes a member's PDFs from an earlier run.
    fn remove_outputs(&self, id: &str) -> Result<()> {
        for path in self.outputs(id) {
            output::remove_stale(&path)?;
        }
        Ok(())
    }

    /// Writes `out/recapitulatif.csv` and, unless it is fresh, `out/recapitulatif.pdf`.
    /// `fresh`: the PDF was built from the same campaign, templates and rows: not built again.
    fn write_recap(
        &self,
        recap: &Recap,
        csv: &str,
        fresh: bool,
    ) -> std::result::Result<(), Diagnostic> {
        let out = &self.options.out;
        let csv_path = out.join("recapitulatif.csv");
        let pdf_path = out.join(Document::Recapitulatif.pdf_name());
        let written = |e: Error| Diagnostic::error("write", &csv_path, e.to_string());
        output::write_atomic(&csv_path, csv.as_bytes()).map_err(written)?;
        if fresh {
            return Ok(());
        }
        let paths = SourcePaths {
            member_dir: out,
            out_dir: out,
        };
        let mut parts = Vec::new();
        let mut next_page = 1;
        // The members' layouts are not needed any more.
        typst::comemo::evict(0);
        for mut part in recap.parts() {
            part.premiere_page = next_page;
            let text = self.templates.render_recap(self.context, &part)?;
            let options = compile::pdf_options("adhesion/recapitulatif.pdf".into(), self.date);
            let compiled = compile::compile(
                self.base,
                self.files,
                Document::Recapitulatif,
                text.clone(),
                &options,
                &paths,
            );
            // Each part's layout is not needed by the next: memory stays that of one part.
            typst::comemo::evict(0);
            match compiled {
                Ok(c) => {
                    next_page += c.pages;
                    parts.push((c.pdf, c.pages));
                }
                Err(mut diagnostics) => {
                    let _ = output::write_atomic(
                        &out.join(Document::Recapitulatif.template()),
                        text.as_bytes(),
                    );
                    let _ = output::remove_stale(&pdf_path);
                    let _ = self.write_partials();
                    return Err(diagnostics.remove(0));
                }
            }
        }
        let pdf = if parts.len() == 1 {
            parts.remove(0).0
        } else {
            merge::assemble(
                self.base,
                &parts,
                "adhesion/recapitulatif.pdf",
                self.date,
                out,
            )?
            .pdf
        };
        output::write_atomic(&pdf_path, &pdf).map_err(written)
    }

    /// Writes the rendered partials at the top of `out/`, once.
    fn write_partials(&self) -> Result<()> {
        if self.partials_written.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        for (name, text) in self.partials {
            output::write_atomic(&self.options.out.join(name), text.as_bytes())?;
        }
        Ok(())
    }
}
