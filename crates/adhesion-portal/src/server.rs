//! The server: the routes of both audiences under the layers every request goes through, and
//! `serve`, which listens until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use adhesion_core::date::Date;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::get;
use tower_http::timeout::TimeoutLayer;

use crate::error::Error;
use crate::http::{self, Failure};
use crate::service::App;
use crate::{desk, legal, member};

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The longest a request may take, body included (a slow client, a queue of PDFs): past it,
/// 408. A PDF of a thousand schools takes about a second.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

const SCRIPT: &str = include_str!("portail.js");
const STYLE: &str = include_str!("portail.css");

/// The portal's routes over `app`.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(member::routes())
        .merge(desk::routes())
        .merge(legal::routes())
        .route(
            "/static/portail.js",
            get(|| async { http::asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/static/portail.css",
            get(|| async { http::asset("text/css; charset=utf-8", STYLE) }),
        )
        .fallback(|| async { Failure::not_found() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            http::client_address,
        ))
        .layer(middleware::from_fn(http::security_headers))
        .with_state(app)
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
    // The client's address goes to the audit log (`http::Client`).
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
