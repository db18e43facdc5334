//! `adhesion build`: every member's documents, the recap and the print file; the report of a
//! batch, printed for `build`, `check` and `watch`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::check::Format;
use super::progress::Printer;
use super::{CheckingArgs, MEMBERS_FAILED, OutputArgs, SUCCESS};
use super::{campaign_root, jobs, member_files, output_options};
use crate::build::Options;
use crate::diagnostic::{Diagnostic, Severity, display_path};
use crate::document::Document;
use crate::error::Error;
use crate::model;
use crate::report::{Report, Stages, Status, Timings};
use crate::{i18n, tr};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Member files to build (all members when none is given)
    #[arg(value_name = "MEMBER.yaml")]
    pub members: Vec<PathBuf>,

    /// Write blank forms to fill by hand (out/vierge/) instead
    #[arg(long, conflicts_with = "members")]
    pub blank: bool,

    /// Rebuild every member, even those whose data, campaign and templates did not change
    #[arg(short, long)]
    pub force: bool,

    /// Also write out/impression.pdf: every member's convention then annexe 2, for printing
    #[arg(long, conflicts_with_all = ["blank", "members"])]
    pub merge: bool,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub checks: CheckingArgs,

    /// Print where the time went (render, layout, PDF export, write)
    #[arg(long)]
    pub timings: bool,
}

/// Builds the members named, or every member.
pub(super) fn run(args: &BuildArgs, root: &Path, quiet: bool, base: &Path) -> Result<i32, Error> {
    let mut options = Options::new(&campaign_root(root)?);
    jobs(&mut options, &args.checks)?;
    output_options(&mut options, &args.output, &args.checks)?;
    options.blank = args.blank;
    options.force = args.force;
    options.print_file = args.merge;
    options.only = member_files(&args.members)?;
    batch(&options, Format::Human, quiet, args.timings, base)
}

/// `adhesion build` and `adhesion check`: one pass over the members, then the report.
pub(super) fn batch(
    options: &Options,
    format: Format,
    quiet: bool,
    timings: bool,
    base: &Path,
) -> Result<i32, Error> {
    let progress = Printer::new(quiet, format == Format::Json, base);
    let report = crate::build::run(options, &progress)?;
    progress.finish();
    print_report(&report, options, format, quiet, base);
    if timings {
        print_timings(&report.timings, options.jobs);
    }
    Ok(if report.success() {
        SUCCESS
    } else {
        MEMBERS_FAILED
    })
}

pub(super) fn print_report(
    report: &Report,
    options: &Options,
    format: Format,
    quiet: bool,
    base: &Path,
) {
    let mut err = anstream::stderr().lock();
    let mut all: Vec<&Diagnostic> = report.campaign.iter().collect();
    for m in &report.members {
        all.extend(
            m.diagnostics
                .iter()
                .filter(|d| !(quiet && d.severity == Severity::Note)),
        );
    }
    if format == Format::Json {
        let mut out = std::io::stdout().lock();
        for d in all {
            let _ = writeln!(out, "{}", d.to_json(base));
        }
    } else {
        for d in all {
            let _ = write!(err, "{}", d.render_styled(base));
        }
    }

    let built = report.count(Status::Built);
    let unchanged = report.count(Status::Unchanged);
    let checked = report.count(Status::Checked);
    let failed = report.count(Status::Failed);
    let warned = report.warned();
    let mut summary = if options.check_only {
        tr!("cli-summary-checked", count = checked + failed)
    } else if options.blank {
        tr!(
            "cli-summary-blank",
            path = display_path(&options.out.join(model::BLANK_ID), base)
        )
    } else {
        tr!(
            "cli-summary-built",
            count = built,
            pdfs = built * crate::document::Document::MEMBER_DOCUMENTS.len(),
            path = display_path(&options.out, base)
        )
    };
    if unchanged > 0 {
        summary.push_str(&tr!("cli-summary-unchanged", count = unchanged));
    }
    if failed > 0 {
        summary.push_str(&tr!("cli-summary-failed", count = failed));
    }
    if warned > 0 {
        summary.push_str(&tr!("cli-summary-warned", count = warned));
    }
    if let Some(pages) = report.print_pages {
        summary.push_str(&tr!("cli-summary-print-file", pages = pages));
    }
    let _ = writeln!(err, "{summary}");
}

fn print_timings(t: &Timings, jobs: usize) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let stages = |s: &Stages| {
        let n = s.documents.max(1) as f64;
        tr!(
            "cli-timings-stages",
            render = decimal(ms(s.render) / n, 2),
            layout = decimal(ms(s.layout) / n, 2),
            export = decimal(ms(s.export) / n, 2),
            write = decimal(ms(s.write) / n, 2),
        )
    };
    eprintln!(
        "{}",
        tr!(
            "cli-timings-total",
            documents = t.total.documents,
            jobs = jobs,
            stages = stages(&t.total),
        )
    );
    eprintln!(
        "{}",
        tr!(
            "cli-timings-wall",
            setup = decimal(ms(t.setup), 0),
            members = decimal(t.members.as_secs_f64(), 2),
            campaign = decimal(ms(t.campaign_documents), 0),
        )
    );
    for (doc, s) in Document::MEMBER_DOCUMENTS.iter().zip(&t.by_document) {
        if s.documents > 0 {
            eprintln!("  {:<24} {}", doc.pdf_name(), stages(s));
        }
    }
}

/// A duration with `digits` decimals, with the decimal separator of the language (`1.25`,
/// `1,25`).
fn decimal(value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match i18n::lang() {
        i18n::Lang::Fr => text.replace('.', ","),
        i18n::Lang::En => text,
    }
}
