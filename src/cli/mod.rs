//! The command line: arguments become validated [`Options`] before any work starts; reports are
//! printed; the exit status tells the truth (0 all built, 1 some members failed, 2 fatal).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{self, Options};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity, display_path, plural};
use crate::document::Document;
use crate::error::Error;
use crate::model;
use crate::report::{MemberReport, Progress, Report, Stages, Status, Timings};

/// The Typst inside, named by `--version` next to the build id that tells two binaries of the
/// same version apart (in bug reports; it also decides when outputs are stale, see
/// [`crate::write::manifest::BUILD_ID`]). Typst's own version is read from the crate, not restated.
fn version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} (build {}, Typst {})",
            env!("CARGO_PKG_VERSION"),
            env!("ADHESION_BUILD_ID"),
            typst::utils::version().raw()
        )
    });
    &VERSION
}

/// Where `SOURCE_DATE_EPOCH` is told, for the commands that write documents (a macro, so that
/// `concat!` can join it to their examples at compile time).
macro_rules! source_date_epoch_help {
    () => {
        "Environment:
  SOURCE_DATE_EPOCH   the documents' date, in seconds since 1970 [default: the campaign's date_edition]"
    };
}

/// Builds the convention d'adhésion and the annexe 2 of every member of a groupement de
/// commandes, as PDFs, from YAML data and Typst templates.
#[derive(Debug, Parser)]
#[command(
    name = "adhesion",
    about,
    long_about = None,
    after_help = concat!(
        "With no command, adhesion is `adhesion build` and takes its flags.

Examples:
  adhesion                                   build every member's PDFs in the current campaign
  adhesion check                             validate everything, write nothing
  adhesion new laval --insee 53130           start a member file from the list of communes
  adhesion build --merge --root campagne     build, then the print file out/impression.pdf

",
        source_date_epoch_help!()
    )
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The flags of `build`, for `adhesion` with no command.
    #[command(flatten)]
    pub build: BuildArgs,

    #[command(flatten)]
    pub global: GlobalArgs,
}

impl Cli {
    /// The parser with its version, which is known only at run time.
    pub fn command() -> clap::Command {
        <Self as CommandFactory>::command().version(version())
    }

    /// Parses the arguments, refusing the flags of `build` given before another command (clap
    /// takes them as `adhesion`'s own, which are `build`'s for `adhesion` alone).
    pub fn parse_args(
        args: impl IntoIterator<Item = impl Into<std::ffi::OsString> + Clone>,
    ) -> Result<Self, clap::Error> {
        let mut command = Self::command();
        let matches = command.try_get_matches_from_mut(args)?;
        if let Some((name, _)) = matches.subcommand() {
            let foreign = command.get_arguments().find(|arg| {
                !arg.is_global_set()
                    && matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine)
            });
            if let Some(arg) = foreign {
                let flag = match arg.get_long() {
                    Some(long) => format!("--{long}"),
                    None => arg.get_id().to_string(),
                };
                let own = command
                    .find_subcommand(name)
                    .is_some_and(|sub| sub.get_arguments().any(|a| a.get_id() == arg.get_id()));
                let message = if own {
                    format!(
                        "the argument '{flag}' must come after the command: `adhesion {name} {flag}`"
                    )
                } else {
                    format!("the argument '{flag}' cannot be used with the command '{name}'")
                };
                return Err(command.error(ErrorKind::ArgumentConflict, message));
            }
        }
        Self::from_arg_matches(&matches)
    }

    /// The command to run: `build` when none is given.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Build(self.build))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the PDFs of every member (or of the member files given)
    #[command(after_help = concat!(
        "Examples:
  adhesion build                                 every member, skipping those that did not change
  adhesion build members/44/chateaubriant.yaml   that member only
  adhesion build --merge                         also out/impression.pdf, for the print shop
  adhesion build --blank                         blank forms to fill by hand, in out/vierge/
  SOURCE_DATE_EPOCH=1735689600 adhesion build    documents dated 1 January 2025

",
        source_date_epoch_help!()
    ))]
    Build(BuildArgs),
    /// Validate everything and write nothing
    #[command(after_help = "Examples:
  adhesion check                                 every member and the checks across members
  adhesion check members/44/chateaubriant.yaml   that member alone
  adhesion check --format json --deny-warnings   one JSON object per problem on stdout, for tools")]
    Check(CheckArgs),
    /// Rebuild a member's documents each time its file, the campaign or a template is saved
    #[command(after_help = concat!(
        "Examples:
  adhesion watch members/44/chateaubriant.yaml   rebuild that member on every save (Ctrl-C to stop)

",
        source_date_epoch_help!()
    ))]
    Watch(WatchArgs),
    /// Start a new campaign in an empty folder, from the templates shipped with adhesion
    #[command(after_help = "Examples:
  adhesion init ../campagne-2026   a campaign folder with the templates and a commented groupement.yaml")]
    Init(InitArgs),
    /// Write a member file pre-filled from the list of French communes (and a school list)
    #[command(after_help = "Examples:
  adhesion new laval --insee 53130                      members/laval.yaml, from the commune's INSEE code
  adhesion new beaulieu --nom beaulieu --ecoles e.csv   from the commune's name, with its schools")]
    New(NewArgs),
    /// Create or update member files from a spreadsheet of schools or members (CSV, XLSX, ODS)
    #[command(after_help = "Examples:
  adhesion import ecoles.csv --dry-run   show what would change, write nothing
  adhesion import membres.xlsx           create or update the member files")]
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

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub checks: CheckingArgs,
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

    /// Print only problems and the summary
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// Flags of the commands that write documents (`build`, `watch`).
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Where to write the outputs [default: <root>/out]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Also write the rendered Typst sources (*.typ) next to the PDFs
    #[arg(long)]
    pub emit_typ: bool,
}

/// Flags of the commands that go through members (`build`, `check`, `watch`).
#[derive(Debug, Args)]
pub struct CheckingArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// Number of parallel jobs [default: all cores]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
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

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub checks: CheckingArgs,

    /// Print where the time went (render, layout, PDF export, write)
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Member files to check (all members when none is given)
    #[arg(value_name = "MEMBER.yaml")]
    pub members: Vec<PathBuf>,

    /// How to print the diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[command(flatten)]
    pub checks: CheckingArgs,

    /// Print where the time went (render, layout, PDF export, write)
    #[arg(long)]
    pub timings: bool,
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
    let cli = match Cli::parse_args(std::env::args_os()) {
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
    let global = &cli.global;
    let (root, quiet) = (global.root.clone(), global.quiet);
    match cli.into_command() {
        Command::Init(args) => init(&args, base),
        Command::New(args) => new(&args, &root, base),
        Command::Import(args) => import(&args, &root, base),
        Command::Watch(args) => {
            let mut options = Options::new(&campaign_root(&root)?);
            jobs(&mut options, &args.checks)?;
            output_options(&mut options, &args.output, &args.checks)?;
            options.only = member_files(std::slice::from_ref(&args.member))?;
            Ok(watch(&options, &args, quiet, base))
        }
        Command::Build(args) => {
            let mut options = Options::new(&campaign_root(&root)?);
            jobs(&mut options, &args.checks)?;
            output_options(&mut options, &args.output, &args.checks)?;
            options.blank = args.blank;
            options.force = args.force;
            options.print_file = args.merge;
            options.only = member_files(&args.members)?;
            batch(&options, Format::Human, quiet, args.timings, base)
        }
        Command::Check(args) => {
            let mut options = Options::new(&campaign_root(&root)?);
            jobs(&mut options, &args.checks)?;
            options.deny_warnings = args.checks.deny_warnings;
            options.date = source_date_epoch()?;
            options.check_only = true;
            options.only = member_files(&args.members)?;
            batch(&options, args.format, quiet, args.timings, base)
        }
    }
}

/// `adhesion init`: a new campaign folder.
fn init(args: &InitArgs, base: &Path) -> Result<i32, Error> {
    let written = crate::init::init(&args.dir)?;
    eprintln!(
        "created a campaign in {}: edit groupement.yaml, add members under members/, then run `adhesion build --root {}`",
        display_path(&absolute(&args.dir), base),
        args.dir.display()
    );
    Ok(if written.is_empty() { FATAL } else { SUCCESS })
}

/// `adhesion new`: a member file from the list of communes.
fn new(args: &NewArgs, root: &Path, base: &Path) -> Result<i32, Error> {
    let path = crate::new::new_member(&crate::new::NewOptions {
        root: campaign_root(root)?,
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
    Ok(SUCCESS)
}

/// `adhesion import`: member files from a spreadsheet.
fn import(args: &ImportArgs, root: &Path, base: &Path) -> Result<i32, Error> {
    let report = crate::import::import(&crate::import::ImportOptions {
        root: campaign_root(root)?,
        file: absolute(&args.file),
        dry_run: args.dry_run,
    })?;
    let mut err = anstream::stderr().lock();
    for d in &report.diagnostics {
        let _ = write!(err, "{}", d.render_styled(base));
    }
    let _ = write!(err, "{}", report.render(base));
    Ok(if report.has_errors() {
        MEMBERS_FAILED
    } else {
        SUCCESS
    })
}

/// `adhesion build` and `adhesion check`: one pass over the members, then the report.
fn batch(
    options: &Options,
    format: Format,
    quiet: bool,
    timings: bool,
    base: &Path,
) -> Result<i32, Error> {
    let progress = Printer::new(quiet, format == Format::Json, base);
    let report = build::run(options, &progress)?;
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

/// `adhesion watch`: builds, then rebuilds on every save, until interrupted.
fn watch(options: &Options, args: &WatchArgs, quiet: bool, base: &Path) -> i32 {
    let progress = Printer::new(quiet, false, base);
    let mut builds = 0;
    let mut status = SUCCESS;
    eprintln!(
        "watching {} (Ctrl-C to stop)",
        display_path(&args.member, base)
    );
    crate::build::watch::watch(options, &progress, |result| {
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

/// The options of the commands that write documents.
fn output_options(
    options: &mut Options,
    output: &OutputArgs,
    checks: &CheckingArgs,
) -> Result<(), Error> {
    if let Some(out) = &output.out {
        options.out = absolute(out);
    }
    options.emit_typ = output.emit_typ;
    options.deny_warnings = checks.deny_warnings;
    options.date = source_date_epoch()?;
    Ok(())
}

/// The number of workers, checked.
fn jobs(options: &mut Options, checks: &CheckingArgs) -> Result<(), Error> {
    if let Some(jobs) = checks.jobs {
        if jobs == 0 {
            return Err(Error::Usage("`--jobs` must be at least 1".into()));
        }
        options.jobs = jobs;
    }
    Ok(())
}

/// The member files named on the command line, which must exist.
fn member_files(members: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    for m in members {
        if !m.is_file() {
            return Err(Error::Usage(format!("no member file `{}`", m.display())));
        }
    }
    Ok(members.iter().map(|m| absolute(m)).collect())
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

/// Progress on stderr: a bar on a terminal, a line per member otherwise (a pipe, a log, or a
/// terminal that says it understands no escape codes).
struct Printer {
    mode: Mode,
    base: PathBuf,
    /// The bar of the build under way; `watch` starts a new one for each build.
    bar: Mutex<Option<ProgressBar>>,
    failed: AtomicUsize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Silent,
    Lines,
    Bar,
}

impl Printer {
    fn new(quiet: bool, json: bool, base: &Path) -> Self {
        let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
        let mode = if quiet || json {
            Mode::Silent
        } else if std::io::stderr().is_terminal() && !dumb {
            Mode::Bar
        } else {
            Mode::Lines
        };
        Self {
            mode,
            base: base.to_owned(),
            bar: Mutex::new(None),
            failed: AtomicUsize::new(0),
        }
    }

    /// Clears the bar, so that the report is printed where it stood.
    fn finish(&self) {
        if let Some(bar) = self.bar.lock().ok().and_then(|mut bar| bar.take()) {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Printer {
    fn start(&self, total: usize) {
        self.failed.store(0, Ordering::Relaxed);
        if self.mode != Mode::Bar {
            return;
        }
        // indicatif redraws at most a few times a second whatever the rate of updates, fits the
        // bar to the terminal's width, and works the time left out from the pace so far.
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "[{wide_bar}] {pos}/{len} members, {msg} failed, {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            )
            .with_message("0");
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn member_done(&self, report: &MemberReport, done: usize, total: usize) {
        let failed = if report.status == Status::Failed {
            self.failed.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            0
        };
        match self.mode {
            Mode::Silent => {}
            Mode::Bar => {
                let Ok(slot) = self.bar.lock() else {
                    return;
                };
                if let Some(bar) = slot.as_ref() {
                    // The message is a new string only when a member fails.
                    if failed > 0 {
                        bar.set_message(failed.to_string());
                    }
                    // Workers report in any order: the bar only moves forward.
                    if done as u64 > bar.position() {
                        bar.set_position(done as u64);
                    }
                }
            }
            Mode::Lines => {
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
            display_path(&options.out.join(model::BLANK_ID), base)
        )
    } else {
        format!(
            "built {} ({} PDFs) in {}",
            plural(built, "member"),
            built * crate::document::Document::MEMBER_DOCUMENTS.len(),
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

fn print_timings(t: &Timings, jobs: usize) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let stages = |s: &Stages| {
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
    for (doc, s) in Document::MEMBER_DOCUMENTS.iter().zip(&t.by_document) {
        if s.documents > 0 {
            eprintln!("  {:<24} {}", doc.pdf_name(), stages(s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_flags_anywhere() {
        let cli =
            Cli::parse_args(["adhesion", "build", "--root", "x", "-j", "2", "--emit-typ"]).unwrap();
        assert_eq!(cli.global.root, PathBuf::from("x"));
        let Command::Build(build) = cli.into_command() else {
            panic!("not a build");
        };
        assert_eq!(build.checks.jobs, Some(2));
        assert!(build.output.emit_typ);
        let cli = Cli::parse_args(["adhesion", "check", "--format", "json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Check(CheckArgs {
                format: Format::Json,
                ..
            }))
        ));
        assert!(Cli::parse_args(["adhesion", "build", "--blank", "a.yaml"]).is_err());
    }

    #[test]
    fn no_command_is_build_with_its_flags() {
        let cli = Cli::parse_args(["adhesion", "-q", "--merge", "-j", "3", "--root", "x"]).unwrap();
        assert!(cli.global.quiet);
        let Command::Build(build) = cli.into_command() else {
            panic!("not a build");
        };
        assert!(build.merge);
        assert_eq!(build.checks.jobs, Some(3));
        let cli = Cli::parse_args(["adhesion", "a.yaml"]).unwrap();
        assert!(
            matches!(cli.into_command(), Command::Build(b) if b.members == [PathBuf::from("a.yaml")])
        );
        // The flags of `build` before another command are not that command's; the global ones are.
        for args in [&["--merge", "check"][..], &["-j", "2", "check"]] {
            let err = Cli::parse_args([&["adhesion"], args].concat()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ArgumentConflict, "{args:?}");
        }
        let cli = Cli::parse_args(["adhesion", "--root", "x", "-q", "check"]).unwrap();
        assert!(matches!(cli.into_command(), Command::Check(_)));
    }

    #[test]
    fn each_command_takes_only_its_flags() {
        let refused: &[&[&str]] = &[
            &["check", "--merge"],
            &["check", "--force"],
            &["check", "--out", "o"],
            &["check", "--emit-typ"],
            &["build", "--format", "json"],
            &["watch", "m.yaml", "--timings"],
            &["new", "x", "--insee", "1", "--deny-warnings"],
            &["import", "f.csv", "--out", "o"],
            &["init", "dir", "-j", "2"],
        ];
        for args in refused {
            let err = Cli::parse_args([&["adhesion"], *args].concat()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UnknownArgument, "{args:?}");
        }
        for args in [
            &[
                "check",
                "-q",
                "--root",
                "r",
                "-j",
                "2",
                "--timings",
                "--deny-warnings",
            ][..],
            &[
                "watch",
                "m.yaml",
                "--out",
                "o",
                "--emit-typ",
                "--deny-warnings",
                "-q",
            ],
            &["new", "x", "--insee", "1", "--root", "r", "-f"],
            &["import", "f.csv", "-n", "--root", "r"],
        ] {
            Cli::parse_args([&["adhesion"], args].concat()).unwrap();
        }
    }

    #[test]
    fn version_names_typst() {
        let version = Cli::command().render_version();
        assert!(version.contains(&format!("Typst {}", typst::utils::version().raw())));
    }
}
