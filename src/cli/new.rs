//! `adhesion new`: a member file pre-filled from the list of communes.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{SUCCESS, absolute, campaign_root};
use adhesion_core::diagnostic::display_path;
use adhesion_core::error::Error;
use adhesion_core::tr;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The member's id: the file name, e.g. `chateaubriant` for members/chateaubriant.yaml
    pub id: String,

    /// The commune's INSEE code
    #[arg(long, conflicts_with = "nom", required_unless_present = "nom")]
    pub insee: Option<String>,

    /// The commune's name (accents and case do not matter)
    #[arg(long)]
    pub nom: Option<String>,

    /// A school list (CSV) to take the commune's schools from
    #[arg(long, value_name = "FILE.csv")]
    pub ecoles: Option<PathBuf>,

    /// Overwrite an existing member file
    #[arg(short, long)]
    pub force: bool,
}

/// `adhesion new`: a member file from the list of communes.
pub(super) fn run(args: &NewArgs, root: &Path, base: &Path) -> Result<i32, Error> {
    let path = adhesion_core::new::new_member(&adhesion_core::new::NewOptions {
        root: campaign_root(root)?,
        id: args.id.clone(),
        insee: args.insee.clone(),
        nom: args.nom.clone(),
        ecoles: args.ecoles.as_deref().map(absolute),
        force: args.force,
    })?;
    eprintln!("{}", tr!("cli-new-done", path = display_path(&path, base)));
    Ok(SUCCESS)
}
