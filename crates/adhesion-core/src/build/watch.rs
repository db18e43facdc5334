//! `adhesion watch members/<id>.yaml`: rebuilds a member's documents each time its file, the
//! campaign file or a template is saved, for someone editing with a PDF viewer open.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use crate::build::{self, Options};
use crate::error::Error;
use crate::report::{Progress, Report};

/// How often files are looked at: cheap (a few `stat`s), and quick enough for a person.
const POLL: Duration = Duration::from_millis(300);

/// The files a member's documents depend on, with their modification times.
fn snapshot(options: &Options) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut files: Vec<PathBuf> = options.only.clone();
    files.push(options.root.join("groupement.yaml"));
    let templates = options.root.join("templates");
    files.extend(
        walkdir::WalkDir::new(&templates)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path),
    );
    files
        .into_iter()
        .map(|p| {
            let modified = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            (p, modified)
        })
        .collect()
}

/// Builds, then rebuilds on every change, calling `on_build` with each outcome; stops when it
/// returns `false`.
pub fn watch(
    options: &Options,
    progress: &dyn Progress,
    mut on_build: impl FnMut(&Result<Report, Error>) -> bool,
) {
    let mut last = Vec::new();
    loop {
        let now = snapshot(options);
        if now != last {
            last = now;
            let result = build::run(options, progress);
            if !on_build(&result) {
                return;
            }
        }
        std::thread::sleep(POLL);
    }
}
