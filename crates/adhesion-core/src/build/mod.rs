//! The batch: the pipeline run for every member of a campaign, then the campaign's own documents.
//!
//! One broken member never stops the others: its problems are collected as diagnostics, it gets
//! no PDF at all (an older one is removed), and the others are built. Only fatal errors (no
//! campaign, broken templates, an unwritable output folder) stop the run. [`run`] reads as its
//! phases; the threads that compile the members are in [`scheduler`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::compile::world::Shared;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::fault::{self, Fault, Stage};
use crate::load::{self, Campaign};
use crate::pipeline::Prepared;
use crate::render::Templates;
use crate::report::{MemberReport, Progress, Report, Status};
use crate::tr;
use crate::validate;
use crate::write;
use crate::write::manifest::{BUILD_ID, Fingerprint, Journal, Manifest};

mod member;
mod print_file;
mod recap;
mod scheduler;
pub mod watch;

use member::BuildContext;
use recap::{Expected, RecapPlan};

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
        .map_err(|e| Error::Usage(tr!("build-threads", jobs = jobs, error = e)))
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
    /// Each member's standing in the portal (by id), when the campaign has one: the recap
    /// then keeps confirmed and estimated needs apart.
    pub standings: Option<std::collections::HashMap<String, crate::render::recap::Standing>>,
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
            standings: None,
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

    // Load: the campaign, its members and its templates; the campaign file is checked first.
    let (campaign, prepared, notes) = load_campaign(options, &pool)?;
    let mut report = Report {
        campaign: notes,
        ..Report::default()
    };

    // Validate: every member alone, then against the others.
    let mut members = pool.install(|| check_members(&campaign, options));
    if options.check_only {
        report.members = checked(members);
        return Ok(report);
    }

    // Typst's world, once for every document.
    write::probe_writable(&options.out)?;
    let date = options.date.unwrap_or(campaign.groupement.date_edition);
    let shared = shared.and_then(|thread| thread.join().ok());
    let pipeline = prepared.into_pipeline(shared, date, &options.out);
    let ctx = BuildContext::new(options, &pipeline);
    if options.emit_typ {
        ctx.write_partials()?;
    }
    if options.blank {
        report.members = vec![ctx.build_blank(progress)?];
        report.timings = ctx.into_timings();
        return Ok(report);
    }

    // Plan: members whose PDFs are up to date are not built again; failed and removed members
    // lose the PDFs of an earlier run.
    let (mut plan, journal) = plan_build(&ctx, &campaign, &mut members)?;

    // Render, compile and write every member's documents.
    let setup = began.elapsed();
    let batch = scheduler::Batch {
        ctx: &ctx,
        campaign: &campaign,
        members: &members,
        todo: &plan.todo,
        fingerprints: &plan.fingerprints,
        early_recap: plan
            .expected
            .as_ref()
            .filter(|e| !e.fresh)
            .map(|e| &e.recap),
    };
    let outcome = scheduler::build_members(&batch, &pool, journal, progress);
    record_built(&mut plan, &mut members, outcome.members);
    let members_done = began.elapsed();
    // Saved even after a fatal error, so that what was built is not built again.
    plan.manifest.save()?;
    if let Some(e) = outcome.fatal {
        return Err(e);
    }

    // The campaign's documents: the recap and the print file describe the whole campaign, and
    // are not written when only some members were loaded.
    if options.only.is_empty() {
        write_campaign_documents(&ctx, &campaign, &members, plan, outcome.recap, &mut report)?;
    }
    write::manifest::remove_journal(&options.out)?;
    report.members = members;
    report.timings = ctx.into_timings();
    report.timings.setup = setup;
    report.timings.members = members_done - setup;
    report.timings.campaign_documents = began.elapsed() - members_done;
    Ok(report)
}

/// The members validated by `check`: those `build` would build are reported as checked.
fn checked(mut members: Vec<MemberReport>) -> Vec<MemberReport> {
    for m in &mut members {
        if m.status == Status::Built {
            m.status = Status::Checked;
        }
    }
    members
}

/// What a build is to do, decided before any member is built.
struct Plan {
    /// The outputs of earlier runs, and what they were built from.
    manifest: Manifest,
    /// Each member's fingerprint: what its PDFs depend on.
    fingerprints: Vec<String>,
    /// The indices of the members to build.
    todo: Vec<usize>,
    recap: RecapPlan,
    /// The recap the members should give; `None` when only some members were loaded.
    expected: Option<Expected>,
}

/// Decides who is built (see [`BuildContext::plan`]) and starts the run's journal. The recap is
/// compiled by the first worker while the others start on the members, from the rows the build
/// will give if every member builds; checked against the real rows after.
fn plan_build(
    ctx: &BuildContext,
    campaign: &Campaign,
    members: &mut [MemberReport],
) -> Result<(Plan, Journal)> {
    let (options, pipeline) = (ctx.options, ctx.pipeline);
    let mut manifest = Manifest::load(&options.out);
    let common = campaign_fingerprint(
        campaign,
        &pipeline.templates,
        pipeline.date,
        options,
        BUILD_ID,
    );
    let fingerprints: Vec<String> = campaign
        .members
        .iter()
        .map(|f| {
            let mut fp = common;
            fp.add(f.source.text.as_bytes()).hex()
        })
        .collect();
    ctx.plan(members, &mut manifest, &fingerprints)?;
    let todo: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].status == Status::Built)
        .collect();
    let journal = start_journal(&mut manifest, members, &options.out)?;
    let recap = RecapPlan::new(common, manifest.recap.clone(), options);
    let expected = options
        .only
        .is_empty()
        .then(|| recap.expect(campaign, members));
    let plan = Plan {
        manifest,
        fingerprints,
        todo,
        recap,
        expected,
    };
    Ok((plan, journal))
}

/// Puts the members the workers built (or failed) in their places, and in the manifest: a
/// member built with its fingerprint and page counts, another forgotten.
fn record_built(plan: &mut Plan, members: &mut [MemberReport], built: Vec<(usize, MemberReport)>) {
    for (i, member) in built {
        match member.status {
            Status::Built => {
                let pages = member.pages.iter().map(|(_, n)| *n).collect();
                plan.manifest
                    .record(&member.id, plan.fingerprints[i].clone(), pages);
            }
            _ => plan.manifest.forget(&member.id),
        }
        members[i] = member;
    }
}

/// Writes the recap (from `early` when it was compiled from the right rows) and, when asked
/// for, the print file; records the recap's fingerprint in the manifest. A failure is a problem
/// of the campaign, not fatal.
fn write_campaign_documents(
    ctx: &BuildContext,
    campaign: &Campaign,
    members: &[MemberReport],
    mut plan: Plan,
    early: Option<Result<Vec<u8>, Diagnostic>>,
    report: &mut Report,
) -> Result<()> {
    let written = ctx.write_recap(&plan.recap, campaign, members, plan.expected, early);
    match written {
        Ok(fingerprint) => plan.manifest.recap = Some(fingerprint),
        Err(d) => {
            plan.manifest.recap = None;
            report.campaign.push(d);
        }
    }
    plan.manifest.save()?;
    if ctx.options.print_file {
        write_print_file(ctx, members, &plan.manifest, report);
    }
    Ok(())
}

/// Writes `out/impression.pdf` from the PDFs of the members built now or before, with the
/// page counts the manifest keeps; a failure is a problem of the campaign.
fn write_print_file(
    ctx: &BuildContext,
    members: &[MemberReport],
    manifest: &Manifest,
    report: &mut Report,
) {
    let documents: Vec<(String, Vec<usize>)> = members
        .iter()
        .filter(|m| matches!(m.status, Status::Built | Status::Unchanged))
        .filter_map(|m| Some((m.id.clone(), manifest.pages(&m.id)?.to_vec())))
        .collect();
    let pipeline = ctx.pipeline;
    match print_file::write(&pipeline.base, &ctx.options.out, &documents, pipeline.date) {
        Ok(pages) => report.print_pages = Some(pages),
        Err(d) => report.campaign.push(d),
    }
}

/// Reads the campaign and its templates at once, checks the campaign file (an error is fatal)
/// and renders the partials; gives the campaign's notes.
fn load_campaign(
    options: &Options,
    pool: &rayon::ThreadPool,
) -> Result<(Campaign, Prepared, Vec<Diagnostic>)> {
    let (campaign, templates) = pool.install(|| {
        rayon::join(
            || load::load_campaign(&options.root, &options.only, options.fault.as_ref()),
            || Templates::load(&options.root.join("templates")),
        )
    });
    let campaign = campaign?;
    let mut notes = validate::groupement(&campaign.groupement, &campaign.groupement_source);
    if notes.iter().any(Diagnostic::is_error) {
        return Err(Error::Campaign(notes));
    }
    notes.extend(campaign.notes.iter().cloned());
    let prepared = Prepared::new(campaign.groupement.clone(), templates?)?;
    Ok((campaign, prepared, notes))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_build_of_the_tool_changes_every_fingerprint() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
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
