//! `adhesion manpage`: the manual page, in roff, made by clap from the parser itself
//! (`clap_mangen`), in the language of the run.

use super::{Cli, SUCCESS};
use adhesion_core::error::Error;

/// Prints the manual page.
pub(super) fn run() -> Result<i32, Error> {
    let mut out = std::io::stdout().lock();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        // A reader that stops early (`| head`) is no error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "-".into(),
            source: e,
        }),
        _ => Ok(SUCCESS),
    }
}
