//! `adhesion invitations`: the members' personal links to the portal, for a mail merge.

use std::io::IsTerminal;
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
    /// The portal's address as the members reach it [default: `portail.adresse` of
    /// groupement.yaml; without either, no link is made]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Write the CSV to this file [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Make a new link for this member (the old one stops working at once) and print it
    #[arg(long, value_name = "ID", conflicts_with = "out")]
    pub renew: Option<String>,

    /// Mail each member not yet invited its link instead (the `courriel:` section of
    /// groupement.yaml): queued for `adhesion serve`, which sends them
    #[arg(long, conflicts_with_all = ["out", "renew", "base_url"])]
    pub send: bool,

    /// With --send: send them now, and wait until they are sent
    #[arg(long, requires = "send")]
    pub now: bool,
}

/// Invites the members not yet invited, and prints the list.
pub(super) fn run(args: &InvitationsArgs, root: &Path, base: &Path) -> Result<i32, Error> {
    let root = campaign_root(root)?;
    let fail = |e: portal::Error| Error::Portal(e.to_string());
    if args.send {
        return send(&root, args.now);
    }
    // Each link is printed once: made towards no address, it would be wasted.
    let address = match &args.base_url {
        Some(url) => url.clone(),
        None => groupement_address(&root)?
            .ok_or_else(|| Error::Usage(tr!("cli-invitations-no-address")))?,
    };
    let url = address.trim_end_matches('/');
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

/// `portail.adresse` of the campaign at `root`, when it has one.
fn groupement_address(root: &Path) -> Result<Option<String>, Error> {
    let pipeline = adhesion_core::pipeline::Pipeline::open(root, None)?;
    let g = pipeline.groupement();
    Ok(g.portail
        .as_ref()
        .and_then(|p| p.adresse.as_ref())
        .map(|a| a.value.clone()))
}

/// `--send`: the members not yet invited get their links by mail, queued; `now`, sent at once.
fn send(root: &Path, now: bool) -> Result<i32, Error> {
    let fail = |e: String| Error::Portal(e);
    let app = portal::App::open(root, None)
        .map_err(|e| fail(e.to_string()))?
        .with_mail(None)
        .map_err(fail)?;
    if app.mail.is_none() {
        return Err(Error::Usage(tr!("cli-invitations-no-mail")));
    }
    let ids: Vec<String> = app
        .member_lines()
        .into_iter()
        .filter(|l| l.status == portal::status::Status::NotInvited)
        .map(|l| l.id)
        .collect();
    let batch = app
        .mail_invitations(&ids, "")
        .map_err(|e| fail(e.to_string()))?;
    eprintln!(
        "{}",
        tr!("cli-invitations-queued", count = batch.queued as i64)
    );
    for name in &batch.no_address {
        eprintln!(
            "{}",
            tr!("cli-invitations-no-contact", member = name.as_str())
        );
    }
    if now {
        return send_now(app);
    }
    Ok(SUCCESS)
}

/// `--now`: sends the outbox at once, its progress on standard error; fails when messages
/// stay queued (refused for now) or failed.
fn send_now(app: portal::App) -> Result<i32, Error> {
    let fail = |e: String| Error::Portal(e);
    let app = std::sync::Arc::new(app);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(e.to_string()))?;
    // On a terminal one line, rewritten; elsewhere (a log), a line per change.
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |c: &portal::db::OutboxCounts| {
        let line = tr!(
            "cli-mail-progress",
            sent = c.sent,
            pending = c.pending,
            failed = c.failed
        );
        if terminal {
            eprint!("\r{line}");
        } else {
            eprintln!("{line}");
        }
    };
    let drained = runtime.block_on(portal::service::outbox::until_sent(
        app.clone(),
        &mut progress,
    ));
    if terminal {
        eprintln!();
    }
    if let portal::service::outbox::Drained::Waiting { pending, reply } = drained {
        eprintln!(
            "{}",
            tr!(
                "cli-invitations-waiting",
                pending = pending,
                reply = reply.as_str()
            )
        );
        return Ok(super::MEMBERS_FAILED);
    }
    let counts = app
        .db
        .lock()
        .sql()
        .outbox_counts()
        .map_err(|e| fail(e.to_string()))?;
    eprintln!(
        "{}",
        tr!(
            "cli-invitations-sent",
            sent = counts.sent,
            failed = counts.failed
        )
    );
    if counts.failed > 0 {
        return Ok(super::MEMBERS_FAILED);
    }
    Ok(SUCCESS)
}
