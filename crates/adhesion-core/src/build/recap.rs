//! The recap in a batch: compiled early from the rows the members should give, checked against
//! the rows they gave, written as CSV, and as workbook and PDF unless up to date.

use crate::compile::{self, SourcePaths};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::fault;
use crate::i18n::Message;
use crate::load::Campaign;
use crate::render::recap::{Recap, Standing};
use crate::report::MemberReport;
use crate::write;
use crate::write::manifest::Fingerprint;

use super::member::BuildContext;
use super::{CACHE_MAX_AGE, Options, print_file};

/// What decides whether the recap PDF is up to date.
pub(super) struct RecapPlan {
    /// What every output depends on (see `campaign_fingerprint`).
    common: Fingerprint,
    /// The fingerprint of the recap of the last run.
    previous: Option<String>,
    force: bool,
    pdf: std::path::PathBuf,
    /// The members' standing in the portal, when the campaign has one.
    standings: Option<std::collections::HashMap<String, Standing>>,
}

/// The recap the members should give if every member builds as planned.
pub(super) struct Expected {
    pub(super) recap: Recap,
    csv: String,
    /// The PDF on disk is this recap's: not compiled at all.
    pub(super) fresh: bool,
}

impl RecapPlan {
    pub(super) fn new(common: Fingerprint, previous: Option<String>, options: &Options) -> Self {
        Self {
            common,
            previous,
            force: options.force,
            pdf: options.out.join(Document::Recapitulatif.pdf_name()),
            standings: options.standings.clone(),
        }
    }

    /// The recap of `members`, with their standing in the portal when there is one.
    fn recap(&self, campaign: &Campaign, members: &[MemberReport]) -> Recap {
        let recap = Recap::new(&campaign.members, members);
        match &self.standings {
            Some(standings) => recap.with_standings(standings),
            None => recap,
        }
    }

    /// The recap's CSV, its fingerprint, and whether the PDF on disk was made from it.
    fn fingerprint(&self, recap: &Recap) -> (String, String, bool) {
        let csv = recap.csv();
        let mut fp = self.common;
        let fingerprint = fp.add(csv.as_bytes()).hex();
        let fresh = !self.force
            && self.previous.as_deref() == Some(fingerprint.as_str())
            && self.pdf.is_file();
        (csv, fingerprint, fresh)
    }

    /// The recap expected from the members as planned, before any is built.
    pub(super) fn expect(&self, campaign: &Campaign, members: &[MemberReport]) -> Expected {
        let recap = self.recap(campaign, members);
        let (csv, _, fresh) = self.fingerprint(&recap);
        Expected { recap, csv, fresh }
    }
}

impl BuildContext<'_> {
    /// Writes `out/recapitulatif.csv` and, unless it is fresh, `out/recapitulatif.pdf`, from
    /// `early` when it was compiled from the same rows as `expected` while the members were
    /// built; gives the recap's fingerprint.
    pub(super) fn write_recap(
        &self,
        plan: &RecapPlan,
        campaign: &Campaign,
        members: &[MemberReport],
        expected: Option<Expected>,
        early: Option<Result<Vec<u8>, Diagnostic>>,
    ) -> Result<String, Diagnostic> {
        let recap = plan.recap(campaign, members);
        let (csv, fingerprint, fresh) = plan.fingerprint(&recap);
        // Compiled early from the same rows (a member that failed to build changes them).
        let compiled = early.filter(|_| expected.as_ref().is_some_and(|e| e.csv == csv));
        self.write_recap_files(&recap, &csv, fresh, compiled)?;
        Ok(fingerprint)
    }

    /// Writes `out/recapitulatif.csv` and, unless they are fresh, `out/recapitulatif.xlsx` and
    /// `out/recapitulatif.pdf` (the PDF from `compiled` when it was compiled from the same rows
    /// while the members were built).
    /// `fresh`: the PDF was built from the same campaign, templates and rows: not built again.
    fn write_recap_files(
        &self,
        recap: &Recap,
        csv: &str,
        fresh: bool,
        compiled: Option<Result<Vec<u8>, Diagnostic>>,
    ) -> Result<(), Diagnostic> {
        let out = &self.options.out;
        let csv_path = out.join("recapitulatif.csv");
        let xlsx_path = out.join("recapitulatif.xlsx");
        let pdf_path = out.join(Document::Recapitulatif.pdf_name());
        let written =
            |e: Error| Diagnostic::error("write", &csv_path, Message::rendered(e.to_string()));
        write::write_atomic(&csv_path, csv.as_bytes()).map_err(written)?;
        // The workbook, like the PDF, is made from the rows, the date and the tool's version that
        // the fingerprint covers: fresh, it is the one on disk, and is not made again.
        if !(fresh && xlsx_path.is_file()) {
            let bytes = write::xlsx::recap_xlsx(recap, self.pipeline.date).map_err(|e| {
                Diagnostic::error("write", &xlsx_path, Message::rendered(e.to_string()))
            })?;
            write::write_atomic(&xlsx_path, &bytes).map_err(|e| {
                Diagnostic::error("write", &xlsx_path, Message::rendered(e.to_string()))
            })?;
        }
        if fresh {
            return Ok(());
        }
        let pdf = match compiled {
            Some(result) => result?,
            None => {
                // The members' layouts are not needed any more.
                typst::comemo::evict(0);
                self.compile_recap(recap, true)?
            }
        };
        write::write_atomic(&pdf_path, &pdf).map_err(written)
    }

    /// Compiles the recap PDF, a panic becoming an error about it (see [`Self::compile_parts`]).
    pub(super) fn compile_recap(&self, recap: &Recap, alone: bool) -> Result<Vec<u8>, Diagnostic> {
        let pdf = self.options.out.join(Document::Recapitulatif.pdf_name());
        fault::catch(&pdf, || self.compile_parts(recap, alone)).and_then(|r| r)
    }

    /// Compiles the recap PDF, in parts of [`crate::render::recap::ROWS_PER_PART`] rows, joined.
    /// `alone`: no other document is being compiled, so the cache can be emptied after each part.
    fn compile_parts(&self, recap: &Recap, alone: bool) -> Result<Vec<u8>, Diagnostic> {
        let out = &self.options.out;
        let paths = SourcePaths {
            member_dir: out,
            out_dir: out,
        };
        // Each part's layout is not needed by the next: memory stays that of about one part.
        // Alone, the worker empties the cache; otherwise the others' documents keep theirs and
        // age the part out.
        let evict = || typst::comemo::evict(if alone { 0 } else { CACHE_MAX_AGE });
        let parts_of = recap.parts();
        let joined = parts_of.len() > 1;
        let mut parts = Vec::new();
        let mut next_page = 1;
        for mut part in parts_of {
            part.premiere_page = next_page;
            let text = self
                .pipeline
                .templates
                .render_recap(&self.pipeline.context, &part)?;
            let mut options =
                compile::pdf_options("adhesion/recapitulatif.pdf".into(), self.pipeline.date);
            if joined {
                // The parts are placed in the joined PDF as images, which keeps neither their
                // tags nor their standard: not made, they save a fifth of the time and memory.
                options.standards = Default::default();
                options.tagged = false;
            }
            let compiled = compile::compile(
                &self.pipeline.base,
                &self.pipeline.files,
                Document::Recapitulatif,
                text.clone(),
                &options,
                &paths,
            );
            evict();
            match compiled {
                Ok(c) => {
                    next_page += c.pages;
                    parts.push((c.pdf, c.pages));
                }
                Err(mut diagnostics) => {
                    let _ = write::write_atomic(
                        &out.join(Document::Recapitulatif.template()),
                        text.as_bytes(),
                    );
                    let _ = write::remove_stale(&out.join(Document::Recapitulatif.pdf_name()));
                    let _ = self.write_partials();
                    return Err(diagnostics.remove(0));
                }
            }
        }
        if parts.len() == 1 {
            return Ok(parts.remove(0).0);
        }
        let joined = print_file::assemble(
            &self.pipeline.base,
            &parts,
            "adhesion/recapitulatif.pdf",
            self.pipeline.date,
            out,
        )?;
        evict();
        Ok(joined.pdf)
    }
}
