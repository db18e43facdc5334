//! The integration tests, in one binary (each module was a binary of its own, each linking
//! Typst and axum): the sample campaign end to end, the command line run as the binary, invalid
//! and hostile campaigns, the portal over HTTP and in a real browser, the layout of the sources.
//! `cargo test --release --test tests <module>::` runs one module (`scripts/test portal::`).

mod common;

mod browser;
mod build;
mod build_id;
mod cli;
mod commands;
mod desk;
mod desk_browser;
mod escape;
mod hostile;
mod invalid;
mod layout;
mod mail;
mod panic;
mod portal;
mod portal_browser;
mod security;
mod serve;
