//! adhesion: the paperwork of a groupement de commandes, as PDFs.
//!
//! The pipeline, in reading order: [`load`] a campaign folder (YAML into the [`model`]),
//! [`validate`] it ([`ids`], [`communes`]), [`render`] Tera-templated Typst sources from a
//! [`view`] of the data ([`escape`], [`typography`]), [`compile`] them in-process over a shared
//! Typst [`world`], and write the PDFs ([`output`]), skipping members whose inputs did not
//! change ([`manifest`]). [`build`] runs it for a whole batch, a panic on one member
//! becoming that member's failure ([`fault`]);
//! [`cli`] is the command line.

// A `Diagnostic` (about 150 bytes) is the error of every per-member step: boxing it would buy
// nothing on paths that run once per document.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cli;
pub mod communes;
pub mod compile;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod escape;
pub mod fault;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod init;
pub mod load;
pub mod manifest;
pub mod model;
pub mod new;
pub mod output;
pub mod print_file;
pub mod recap;
pub mod render;
pub mod typography;
pub mod validate;
pub mod view;
pub mod watch;
pub mod world;

pub use build::{Options, Report, Status, run};
pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
