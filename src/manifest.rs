//! Incremental rebuilds: `out/.manifest.json` remembers, for each member, a fingerprint of
//! everything its PDFs depend on (its file, the campaign file, the templates, the tool's version
//! and the document date). A member whose fingerprint is unchanged and whose PDFs are present is
//! not built again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::output;

const FILE_NAME: &str = ".manifest.json";
const FORMAT: u32 = 2;

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
#[derive(Clone, Copy)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        for b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// What the manifest knows of one member.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    /// Pages of each document, in the order of [`crate::render::Document::ALL`].
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
}

impl Manifest {
    /// Reads the manifest of `out`; a missing or unreadable one is empty (everything rebuilds).
    pub fn load(out: &Path) -> Self {
        let path = out.join(FILE_NAME);
        let manifest = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default();
        Self {
            format: FORMAT,
            path,
            ..manifest
        }
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

    pub fn save(&self) -> Result<(), Error> {
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        output::write_atomic(&self.path, &json)
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
}
