//! Progress on stderr while a batch runs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use adhesion_core::diagnostic::display_path;
use adhesion_core::report::{MemberReport, Progress, Status};
use adhesion_core::tr;

/// Progress on stderr: a bar on a terminal, a line per member otherwise (a pipe, a log, or a
/// terminal that says it understands no escape codes).
pub(super) struct Printer {
    mode: Mode,
    base: PathBuf,
    /// The bar of the build under way; `watch` starts a new one for each build.
    bar: Mutex<Option<ProgressBar>>,
    failed: AtomicUsize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Silent,
    Lines,
    Bar,
}

impl Printer {
    pub(super) fn new(quiet: bool, json: bool, base: &Path) -> Self {
        let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
        let mode = if quiet || json {
            Mode::Silent
        } else if std::io::stderr().is_terminal() && !dumb {
            Mode::Bar
        } else {
            Mode::Lines
        };
        Self {
            mode,
            base: base.to_owned(),
            bar: Mutex::new(None),
            failed: AtomicUsize::new(0),
        }
    }

    /// Clears the bar, so that the report is printed where it stood.
    pub(super) fn finish(&self) {
        if let Some(bar) = self.bar.lock().ok().and_then(|mut bar| bar.take()) {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Printer {
    fn start(&self, total: usize) {
        self.failed.store(0, Ordering::Relaxed);
        if self.mode != Mode::Bar {
            return;
        }
        // indicatif redraws at most a few times a second whatever the rate of updates, fits the
        // bar to the terminal's width, and works the time left out from the pace so far.
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(&tr!(
                    "cli-progress-bar",
                    bar = "[{wide_bar}]",
                    pos = "{pos}",
                    len = "{len}",
                    failed = "{msg}",
                    eta = "{eta}",
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            )
            .with_message("0");
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn member_done(&self, report: &MemberReport, done: usize, total: usize) {
        let failed = if report.status == Status::Failed {
            self.failed.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            0
        };
        match self.mode {
            Mode::Silent => {}
            Mode::Bar => {
                let Ok(slot) = self.bar.lock() else {
                    return;
                };
                if let Some(bar) = slot.as_ref() {
                    // The message is a new string only when a member fails.
                    if failed > 0 {
                        bar.set_message(failed.to_string());
                    }
                    // Workers report in any order: the bar only moves forward.
                    if done as u64 > bar.position() {
                        bar.set_position(done as u64);
                    }
                }
            }
            Mode::Lines => {
                let path = display_path(&report.path, &self.base);
                let line = match report.status {
                    Status::Failed => tr!(
                        "cli-progress-failed",
                        done = done,
                        total = total,
                        id = report.id,
                        path = path
                    ),
                    _ => tr!(
                        "cli-progress-built",
                        done = done,
                        total = total,
                        id = report.id,
                        path = path
                    ),
                };
                eprintln!("{line}");
            }
        }
    }
}
