//! The threads of a batch: one job per document, member after member, taken from a queue by
//! every worker of the pool; a member's PDFs go to one writer thread once its last document is
//! compiled. The documents of one member are compiled in parallel too, so that one member alone
//! is built faster; the writer lets the workers go on compiling while the disk is slow.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::load::Campaign;
use crate::pipeline::Outcome;
use crate::render::recap::Recap;
use crate::report::{MemberReport, Progress};
use crate::write::manifest::Journal;

use super::member::BuildContext;

/// The members to build.
pub(super) struct Batch<'a> {
    pub(super) ctx: &'a BuildContext<'a>,
    pub(super) campaign: &'a Campaign,
    /// Every member's report, as validation left it.
    pub(super) members: &'a [MemberReport],
    /// The indices of the members to build.
    pub(super) todo: &'a [usize],
    pub(super) fingerprints: &'a [String],
    /// The recap to compile early, by the first worker free, while the others start on the
    /// members.
    pub(super) early_recap: Option<&'a Recap>,
}

/// What the workers did.
pub(super) struct Built {
    /// The members built (or failed while being built), by index, in completion order.
    pub(super) members: Vec<(usize, MemberReport)>,
    /// The error that stopped the run (a PDF that could not be written).
    pub(super) fatal: Option<Error>,
    /// The recap compiled early, if it was.
    pub(super) recap: Option<Result<Vec<u8>, Diagnostic>>,
}

/// Compiles and writes the documents of every member of `batch.todo` on the threads of `pool`.
pub(super) fn build_members(
    batch: &Batch,
    pool: &rayon::ThreadPool,
    journal: Journal,
    progress: &dyn Progress,
) -> Built {
    let Batch {
        ctx,
        campaign,
        members,
        todo,
        fingerprints,
        early_recap,
    } = *batch;
    progress.start(todo.len());
    let recap_started = AtomicBool::new(early_recap.is_none());
    let early: Mutex<Option<Result<Vec<u8>, Diagnostic>>> = Mutex::new(None);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let results: Mutex<Vec<(usize, MemberReport)>> = Mutex::new(Vec::with_capacity(todo.len()));
    let per_member = Document::MEMBER_DOCUMENTS.len();
    let jobs = todo.len() * per_member;
    let pending: Vec<Mutex<Vec<Outcome>>> = todo.iter().map(|_| Mutex::new(Vec::new())).collect();
    let workers = ctx.options.jobs.clamp(1, jobs.max(1));
    // The queue to the writer is short, so that few PDFs wait in memory.
    let (complete, written) = sync_channel::<(usize, Vec<Outcome>)>(workers);
    std::thread::scope(|scope| {
        let (pending, recap_started, early, fatal_ref, next) =
            (&pending, &recap_started, &early, &fatal, &next);
        scope.spawn(|| {
            let mut journal = journal;
            for (i, mut outcomes) in written {
                outcomes.sort_by_key(|o| o.doc);
                let mut member = members[i].clone();
                match ctx.finish_and_record(&mut member, outcomes, &mut journal, &fingerprints[i]) {
                    Ok(()) => {
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        progress.member_done(&member, n, todo.len());
                        if let Ok(mut r) = results.lock() {
                            r.push((i, member));
                        }
                    }
                    Err(e) => {
                        if let Ok(mut f) = fatal.lock() {
                            f.get_or_insert(e);
                        }
                    }
                }
            }
        });
        let worker = move |complete: SyncSender<(usize, Vec<Outcome>)>| {
            if !recap_started.swap(true, Ordering::SeqCst)
                && let Some(recap) = early_recap
            {
                let compiled = ctx.compile_recap(recap, workers <= 1);
                if let Ok(mut r) = early.lock() {
                    *r = Some(compiled);
                }
            }
            loop {
                if fatal_ref.lock().map(|f| f.is_some()).unwrap_or(true) {
                    break;
                }
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= jobs {
                    break;
                }
                let (slot, doc) = (k / per_member, Document::MEMBER_DOCUMENTS[k % per_member]);
                let i = todo[slot];
                let Some(outcome) = ctx.compile_caught(&campaign.members[i], doc) else {
                    continue;
                };
                let outcomes = {
                    let Ok(mut outcomes) = pending[slot].lock() else {
                        continue;
                    };
                    outcomes.push(outcome);
                    if outcomes.len() < per_member {
                        continue;
                    }
                    std::mem::take(&mut *outcomes)
                };
                if complete.send((i, outcomes)).is_err() {
                    break;
                }
            }
        };
        pool.broadcast(|_| worker(complete.clone()));
        drop(complete);
    });
    Built {
        members: results.into_inner().unwrap_or_default(),
        fatal: fatal.into_inner().ok().flatten(),
        recap: early.into_inner().ok().flatten(),
    }
}
