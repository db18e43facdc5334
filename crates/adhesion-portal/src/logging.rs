//! What the server tells its operator, on standard error with `tracing`: one line per request
//! (method, route pattern, status, time, request id), errors with their cause, warnings. A
//! personal link never reaches the log: a request is logged by its route's pattern
//! (`/m/{token}`), never by its path. The request id is on the response (`x-request-id`) and
//! on the error page (« référence »), so that a commune's call can be matched to a log line.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, fmt};

/// How the log is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// One line of text per event, for a person or journald.
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Sends the log to standard error, in `format`: the portal's events (and its libraries') of
/// level INFO and above. Once per process; later calls do nothing.
pub fn init(format: LogFormat) {
    let filter = Targets::new().with_default(tracing::Level::INFO);
    let layer = match format {
        LogFormat::Text => fmt::layer()
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .with_target(false)
            .boxed(),
        LogFormat::Json => fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .with_writer(std::io::stderr)
            .boxed(),
    };
    let _ = tracing_subscriber::registry()
        .with(layer.with_filter(filter))
        .try_init();
}

tokio::task_local! {
    /// The id of the request being answered, for the failures it meets.
    static REQUEST_ID: String;
}

/// The id of the request being answered (empty outside one).
pub fn request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_default()
}

/// A new request id: 64 random bits in upper-case hexadecimal (a number read over the phone).
fn new_id() -> String {
    let mut bytes = [0u8; 8];
    // Without the system's randomness, an id from the clock: still enough to find a line.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes = (nanos as u64).to_be_bytes();
    }
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Gives the request its id (in `x-request-id` too), answers it, and logs one line: method,
/// route pattern (`-` when no route matched), status, milliseconds, id.
pub async fn log_request(request: Request, next: Next) -> Response {
    let began = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "-".to_owned(), |p| p.as_str().to_owned());
    let id = new_id();
    let mut response = REQUEST_ID.scope(id.clone(), next.run(request)).await;
    let status = response.status().as_u16();
    // Milliseconds, to a tenth.
    let ms = (began.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    tracing::info!(method = %method, route = %route, status, ms, id = %id, "request");
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_16_hexadecimal_digits() {
        let (a, b) = (super::new_id(), super::new_id());
        assert_eq!(a.len(), 16);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        );
        assert_ne!(a, b);
    }
}
