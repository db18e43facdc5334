//! `adhesion courriels`: the portal's outbox, the latest first, and its failures with the
//! server's reply.

use std::path::Path;

use clap::Args;

use super::{MEMBERS_FAILED, SUCCESS, campaign_root};
use adhesion_core::error::Error;
use adhesion_core::tr;
use adhesion_portal::db::Db;

#[derive(Debug, Args)]
pub struct CourrielsArgs {
    /// Only the messages that failed
    #[arg(long)]
    pub echecs: bool,

    /// At most this many messages
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
}

/// Lists the outbox; exits 1 when a message failed.
pub(super) fn run(args: &CourrielsArgs, root: &Path) -> Result<i32, Error> {
    let root = campaign_root(root)?;
    let fail = |e: adhesion_portal::Error| Error::Portal(e.to_string());
    let db = Db::open(&root).map_err(fail)?;
    let sql = db.lock();
    let counts = sql.sql().outbox_counts().map_err(fail)?;
    let status = args.echecs.then_some("failed");
    for mail in sql.sql().outbox(status, args.limit).map_err(fail)? {
        let word = match mail.status.as_str() {
            "sent" => tr!("cli-mail-status-sent"),
            "pending" => tr!("cli-mail-status-pending"),
            _ => tr!("cli-mail-status-failed"),
        };
        let when = adhesion_portal::time::when(mail.sent_at.unwrap_or(mail.created_at));
        println!("{word}\t{when}\t{}\t{}", mail.recipient, mail.subject);
        if !mail.reply.is_empty() && mail.status != "sent" {
            println!("\t{}", mail.reply);
        }
    }
    eprintln!(
        "{}",
        tr!(
            "cli-mail-summary",
            sent = counts.sent,
            pending = counts.pending,
            failed = counts.failed
        )
    );
    Ok(if counts.failed > 0 {
        MEMBERS_FAILED
    } else {
        SUCCESS
    })
}
