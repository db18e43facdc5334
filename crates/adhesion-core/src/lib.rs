//! adhesion: the paperwork of a groupement de commandes, as PDFs.
//!
//! The pipeline, one folder or file per stage, in reading order:
//!
//! - [`load`]: a campaign folder's YAML into the [`model`];
//! - [`validate`]: the rules of the data contract, with the identifiers ([`validate::ids`]) and
//!   the list of French communes ([`crate::communes`]);
//! - [`render`]: Tera-templated Typst sources from a view of the data ([`render::view`],
//!   [`render::recap`]);
//! - [`compile`]: Typst, in-process, over a shared world ([`compile::world`]);
//! - [`write`]: the PDFs written atomically, the recap's workbook ([`write::xlsx`]), and the
//!   manifest of what is up to date ([`fingerprint`]).
//!
//! [`pipeline`] runs the stages for one member, in memory; [`build`] runs them for a whole
//! campaign (its scheduler in [`build::scheduler`]) and reports each member ([`report`]), a panic
//! on one member becoming that member's failure ([`fault`]). Member files are written by
//! [`member_file`] (for [`new`] and [`import`]). The command line (`src/cli/`) and the portal
//! (`crates/adhesion-portal`) are on top of this crate.
//! Every text a user reads comes from the message catalogue ([`i18n`], `locales/`). No module
//! uses one that uses it (`tests/layout.rs`).

// A `Diagnostic` (about 150 bytes) is the error of every per-member step: boxing it would buy
// nothing on paths that run once per document.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod communes;
pub mod compile;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod fault;
pub mod fingerprint;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod init;
pub mod load;
pub mod member_file;
pub mod model;
pub mod new;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod sheet;
pub mod validate;
pub mod write;

pub use build::{Options, run};
pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
pub use report::{Report, Status};
