//! The command line: arguments become validated [`Options`] before any work starts; reports are
//! printed; the exit status tells the truth (0 all built, 1 some members failed, 2 fatal).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use adhesion_core::build::Options;
use adhesion_core::date::Date;
use adhesion_core::diagnostic::Severity;
use adhesion_core::error::Error;
use adhesion_core::i18n::{self, Lang};
use adhesion_core::tr;

mod build;
mod check;
mod completions;
mod courriels;
mod help;
mod import;
mod init;
mod invitations;
mod manpage;
mod new;
mod progress;
mod reopen;
mod report;
mod serve;
mod watch;

pub use build::BuildArgs;
pub use check::CheckArgs;
pub use completions::CompletionsArgs;
pub use courriels::CourrielsArgs;
pub use import::ImportArgs;
pub use init::InitArgs;
pub use invitations::InvitationsArgs;
pub use new::NewArgs;
pub use reopen::ReopenArgs;
pub use report::Format;
pub use serve::ServeArgs;
pub use watch::WatchArgs;

/// The Typst inside, named by `--version` next to the build id that tells two binaries of the
/// same version apart (in bug reports; it also decides when outputs are stale, see
/// [`adhesion_core::write::manifest::BUILD_ID`]). Typst's own version is read from the crate, not restated.
fn version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        format!(
            "{} (build {}, Typst {})",
            env!("CARGO_PKG_VERSION"),
            adhesion_core::write::manifest::BUILD_ID,
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
        help::localize(<Self as CommandFactory>::command().version(version()))
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
                    tr!("cli-parse-must-come-after", flag = flag, command = name)
                } else {
                    tr!("cli-parse-not-with-command", flag = flag, command = name)
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
    /// Serve the members' portal: each member fills in, checks and prints its own forms
    #[command(after_help = "Examples:
  adhesion serve                                    the portal on http://127.0.0.1:8080 (Ctrl-C to stop)
  adhesion serve --addr 0.0.0.0:8080                on every interface
  adhesion serve --behind-proxy                     behind a reverse proxy with TLS (docs/deployment.md)
  adhesion serve --today 2021-12-01                 a demonstration of a closed campaign, as on that day
  adhesion serve --set-password                     the coordinator's password, asked twice
  adhesion serve --backup copie.sqlite3             a copy of the portal's database, even while it runs")]
    Serve(ServeArgs),
    /// Print each member's personal link to the portal, as CSV for a mail merge
    #[command(after_help = "Examples:
  adhesion invitations --out invitations.csv        links towards portail.adresse of groupement.yaml
  adhesion invitations --base-url https://adhesion.example.fr --out invitations.csv
  adhesion invitations --renew chateaubriant        a new link for that member; the old one stops working
  adhesion invitations --send --now                 mail each member not yet invited its link, now")]
    Invitations(InvitationsArgs),
    /// List the portal's outbox: the messages sent, pending and failed, with the server's reply
    #[command(after_help = "Examples:
  adhesion courriels
  adhesion courriels --echecs                       only the failures")]
    Courriels(CourrielsArgs),
    /// Let a member that submitted its form edit it again
    #[command(after_help = "Examples:
  adhesion reopen chateaubriant")]
    Reopen(ReopenArgs),
    /// Print the completion script of a shell
    #[command(after_help = "Examples:
  adhesion completions bash > ~/.local/share/bash-completion/completions/adhesion
  adhesion completions zsh > ~/.zfunc/_adhesion")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(after_help = "Examples:
  adhesion manpage > adhesion.1 && man ./adhesion.1")]
    Manpage,
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

    /// The language of the messages [default: from LC_ALL, LC_MESSAGES or LANG; French unless
    /// they start with `en`]
    #[arg(long, global = true, value_name = "LANG", value_enum)]
    pub lang: Option<LangArg>,
}

/// A language of the messages, as `--lang` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Français, the language of the users and of the documents.
    Fr,
    /// English.
    En,
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

/// Exit statuses.
pub const SUCCESS: i32 = 0;
pub const MEMBERS_FAILED: i32 = 1;
pub const FATAL: i32 = 2;

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is chosen before the arguments are parsed: clap writes the help and its
    // errors while parsing.
    i18n::init(Lang::resolve(lang_flag(&args)));
    let cli = match Cli::parse_args(args) {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() || i18n::lang() == Lang::En {
                let _ = e.print();
            } else {
                help::print_error(&e);
            }
            return if e.use_stderr() { FATAL } else { SUCCESS };
        }
    };
    let base = std::env::current_dir().unwrap_or_default();
    let json = matches!(
        &cli.command,
        Some(Command::Check(CheckArgs {
            format: Format::Json,
            ..
        }))
    );
    match run(cli, &base) {
        Ok(code) => code,
        Err(e) => {
            if json {
                print_fatal_json(&e, &base);
            }
            let mut err = anstream::stderr().lock();
            for d in e.diagnostics() {
                let _ = write!(err, "{}", d.render_styled(&base));
            }
            // Paths in messages are shown from where the user stands.
            let message = e.to_string().replace(&format!("{}/", base.display()), "");
            let label = tr!("common-label", label = Severity::Error.styled());
            let _ = writeln!(err, "{label} {message}");
            FATAL
        }
    }
}

/// A fatal error of `check --format json` on stdout too, for the tools that read it: each
/// diagnostic of the error as usual, then one line for the error itself, `"code": "fatal"` and
/// a stable `"kind"` per error.
fn print_fatal_json(error: &Error, base: &Path) {
    let mut out = std::io::stdout().lock();
    for d in error.diagnostics() {
        let _ = writeln!(out, "{}", d.to_json(base));
    }
    let kind = match error {
        Error::NoCampaign(_) => "no-campaign",
        Error::Campaign(_) => "campaign",
        Error::Templates(_) => "templates",
        Error::Read { .. } => "read",
        Error::Write { .. } => "write",
        Error::Usage(_) => "usage",
        Error::Portal(_) => "portal",
    };
    let message = error
        .to_string()
        .replace(&format!("{}/", base.display()), "");
    let line = serde_json::json!({
        "severity": "error",
        "code": "fatal",
        "kind": kind,
        "message": message,
    });
    let _ = writeln!(out, "{line}");
}

/// The value of `--lang` (or `--lang=`) among `args`, if it names a language; a wrong value is
/// reported by the parser.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut args = args.iter().map(|a| a.to_str().unwrap_or_default());
    let mut found = None;
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            found = Some(lang);
        }
    }
    found
}

fn run(cli: Cli, base: &Path) -> Result<i32, Error> {
    let global = &cli.global;
    let (root, quiet) = (global.root.clone(), global.quiet);
    match cli.into_command() {
        Command::Init(args) => init::run(&args, base),
        Command::Serve(args) => serve::run(&args, &root),
        Command::Invitations(args) => invitations::run(&args, &root, base),
        Command::Reopen(args) => reopen::run(&args, &root),
        Command::Courriels(args) => courriels::run(&args, &root),
        Command::Completions(args) => completions::run(&args),
        Command::Manpage => manpage::run(),
        Command::New(args) => new::run(&args, &root, base),
        Command::Import(args) => import::run(&args, &root, base),
        Command::Watch(args) => watch::run(&args, &root, quiet, base),
        Command::Build(args) => build::run(&args, &root, quiet, base),
        Command::Check(args) => check::run(&args, &root, quiet, base),
    }
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
            return Err(Error::Usage(tr!("cli-usage-jobs")));
        }
        options.jobs = jobs;
    }
    Ok(())
}

/// The member files named on the command line, which must exist.
fn member_files(members: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    for m in members {
        if !m.is_file() {
            return Err(Error::Usage(tr!(
                "cli-usage-no-member-file",
                path = m.display()
            )));
        }
    }
    Ok(members.iter().map(|m| absolute(m)).collect())
}

/// The campaign folder, as an absolute path.
fn campaign_root(root: &Path) -> Result<PathBuf, Error> {
    std::fs::canonicalize(root).map_err(|e| {
        Error::Usage(tr!(
            "cli-usage-campaign-folder",
            path = root.display(),
            error = e
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
            .ok_or_else(|| Error::Usage(tr!("cli-usage-source-date-epoch", value = v))),
        _ => Ok(None),
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
    fn the_language_flag_is_read_before_parsing() {
        let args =
            |line: &str| -> Vec<std::ffi::OsString> { line.split(' ').map(Into::into).collect() };
        assert_eq!(lang_flag(&args("adhesion check --lang en")), Some(Lang::En));
        assert_eq!(lang_flag(&args("adhesion --lang=fr build")), Some(Lang::Fr));
        assert_eq!(lang_flag(&args("adhesion check")), None);
        assert_eq!(lang_flag(&args("adhesion --lang xx")), None);
        assert_eq!(lang_flag(&args("adhesion new -- --lang en")), None);
        let cli = Cli::parse_args(args("adhesion check --lang en")).unwrap();
        assert_eq!(cli.global.lang, Some(LangArg::En));
        assert!(Cli::parse_args(args("adhesion check --lang de")).is_err());
    }

    #[test]
    fn version_names_typst() {
        let version = Cli::command().render_version();
        assert!(version.contains(&format!("Typst {}", typst::utils::version().raw())));
    }
}
