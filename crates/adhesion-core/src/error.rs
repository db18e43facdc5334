//! Fatal errors: the run cannot go on at all (exit status 2).
//!
//! Problems of one member are not errors of this kind: they are [`crate::Diagnostic`]s collected
//! while the batch goes on.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::tr;

/// The texts come from the catalogue (`common-fatal-*`), in the language of the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    NoCampaign(PathBuf),

    Campaign(Vec<Diagnostic>),

    Templates(Vec<Diagnostic>),

    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    Usage(String),

    /// The portal's state or server (its text already in the language of the run).
    Portal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::NoCampaign(path) => tr!("common-fatal-no-campaign", path = path.display()),
            Error::Campaign(_) => tr!("common-fatal-campaign"),
            Error::Templates(_) => tr!("common-fatal-templates"),
            Error::Read { path, source } => {
                tr!("common-fatal-read", path = path.display(), error = source)
            }
            Error::Write { path, source } => {
                tr!("common-fatal-write", path = path.display(), error = source)
            }
            Error::Usage(text) | Error::Portal(text) => return f.write_str(text),
        };
        f.write_str(&text)
    }
}

impl Error {
    /// The diagnostics that explain the error, if it carries any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Campaign(d) | Error::Templates(d) => d,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
