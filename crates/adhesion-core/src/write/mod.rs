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
/// rebuild gives anyway; [`write_durable`] for the files that no rebuild gives back.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_through_temporary(path, bytes, false)
}

/// [`write_atomic`], with the file and its folder synced to disk before and after the rename:
/// once it returns, a power loss keeps the new file (a deposited member file, the build's
/// manifest). `docs/performance.md` has its cost.
pub fn write_durable(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_through_temporary(path, bytes, true)
}

fn write_through_temporary(path: &Path, bytes: &[u8], sync: bool) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir(dir)?;
    let failed = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let (tmp, mut file) = temporary(dir, path).map_err(failed)?;
    let written = (|| -> std::io::Result<()> {
        // An existing file keeps its permissions.
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.flush()?;
        if sync {
            file.sync_all()?;
        }
        drop(file);
        fs::rename(&tmp, path)?;
        if sync {
            fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    written.map_err(|source| {
        let _ = fs::remove_file(&tmp);
        failed(source)
    })
}

/// A new temporary file for `path` in `dir`, `.<name>.<process id>-<16 random hex digits>.tmp`:
/// created, never opened if it exists (a link planted at a name known in advance is not
/// followed), and no two writers of one process share one.
fn temporary(dir: &Path, path: &Path) -> std::io::Result<(std::path::PathBuf, fs::File)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    loop {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
        let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let tmp = dir.join(format!(".{name}.{}-{suffix}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Whether `name` is one of [`write_atomic`]'s temporary files: `.<name>.<process id>.tmp` (the
/// earlier versions') or `.<name>.<process id>-<random hex>.tmp`.
fn is_temporary(name: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(_, tail)| match tail.split_once('-') {
            Some((pid, random)) => digits(pid) && hex(random),
            None => digits(tail),
        })
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

    /// A link planted at the name a temporary file used to have is never followed; a file
    /// written keeps the permissions of the one it replaces.
    #[cfg(unix)]
    #[test]
    fn temporary_names_are_not_known_in_advance() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "kept").unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let planted = dir
            .path()
            .join(format!(".a.yaml.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_durable(&path, b"new").unwrap();
        write_atomic(&path, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "kept");
        assert_eq!(fs::read_to_string(&path).unwrap(), "newer");
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
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
            ("a/.convention.pdf.123-00ff9a.tmp", false),
            ("a/.x.12-zz.tmp", true),
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
