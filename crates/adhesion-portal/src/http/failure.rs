//! A request that failed, and the one place where a failure becomes a response: its status, and
//! a page in French (or, for the API, `{"error": ...}` with its details).

use adhesion_core::i18n::{Lang, text_in};
use axum::http::StatusCode;
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

    /// A failure of the server itself (500): nothing is said of its cause.
    pub fn internal(cause: impl std::fmt::Display) -> Failure {
        let _ = cause;
        Failure::message(StatusCode::INTERNAL_SERVER_ERROR, "portal-internal-error")
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
            e => Failure::internal(e),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let this = *self.0;
        if this.json && !matches!(this.kind, Kind::NotFound) {
            let text = match this.kind {
                _ if this.json_text.is_some() => this.json_text.unwrap_or_default(),
                Kind::Message(text) => text,
                Kind::Problems { title, .. } => title,
                Kind::NotFound => unreachable!(),
            };
            let mut body = Map::new();
            body.insert("error".into(), Value::String(text));
            body.extend(this.extra);
            return super::json(this.status, Value::Object(body));
        }
        let page = match this.kind {
            Kind::NotFound => pages::not_found(),
            Kind::Message(text) => pages::message(&text),
            Kind::Problems {
                title,
                back,
                problems,
            } => pages::problems(&title, &back, &problems),
        };
        html(this.status, page)
    }
}
