//! What a run did: each member's status, diagnostics and pages, and where the time went.
//!
//! Shared by the batch ([`crate::build`]), the recap that lists every member's status, and the
//! command line that prints them.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// What happened to one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its PDFs were written.
    Built,
    /// Its PDFs are up to date: nothing it depends on changed since they were written.
    Unchanged,
    /// Valid (with `check`).
    Checked,
    /// Not built: see its diagnostics.
    Failed,
}

#[derive(Debug, Clone)]
pub struct MemberReport {
    pub id: String,
    pub path: PathBuf,
    pub status: Status,
    pub diagnostics: Vec<Diagnostic>,
    /// Pages of each document written.
    pub pages: Vec<(Document, usize)>,
}

impl MemberReport {
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Time spent in each stage, summed over documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stages {
    pub render: Duration,
    pub layout: Duration,
    pub export: Duration,
    pub write: Duration,
    /// Documents compiled.
    pub documents: usize,
}

impl Stages {
    pub(crate) fn add(&mut self, other: &Stages) {
        self.render += other.render;
        self.layout += other.layout;
        self.export += other.export;
        self.write += other.write;
        self.documents += other.documents;
    }
}

/// Where the time went, summed over all workers: in total and for each member document (in the
/// order of [`Document::MEMBER_DOCUMENTS`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Wall time of the phases of a run: loading and checking, building the members, the recap
    /// and print file.
    pub setup: Duration,
    pub members: Duration,
    pub campaign_documents: Duration,
    pub total: Stages,
    pub by_document: [Stages; Document::MEMBER_DOCUMENTS.len()],
}

impl Timings {
    pub(crate) fn add(&mut self, other: &Timings) {
        self.total.add(&other.total);
        for (mine, theirs) in self.by_document.iter_mut().zip(&other.by_document) {
            mine.add(theirs);
        }
    }

    /// Counts one document's stages.
    pub(crate) fn record(&mut self, index: usize, stages: Stages) {
        self.total.add(&stages);
        self.by_document[index].add(&stages);
    }
}

/// The outcome of a run, members in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    pub members: Vec<MemberReport>,
    /// Diagnostics about the campaign itself (its file, its folder).
    pub campaign: Vec<Diagnostic>,
    pub timings: Timings,
    /// Pages of the print file, when one was written.
    pub print_pages: Option<usize>,
}

impl Report {
    pub fn count(&self, status: Status) -> usize {
        self.members.iter().filter(|m| m.status == status).count()
    }

    pub fn warned(&self) -> usize {
        self.members.iter().filter(|m| m.warnings() > 0).count()
    }

    /// Whether every selected member went through, and the campaign's own outputs too.
    pub fn success(&self) -> bool {
        self.count(Status::Failed) == 0 && !self.campaign.iter().any(Diagnostic::is_error)
    }
}

/// Called as each member is done, in completion order, with the count done so far.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn member_done(&self, _report: &MemberReport, _done: usize, _total: usize) {}
}

/// No progress reporting.
pub struct Silent;
impl Progress for Silent {}
