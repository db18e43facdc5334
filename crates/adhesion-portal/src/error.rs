//! What can stop the portal's work or a coordinator's command. How each reaches a person over
//! HTTP is [`crate::http::Failure`]'s business.

use std::path::PathBuf;

/// What can stop the portal or a coordinator's command.
#[derive(Debug)]
pub enum Error {
    Db(rusqlite::Error),
    Io(PathBuf, std::io::Error),
    Random(String),
    UnknownMember(String),
    Campaign(adhesion_core::error::Error),
    /// The member was deposited while this request was under way.
    Deposited,
    /// Another tab saved the draft first: it is now at this version.
    Conflict(i64),
    /// The member file changed by hand while a deposit was under way.
    FileChanged,
    /// The database was made by a newer adhesion (its schema version).
    NewerSchema(i64),
    /// A password shorter than this many characters.
    WeakPassword(usize),
    /// A save with values over their limits (these problems): refused whole, nothing stored.
    OverLimit(Vec<adhesion_core::diagnostic::Diagnostic>),
    /// Too many saves of one link within a minute: the time until the next one is allowed.
    TooManySaves(std::time::Duration),
    /// The mail's settings or templates are wrong, or a message cannot be made: said in French.
    Mail(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Db(e) => adhesion_core::tr!("portal-error-database", error = e.to_string()),
            Error::Io(path, e) => {
                adhesion_core::tr!(
                    "portal-error-io",
                    path = path.display(),
                    error = e.to_string()
                )
            }
            Error::Random(e) => adhesion_core::tr!("portal-error-random", error = e),
            Error::UnknownMember(id) => adhesion_core::tr!("portal-error-unknown-member", id = id),
            Error::Campaign(e) => e.to_string(),
            Error::Deposited => adhesion_core::tr!("portal-refused-deposited"),
            Error::Conflict(_) => adhesion_core::tr!("portal-conflict"),
            Error::FileChanged => adhesion_core::tr!("portal-refused-file-changed"),
            Error::NewerSchema(v) => adhesion_core::tr!("portal-error-newer-schema", version = v),
            Error::WeakPassword(n) => adhesion_core::tr!("portal-error-weak-password", min = n),
            Error::OverLimit(_) => adhesion_core::tr!("server-over-limit"),
            Error::TooManySaves(_) => adhesion_core::tr!("server-too-many-saves"),
            Error::Mail(text) => text.clone(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e)
    }
}

impl From<adhesion_core::error::Error> for Error {
    fn from(e: adhesion_core::error::Error) -> Self {
        Error::Campaign(e)
    }
}
