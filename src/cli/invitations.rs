//! `adhesion invitations`: the members' personal links to the portal, for a mail merge.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{SUCCESS, absolute, campaign_root};
use adhesion_core::diagnostic::display_path;
use adhesion_core::error::Error;
use adhesion_core::{tr, write};
use adhesion_portal::db::Db;
use adhesion_portal::service::links;
use adhesion_portal::{self as portal};

#[derive(Debug, Args)]
pub struct InvitationsArgs {
    /// The portal's address as the members reach it
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,

    /// Write the CSV to this file [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Make a new link for this member (the old one stops working at once) and print it
    #[arg(long, value_name = "ID", conflicts_with = "out")]
    pub renew: Option<String>,
}

/// Invites the members not yet invited, and prints the list.
pub(super) fn run(args: &InvitationsArgs, root: &Path, base: &Path) -> Result<i32, Error> {
    let root = campaign_root(root)?;
    let fail = |e: portal::Error| Error::Portal(e.to_string());
    let url = args.base_url.trim_end_matches('/');
    let db = Db::open(&root).map_err(fail)?;
    if let Some(id) = &args.renew {
        let token = links::renew(&db, &root, id, "").map_err(fail)?;
        println!("{url}/m/{token}");
        eprintln!("{}", tr!("cli-invitations-renewed", id = id.as_str()));
        return Ok(SUCCESS);
    }
    let csv = links::invitations_csv(&db, &root, url).map_err(fail)?;
    match &args.out {
        Some(out) => {
            let out = absolute(out);
            write::write_atomic(&out, csv.as_bytes())?;
            eprintln!(
                "{}",
                tr!("cli-invitations-written", path = display_path(&out, base))
            );
        }
        None => print!("{csv}"),
    }
    Ok(SUCCESS)
}
