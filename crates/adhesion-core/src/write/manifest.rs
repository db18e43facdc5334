//! Incremental rebuilds: `out/.manifest.json` remembers, for each member, a fingerprint of
//! everything its PDFs depend on (its file, the campaign file, the templates, the tool's build
//! id and the document date). A member whose fingerprint is unchanged and whose PDFs are present
//! is not built again.
//!
//! While members are built, `out/.manifest.journal` gets one JSON line per member whose PDFs are
//! all in place, so that a run killed half-way is taken up where it stopped: the next run reads
//! the manifest, then the journal over it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
pub use crate::fingerprint::Fingerprint;
use crate::write;

const FILE_NAME: &str = ".manifest.json";
const JOURNAL_NAME: &str = ".manifest.journal";
const FORMAT: u32 = 2;

/// A hash of the sources the binary was built from (see `build.rs` at the package root): a new
/// binary rebuilds every member, whatever its version number says.
pub const BUILD_ID: &str = env!("ADHESION_BUILD_ID");

/// What the manifest knows of one member.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    /// Pages of each document, in the order of [`crate::document::Document::MEMBER_DOCUMENTS`].
    pub pages: Vec<usize>,
}

/// The manifest of an output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    /// Member id → what its PDFs were built from, and their page counts.
    members: BTreeMap<String, Entry>,
    /// What the recap's PDF was built from.
    #[serde(default)]
    pub recap: Option<String>,
    #[serde(skip)]
    path: PathBuf,
    /// Whether a journal was found: the last run was interrupted.
    #[serde(skip)]
    interrupted: bool,
}

/// One line of the journal.
#[derive(Serialize, Deserialize)]
struct JournalLine {
    id: String,
    #[serde(flatten)]
    entry: Entry,
}

impl Manifest {
    /// Reads the manifest of `out`, then the journal of an interrupted run over it; a missing or
    /// unreadable manifest is empty (everything rebuilds), and a line of the journal that does
    /// not parse (the last one, cut by the interruption) is skipped.
    pub fn load(out: &Path) -> Self {
        let path = out.join(FILE_NAME);
        let manifest = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default();
        let mut manifest = Self {
            format: FORMAT,
            path,
            ..manifest
        };
        if let Ok(journal) = std::fs::read(out.join(JOURNAL_NAME)) {
            manifest.interrupted = true;
            for line in journal.split(|&b| b == b'\n') {
                if let Ok(l) = serde_json::from_slice::<JournalLine>(line) {
                    manifest.members.insert(l.id, l.entry);
                }
            }
        }
        manifest
    }

    /// Whether the last run in this folder was interrupted (it left its journal).
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }

    /// Whether `id` was built from `fingerprint` and its outputs are all still there.
    pub fn is_fresh(&self, id: &str, fingerprint: &str, outputs: &[PathBuf]) -> bool {
        self.members
            .get(id)
            .is_some_and(|e| e.fingerprint == fingerprint)
            && outputs.iter().all(|p| p.is_file())
    }

    pub fn record(&mut self, id: &str, fingerprint: String, pages: Vec<usize>) {
        self.members
            .insert(id.to_owned(), Entry { fingerprint, pages });
    }

    /// The page counts of a member's documents, as last built.
    pub fn pages(&self, id: &str) -> Option<&[usize]> {
        self.members.get(id).map(|e| e.pages.as_slice())
    }

    /// The members recorded.
    pub fn ids(&self) -> impl Iterator<Item = String> + '_ {
        self.members.keys().cloned()
    }

    pub fn forget(&mut self, id: &str) {
        self.members.remove(id);
    }

    /// Saves the manifest, synced to disk ([`write::write_durable`]): twice a run, at its start
    /// and its end.
    pub fn save(&self) -> Result<(), Error> {
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        write::write_durable(&self.path, &json)
    }

    /// Saves the manifest, then starts an empty journal next to it for the members about to be
    /// built. Saved first: a run killed in between finds the old journal, which still tells the
    /// truth, since no PDF was written yet.
    pub fn start_journal(&self) -> Result<Journal, Error> {
        self.save()?;
        let path = self.path.with_file_name(JOURNAL_NAME);
        let file = std::fs::File::create(&path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        Ok(Journal { file, path })
    }
}

/// Removes the journal of `out`, once the manifest that holds all it said is saved: the run went
/// to its end.
pub fn remove_journal(out: &Path) -> Result<(), Error> {
    write::remove_stale(&out.join(JOURNAL_NAME)).map(|_| ())
}

/// The journal of a run: members recorded as their PDFs are written.
///
/// Not synced to disk, like the PDFs (see [`write::write_atomic`]): it survives a killed
/// process, which is what interrupts long runs; after a power loss the PDFs it names may be lost
/// as well, so syncing it alone would promise what it cannot keep.
pub struct Journal {
    file: std::fs::File,
    path: PathBuf,
}

impl Journal {
    /// Records a member whose PDFs were all renamed into place, in one write, so that an
    /// interruption cuts at most the last line.
    pub fn record(&mut self, id: &str, fingerprint: &str, pages: &[usize]) -> Result<(), Error> {
        let line = JournalLine {
            id: id.to_owned(),
            entry: Entry {
                fingerprint: fingerprint.to_owned(),
                pages: pages.to_vec(),
            },
        };
        let mut bytes = serde_json::to_vec(&line).unwrap_or_default();
        bytes.push(b'\n');
        self.file.write_all(&bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_separate_fields() {
        let mut a = Fingerprint::default();
        a.add(b"ab").add(b"c");
        let mut b = Fingerprint::default();
        b.add(b"a").add(b"bc");
        assert_ne!(a.hex(), b.hex());
        let mut c = Fingerprint::default();
        c.add(b"ab").add(b"c");
        assert_eq!(a.hex(), c.hex());
        assert_eq!(Fingerprint::default().add(b"").hex(), "a8c7f832281a39c5");
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF").unwrap();
        let mut m = Manifest::load(dir.path());
        assert!(!m.is_fresh("a", "1", std::slice::from_ref(&pdf)));
        m.record("a", "1".into(), vec![4, 2]);
        m.save().unwrap();
        let m = Manifest::load(dir.path());
        assert!(m.is_fresh("a", "1", std::slice::from_ref(&pdf)));
        assert!(!m.is_fresh("a", "2", std::slice::from_ref(&pdf)));
        assert_eq!(m.pages("a"), Some(&[4, 2][..]));
        std::fs::remove_file(&pdf).unwrap();
        assert!(!m.is_fresh("a", "1", &[pdf]));
    }

    #[test]
    fn the_journal_of_a_killed_run_is_read_over_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF").unwrap();
        let pdfs = std::slice::from_ref(&pdf);
        let mut m = Manifest::load(dir.path());
        assert!(!m.interrupted());
        m.record("a", "1".into(), vec![1]);
        m.record("b", "1".into(), vec![1]);
        let mut journal = m.start_journal().unwrap();
        journal.record("b", "2", &[3]).unwrap();
        journal.record("c", "1", &[2, 1]).unwrap();
        drop(journal);
        // The line being written when the run was killed.
        let path = dir.path().join(JOURNAL_NAME);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(r#"{"id":"d","fingerprint":"1","pa"#);
        std::fs::write(&path, text).unwrap();

        let m = Manifest::load(dir.path());
        assert!(m.interrupted());
        assert_eq!(m.ids().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(m.is_fresh("a", "1", pdfs));
        assert!(m.is_fresh("b", "2", pdfs));
        assert_eq!(m.pages("c"), Some(&[2, 1][..]));

        // The next run saves all that before it starts its own, empty journal.
        drop(m.start_journal().unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"");
        remove_journal(dir.path()).unwrap();
        let m = Manifest::load(dir.path());
        assert!(!m.interrupted());
        assert_eq!(m.ids().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(m.is_fresh("b", "2", pdfs));
    }
}
