//! The members' portal (`adhesion serve`): each member opens its personal link, fills in its
//! file on a page pre-filled from its member file, checks it with the rules of
//! `adhesion check`, downloads its PDFs and deposits it; the coordinator follows the campaign
//! on the desk (`/admin`). See `docs/portal.md`.
//!
//! By audience:
//! - [`member`]: the member's side: its page, its form's routes, the JSON API;
//! - [`desk`]: the coordinator's desk: the list, a member, the journal, the downloads, the
//!   session;
//! - [`legal`]: the accessibility statement and the personal data notice, for everyone.
//!
//! Under both:
//! - [`service`]: what the portal does ([`App`], the shared state, and its work on a member's
//!   file, the links, the campaign, the sign-in), for the routes and the command line;
//! - [`db`]: the SQLite database, which owns every SQL statement;
//! - [`http`]: the blocking runner, the client's address, the responses, and [`http::Failure`],
//!   the one mapping of a failure to a response;
//! - [`pages`] (the Tera templates), [`form`] (the fields of a member's file), [`status`],
//!   [`secret`] (tokens), [`time`];
//! - [`server`]: the router and `serve`, its accept loop and limits; [`logging`]: what the
//!   server tells its operator.

// A response is the rejection of the extractors and a checked draft the error of a PDF: both
// are made once per request, where boxing them would buy nothing.
#![allow(clippy::result_large_err)]

pub mod db;
pub mod desk;
pub mod error;
pub mod form;
pub mod http;
pub mod legal;
pub mod logging;
pub mod mail;
pub mod member;
pub mod pages;
pub mod secret;
pub mod server;
pub mod service;
pub mod status;
pub mod time;

pub use error::Error;
pub use server::{router, serve};
pub use service::App;
pub use status::Status;
