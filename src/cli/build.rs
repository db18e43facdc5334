//! `adhesion build`: every member's documents, the recap and the print file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::Args;

use super::report::{Format, batch};
use super::{CheckingArgs, OutputArgs};
use super::{campaign_root, jobs, member_files, output_options};
use adhesion_core::build::Options;
use adhesion_core::error::Error;
use adhesion_core::render::recap::Standing;

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

/// The members' standing in the campaign's portal, when it has one.
pub(super) fn portal_standings(root: &Path) -> Result<Option<HashMap<String, Standing>>, Error> {
    adhesion_portal::service::campaign::standings(root).map_err(|e| {
        let path = adhesion_portal::db::Db::path(root);
        Error::Portal(format!("{}: {e}", path.display()))
    })
}

/// Builds the members named, or every member.
pub(super) fn run(args: &BuildArgs, root: &Path, quiet: bool, base: &Path) -> Result<i32, Error> {
    let mut options = Options::new(&campaign_root(root)?);
    // The portal's standing of each member, when the campaign has one: the recap keeps the
    // needs of deposited files apart.
    options.standings = portal_standings(&options.root)?;
    jobs(&mut options, &args.checks)?;
    output_options(&mut options, &args.output, &args.checks)?;
    options.blank = args.blank;
    options.force = args.force;
    options.print_file = args.merge;
    options.only = member_files(&args.members)?;
    batch(&options, Format::Human, quiet, args.timings, base)
}
