//! `adhesion completions <SHELL>`: the completion script of a shell, made by clap from the
//! parser itself (`clap_complete`), so that it never lags behind the commands.

use clap::Args;
use clap_complete::Shell;

use super::{Cli, SUCCESS};
use adhesion_core::error::Error;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

/// Prints the completion script of the shell.
pub(super) fn run(args: &CompletionsArgs) -> Result<i32, Error> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "adhesion", &mut std::io::stdout());
    Ok(SUCCESS)
}
