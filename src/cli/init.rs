//! `adhesion init`: a new campaign folder.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{FATAL, SUCCESS, absolute};
use adhesion_core::diagnostic::display_path;
use adhesion_core::error::Error;
use adhesion_core::tr;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must be empty or absent)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// `adhesion init`: a new campaign folder.
pub(super) fn run(args: &InitArgs, base: &Path) -> Result<i32, Error> {
    let written = adhesion_core::init::init(&args.dir)?;
    eprintln!(
        "{}",
        tr!(
            "cli-init-done",
            path = display_path(&absolute(&args.dir), base),
            dir = args.dir.display()
        )
    );
    Ok(if written.is_empty() { FATAL } else { SUCCESS })
}
