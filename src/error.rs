//! Fatal errors: the run cannot go on at all (exit status 2).
//!
//! Problems of one member are not errors of this kind: they are [`crate::Diagnostic`]s collected
//! while the batch goes on.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("`{}` is not a campaign folder: it has no `groupement.yaml`", .0.display())]
    NoCampaign(PathBuf),

    #[error("the campaign file `groupement.yaml` has problems")]
    Campaign(Vec<Diagnostic>),

    #[error("the templates have problems")]
    Templates(Vec<Diagnostic>),

    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write to `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{0}")]
    Usage(String),
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
