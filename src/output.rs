//! Writing outputs: atomically (a temporary file renamed into place), every error naming its path.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::Error;

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
            source: std::io::Error::other("it is a file, not a folder"),
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
}
