//! `adhesion import`: member files made or updated from a spreadsheet.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{MEMBERS_FAILED, SUCCESS, absolute, campaign_root};
use adhesion_core::error::Error;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: CSV (`,` or `;`), XLSX or ODS
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Show what would change and write nothing
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

/// `adhesion import`: member files from a spreadsheet.
pub(super) fn run(args: &ImportArgs, root: &Path, base: &Path) -> Result<i32, Error> {
    let report = adhesion_core::import::import(&adhesion_core::import::ImportOptions {
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
