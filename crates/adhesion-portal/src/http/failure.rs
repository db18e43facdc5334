//! A request that failed, and the one place where a failure becomes a response: its status, and
//! a page in French (or, for the API, `{"error": ...}` with its details). A failure of the
//! server itself is logged there with its cause and the request's id, which its page shows.

use adhesion_core::i18n::{Arg, Lang, text_in};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::html;
use crate::error::Error;
use crate::pages;
use crate::service::Refusal;

/// A failed request (boxed: it travels in every handler's `Result`).
#[derive(Debug)]
pub struct Failure(Box<Inner>);

#[derive(Debug)]
struct Inner {
    status: StatusCode,
    kind: Kind,
    /// Answered as JSON (the API) rather than as a page.
    json: bool,
    /// The API's wording when it differs from the page's (the script cannot show the entries).
    json_text: Option<String>,
    /// More of the API's answer (the diagnostics of a refused deposit, a version).
    extra: Map<String, Value>,
    /// Why the server failed, for its log (never shown).
    cause: Option<String>,
    /// Seconds after which the request may be sent again (`Retry-After`).
    retry_after: Option<u64>,
}

#[derive(Debug)]
enum Kind {
    /// An unknown link or page.
    NotFound,
    /// A page that says one thing: the catalogue's id of its text, or the text.
    Message(String),
    /// A page listing the problems of a draft, with a link back.
    Problems {
        title: String,
        back: String,
        problems: Vec<pages::Problem>,
    },
}

impl Failure {
    /// An unknown link or page (404).
    pub fn not_found() -> Failure {
        Failure::new(StatusCode::NOT_FOUND, Kind::NotFound)
    }

    /// A failure of the server itself (500): its cause goes to the log, the page says nothing
    /// of it but the request's reference.
    pub fn internal(cause: impl std::fmt::Display) -> Failure {
        let mut f = Failure::message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error");
        f.0.cause = Some(cause.to_string());
        f
    }

    /// Too many requests: `id`'s page, and `Retry-After` in `wait` (whole seconds, at least 1).
    pub fn too_many(id: &str, wait: std::time::Duration) -> Failure {
        let mut f = Failure::message(StatusCode::TOO_MANY_REQUESTS, id);
        f.0.retry_after = Some(wait.as_secs_f64().ceil().max(1.0) as u64);
        f
    }

    /// A page that only says the catalogue's message `id`.
    pub fn message(status: StatusCode, id: &str) -> Failure {
        Failure::text(status, text_in(Lang::Fr, id, &[]))
    }

    /// A page that only says `text`.
    pub fn text(status: StatusCode, text: String) -> Failure {
        Failure::new(status, Kind::Message(text))
    }

    /// A page listing `problems` under the catalogue's message `id`, with a link back to `back`.
    pub fn problems(
        status: StatusCode,
        id: &str,
        back: &str,
        problems: Vec<pages::Problem>,
    ) -> Failure {
        Failure::new(
            status,
            Kind::Problems {
                title: text_in(Lang::Fr, id, &[]),
                back: back.to_owned(),
                problems,
            },
        )
    }

    /// A page with one problem, `text`, and a link back to `back`.
    pub fn problem(status: StatusCode, text: String, back: &str) -> Failure {
        Failure::new(
            status,
            Kind::Problems {
                title: text.clone(),
                back: back.to_owned(),
                problems: Vec::new(),
            },
        )
    }

    /// A refused change or deposit: its status and wording, with the draft's problems.
    pub fn refused(refusal: &Refusal, back: &str, problems: Vec<pages::Problem>) -> Failure {
        let (status, id) = match refusal {
            Refusal::Closed => (StatusCode::FORBIDDEN, "portal-refused-closed"),
            Refusal::Deposited => (StatusCode::CONFLICT, "portal-refused-deposited"),
            Refusal::Errors => (StatusCode::UNPROCESSABLE_ENTITY, "portal-refused-errors"),
        };
        Failure::problems(status, id, back, problems)
    }

    fn new(status: StatusCode, kind: Kind) -> Failure {
        Failure(Box::new(Inner {
            status,
            kind,
            json: false,
            json_text: None,
            extra: Map::new(),
            cause: None,
            retry_after: None,
        }))
    }

    /// The same failure, answered as the API's JSON.
    pub fn json(mut self) -> Failure {
        self.0.json = true;
        self
    }

    /// The same failure with `key` in the API's answer.
    pub fn with(mut self, key: &str, value: Value) -> Failure {
        self.0.extra.insert(key.to_owned(), value);
        self
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }
}

/// The portal's errors: a member deposited or changed meanwhile is a conflict (409), worded for
/// the page or the script; anything else is internal.
impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::Deposited => Failure::message(StatusCode::CONFLICT, "portal-refused-deposited"),
            Error::Conflict(version) => {
                let mut f = Failure::message(StatusCode::CONFLICT, "portal-conflict")
                    .with("version", json!(version));
                f.0.json_text = Some(text_in(Lang::Fr, "portal-conflict-script", &[]));
                f
            }
            Error::FileChanged => {
                Failure::message(StatusCode::CONFLICT, "portal-refused-file-changed")
            }
            Error::OverLimit(problems) => Failure::problems(
                StatusCode::UNPROCESSABLE_ENTITY,
                "server-over-limit",
                "",
                pages::problems_of(&problems),
            ),
            Error::TooManySaves(wait) => Failure::too_many("server-too-many-saves", wait),
            e => Failure::internal(e),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let this = *self.0;
        // A failure of the server: logged with its cause, its page gives the reference.
        let reference = this.status.is_server_error().then(|| {
            let id = crate::logging::request_id();
            let cause = this.cause.as_deref().unwrap_or("-");
            tracing::error!(id = %id, status = this.status.as_u16(), cause, "internal error");
            id
        });
        let mut response = if this.json && !matches!(this.kind, Kind::NotFound) {
            json_answer(
                this.status,
                this.kind,
                this.json_text,
                this.extra,
                &reference,
            )
        } else {
            let reference = reference
                .filter(|id| !id.is_empty())
                .map(|id| text_in(Lang::Fr, "server-error-reference", &[("id", Arg::Str(id))]));
            let page = match this.kind {
                Kind::NotFound => pages::not_found(),
                Kind::Message(text) => pages::message(&text, reference.as_deref()),
                Kind::Problems {
                    title,
                    back,
                    problems,
                } => pages::problems(&title, &back, &problems),
            };
            html(this.status, page)
        };
        if let Some(seconds) = this.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The API's answer to a failure: `{"error": text}`, with its details and the reference of a
/// failure of the server.
fn json_answer(
    status: StatusCode,
    kind: Kind,
    json_text: Option<String>,
    extra: Map<String, Value>,
    reference: &Option<String>,
) -> Response {
    let text = match kind {
        _ if json_text.is_some() => json_text.unwrap_or_default(),
        Kind::Message(text) => text,
        Kind::Problems { title, .. } => title,
        Kind::NotFound => String::new(),
    };
    let mut body = Map::new();
    body.insert("error".into(), Value::String(text));
    body.extend(extra);
    if let Some(id) = reference {
        body.insert("reference".into(), Value::String(id.clone()));
    }
    super::json(status, Value::Object(body))
}
