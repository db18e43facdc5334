//! The report of a batch, printed for `build`, `check` and `watch`: the diagnostics (for people
//! or as JSON lines), the summary and the timings.

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;

use super::progress::Printer;
use super::{MEMBERS_FAILED, SUCCESS};
use adhesion_core::build::Options;
use adhesion_core::diagnostic::{Diagnostic, Severity, display_path};
use adhesion_core::document::Document;
use adhesion_core::error::Error;
use adhesion_core::model;
use adhesion_core::report::{Report, Stages, Status, Timings};
use adhesion_core::{i18n, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages with excerpts, for people
    Human,
    /// One JSON object per line, for tools
    Json,
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
    let report = adhesion_core::build::run(options, &progress)?;
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
            pdfs = built * adhesion_core::document::Document::MEMBER_DOCUMENTS.len(),
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
