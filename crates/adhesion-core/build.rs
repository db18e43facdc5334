//! The build id: a hash of what shapes the PDFs (the code, the locked dependencies, the embedded
//! data and fonts, the compiler), so that the incremental build rebuilds everything after a new
//! binary, even when the package version stays the same. Hashed from the sources rather than
//! from the running binary: the same sources give the same id on every machine, and nothing is
//! read at each start.

use std::path::{Path, PathBuf};

/// What the id is computed from, relative to this crate's folder: files, or folders read whole.
/// The pipeline is this crate; the workspace's manifest and lock give the dependencies. The
/// default templates (`templates/`) are left out: they are only copied by `init`, and a build
/// reads the campaign's own templates, which its fingerprint already holds.
pub const INPUTS: &[&str] = &[
    "build.rs",
    "Cargo.toml",
    "../../Cargo.toml",
    "../../Cargo.lock",
    "src",
    "data/communes.txt",
    "data/font-book.json",
    "fonts",
];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
    }
    println!("cargo:rerun-if-env-changed=RUSTC");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    println!(
        "cargo:rustc-env=ADHESION_BUILD_ID={}",
        build_id(&root, &version)
    );
}

/// FNV-1a (64 bits) of every input file, in a fixed order, each with its path and length, and
/// of `compiler` (the compiler's version). Unreadable files count as empty.
pub fn build_id(root: &Path, compiler: &[u8]) -> String {
    let mut files = Vec::new();
    for input in INPUTS {
        collect(&root.join(input), &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    add(compiler);
    for file in files {
        let name = file.strip_prefix(root).unwrap_or(&file);
        add(name.to_string_lossy().as_bytes());
        add(&std::fs::read(&file).unwrap_or_default());
    }
    format!("{hash:016x}")
}

/// The files at `path`, walking into folders.
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), files);
            }
        }
        Err(_) if path.is_file() => files.push(path.to_owned()),
        Err(_) => {}
    }
}
