//! The server: the routes of both audiences under the layers every request goes through, and
//! `serve`, which listens until Ctrl-C or SIGTERM. Its own accept loop ([`serve_on`]) bounds
//! what a client may hold: the connections at once, the time to send a request's headers.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use adhesion_core::date::Date;
use adhesion_core::tr;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Service;
use tower_http::timeout::TimeoutLayer;

use crate::error::Error;
use crate::http::{self, Failure};
use crate::logging;
use crate::service::App;
use crate::{desk, legal, member};

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The longest a request may take, body included (a slow client, a queue of PDFs): past it,
/// 408. A PDF of a thousand schools takes about a second.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

const SCRIPT: &str = include_str!("portail.js");
const STYLE: &str = include_str!("portail.css");

/// The portal's routes over `app`.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(member::routes().route_layer(middleware::from_fn_with_state(
            app.clone(),
            member::refuse_link_guessers,
        )))
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
        .layer(middleware::from_fn_with_state(
            app.clone(),
            http::security_headers,
        ))
        // Outermost: a request timed out is logged with its 408. Inside the routing, it sees
        // the route's pattern.
        .layer(middleware::from_fn(logging::log_request))
        .with_state(app)
}

/// What a client may hold of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest a client may take to send a request's headers, and to start the next one on
    /// a kept-alive connection; past it the connection is closed.
    pub header_read_timeout: Duration,
    /// Connections served at once; the next ones wait to be accepted.
    pub max_connections: usize,
    /// At shutdown, the longest wait for the requests under way.
    pub grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            max_connections: 512,
            grace: REQUEST_TIMEOUT,
        }
    }
}

/// Serves the portal of the campaign in `root` on `addr` until Ctrl-C or SIGTERM, then finishes
/// the requests in flight. `today` replaces the system's date (a demonstration after the
/// deadline, the tests). Prints the address it listens on; warns when that address and the
/// proxy setting disagree.
pub async fn serve(
    root: PathBuf,
    addr: SocketAddr,
    today: Option<Date>,
    behind_proxy: bool,
    smtp_password: Option<String>,
) -> Result<(), Error> {
    let app = tokio::task::spawn_blocking(move || {
        let app = App::open(&root, today)?.with_proxy(behind_proxy);
        app.with_mail(smtp_password).map_err(Error::Mail)
    })
    .await
    .map_err(|e| Error::Io(PathBuf::new(), std::io::Error::other(e.to_string())))??;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Io(PathBuf::from(addr.to_string()), e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Io(PathBuf::from(addr.to_string()), e))?;
    if !local.ip().is_loopback() && !behind_proxy {
        tracing::warn!("{}", tr!("server-open-address", addr = local.to_string()));
    }
    let stop = shutdown();
    println!(
        "{}",
        tr!("portal-listening", url = format!("http://{local}"))
    );
    let app = Arc::new(app);
    // The outbox, sent in the background; what is left resumes at the next start.
    let sender = tokio::spawn(crate::service::outbox::run(app.clone()));
    serve_on(listener, router(app), Limits::default(), stop).await;
    sender.abort();
    Ok(())
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves, then lets the
/// requests under way finish (at most `limits.grace`). Each connection is HTTP/1.1 with a
/// header-read timeout; the client's address goes to the handlers (`ConnectInfo`).
pub async fn serve_on(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let mut make = router.into_make_service_with_connect_info::<SocketAddr>();
    let graceful = GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A connection slot first: past the limit, clients wait in the system's queue.
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait, never stop serving.
                    tracing::warn!("{}", tr!("server-accept-failed", error = e.to_string()));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = match make.call(remote).await {
            Ok(service) => service,
            Err(never) => match never {},
        };
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .keep_alive(true);
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(limits.grace) => {},
    }
}

/// Resolves on Ctrl-C or SIGTERM. The signals are caught from this call on (not from the
/// future's first poll): one sent as soon as the address is printed stops the server
/// gracefully rather than killing it.
#[cfg(unix)]
fn shutdown() -> impl Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        tokio::select! {
            () = received(interrupt) => {},
            () = received(terminate) => {},
        }
    }
}

#[cfg(not(unix))]
fn shutdown() -> impl Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Resolves when `signal` is received (never without one).
#[cfg(unix)]
async fn received(signal: Option<tokio::signal::unix::Signal>) {
    match signal {
        Some(mut s) => {
            s.recv().await;
        }
        None => std::future::pending::<()>().await,
    }
}
