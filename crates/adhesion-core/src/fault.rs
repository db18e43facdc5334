//! Internal errors: a panic while one member is worked on (in our code or in Typst, Tera or the
//! YAML parser) becomes that member's failure, reported like its other problems, and the batch
//! goes on. Also the seam that injects such a panic, for the tests.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use crate::diagnostic::Diagnostic;
use crate::{msg, tr};

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// How many [`QuietPanics`] guards are alive, and the hook that was there before ours.
static HOOK: Mutex<(usize, Option<Hook>)> = Mutex::new((0, None));

thread_local! {
    /// How many [`catch`] calls this thread is inside.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
    /// Where the last panic caught on this thread happened.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// While a guard is alive, a panic inside [`catch`] prints nothing (the member's diagnostic
/// tells it, and the progress output stays readable); any other panic goes to the hook that was
/// there before, which is put back when the last guard of the process is dropped.
pub struct QuietPanics(());

impl QuietPanics {
    pub fn install() -> Self {
        let mut hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
        // Kept when a guard was dropped while panicking: ours is still the installed hook.
        if hook.0 == 0 && hook.1.is_none() {
            hook.1 = Some(panic::take_hook());
            panic::set_hook(Box::new(quiet_hook));
        }
        hook.0 += 1;
        Self(())
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        let mut hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
        hook.0 = hook.0.saturating_sub(1);
        // `set_hook` panics on a panicking thread: ours then stays, and passes panics on.
        if hook.0 == 0
            && !std::thread::panicking()
            && let Some(previous) = hook.1.take()
        {
            panic::set_hook(previous);
        }
    }
}

fn quiet_hook(info: &PanicHookInfo<'_>) {
    if CATCHING.with(Cell::get) > 0 {
        LOCATION.with(|l| *l.borrow_mut() = info.location().map(ToString::to_string));
        return;
    }
    let hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(previous) = &hook.1 {
        previous(info);
    }
}

/// Runs `f`; a panic becomes an error about `file`, the file of the member being worked on.
/// Unwind safety is asserted: what `f` was making for that member is thrown away with it.
pub fn catch<T>(file: &Path, f: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    CATCHING.with(|c| c.set(c.get() + 1));
    LOCATION.with(|l| *l.borrow_mut() = None);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get().saturating_sub(1)));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| tr!("build-internal-no-message"));
        // Known only when the panic happened on this thread, not in a job of another worker.
        let text = match LOCATION.with(|l| l.borrow_mut().take()) {
            Some(location) => msg!(
                "build-internal-error-at",
                message = message,
                location = location
            ),
            None => msg!("build-internal-error", message = message),
        };
        Diagnostic::error("internal", file, text)
    })
}

/// A panic to inject into one member's work, for the tests: never set by the command line.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The member's id.
    pub member: String,
    pub stage: Stage,
}

/// Where a [`Fault`] fires.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing the member's file.
    Load,
    /// Validating it.
    Check,
    /// Rendering and compiling its first document.
    Compile,
    /// Writing its PDFs, after the first one.
    Write,
}

/// Panics if `fault` is set for this member and stage.
pub fn inject(fault: Option<&Fault>, stage: Stage, id: &str) {
    if let Some(f) = fault
        && f.stage == stage
        && f.member == id
    {
        panic!("fault injected into `{id}` at {stage:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_about_the_file() {
        let _quiet = QuietPanics::install();
        assert_eq!(catch(Path::new("a.yaml"), || 2), Ok(2));
        let fault = Fault {
            member: "a".into(),
            stage: Stage::Check,
        };
        inject(Some(&fault), Stage::Load, "a");
        inject(Some(&fault), Stage::Check, "b");
        let d = catch(Path::new("a.yaml"), || {
            inject(Some(&fault), Stage::Check, "a");
        })
        .unwrap_err();
        assert_eq!(d.file, Path::new("a.yaml"));
        assert!(
            d.message.contains("`fault injected into `a` at Check`"),
            "{}",
            d.message
        );
        assert!(d.message.contains("src/fault.rs"), "{}", d.message);
        let d = catch(Path::new("a.yaml"), || panic!("{}", 42)).unwrap_err();
        assert!(d.message.contains("`42`"), "{}", d.message);
    }
}
