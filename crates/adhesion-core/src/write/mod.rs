//! Writing outputs: atomically (a temporary file renamed into place), every error naming its path.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::tr;

pub mod manifest;
pub mod xlsx;

/// Writes `bytes` to `path` through a temporary file in the same folder, so that a reader never
/// sees a half-written file and an interrupted or failed run leaves the old file or none.
/// (No fsync: it doubled the cost of a document for a guarantee, against power loss, that a
/// rebuild gives anyway.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = |tmp: &Path| -> std::io::Result<()> {
        let mut f = fs::File::create(tmp)?;
        f.write_all(bytes)?;
        f.flush()
    };
    if let Err(source) = write(&tmp) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::Write {
            path: path.to_owned(),
            source,
        });
    }
    fs::rename(&tmp, path).map_err(|source| {
        let _ = fs::remove_file(&tmp);
        Error::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// Whether `name` is one of [`write_atomic`]'s temporary files: `.<name>.<process id>.tmp`.
fn is_temporary(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the temporary files a killed run left in `out` and in its folders (one level down,
/// where the members' PDFs go). They are never read, only in the way.
pub fn remove_temporaries(out: &Path) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            for inner in fs::read_dir(&path).into_iter().flatten().flatten() {
                if is_temporary(&inner.file_name().to_string_lossy()) {
                    remove_stale(&inner.path())?;
                }
            }
        } else if is_temporary(&entry.file_name().to_string_lossy()) {
            remove_stale(&path)?;
        }
    }
    Ok(())
}

pub fn create_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })
}

/// Removes `path` if it exists: an output that is out of date must not pass for a new one.
/// Returns whether something was removed.
pub fn remove_stale(path: &Path) -> Result<bool, Error> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(Error::Write {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Checks that `dir` can be written to, once, before any work starts.
pub fn probe_writable(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Write {
            path: dir.to_owned(),
            source: std::io::Error::other(tr!("build-write-not-a-folder")),
        });
    }
    create_dir(dir)?;
    let probe = dir.join(format!(".adhesion-probe.{}", std::process::id()));
    fs::write(&probe, b"").map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })?;
    let _ = fs::remove_file(&probe);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.pdf")]);
        assert!(remove_stale(&path).unwrap());
        assert!(!remove_stale(&path).unwrap());
    }

    #[test]
    fn temporaries_of_a_killed_run_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("a/.convention.pdf.123.tmp", false),
            (".recapitulatif.pdf.9.tmp", false),
            ("a/convention.pdf", true),
            ("a/.notes.tmp", true),
            ("a/.x.12a.tmp", true),
            (".manifest.journal", true),
        ];
        for (name, _) in files {
            write_atomic(&dir.path().join(name), b"x").unwrap();
        }
        remove_temporaries(dir.path()).unwrap();
        for (name, kept) in files {
            assert_eq!(dir.path().join(name).exists(), kept, "{name}");
        }
    }
}
