//! The members' portal (`adhesion serve`, issue 11): each member opens its personal link, fills
//! in its file on a page pre-filled from its member file, checks it with the rules of
//! `adhesion check`, downloads its PDFs and deposits it. See `docs/portal.md`.
//!
//! - [`state`]: the SQLite database (tokens, statuses, drafts) and the coordinator's functions
//!   ([`state::invite`], [`state::renew`], [`state::reopen`], [`state::invitations_csv`]);
//! - [`form`]: a draft from the form's fields or the API's JSON, and a diagnostic's field;
//! - [`routes`] and [`page`]: the HTTP server and its HTML.
//!
//! The work is the pipeline's ([`Pipeline::member`]): the portal writes a draft with the
//! member-file writer, then checks and compiles that text exactly as the batch would.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use adhesion_core::date::Date;
use adhesion_core::diagnostic::Diagnostic;
use adhesion_core::document::Document;
use adhesion_core::load;
use adhesion_core::member_file::{Comments, Draft, check_round_trip};
use adhesion_core::pipeline::{MemberOutput, Pipeline};

pub mod auth;
pub mod desk;
pub mod form;
pub mod page;
pub mod routes;
pub mod state;

pub use routes::router;
pub use state::{invitations_csv, invite, renew, reopen};

/// What can stop the portal or a coordinator's command.
#[derive(Debug)]
pub enum Error {
    Db(rusqlite::Error),
    Io(PathBuf, std::io::Error),
    Random(String),
    UnknownMember(String),
    Campaign(adhesion_core::error::Error),
    /// The member was deposited while this request was under way.
    Deposited,
    /// Another tab saved the draft first: it is now at this version.
    Conflict(i64),
    /// The member file changed by hand while a deposit was under way.
    FileChanged,
    /// The database was made by a newer adhesion (its schema version).
    NewerSchema(i64),
    /// A password shorter than this many characters.
    WeakPassword(usize),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Db(e) => adhesion_core::tr!("portal-error-database", error = e.to_string()),
            Error::Io(path, e) => {
                adhesion_core::tr!(
                    "portal-error-io",
                    path = path.display(),
                    error = e.to_string()
                )
            }
            Error::Random(e) => adhesion_core::tr!("portal-error-random", error = e),
            Error::UnknownMember(id) => adhesion_core::tr!("portal-error-unknown-member", id = id),
            Error::Campaign(e) => e.to_string(),
            Error::Deposited => adhesion_core::tr!("portal-refused-deposited"),
            Error::Conflict(_) => adhesion_core::tr!("portal-conflict"),
            Error::FileChanged => adhesion_core::tr!("portal-refused-file-changed"),
            Error::NewerSchema(v) => adhesion_core::tr!("portal-error-newer-schema", version = v),
            Error::WeakPassword(n) => adhesion_core::tr!("portal-error-weak-password", min = n),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e)
    }
}

impl From<adhesion_core::error::Error> for Error {
    fn from(e: adhesion_core::error::Error) -> Self {
        Error::Campaign(e)
    }
}

/// Typst's cache is evicted every this many documents... (see [`App::compiled`])
const CACHE_EVICT_EVERY: usize = 8;
/// ...of the entries unused during the last this many evictions: the texts every member shares
/// (the convention's) stay, one member's layouts go.
const CACHE_MAX_AGE: usize = 4;

/// The portal's shared state: the campaign's pipeline, opened once, and the database.
pub struct App {
    pub root: PathBuf,
    pub pipeline: Pipeline,
    db: Mutex<Connection>,
    /// The day the portal believes it is: the deadline is compared with it.
    pub today: Date,
    /// Bounds the compiling work running at once (PDFs, previews, pages that lay out).
    pub(crate) pool: tokio::sync::Semaphore,
    /// Bounds the light work (a save, the API's JSON) apart, so that it never queues behind PDFs.
    pub(crate) light: tokio::sync::Semaphore,
    /// Documents compiled or laid out, for the eviction of Typst's cache.
    compiled: std::sync::atomic::AtomicUsize,
    /// Served behind a reverse proxy: the client's address is the last of `X-Forwarded-For`,
    /// and `X-Forwarded-Proto: https` makes the desk's cookie `Secure`.
    pub behind_proxy: bool,
    /// Sign-in attempts per address.
    pub attempts: auth::Attempts,
    /// The annexe 2's number of pages by the SHA-256 of a draft's text: the page shows that many
    /// preview images without laying the annexe out again (a PDF or a preview fills it).
    preview_pages: Mutex<std::collections::HashMap<Vec<u8>, usize>>,
    /// The desk's summaries of the members, by id, with the hash of the text they were made of.
    pub(crate) summaries: Mutex<std::collections::HashMap<String, (Vec<u8>, desk::Summary)>>,
}

/// One member as a request finds it.
pub struct Current {
    pub row: state::Row,
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
    pub fn new(row: state::Row, path: PathBuf, file_text: String) -> Self {
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
        let file_changed = row.notice.as_deref() == Some(state::NOTICE_FILE_CHANGED);
        Self {
            row,
            path,
            file_text,
            draft,
            file_changed,
        }
    }
}

/// A draft checked: its YAML, the pipeline's output, and every diagnostic with its field.
pub struct Checked {
    pub yaml: String,
    pub output: MemberOutput,
    pub diagnostics: Vec<(Diagnostic, Option<String>)>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|(d, _)| d.is_error())
    }
}

/// Why a submission was refused.
#[derive(Debug)]
pub enum Refusal {
    Closed,
    Deposited,
    Errors,
}

/// Today, from the system clock (UTC).
pub fn system_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_unix(secs).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

impl App {
    /// Opens the campaign in `root` (its pipeline and its database), for `today` (the system's
    /// date when `None`).
    pub fn open(root: &Path, today: Option<Date>) -> Result<Self, Error> {
        let pipeline = Pipeline::open(root, None)?;
        let db = state::open(root)?;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Self {
            root: root.to_owned(),
            pipeline,
            db: Mutex::new(db),
            today: today.unwrap_or_else(system_today),
            pool: tokio::sync::Semaphore::new(workers),
            light: tokio::sync::Semaphore::new(2 * workers),
            compiled: std::sync::atomic::AtomicUsize::new(0),
            behind_proxy: false,
            attempts: auth::Attempts::default(),
            summaries: Mutex::new(std::collections::HashMap::new()),
            preview_pages: Mutex::new(std::collections::HashMap::new()),
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
    /// cache loses what the last [`CACHE_MAX_AGE`] evictions did not use. Without it the
    /// server keeps every member's layouts (1.7 GiB after 10,000 requests, `docs/performance.md`).
    pub(crate) fn compiled(&self) {
        let n = self
            .compiled
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        if n.is_multiple_of(CACHE_EVICT_EVERY) {
            typst::comemo::evict(CACHE_MAX_AGE);
        }
    }

    /// The annexe 2's number of pages for the draft `yaml`, when it was laid out already.
    pub(crate) fn known_pages(&self, yaml: &str) -> Option<usize> {
        let cache = self.preview_pages.lock().unwrap_or_else(|e| e.into_inner());
        cache.get(&state::file_hash(yaml)).copied()
    }

    /// Remembers the annexe 2's number of pages for the draft `yaml`.
    pub(crate) fn remember_pages(&self, yaml: &str, pages: usize) {
        let mut cache = self.preview_pages.lock().unwrap_or_else(|e| e.into_inner());
        // A bound, not a policy: a draft's entry is only worth its next page view.
        if cache.len() >= 100_000 {
            cache.clear();
        }
        cache.insert(state::file_hash(yaml), pages);
    }

    pub(crate) fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the joining deadline has passed.
    pub fn closed(&self) -> bool {
        self.today > self.pipeline.groupement().marche.date_limite_adhesion.value
    }

    /// The member of `token`, or `None` (unknown token, or its member file is gone).
    ///
    /// A member file changed by hand since the draft was made from it wins: the draft is set
    /// aside ([`state::set_aside`]) and the commune told ([`Current::file_changed`]).
    pub fn current(&self, token: &str) -> Result<Option<Current>, Error> {
        let Some(mut row) = state::by_token(&self.db(), token)? else {
            return Ok(None);
        };
        let Some(path) = state::member_path(&self.root, &row.id) else {
            return Ok(None);
        };
        let file_text = std::fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let file_hash = state::file_hash(&file_text);
        if row.status == state::Status::Invited {
            let db = self.db();
            state::set_status(&db, &row.id, state::Status::Opened)?;
            state::audit(&db, Some(&row.id), "open", "", "")?;
            row.status = state::Status::Opened;
        }
        if let (Some(draft), Some(base)) = (&row.draft, &row.base_hash)
            && *base != file_hash
        {
            let db = self.db();
            if *draft == file_text {
                // The file holds the draft itself: a deposit cut before its database update.
                state::rebase(&db, &row.id, &file_hash)?;
            } else if state::set_aside(&db, &row.id, row.version)? {
                state::audit(&db, Some(&row.id), "file-changed", "", "")?;
                row = state::by_id(&db, &row.id)?.unwrap_or(row);
            }
        }
        Ok(Some(Current::new(row, path, file_text)))
    }

    /// Writes `draft` as its member file's text (with the file's comments) and checks it;
    /// compiles `docs` when it has no error. `input` are the problems of the input itself.
    pub fn check(
        &self,
        current: &Current,
        draft: &Draft,
        input: Vec<Diagnostic>,
        docs: &[Document],
    ) -> Checked {
        let comments = Comments::scan(&current.file_text, draft);
        let yaml = draft.to_yaml(&comments);
        let output = self.pipeline.member(&current.path, yaml.clone(), docs);
        let index = form::line_index(&yaml);
        let mut diagnostics: Vec<(Diagnostic, Option<String>)> = input
            .into_iter()
            .map(|d| {
                let f = form::field_of(&d, &index);
                (d, f)
            })
            .collect();
        for d in &output.diagnostics {
            let f = form::field_of(d, &index);
            diagnostics.push((d.clone(), f));
        }
        Checked {
            yaml,
            output,
            diagnostics,
        }
    }

    /// Saves the draft made of `fields` for the member of `current`; gives it checked, with its
    /// new version. With `expected`, a draft saved meanwhile by another tab (a version other
    /// than `expected`) is not overwritten: [`Error::Conflict`]. `address` goes to the audit log
    /// with the fields changed.
    pub fn save(
        &self,
        current: &Current,
        fields: &std::collections::BTreeMap<String, String>,
        input: Vec<Diagnostic>,
        expected: Option<i64>,
        address: &str,
    ) -> Result<(Draft, Checked, i64), Error> {
        let (draft, mut problems) = form::draft_from_fields(fields, &current.draft, &current.path);
        problems.splice(0..0, input);
        let checked = self.check(current, &draft, problems, &[]);
        let status = match current.row.status {
            state::Status::Invited | state::Status::Opened => state::Status::Draft,
            s => s,
        };
        let base = state::file_hash(&current.file_text);
        let db = self.db();
        let tx = db.unchecked_transaction()?;
        let version =
            state::save_draft(&tx, &current.row.id, &checked.yaml, status, &base, expected)?;
        let changes = changes(&current.draft, &draft);
        state::audit(&tx, Some(&current.row.id), "save", &changes, address)?;
        tx.commit()?;
        Ok((draft, checked, version))
    }

    /// Deposits the member's current draft: with no error, its member file is written
    /// (atomically, read back first) and its status becomes deposited. The database stays
    /// locked meanwhile, so that no save slips between the check and the write; a member file
    /// changed by hand since the request read it is never overwritten ([`Error::FileChanged`]).
    pub fn deposit(
        &self,
        current: &Current,
        address: &str,
    ) -> Result<Result<(), (Refusal, Option<Checked>)>, Error> {
        if !current.row.status.editable() {
            return Ok(Err((Refusal::Deposited, None)));
        }
        if self.closed() {
            return Ok(Err((Refusal::Closed, None)));
        }
        let checked = self.check(current, &current.draft, Vec::new(), &[]);
        if checked.has_errors() {
            return Ok(Err((Refusal::Errors, Some(checked))));
        }
        if let Err(problem) = check_round_trip(&current.path, &checked.yaml, &current.draft) {
            return Err(Error::Io(
                current.path.clone(),
                std::io::Error::other(problem),
            ));
        }
        let db = self.db();
        match state::by_id(&db, &current.row.id)? {
            Some(row) if row.status == state::Status::Deposited => return Err(Error::Deposited),
            Some(row) if row.version != current.row.version => {
                return Err(Error::Conflict(row.version));
            }
            _ => {}
        }
        let on_disk = std::fs::read_to_string(&current.path)
            .map_err(|e| Error::Io(current.path.clone(), e))?;
        if on_disk != current.file_text {
            return Err(Error::FileChanged);
        }
        adhesion_core::write::write_atomic(&current.path, checked.yaml.as_bytes())
            .map_err(|e| Error::Io(current.path.clone(), std::io::Error::other(e.to_string())))?;
        // A kill here leaves the file written and the row a draft of the same text:
        // `current` notices (the file holds the draft) and the commune deposits again.
        let tx = db.unchecked_transaction()?;
        state::save_draft(
            &tx,
            &current.row.id,
            &checked.yaml,
            state::Status::Deposited,
            &state::file_hash(&checked.yaml),
            None,
        )?;
        state::audit(&tx, Some(&current.row.id), "deposit", "", address)?;
        tx.commit()?;
        Ok(Ok(()))
    }
}

/// The fields changed from `old` to `new`, as a JSON list of `{champ, avant, apres}` for the
/// audit log.
pub fn changes(old: &Draft, new: &Draft) -> String {
    let (old, new) = (form::flatten(old), form::flatten(new));
    let empty = String::new();
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let list: Vec<serde_json::Value> = keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (old.get(k).unwrap_or(&empty), new.get(k).unwrap_or(&empty));
            (a != b).then(|| serde_json::json!({"champ": k, "avant": a, "apres": b}))
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Serves the portal of the campaign in `root` on `addr` until Ctrl-C or SIGTERM, then finishes
/// the requests in flight. `today` replaces the system's date (a demonstration after the
/// deadline, the tests). Prints the address it listens on.
pub async fn serve(
    root: PathBuf,
    addr: SocketAddr,
    today: Option<Date>,
    behind_proxy: bool,
) -> Result<(), Error> {
    let app = tokio::task::spawn_blocking(move || {
        App::open(&root, today).map(|app| app.with_proxy(behind_proxy))
    })
    .await
    .map_err(|e| Error::Io(PathBuf::new(), std::io::Error::other(e.to_string())))??;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Io(PathBuf::from(addr.to_string()), e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Io(PathBuf::from(addr.to_string()), e))?;
    println!(
        "{}",
        adhesion_core::tr!("portal-listening", url = format!("http://{local}"))
    );
    // The client's address goes to the audit log (`routes::Client`).
    let service = router(Arc::new(app)).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Error::Io(PathBuf::from(local.to_string()), e))
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
