//! The print file: every member's convention then annexe 2, in member order, in one PDF
//! (`out/impression.pdf`) for the print shop.
//!
//! The members' PDFs are placed whole, page by page, as vector images in a Typst document, so that
//! the print file is exactly what the members receive. The same assembly joins the parts of a
//! long recap, compiled separately so that memory stays bounded.

use std::fmt::Write as _;
use std::path::Path;

use typst::syntax::Source;

use crate::compile::world::{self, Base, CampaignFiles, DocumentWorld};
use crate::compile::{self, Compiled, SourcePaths};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::i18n::Message;
use crate::msg;
use crate::write;

/// The documents of each member that go to print, in this order.
pub const PRINTED: [Document; 2] = [Document::Convention, Document::Annexe2];

/// File ids are a 16-bit space that is never freed: one print file can hold this many PDFs.
pub const MAX_DOCUMENTS: usize = 30_000;

pub const FILE_NAME: &str = "impression.pdf";

/// Writes `out/impression.pdf` from the members' PDFs already in `out/`. `members` gives each
/// member's id and the page counts of its documents (in [`Document::MEMBER_DOCUMENTS`] order). Returns the
/// number of pages.
pub fn write(
    base: &Base,
    out: &Path,
    members: &[(String, Vec<usize>)],
    date: Date,
) -> Result<usize, Diagnostic> {
    let path = out.join(FILE_NAME);
    let fail = |message: Message| Diagnostic::error("merge", &path, message);
    if members.len() * PRINTED.len() > MAX_DOCUMENTS {
        return Err(fail(msg!(
            "build-print-too-many",
            count = members.len() * PRINTED.len(),
            max = MAX_DOCUMENTS
        )));
    }
    let mut pdfs = Vec::new();
    for (id, counts) in members {
        for doc in PRINTED {
            let index = Document::MEMBER_DOCUMENTS
                .iter()
                .position(|d| *d == doc)
                .unwrap_or(0);
            let count = counts.get(index).copied().unwrap_or(0);
            let file = out.join(id).join(doc.pdf_name());
            let bytes = std::fs::read(&file).map_err(|e| {
                fail(msg!(
                    "build-print-cannot-read",
                    file = file.display(),
                    error = e
                ))
            })?;
            pdfs.push((bytes, count));
        }
    }
    let compiled =
        assemble(base, &pdfs, "adhesion/impression.pdf", date, out).map_err(|d| Diagnostic {
            file: path.clone(),
            ..d
        })?;
    write::write_atomic(&path, &compiled.pdf)
        .map_err(|e| fail(Message::rendered(e.to_string())))?;
    Ok(compiled.pages)
}

/// One PDF made of the pages of `pdfs` (bytes, page count), each page at its own size.
pub fn assemble(
    base: &Base,
    pdfs: &[(Vec<u8>, usize)],
    ident: &str,
    date: Date,
    out: &Path,
) -> Result<Compiled, Diagnostic> {
    let mut main = String::from("#set page(width: auto, height: auto, margin: 0pt)\n");
    let mut names = Vec::with_capacity(pdfs.len());
    let mut pages = 0;
    for (i, (_, count)) in pdfs.iter().enumerate() {
        let name = format!("pdf/{i}.pdf");
        for page in 1..=*count {
            if pages > 0 {
                main.push_str("#pagebreak()\n");
            }
            let _ = writeln!(main, "#image(\"/{name}\", page: {page})");
            pages += 1;
        }
        names.push(name);
    }
    let files = CampaignFiles::new(&[], names.iter().zip(pdfs.iter().map(|(b, _)| b)), date);
    let main_id = world::file_id("assemblage.typ")
        .ok_or_else(|| Diagnostic::error("merge", out, msg!("build-print-no-file-id")))?;
    let world = DocumentWorld::from_source(base, &files, Source::new(main_id, main));
    let mut options = compile::pdf_options(ident.to_owned(), date);
    options.standards = Default::default();
    options.tagged = false;
    let paths = SourcePaths {
        member_dir: out,
        out_dir: out,
    };
    compile::compile_world(&world, &options, &paths).map_err(|mut d| d.remove(0))
}
