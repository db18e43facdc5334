//! `adhesion check`: every member validated, nothing written.

use std::path::{Path, PathBuf};

use clap::Args;

use super::report::{Format, batch};
use super::{CheckingArgs, campaign_root, jobs, member_files, source_date_epoch};
use adhesion_core::build::Options;
use adhesion_core::error::Error;

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

/// Checks the members named, or every member.
pub(super) fn run(args: &CheckArgs, root: &Path, quiet: bool, base: &Path) -> Result<i32, Error> {
    let mut options = Options::new(&campaign_root(root)?);
    jobs(&mut options, &args.checks)?;
    options.deny_warnings = args.checks.deny_warnings;
    options.date = source_date_epoch()?;
    options.check_only = true;
    options.only = member_files(&args.members)?;
    batch(&options, args.format, quiet, args.timings, base)
}
