//! The service layer: what the portal does, whoever asks (the member's side, the desk, the
//! command line). [`App`] is the shared state; its work is split by topic: a member's file
//! ([`member`]: read, save, deposit), the coordinator's links ([`links`]: invite, renew,
//! reopen), the desk's views of the campaign ([`campaign`]), signing in ([`auth`]), and what
//! is refused beyond a bound ([`limits`]).
//!
//! The work on documents is the pipeline's ([`Pipeline::member`]): the portal writes a draft with
//! the member-file writer, then checks and compiles that text exactly as the batch would.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use adhesion_core::date::Date;
use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::load;
use adhesion_core::member_file::Draft;
use adhesion_core::pipeline::{MemberOutput, Pipeline};

use crate::db::{Db, NOTICE_FILE_CHANGED, Row};
use crate::error::Error;
use crate::secret::file_hash;
use crate::time::{Clock, DayClock, SystemClock, today};

pub mod attestation;
pub mod auth;
pub mod campaign;
pub mod limits;
pub mod links;
pub mod mail;
pub mod member;
pub mod outbox;
pub mod pieces;

/// Typst's cache is evicted every this many documents compiled or laid out...
const CACHE_EVICT_EVERY: usize = 8;
/// ...of the entries unused during the last this many evictions: the texts every member shares
/// (the convention's) stay, one member's layouts go (`docs/performance.md`, the portal under
/// load).
const CACHE_MAX_AGE: usize = 4;

/// The portal's shared state: the campaign's pipeline, opened once, and the database.
pub struct App {
    pub root: PathBuf,
    pub pipeline: Pipeline,
    pub db: Db,
    /// Where « today » comes from (the deadline is compared with it), in Paris.
    pub clock: Arc<dyn Clock>,
    /// Bounds the compiling work running at once (PDFs, previews, pages that lay out).
    pub(crate) pool: Arc<tokio::sync::Semaphore>,
    /// Bounds the light work (a save, the API's JSON) apart, so that it never queues behind PDFs.
    pub(crate) light: Arc<tokio::sync::Semaphore>,
    /// Bounds the Argon2 hashes of the sign-ins apart, so that they never take the others' cores
    /// ([`auth::PASSWORD_PERMITS`]).
    pub(crate) password: Arc<tokio::sync::Semaphore>,
    /// Documents compiled or laid out, for the eviction of Typst's cache.
    compiled: AtomicUsize,
    /// Served behind a reverse proxy: the client's address is the last of `X-Forwarded-For`,
    /// and `X-Forwarded-Proto: https` makes the desk's cookie `Secure`.
    pub behind_proxy: bool,
    /// Sign-in attempts per address.
    pub attempts: auth::Attempts,
    /// Saves per member ([`limits::SAVES_PER_MINUTE`]).
    pub(crate) saves: limits::Window<String>,
    /// The requests with an unknown link, per address ([`auth::Bucket`]).
    pub(crate) unknown_links: limits::Window<auth::Bucket>,
    /// Whether the operator was warned of a request forwarded by a proxy while the server does
    /// not believe proxies (once is enough).
    pub(crate) warned_proxy: AtomicBool,
    /// The annexe 2's number of pages by the SHA-256 of a draft's text: the page shows that many
    /// preview images without laying the annexe out again (a PDF or a preview fills it).
    preview_pages: Mutex<HashMap<Vec<u8>, usize>>,
    /// The desk's summaries of the members, by id, with the hash of the text they were made of.
    pub(crate) summaries: Mutex<HashMap<String, (Vec<u8>, campaign::Summary)>>,
    /// The mail, when the campaign has a `courriel:` section ([`App::with_mail`]).
    pub mail: Option<Arc<mail::MailSetup>>,
}

/// One member as a request finds it.
pub struct Current {
    pub row: Row,
    /// Its member file.
    pub path: PathBuf,
    /// The member file's text (its comments go into every draft written).
    pub file_text: String,
    /// The draft (or the member file when there is none), as values.
    pub draft: Draft,
    /// The member file changed by hand since the commune's last save: its draft was set aside
    /// and the form shows the file (the commune is told until it saves).
    pub file_changed: bool,
}

impl Current {
    /// Member `row` with its member file at `path` holding `file_text`: the draft's values, or
    /// the file's when there is no draft (or it does not load).
    pub fn new(row: Row, path: PathBuf, file_text: String) -> Self {
        let from = |text: &str| {
            load::member_from_text(&path, text.to_owned())
                .member
                .ok()
                .map(|m| Draft::from(&m))
        };
        let draft = row
            .draft
            .as_deref()
            .and_then(from)
            .or_else(|| from(&file_text))
            .unwrap_or_default();
        let file_changed = row.notice.as_deref() == Some(NOTICE_FILE_CHANGED);
        Self {
            row,
            path,
            file_text,
            draft,
            file_changed,
        }
    }
}

/// A draft checked: its YAML, the pipeline's output, and its diagnostics.
pub struct Checked {
    pub yaml: String,
    pub output: MemberOutput,
    /// Every problem, the input's first, each with the field it is about when it has one.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a submission was refused.
#[derive(Debug)]
pub enum Refusal {
    Closed,
    Deposited,
    Errors,
}

impl App {
    /// Opens the campaign in `root` (its pipeline and its database), its clock on the day
    /// `today` (the system's clock when `None`).
    pub fn open(root: &Path, today: Option<Date>) -> Result<Self, Error> {
        let pipeline = Pipeline::open(root, None)?;
        let db = Db::open(root)?;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Self {
            root: root.to_owned(),
            pipeline,
            db,
            clock: match today {
                Some(day) => Arc::new(DayClock::on(day)),
                None => Arc::new(SystemClock),
            },
            pool: Arc::new(tokio::sync::Semaphore::new(workers)),
            light: Arc::new(tokio::sync::Semaphore::new(2 * workers)),
            password: Arc::new(tokio::sync::Semaphore::new(auth::PASSWORD_PERMITS)),
            compiled: AtomicUsize::new(0),
            behind_proxy: false,
            attempts: auth::Attempts::default(),
            saves: limits::Window::new(limits::SAVES_PER_MINUTE, Duration::from_secs(60)),
            unknown_links: limits::Window::new(
                limits::UNKNOWN_LINKS_PER_MINUTE,
                Duration::from_secs(60),
            ),
            warned_proxy: AtomicBool::new(false),
            summaries: Mutex::new(HashMap::new()),
            mail: None,
            preview_pages: Mutex::new(HashMap::new()),
        })
    }

    /// The same app, served behind a reverse proxy or not ([`App::behind_proxy`]).
    pub fn with_proxy(self, behind_proxy: bool) -> Self {
        Self {
            behind_proxy,
            ..self
        }
    }

    /// Counts a document compiled or laid out; every [`CACHE_EVICT_EVERY`] of them, Typst's
    /// cache loses what the last [`CACHE_MAX_AGE`] evictions did not use: without it the
    /// server would keep every member's layouts.
    pub(crate) fn compiled(&self) {
        let n = self.compiled.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(CACHE_EVICT_EVERY) {
            typst::comemo::evict(CACHE_MAX_AGE);
        }
    }

    /// The annexe 2's number of pages for the draft `yaml`, when it was laid out already.
    pub(crate) fn known_pages(&self, yaml: &str) -> Option<usize> {
        let cache = self.preview_pages.lock().unwrap_or_else(|e| e.into_inner());
        cache.get(&file_hash(yaml)).copied()
    }

    /// Remembers the annexe 2's number of pages for the draft `yaml`.
    pub(crate) fn remember_pages(&self, yaml: &str, pages: usize) {
        let mut cache = self.preview_pages.lock().unwrap_or_else(|e| e.into_inner());
        // A bound, not a policy: a draft's entry is only worth its next page view.
        if cache.len() >= 100_000 {
            cache.clear();
        }
        cache.insert(file_hash(yaml), pages);
    }

    /// The same app on `clock`.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { clock, ..self }
    }

    /// Today, in Paris, now.
    pub fn today(&self) -> Date {
        today(self.clock.now())
    }

    /// Whether the joining deadline has passed (at midnight, Paris time, after its day).
    pub fn closed(&self) -> bool {
        self.today() > self.pipeline.groupement().marche.date_limite_adhesion.value
    }
}

/// The member files under `root/members`, by id (file stem), sorted by path.
pub fn member_files(root: &Path) -> Vec<(String, PathBuf)> {
    let mut notes = Vec::new();
    load::discover(&root.join("members"), &mut notes)
        .into_iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            Some((id, p))
        })
        .collect()
}

/// The member file of `id`.
pub fn member_path(root: &Path, id: &str) -> Option<PathBuf> {
    member_files(root)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, p)| p)
}
