//! The command line: arguments become validated [`Options`] before any work starts; reports are
//! printed; the exit status tells the truth (0 all built, 1 some members failed, 2 fatal).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, MemberReport, Options, Progress, Report, Status};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity, display_path, plural};
use crate::error::Error;
use crate::render::Document;

/// The version, and the build id that tells two binaries of the same version apart (in bug
/// reports; it also decides when outputs are stale, see [`crate::manifest::BUILD_ID`]).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (build ",
    env!("ADHESION_BUILD_ID"),
    ")"
);

/// Builds the convention d'adhésion and the annexe 2 of every member of a groupement de
/// commandes, as PDFs, from YAML data and Typst templates.
#[derive(Debug, Parser)]
#[command(name = "adhesion", version = VERSION, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the PDFs of every member (or of the member files given)
    Build(BuildArgs),
    /// Validate everything and write nothing
    Check(CheckArgs),
    /// Rebuild a member's documents each time its file, the campaign or a template is saved
    Watch(WatchArgs),
    /// Start a new campaign in an empty folder, from the templates shipped with adhesion
    Init(InitArgs),
    /// Write a member file pre-filled from the list of French communes (and a school list)
    New(NewArgs),
    /// Create or update member files from a spreadsheet of schools or members (CSV, XLSX, ODS)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The member's id: the file name, e.g. `chateaubriant` for members/chateaubriant.yaml
    pub id: String,

    /// The commune's INSEE code
    #[arg(long, conflicts_with = "nom", required_unless_present = "nom")]
    pub insee: Option<String>,

    /// The commune's name (accents and case do not matter)
    #[arg(long)]
    pub nom: Option<String>,

    /// A school list (CSV) to take the commune's schools from
    #[arg(long, value_name = "FILE.csv")]
    pub ecoles: Option<PathBuf>,

    /// Overwrite an existing member file
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: CSV (`,` or `;`), XLSX or ODS
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Show what would change and write nothing
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The member file to watch
    #[arg(value_name = "MEMBER.yaml")]
    pub member: PathBuf,

    /// Stop after this many builds (for tests)
    #[arg(long, hide = true)]
    pub max_builds: Option<usize>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must be empty or absent)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Flags every command understands.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The campaign folder (holding groupement.yaml, members/, templates/)
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// Where to write the outputs [default: <root>/out]
    #[arg(long, global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Number of parallel jobs [default: all cores]
    #[arg(short, long, global = true, value_name = "N")]
    pub jobs: Option<usize>,

    /// Also write the rendered Typst sources (*.typ) next to the PDFs
    #[arg(long, global = true)]
    pub emit_typ: bool,

    /// Treat warnings as errors
    #[arg(long, global = true)]
    pub deny_warnings: bool,

    /// Print only problems and the summary
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Print where the time went (render, layout, PDF export, write)
    #[arg(long, global = true)]
    pub timings: bool,
}

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
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Member files to check (all members when none is given)
    #[arg(value_name = "MEMBER.yaml")]
    pub members: Vec<PathBuf>,

    /// How to print the diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages with excerpts, for people
    Human,
    /// One JSON object per line, for tools
    Json,
}

/// Exit statuses.
pub const SUCCESS: i32 = 0;
pub const MEMBERS_FAILED: i32 = 1;
pub const FATAL: i32 = 2;

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { FATAL } else { SUCCESS };
        }
    };
    let base = std::env::current_dir().unwrap_or_default();
    match run(cli, &base) {
        Ok(code) => code,
        Err(e) => {
            let mut err = anstream::stderr().lock();
            for d in e.diagnostics() {
                let _ = write!(err, "{}", d.render_styled(&base));
            }
            // Paths in messages are shown from where the user stands.
            let message = e.to_string().replace(&format!("{}/", base.display()), "");
            let _ = writeln!(err, "{}: {message}", Severity::Error.styled());
            FATAL
        }
    }
}

fn run(cli: Cli, base: &Path) -> Result<i32, Error> {
    if let Some(Command::Init(args)) = &cli.command {
        let written = crate::init::init(&args.dir)?;
        eprintln!(
            "created a campaign in {}: edit groupement.yaml, add members under members/, then run `adhesion build --root {}`",
            display_path(&absolute(&args.dir), base),
            args.dir.display()
        );
        return Ok(if written.is_empty() { FATAL } else { SUCCESS });
    }
    if let Some(Command::New(args)) = &cli.command {
        let root = campaign_root(&cli.global.root)?;
        let path = crate::new::new_member(&crate::new::NewOptions {
            root,
            id: args.id.clone(),
            insee: args.insee.clone(),
            nom: args.nom.clone(),
            ecoles: args.ecoles.as_deref().map(absolute),
            force: args.force,
        })?;
        eprintln!(
            "wrote {}: fill in the people, then run `adhesion check`",
            display_path(&path, base)
        );
        return Ok(SUCCESS);
    }
    if let Some(Command::Import(args)) = &cli.command {
        let root = campaign_root(&cli.global.root)?;
        let report = crate::import::import(&crate::import::ImportOptions {
            root,
            file: absolute(&args.file),
            dry_run: args.dry_run,
        })?;
        let mut err = anstream::stderr().lock();
        for d in &report.diagnostics {
            let _ = write!(err, "{}", d.render_styled(base));
        }
        let _ = write!(err, "{}", report.render(base));
        return Ok(if report.has_errors() {
            MEMBERS_FAILED
        } else {
            SUCCESS
        });
    }
    let (options, format) = options(&cli)?;
    if let Some(Command::Watch(args)) = &cli.command {
        return Ok(watch(&options, args, cli.global.quiet, base));
    }
    let progress = Printer::new(cli.global.quiet, format == Format::Json, base);
    let report = build::run(&options, &progress)?;
    progress.finish();
    print_report(&report, &options, format, cli.global.quiet, base);
    if cli.global.timings {
        print_timings(&report.timings, options.jobs);
    }
    Ok(if report.success() {
        SUCCESS
    } else {
        MEMBERS_FAILED
    })
}

/// `adhesion watch`: builds, then rebuilds on every save, until interrupted.
fn watch(options: &Options, args: &WatchArgs, quiet: bool, base: &Path) -> i32 {
    let progress = Printer::new(quiet, false, base);
    let mut builds = 0;
    let mut status = SUCCESS;
    eprintln!(
        "watching {} (Ctrl-C to stop)",
        display_path(&args.member, base)
    );
    crate::watch::watch(options, &progress, |result| {
        progress.finish();
        builds += 1;
        status = match result {
            Ok(report) => {
                print_report(report, options, Format::Human, quiet, base);
                if report.success() {
                    SUCCESS
                } else {
                    MEMBERS_FAILED
                }
            }
            Err(e) => {
                for d in e.diagnostics() {
                    anstream::eprint!("{}", d.render_styled(base));
                }
                anstream::eprintln!("{}: {e}", Severity::Error.styled());
                FATAL
            }
        };
        args.max_builds.is_none_or(|max| builds < max)
    });
    status
}

/// Turns raw arguments into checked options.
fn options(cli: &Cli) -> Result<(Options, Format), Error> {
    let g = &cli.global;
    let root = campaign_root(&g.root)?;
    let mut options = Options::new(&root);
    if let Some(out) = &g.out {
        options.out = absolute(out);
    }
    if let Some(jobs) = g.jobs {
        if jobs == 0 {
            return Err(Error::Usage("`--jobs` must be at least 1".into()));
        }
        options.jobs = jobs;
    }
    options.emit_typ = g.emit_typ;
    options.deny_warnings = g.deny_warnings;
    options.date = source_date_epoch()?;
    let (members, format) = match &cli.command {
        None => (Vec::new(), Format::Human),
        Some(Command::Build(b)) => {
            options.blank = b.blank;
            options.force = b.force;
            options.merge = b.merge;
            (b.members.clone(), Format::Human)
        }
        Some(Command::Check(c)) => {
            options.check_only = true;
            (c.members.clone(), c.format)
        }
        Some(Command::Watch(w)) => (vec![w.member.clone()], Format::Human),
        Some(Command::Init(_) | Command::New(_) | Command::Import(_)) => {
            (Vec::new(), Format::Human)
        }
    };
    for m in &members {
        if !m.is_file() {
            return Err(Error::Usage(format!("no member file `{}`", m.display())));
        }
    }
    options.only = members.iter().map(|m| absolute(m)).collect();
    Ok((options, format))
}

/// The campaign folder, as an absolute path.
fn campaign_root(root: &Path) -> Result<PathBuf, Error> {
    std::fs::canonicalize(root).map_err(|e| {
        Error::Usage(format!(
            "cannot open the campaign folder `{}`: {e}",
            root.display()
        ))
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(path))
}

/// The reproducible-builds convention: a fixed date for the documents.
fn source_date_epoch() -> Result<Option<Date>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(Date::from_unix)
            .map(Some)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "SOURCE_DATE_EPOCH=`{v}` is not a number of seconds"
                ))
            }),
        _ => Ok(None),
    }
}

/// Progress on stderr: a bar on a terminal, a line per member otherwise.
struct Printer {
    quiet: bool,
    tty: bool,
    base: PathBuf,
    state: Mutex<(Instant, usize)>,
}

impl Printer {
    fn new(quiet: bool, json: bool, base: &Path) -> Self {
        Self {
            quiet: quiet || json,
            tty: std::io::stderr().is_terminal(),
            base: base.to_owned(),
            state: Mutex::new((Instant::now(), 0)),
        }
    }

    fn finish(&self) {
        if !self.quiet && self.tty {
            eprint!("\r\x1b[2K");
        }
    }
}

impl Progress for Printer {
    fn start(&self, _total: usize) {
        if let Ok(mut s) = self.state.lock() {
            *s = (Instant::now(), 0);
        }
    }

    fn member_done(&self, report: &MemberReport, done: usize, total: usize) {
        if self.quiet {
            return;
        }
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if report.status == Status::Failed {
            state.1 += 1;
        }
        if self.tty {
            let elapsed = state.0.elapsed().as_secs_f64();
            let left = if done > 0 {
                elapsed / done as f64 * (total - done) as f64
            } else {
                0.0
            };
            let width = 30;
            let filled = done * width / total.max(1);
            eprint!(
                "\r\x1b[2K[{}{}] {done}/{total} members, {} failed, {:.0}s left",
                "=".repeat(filled),
                " ".repeat(width - filled),
                state.1,
                left
            );
        } else {
            let what = match report.status {
                Status::Failed => "failed",
                _ => "built",
            };
            eprintln!(
                "[{done}/{total}] {what} {} ({})",
                report.id,
                display_path(&report.path, &self.base)
            );
        }
    }
}

fn print_report(report: &Report, options: &Options, format: Format, quiet: bool, base: &Path) {
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
        format!("checked {}", plural(checked + failed, "member"))
    } else if options.blank {
        format!(
            "built the blank forms in {}",
            display_path(&options.out.join(build::BLANK_ID), base)
        )
    } else {
        format!(
            "built {} ({} PDFs) in {}",
            plural(built, "member"),
            built * crate::render::Document::ALL.len(),
            display_path(&options.out, base)
        )
    };
    if unchanged > 0 {
        summary.push_str(&format!(", {unchanged} unchanged"));
    }
    if failed > 0 {
        summary.push_str(&format!(", {failed} failed"));
    }
    if warned > 0 {
        summary.push_str(&format!(", {warned} with warnings"));
    }
    if let Some(pages) = report.print_pages {
        summary.push_str(&format!("; print file of {}", plural(pages, "page")));
    }
    let _ = writeln!(err, "{summary}");
}

fn print_timings(t: &build::Timings, jobs: usize) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let stages = |s: &build::Stages| {
        let n = s.documents.max(1) as f64;
        format!(
            "render {:.2} ms, layout {:.2} ms, PDF export {:.2} ms, write {:.2} ms",
            ms(s.render) / n,
            ms(s.layout) / n,
            ms(s.export) / n,
            ms(s.write) / n,
        )
    };
    eprintln!(
        "timings over {} ({} workers), per document: {}",
        plural(t.total.documents, "document"),
        jobs,
        stages(&t.total),
    );
    eprintln!(
        "  wall time: loading and checking {:.0} ms, members {:.2} s, recap and print file {:.0} ms",
        ms(t.setup),
        t.members.as_secs_f64(),
        ms(t.campaign_documents),
    );
    for (doc, s) in Document::ALL.iter().zip(&t.by_document) {
        if s.documents > 0 {
            eprintln!("  {:<24} {}", doc.pdf_name(), stages(s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_flags_anywhere() {
        let cli =
            Cli::try_parse_from(["adhesion", "build", "--root", "x", "-j", "2", "--emit-typ"])
                .unwrap();
        assert_eq!(cli.global.root, PathBuf::from("x"));
        assert_eq!(cli.global.jobs, Some(2));
        assert!(cli.global.emit_typ);
        let cli = Cli::try_parse_from(["adhesion", "check", "--format", "json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Check(CheckArgs {
                format: Format::Json,
                ..
            }))
        ));
        assert!(Cli::try_parse_from(["adhesion", "build", "--blank", "a.yaml"]).is_err());
    }
}
