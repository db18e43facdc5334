//! Running child processes and measuring them: wall time and peak resident memory.
//!
//! Peak memory comes from `wait4`, which returns the resource usage of the one child it reaps
//! (`ru_maxrss`, KiB on Linux), so every run is measured on its own, unlike
//! `getrusage(RUSAGE_CHILDREN)`, which only ever grows over the life of the bench.

use std::borrow::BorrowMut;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One measured process, or a batch of them.
#[derive(Debug, Clone)]
pub struct Sample {
    pub wall: Duration,
    /// The largest peak RSS of the processes, in KiB.
    pub peak_rss_kib: u64,
    /// Processes that exited with a status other than 0.
    pub failures: usize,
    /// The standard error of the first failed process (or of the only one).
    pub stderr: String,
}

impl Sample {
    pub fn ok(&self) -> bool {
        self.failures == 0
    }
}

/// A started child, its standard error going to an anonymous file.
struct Running {
    stderr: File,
}

fn start(command: &mut Command) -> io::Result<(u32, Running)> {
    let stderr = tempfile::tempfile()?;
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(stderr.try_clone()?))
        .spawn()
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot start {:?}: {e}", command.get_program()),
            )
        })?;
    // The child is reaped by `wait4` below; dropping the handle does not kill or wait for it.
    Ok((child.id(), Running { stderr }))
}

/// Waits for `pid` (or any child when `None`): its pid, whether it succeeded, its peak RSS.
fn wait(pid: Option<u32>) -> io::Result<(u32, bool, u64)> {
    let target = pid.map_or(-1, |p| p as libc::pid_t);
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: `rusage` is plain data that `wait4` fills; both pointers are valid.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let reaped = unsafe { libc::wait4(target, &mut status, 0, &mut usage) };
        if reaped < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
        return Ok((reaped as u32, ok, usage.ru_maxrss.max(0) as u64));
    }
}

fn read_all(mut file: File) -> String {
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.read_to_string(&mut text);
    text
}

/// Runs one command to its end.
pub fn run(mut command: impl BorrowMut<Command>) -> io::Result<Sample> {
    let began = Instant::now();
    let (pid, running) = start(command.borrow_mut())?;
    let (_, ok, rss) = wait(Some(pid))?;
    Ok(Sample {
        wall: began.elapsed(),
        peak_rss_kib: rss,
        failures: usize::from(!ok),
        stderr: read_all(running.stderr),
    })
}

/// Runs the commands with at most `width` at a time, starting the next as soon as one ends.
/// The bench must have no other child process meanwhile (any child is reaped).
pub fn run_pool(commands: impl IntoIterator<Item = Command>, width: usize) -> io::Result<Sample> {
    let began = Instant::now();
    let mut pending = commands.into_iter();
    let mut running: HashMap<u32, Running> = HashMap::new();
    let mut total = Sample {
        wall: Duration::ZERO,
        peak_rss_kib: 0,
        failures: 0,
        stderr: String::new(),
    };
    loop {
        while running.len() < width.max(1) {
            let Some(mut command) = pending.next() else {
                break;
            };
            let (pid, child) = start(&mut command)?;
            running.insert(pid, child);
        }
        if running.is_empty() {
            break;
        }
        let (pid, ok, rss) = wait(None)?;
        let Some(child) = running.remove(&pid) else {
            continue;
        };
        total.peak_rss_kib = total.peak_rss_kib.max(rss);
        if !ok {
            total.failures += 1;
            if total.stderr.is_empty() {
                total.stderr = read_all(child.stderr);
            }
        }
    }
    total.wall = began.elapsed();
    Ok(total)
}

/// The sample with the median wall time (its RSS goes with it).
pub fn median(samples: &[Sample]) -> Sample {
    let mut sorted = samples.to_vec();
    sorted.sort_by_key(|s| s.wall);
    sorted[sorted.len() / 2].clone()
}

/// The median of the peak RSS values, separately from the wall times.
pub fn median_rss(samples: &[Sample]) -> u64 {
    let mut values: Vec<u64> = samples.iter().map(|s| s.peak_rss_kib).collect();
    values.sort_unstable();
    values[values.len() / 2]
}
