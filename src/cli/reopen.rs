//! `adhesion reopen`: a submitted member may edit its form again.

use std::path::Path;

use clap::Args;

use super::{SUCCESS, campaign_root};
use adhesion_core::error::Error;
use adhesion_core::tr;
use adhesion_portal::db::Db;
use adhesion_portal::service::links;
use adhesion_portal::{self as portal};

#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The member's id (its file name without `.yaml`)
    #[arg(value_name = "ID")]
    pub id: String,
}

/// Reopens the member's form; its file in `members/` stays until it submits again.
pub(super) fn run(args: &ReopenArgs, root: &Path) -> Result<i32, Error> {
    let root = campaign_root(root)?;
    let fail = |e: portal::Error| Error::Portal(e.to_string());
    let db = Db::open(&root).map_err(fail)?;
    links::reopen(&db, &args.id, "").map_err(fail)?;
    eprintln!("{}", tr!("cli-reopened", id = args.id.as_str()));
    Ok(SUCCESS)
}
