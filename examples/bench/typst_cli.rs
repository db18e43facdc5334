//! The typst CLI, run on the sources that `adhesion build --emit-typ` writes, as close to the
//! product as it gets: the same fonts and no system ones, the same PDF standards, the same date.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure;

/// The typst CLI and its version.
pub struct TypstCli {
    pub path: PathBuf,
    pub version: String,
}

/// The CLI given, else `typst` on the PATH, else `~/.cargo/bin/typst`.
pub fn find(given: Option<&Path>) -> Option<TypstCli> {
    let home_bin = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/typst"));
    let candidates = match given {
        Some(p) => vec![p.to_owned()],
        None => [Some(PathBuf::from("typst")), home_bin]
            .into_iter()
            .flatten()
            .collect(),
    };
    candidates.into_iter().find_map(|path| {
        let out = Command::new(&path).arg("--version").output().ok()?;
        out.status.success().then(|| TypstCli {
            version: String::from_utf8_lossy(&out.stdout).trim().to_owned(),
            path,
        })
    })
}

/// How the typst CLI is run on the emitted sources of one output folder.
pub struct TypstSetup {
    cli: PathBuf,
    /// The output folder of `adhesion build --emit-typ`: members' sources in `<id>/`, the shared
    /// partials at the top.
    root: PathBuf,
    /// The file names of the partials (`style.typ`...), which are not documents.
    partials: Vec<PathBuf>,
    font_dirs: Vec<PathBuf>,
    timestamp: i64,
}

impl TypstSetup {
    pub fn new(cli: &TypstCli, repo: &Path, campaign: &Path, out: &Path) -> TypstSetup {
        // The CLI reads every font of its font folders at start: it gets the face the shipped
        // templates use, Adhesion Sans, alone, as the product uses it (Liberation Sans, also
        // in `fonts/` for older campaigns, would cost it 1.3 ms more per document).
        let faces = out.with_file_name("typst-cli-fonts");
        let _ = fs::create_dir_all(&faces);
        for entry in fs::read_dir(repo.join("crates/adhesion-core/fonts"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with("AdhesionSans-") {
                let _ = fs::copy(entry.path(), faces.join(&name));
            }
        }
        let font_dirs = [faces, campaign.join("templates/fonts")]
            .into_iter()
            .filter(|d| d.is_dir())
            .collect();
        TypstSetup {
            cli: cli.path.clone(),
            root: out.to_owned(),
            partials: typ_files(out),
            font_dirs,
            timestamp: edition_timestamp(&campaign.join("groupement.yaml")),
        }
    }

    /// The member folders holding emitted sources, sorted.
    pub fn member_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = fs::read_dir(&self.root)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir() && !typ_files(&e.path()).is_empty())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        ids.sort();
        ids
    }

    /// The documents of one member: its `.typ` files, not counting copied partials.
    pub fn sources(&self, id: &str) -> Vec<PathBuf> {
        let dir = self.root.join(id);
        let partial = |p: &PathBuf| self.partials.iter().any(|q| q.file_name() == p.file_name());
        typ_files(&dir)
            .into_iter()
            .filter(|p| !partial(p))
            .collect()
    }

    /// `typst compile` of one source, into a PDF beside it.
    pub fn command(&self, source: &Path) -> Command {
        let mut cmd = Command::new(&self.cli);
        cmd.arg("compile").arg("--root").arg(&self.root);
        for fonts in &self.font_dirs {
            cmd.arg("--font-path").arg(fonts);
        }
        cmd.args(["--ignore-system-fonts", "--pdf-standard", "a-2b,ua-1"])
            .arg("--creation-timestamp")
            .arg(self.timestamp.to_string())
            .arg(source)
            .arg(source.with_extension("typst-cli.pdf"))
            .env_remove("SOURCE_DATE_EPOCH");
        cmd
    }

    /// Tries the emitted sources of `probe` as they are. When the CLI cannot compile them (for
    /// example partials written at the top of `out/` but imported relative to each document),
    /// copies the partials next to the documents of `probe` and `ids`. Returns the problem found.
    pub fn prepare(&self, probe: &str, ids: &[String]) -> io::Result<Option<String>> {
        let sources = self.sources(probe);
        let mut failed = None;
        for source in &sources {
            let sample = measure::run(self.command(source))?;
            if !sample.ok() {
                failed = Some((source.clone(), sample.stderr));
                break;
            }
        }
        let Some((source, stderr)) = failed else {
            return Ok(None);
        };
        for id in ids.iter().map(String::as_str).chain([probe]) {
            for partial in &self.partials {
                if let Some(name) = partial.file_name() {
                    fs::copy(partial, self.root.join(id).join(name))?;
                }
            }
        }
        let error = stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or("it fails")
            .to_owned();
        let retry = measure::run(self.command(&source))?;
        let outcome = if retry.ok() {
            "copying the partials (out/*.typ) into each member folder makes it work, as done here"
        } else {
            "copying the partials into each member folder does not help either: those rows FAIL"
        };
        let shown = source.strip_prefix(&self.root).unwrap_or(&source);
        Ok(Some(format!(
            "the --emit-typ layout cannot be compiled as is by the typst CLI \
             (`typst compile --root out out/{}`: {error}); {outcome}",
            shown.display()
        )))
    }
}

/// The `.typ` files directly in `dir`, sorted.
fn typ_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "typ"))
        .collect();
    files.sort();
    files
}

/// `date_edition` of the campaign as a Unix time, the date the product stamps on its PDFs.
fn edition_timestamp(groupement: &Path) -> i64 {
    let text = fs::read_to_string(groupement).unwrap_or_default();
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date_edition:"))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("2021-11-15");
    let parts: Vec<i64> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts[..] {
        [y, m, d] => days_from_civil(y, m, d) * 86_400,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
