//! `adhesion watch`: a member's documents rebuilt on every save.

use std::path::{Path, PathBuf};

use clap::Args;

use super::progress::Printer;
use super::report::{Format, print_report};
use super::{CheckingArgs, FATAL, MEMBERS_FAILED, OutputArgs, SUCCESS};
use super::{campaign_root, jobs, member_files, output_options};
use adhesion_core::build::Options;
use adhesion_core::diagnostic::{Severity, display_path};
use adhesion_core::error::Error;
use adhesion_core::tr;

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

/// Builds the member named, then again on every save, until interrupted.
pub(super) fn run(args: &WatchArgs, root: &Path, quiet: bool, base: &Path) -> Result<i32, Error> {
    let mut options = Options::new(&campaign_root(root)?);
    jobs(&mut options, &args.checks)?;
    output_options(&mut options, &args.output, &args.checks)?;
    options.only = member_files(std::slice::from_ref(&args.member))?;
    Ok(watch(&options, args, quiet, base))
}

/// `adhesion watch`: builds, then rebuilds on every save, until interrupted.
fn watch(options: &Options, args: &WatchArgs, quiet: bool, base: &Path) -> i32 {
    let progress = Printer::new(quiet, false, base);
    let mut builds = 0;
    let mut status = SUCCESS;
    eprintln!(
        "{}",
        tr!("cli-watch-start", path = display_path(&args.member, base))
    );
    adhesion_core::build::watch::watch(options, &progress, |result| {
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
                let label = tr!("common-label", label = Severity::Error.styled());
                anstream::eprintln!("{label} {e}");
                FATAL
            }
        };
        args.max_builds.is_none_or(|max| builds < max)
    });
    status
}
