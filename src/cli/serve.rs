//! `adhesion serve`: the members' portal, until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::Path;

use clap::Args;

use super::{SUCCESS, campaign_root};
use crate::date::Date;
use crate::error::Error;
use crate::{portal, tr};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// The day the portal takes as today (YYYY-MM-DD), for a demonstration after the joining
    /// deadline [default: the system's date]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Serves the portal of the campaign in `root`.
pub(super) fn run(args: &ServeArgs, root: &Path) -> Result<i32, Error> {
    let root = campaign_root(root)?;
    let today = match &args.today {
        Some(text) => Some(
            Date::parse(text)
                .ok_or_else(|| Error::Usage(tr!("cli-usage-today", value = text.as_str())))?,
        ),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Portal(e.to_string()))?;
    runtime
        .block_on(portal::serve(root, args.addr, today, false))
        .map_err(|e| match e {
            portal::Error::Campaign(e) => e,
            e => Error::Portal(e.to_string()),
        })?;
    Ok(SUCCESS)
}
