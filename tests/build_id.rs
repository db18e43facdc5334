//! The build id of `build.rs` (the package's build script, included here as a module): it
//! follows the sources that shape the PDFs, and only them, wherever the sources are.

#[allow(dead_code)]
#[path = "../crates/adhesion-core/build.rs"]
mod build_script;

use std::fs;
use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
/// The crate whose build script makes the id, in the repository and in each copy.
const CRATE: &str = "crates/adhesion-core";

/// A copy of the build id's inputs, and of a file that is not one, in a temporary folder.
fn copy_inputs(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        if from.is_dir() {
            fs::create_dir_all(to).unwrap();
            for entry in fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                copy(&entry.path(), &to.join(entry.file_name()));
            }
        } else {
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(from, to).unwrap();
        }
    }
    for input in build_script::INPUTS.iter().chain(&["../../README.md"]) {
        let from = Path::new(REPO).join(CRATE).join(input);
        copy(&from, &to.join(CRATE).join(input));
    }
}

#[test]
fn build_id_follows_the_sources_and_not_where_they_are() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_inputs(a.path());
    copy_inputs(b.path());
    let id = |root: &Path| build_script::build_id(&root.join(CRATE), b"rustc 1.92.0");
    let first = id(a.path());
    assert_eq!(first.len(), 16);
    assert_eq!(first, id(b.path()), "the same sources elsewhere");

    // Documentation is not an input.
    fs::write(a.path().join("README.md"), "changed").unwrap();
    assert_eq!(id(a.path()), first);

    // Another compiler, a changed source file, a new one.
    assert_ne!(
        build_script::build_id(&a.path().join(CRATE), b"rustc 1.93.0"),
        first
    );
    let typography = a.path().join(CRATE).join("src/render/typography.rs");
    let mut text = fs::read_to_string(&typography).unwrap();
    text.push_str("\n// a change\n");
    fs::write(&typography, text).unwrap();
    let changed = id(a.path());
    assert_ne!(changed, first);
    fs::write(a.path().join(CRATE).join("src/new_module.rs"), "").unwrap();
    assert_ne!(id(a.path()), changed);
    // A font.
    let font = b
        .path()
        .join(CRATE)
        .join("fonts/LiberationSans-Regular.ttf");
    let mut bytes = fs::read(&font).unwrap();
    bytes[100] ^= 1;
    fs::write(&font, bytes).unwrap();
    assert_ne!(id(b.path()), first);
}
