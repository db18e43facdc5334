//! `adhesion serve`: the members' portal, until Ctrl-C or SIGTERM; `--set-password` and
//! `--backup` do their one thing instead and start no server.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{SUCCESS, absolute, campaign_root};
use adhesion_core::date::Date;
use adhesion_core::error::Error;
use adhesion_core::tr;
use adhesion_portal::db::Db;
use adhesion_portal::service::auth;
use adhesion_portal::{self as portal};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// The day the portal takes as today (YYYY-MM-DD), for a demonstration after the joining
    /// deadline [default: the system's date]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    /// Behind a reverse proxy: the client's address is taken from X-Forwarded-For, and the
    /// desk's cookie is Secure when X-Forwarded-Proto is https
    #[arg(long)]
    pub behind_proxy: bool,

    /// How the server logs on standard error: one line per request, errors with their cause
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub log_format: LogFormat,

    /// The SMTP server's password, read from this file (systemd's credentials) [default: the
    /// variable ADHESION_SMTP_PASSWORD]
    #[arg(long, value_name = "FILE")]
    pub smtp_password_file: Option<PathBuf>,

    /// Set the coordinator's password (read from standard input), then exit without serving
    #[arg(long, conflicts_with_all = ["addr", "today", "behind_proxy", "backup", "log_format"])]
    pub set_password: bool,

    /// Copy the portal's database to this file, consistently even while the portal runs, then exit
    /// without serving
    #[arg(long, value_name = "FILE", conflicts_with_all = ["addr", "today", "behind_proxy", "log_format"])]
    pub backup: Option<PathBuf>,
}

/// How the server logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of text per event, for people
    Text,
    /// One JSON object per line, for tools
    Json,
}

/// Serves the portal of the campaign in `root`, or sets its password, or backs it up.
pub(super) fn run(args: &ServeArgs, root: &Path) -> Result<i32, Error> {
    let root = campaign_root(root)?;
    if args.set_password {
        return set_password(&root);
    }
    if let Some(file) = &args.backup {
        return backup(&root, file);
    }
    let today = match &args.today {
        Some(text) => Some(
            Date::parse(text)
                .ok_or_else(|| Error::Usage(tr!("cli-usage-today", value = text.as_str())))?,
        ),
        None => None,
    };
    adhesion_portal::logging::init(match args.log_format {
        LogFormat::Text => adhesion_portal::logging::LogFormat::Text,
        LogFormat::Json => adhesion_portal::logging::LogFormat::Json,
    });
    let smtp_password = match &args.smtp_password_file {
        Some(file) => Some(
            std::fs::read_to_string(file)
                .map_err(|source| Error::Read {
                    path: file.clone(),
                    source,
                })?
                .trim_end_matches(['\n', '\r'])
                .to_owned(),
        ),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Portal(e.to_string()))?;
    runtime
        .block_on(portal::serve(
            root,
            args.addr,
            today,
            args.behind_proxy,
            smtp_password,
        ))
        .map_err(|e| match e {
            portal::Error::Campaign(e) => e,
            e => Error::Portal(e.to_string()),
        })?;
    Ok(SUCCESS)
}

/// Reads the new password (twice and without echo on a terminal, one line otherwise, so that
/// scripts can pipe it) and stores its hash.
fn set_password(root: &Path) -> Result<i32, Error> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        let first = prompt(&tr!("cli-password-prompt"))?;
        check_password(&first)?;
        if prompt(&tr!("cli-password-confirm"))? != first {
            return Err(Error::Usage(tr!("cli-password-mismatch")));
        }
        first
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::Usage(tr!("cli-password-unreadable", error = e)))?;
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line).to_owned();
        check_password(&line)?;
        line
    };
    let db = Db::open(root).map_err(|e| Error::Portal(e.to_string()))?;
    auth::set_password(&db, &password).map_err(|e| match e {
        portal::Error::WeakPassword(_) => Error::Usage(e.to_string()),
        e => Error::Portal(e.to_string()),
    })?;
    eprintln!("{}", tr!("cli-password-set"));
    Ok(SUCCESS)
}

/// Refuses an empty or short password before anything is stored (or asked twice).
fn check_password(password: &str) -> Result<(), Error> {
    if password.is_empty() {
        return Err(Error::Usage(tr!("cli-password-empty")));
    }
    if password.chars().count() < auth::MIN_PASSWORD_CHARS {
        return Err(Error::Usage(
            portal::Error::WeakPassword(auth::MIN_PASSWORD_CHARS).to_string(),
        ));
    }
    Ok(())
}

/// `text` on stderr, then a line read from the terminal without echo.
fn prompt(text: &str) -> Result<String, Error> {
    let config = rpassword::ConfigBuilder::new()
        .output_writer(std::io::stderr())
        .build();
    let password = rpassword::prompt_password_with_config(format!("{text} "), config)
        .map_err(|e| Error::Usage(tr!("cli-password-unreadable", error = e)))?;
    let _ = std::io::stderr().flush();
    Ok(password)
}

/// A copy of the portal's database in `file` ([`adhesion_portal::db::backup`]), consistent
/// while the server writes.
fn backup(root: &Path, file: &Path) -> Result<i32, Error> {
    let db = Db::path(root);
    if !db.is_file() {
        return Err(Error::Usage(tr!(
            "cli-backup-no-database",
            path = db.display()
        )));
    }
    let target = absolute(file);
    let Some(target_text) = target.to_str() else {
        return Err(Error::Usage(tr!(
            "cli-backup-not-utf8",
            path = target.display()
        )));
    };
    // Created here, empty and readable by its owner only (it holds the password's hash and the
    // links' hashes), which also refuses an existing file without a race; SQLite writes into
    // an empty file.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    if let Err(e) = options.open(&target) {
        return Err(Error::Usage(
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                tr!("cli-backup-exists", path = target.display())
            } else {
                tr!("cli-backup-failed", path = target.display(), error = e)
            },
        ));
    }
    if let Err(e) = adhesion_portal::db::backup(root, target_text) {
        let _ = std::fs::remove_file(&target);
        return Err(Error::Portal(tr!(
            "cli-backup-failed",
            path = target.display(),
            error = e
        )));
    }
    println!("{}", tr!("cli-backup-written", path = target.display()));
    Ok(SUCCESS)
}
