//! A panic while one member is worked on, injected in-process through the hidden
//! `Options::fault` seam: that member fails with a diagnostic naming its file, the others are
//! built, and the panic hook prints nothing meanwhile and is put back after.
//!
//! One test in its own binary: the panic hook is the process's, so no other test may run beside.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use adhesion_core::build::{Options, run};
use adhesion_core::document::Document;
use adhesion_core::fault::{Fault, Stage};
use adhesion_core::report::{Silent, Status};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn a_panic_fails_its_member_only_and_prints_nothing() {
    // It replaces the process's panic hook: alone in a process of its own.
    if !crate::common::alone("panic::a_panic_fails_its_member_only_and_prints_nothing") {
        return;
    }
    // The library's texts in English, whatever the machine's locale.
    adhesion_core::i18n::init(adhesion_core::i18n::Lang::En);
    let printed = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&printed);
    std::panic::set_hook(Box::new(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    }));

    // The repository's own campaign, read where it is; outputs go to a temporary folder.
    let root = Path::new(REPO);
    let file = root.join("members/53/laval.yaml");
    for stage in [Stage::Load, Stage::Check, Stage::Compile, Stage::Write] {
        let out = tempfile::tempdir().unwrap();
        let mut options = Options::new(root);
        options.out = out.path().to_owned();
        options.jobs = 2;
        options.fault = Some(Fault {
            member: "laval".into(),
            stage,
        });
        let report = run(&options, &Silent).unwrap();
        assert!(
            !report.success(),
            "{stage:?}: the run fails (exit status 1)"
        );
        assert_eq!(report.members.len(), 6, "{stage:?}");
        for m in &report.members {
            if m.id != "laval" {
                assert_eq!(m.status, Status::Built, "{stage:?}: {}", m.id);
                for doc in Document::MEMBER_DOCUMENTS {
                    assert!(out.path().join(&m.id).join(doc.pdf_name()).is_file());
                }
                continue;
            }
            assert_eq!(m.status, Status::Failed, "{stage:?}");
            assert_eq!(m.diagnostics.len(), 1, "{stage:?}: {:?}", m.diagnostics);
            let d = &m.diagnostics[0];
            assert!(d.is_error());
            assert_eq!(d.code, "internal");
            assert_eq!(d.file, file, "{stage:?}");
            assert!(
                d.message.starts_with(&format!(
                    "an internal error occurred: `fault injected into `laval` at {stage:?}`"
                )),
                "{stage:?}: {}",
                d.message
            );
            assert!(
                d.hint.as_deref().unwrap_or("").contains("please report it"),
                "{d:?}"
            );
            // Not even the PDF written before the panic at `Write`.
            for doc in Document::MEMBER_DOCUMENTS {
                assert!(
                    !out.path().join("laval").join(doc.pdf_name()).exists(),
                    "{stage:?}: {}",
                    doc.pdf_name()
                );
            }
        }
    }
    assert_eq!(printed.load(Ordering::SeqCst), 0, "the hook kept quiet");

    // The hook set before the runs is back.
    let _ = std::panic::catch_unwind(|| panic!("after the runs"));
    assert_eq!(printed.load(Ordering::SeqCst), 1, "the hook is put back");
    let _ = std::panic::take_hook();
}
