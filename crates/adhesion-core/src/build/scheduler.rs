//! The threads of a batch: one job per document, member after member, taken from a queue by
//! every worker of the pool; a member's PDFs go to one writer thread once its last document is
//! compiled. The documents of one member are compiled in parallel too, so that one member alone
//! is built faster; the writer lets the workers go on compiling while the disk is slow.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

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
    progress.start(batch.todo.len());
    let queue = Queue::new(batch);
    // The queue to the writer is short, so that few PDFs wait in memory.
    let (complete, written) = sync_channel::<(usize, Vec<Outcome>)>(queue.workers);
    std::thread::scope(|scope| {
        let queue = &queue;
        scope.spawn(move || queue.write(written, journal, progress));
        pool.broadcast(|_| queue.work(complete.clone()));
        drop(complete);
    });
    Built {
        members: queue.results.into_inner().unwrap_or_default(),
        fatal: queue.fatal.into_inner().ok().flatten(),
        recap: queue.early.into_inner().ok().flatten(),
    }
}

/// What the workers and the writer share: the jobs, one per document, member after member,
/// and what came of them.
struct Queue<'a> {
    batch: &'a Batch<'a>,
    /// Documents per member.
    per_member: usize,
    /// Documents to compile.
    jobs: usize,
    workers: usize,
    /// The next job to take.
    next: AtomicUsize,
    /// Members written.
    done: AtomicUsize,
    /// A worker took the early recap (or there is none).
    recap_started: AtomicBool,
    early: Mutex<Option<Result<Vec<u8>, Diagnostic>>>,
    fatal: Mutex<Option<Error>>,
    results: Mutex<Vec<(usize, MemberReport)>>,
    /// The documents of each member of `todo` compiled so far.
    pending: Vec<Mutex<Vec<Outcome>>>,
}

impl<'a> Queue<'a> {
    fn new(batch: &'a Batch<'a>) -> Self {
        let per_member = Document::MEMBER_DOCUMENTS.len();
        let jobs = batch.todo.len() * per_member;
        Self {
            batch,
            per_member,
            jobs,
            workers: batch.ctx.options.jobs.clamp(1, jobs.max(1)),
            next: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            recap_started: AtomicBool::new(batch.early_recap.is_none()),
            early: Mutex::new(None),
            fatal: Mutex::new(None),
            results: Mutex::new(Vec::with_capacity(batch.todo.len())),
            pending: batch.todo.iter().map(|_| Mutex::new(Vec::new())).collect(),
        }
    }

    /// The writer thread: finishes and records each member whose documents are all compiled,
    /// until the workers are done; the first error is fatal.
    fn write(
        &self,
        written: Receiver<(usize, Vec<Outcome>)>,
        mut journal: Journal,
        progress: &dyn Progress,
    ) {
        let Batch {
            ctx,
            members,
            todo,
            fingerprints,
            ..
        } = *self.batch;
        for (i, mut outcomes) in written {
            outcomes.sort_by_key(|o| o.doc);
            let mut member = members[i].clone();
            match ctx.finish_and_record(&mut member, outcomes, &mut journal, &fingerprints[i]) {
                Ok(()) => {
                    let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress.member_done(&member, n, todo.len());
                    if let Ok(mut r) = self.results.lock() {
                        r.push((i, member));
                    }
                }
                Err(e) => {
                    if let Ok(mut f) = self.fatal.lock() {
                        f.get_or_insert(e);
                    }
                }
            }
        }
    }

    /// A worker: the early recap if no other worker took it, then documents from the queue
    /// until there are none left or the run failed; a member's last document sends its
    /// documents to the writer.
    fn work(&self, complete: SyncSender<(usize, Vec<Outcome>)>) {
        let Batch {
            ctx,
            campaign,
            todo,
            early_recap,
            ..
        } = *self.batch;
        if !self.recap_started.swap(true, Ordering::SeqCst)
            && let Some(recap) = early_recap
        {
            let compiled = ctx.compile_recap(recap, self.workers <= 1);
            if let Ok(mut r) = self.early.lock() {
                *r = Some(compiled);
            }
        }
        loop {
            if self.fatal.lock().map(|f| f.is_some()).unwrap_or(true) {
                break;
            }
            let k = self.next.fetch_add(1, Ordering::Relaxed);
            if k >= self.jobs {
                break;
            }
            let per_member = self.per_member;
            let (slot, doc) = (k / per_member, Document::MEMBER_DOCUMENTS[k % per_member]);
            let i = todo[slot];
            let Some(outcome) = ctx.compile_caught(&campaign.members[i], doc) else {
                continue;
            };
            let outcomes = {
                let Ok(mut outcomes) = self.pending[slot].lock() else {
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
    }
}
