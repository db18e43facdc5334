//! Compiling a rendered Typst source to PDF, in-process.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::layout::{Frame, FrameItem};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::compile::world::{Base, CampaignFiles, DocumentWorld};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Position};
use crate::document::Document;
use crate::msg;

pub mod world;

/// A compiled document.
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// Time spent laying out, then exporting to PDF.
    pub layout_time: Duration,
    pub export_time: Duration,
}

/// Where the rendered sources are shown to the user in diagnostics: the main file of a member's
/// document under its output folder, the partials at the top of `out/`.
pub struct SourcePaths<'a> {
    /// `out/<id>/` (or `out/vierge/`).
    pub member_dir: &'a Path,
    /// `out/`.
    pub out_dir: &'a Path,
}

impl SourcePaths<'_> {
    fn path(&self, world: &DocumentWorld, id: typst::syntax::FileId) -> PathBuf {
        let rel = id.get().vpath().get_without_slash().to_owned();
        if id == world.main() {
            self.member_dir.join(rel)
        } else {
            self.out_dir.join(rel)
        }
    }
}

/// The PDF settings every document gets: PDF/A-2b, tagged, PDF/UA-1, a stable identifier and a
/// fixed creation date, so that the same inputs give the same bytes.
pub fn pdf_options(ident: String, date: Date) -> PdfOptions {
    let standards = PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1])
        .unwrap_or_else(|_| PdfStandards::new(&[PdfStandard::A_2b]).unwrap_or_default());
    PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!(
            "adhesion {} (Typst 0.15)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0)
            .map(Timestamp::new_utc),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    }
}

/// Compiles `text` as the main file of `doc` and exports it.
pub fn compile(
    base: &Base,
    files: &CampaignFiles,
    doc: Document,
    text: String,
    options: &PdfOptions,
    paths: &SourcePaths,
) -> Result<Compiled, Vec<Diagnostic>> {
    compile_world(&DocumentWorld::new(base, files, doc, text), options, paths)
}

/// Compiles the main file of `world` and exports it.
pub fn compile_world(
    world: &DocumentWorld,
    options: &PdfOptions,
    paths: &SourcePaths,
) -> Result<Compiled, Vec<Diagnostic>> {
    let start = Instant::now();
    let warned = typst::compile::<PagedDocument>(world);
    let layout_time = start.elapsed();
    let mut warnings = convert(world, &warned.warnings, paths);
    let document = match warned.output {
        Ok(d) => d,
        Err(errors) => {
            let mut all = convert(world, &errors, paths);
            all.append(&mut warnings);
            return Err(all);
        }
    };
    let start = Instant::now();
    let pdf = typst_pdf::pdf(&document, options).map_err(|errors| {
        let mut all = convert(world, &errors, paths);
        all.append(&mut warnings.clone());
        all
    })?;
    Ok(Compiled {
        pdf,
        pages: document.pages().len(),
        warnings,
        layout_time,
        export_time: start.elapsed(),
    })
}

/// Compiles `text` and returns the laid-out document, for tests that read its text.
pub fn layout(
    base: &Base,
    files: &CampaignFiles,
    doc: Document,
    text: String,
) -> Result<PagedDocument, Vec<String>> {
    let world = DocumentWorld::new(base, files, doc, text);
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect())
}

/// The text of a laid-out document, run by run, one line per text run.
pub fn document_text(document: &PagedDocument) -> String {
    fn walk(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push('\n');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

/// Typst's diagnostics in our look, located in the rendered sources.
fn convert(
    world: &DocumentWorld,
    diagnostics: &[SourceDiagnostic],
    paths: &SourcePaths,
) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let message = msg!(
                "render-typst",
                message = crate::diagnostic::lower_first(&d.message)
            );
            let file = d.span.id().map(|id| paths.path(world, id));
            let mut out = match d.severity {
                TypstSeverity::Error => {
                    Diagnostic::error("typst", file.clone().unwrap_or_default(), message)
                }
                TypstSeverity::Warning => {
                    Diagnostic::warning("typst", file.clone().unwrap_or_default(), message)
                }
            };
            if let (Some(id), Some(range)) = (d.span.id(), world.range(d.span))
                && let Ok(source) = world.source(id)
                && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
            {
                let text = source.text();
                let len = text
                    .get(range.clone())
                    .map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1));
                out = out.at(
                    text,
                    Position {
                        line: line + 1,
                        column: column + 1,
                        len,
                    },
                );
            }
            if let Some(hint) = d.hints.iter().find(|h| h.span.is_detached()) {
                out = out.with_hint(msg!("render-typst-hint", hint = hint.v));
            }
            out
        })
        .collect()
}
