//! One member, from its text to its PDFs, in memory: the stages of the pipeline joined for a
//! campaign made ready once.
//!
//! A [`Pipeline`] holds what every member's documents share: the campaign's data, its templates
//! parsed and its partials rendered, Typst's world with the fonts. [`Pipeline::member`] then takes
//! one member file's text through [`load`](crate::load), [`validate`](crate::validate),
//! [`render`](crate::render) and [`compile`](crate::compile), and gives its PDFs as bytes: the
//! batch ([`crate::build`]) and the portal call the same code, only the batch writes files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compile::world::{Base, CampaignFiles, Shared};
use crate::compile::{self, SourcePaths};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Rendered};
use crate::error::{Error, Result};
use crate::load::{self, MemberFile};
use crate::model::{Groupement, Member};
use crate::render::Templates;
use crate::render::view::{CampaignView, MemberView};
use crate::report::Stages;
use crate::validate;

/// A campaign made ready to check, render and compile its members.
pub struct Pipeline {
    pub(crate) groupement: Groupement,
    pub(crate) templates: Templates,
    /// The campaign's variables (`groupement`), as every template sees them.
    pub(crate) context: tera::Context,
    /// The partial templates, rendered once for the campaign.
    pub(crate) partials: Vec<Rendered>,
    pub(crate) base: Base,
    pub(crate) files: CampaignFiles,
    /// The documents' date.
    pub date: Date,
    /// Where the rendered sources would be written, for the paths in Typst's diagnostics.
    pub(crate) out: PathBuf,
}

/// The campaign's side of a pipeline, before Typst's world is loaded: enough to check members.
pub struct Prepared {
    pub groupement: Groupement,
    pub templates: Templates,
    pub context: tera::Context,
    pub partials: Vec<Rendered>,
}

impl Prepared {
    /// Renders the partials of `templates` for the campaign `groupement`; a template error is
    /// fatal.
    pub fn new(groupement: Groupement, templates: Templates) -> Result<Self> {
        let context = Templates::campaign_context(&CampaignView::new(&groupement));
        let partials = templates.render_partials(&context)?;
        Ok(Self {
            groupement,
            templates,
            context,
            partials,
        })
    }

    /// Loads Typst's world (`shared`: the library and fonts, when already loaded on another
    /// thread) for documents dated `date`, whose sources are shown under `out`.
    pub fn into_pipeline(self, shared: Option<Shared>, date: Date, out: &Path) -> Pipeline {
        let files = CampaignFiles::new(&self.partials, &self.templates.assets, date);
        let base = match shared {
            Some(shared) => Base::with_shared(shared, &self.templates.fonts),
            None => Base::new(&self.templates.fonts),
        };
        Pipeline {
            groupement: self.groupement,
            templates: self.templates,
            context: self.context,
            partials: self.partials,
            base,
            files,
            date,
            out: out.to_owned(),
        }
    }
}

/// One document rendered and compiled (or not), in memory.
pub struct Outcome {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// The rendered Typst source, when rendering succeeded.
    pub source: Option<String>,
    /// The PDF and its page count, when compiling succeeded.
    pub pdf: Option<(Vec<u8>, usize)>,
    pub stages: Stages,
}

impl Outcome {
    /// A document that could not be made, for `diagnostic`'s reason.
    pub fn failed(doc: Document, diagnostic: Diagnostic) -> Self {
        Self {
            doc,
            diagnostics: vec![diagnostic],
            source: None,
            pdf: None,
            stages: Stages::default(),
        }
    }
}

/// What [`Pipeline::member`] gives: the member's diagnostics (its warnings too), and its
/// documents when there is no error.
pub struct MemberOutput {
    pub diagnostics: Vec<Diagnostic>,
    /// The member's parsed data, when its file parsed.
    pub member: Option<Member>,
    /// The PDFs asked for, in the order asked, with their page counts; empty on any error.
    pub documents: Vec<(Document, Vec<u8>, usize)>,
}

impl MemberOutput {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Pipeline {
    /// A pipeline for the campaign in `root` (its `groupement.yaml` and `templates/`), for
    /// documents dated `date` (the campaign's `date_edition` when `None`).
    pub fn open(root: &Path, date: Option<Date>) -> Result<Self> {
        let (groupement, source) = load::load_groupement(root)?;
        let diagnostics = validate::groupement(&groupement, &source);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Campaign(diagnostics));
        }
        let templates = Templates::load(&root.join("templates"))?;
        let date = date.unwrap_or(groupement.date_edition);
        Ok(Prepared::new(groupement, templates)?.into_pipeline(None, date, &root.join("out")))
    }

    pub fn groupement(&self) -> &Groupement {
        &self.groupement
    }

    /// Checks one member file alone (the checks across members need the whole campaign).
    pub fn check(&self, file: &MemberFile) -> Vec<Diagnostic> {
        match &file.member {
            Ok(m) => validate::member(m, &file.source, &self.groupement),
            Err(d) => d.clone(),
        }
    }

    /// One member from the text of its file (`path` names it in diagnostics and gives its id):
    /// checked, then, with no error, the documents `docs` rendered and compiled, in memory.
    pub fn member(&self, path: &Path, text: String, docs: &[Document]) -> MemberOutput {
        let file = load::member_from_text(path, text);
        let mut diagnostics = self.check(&file);
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let member = file.member.ok();
        let mut output = MemberOutput {
            diagnostics,
            member,
            documents: Vec::new(),
        };
        let Some(m) = output.member.as_ref().filter(|_| !output.has_errors()) else {
            return output;
        };
        let view = MemberView::new(&file.id, m);
        let mut documents = Vec::new();
        for &doc in docs {
            let outcome = self.compile_document(&file.id, &view, false, doc);
            output.diagnostics.extend(outcome.diagnostics);
            if let Some((pdf, pages)) = outcome.pdf {
                documents.push((doc, pdf, pages));
            }
        }
        if !output.has_errors() && documents.len() == docs.len() {
            output.documents = documents;
        }
        output
    }

    /// Renders and compiles one document of a member (`blank`: the form to fill by hand);
    /// nothing is written.
    pub fn compile_document(
        &self,
        id: &str,
        view: &MemberView,
        blank: bool,
        doc: Document,
    ) -> Outcome {
        let mut outcome = Outcome {
            doc,
            diagnostics: Vec::new(),
            source: None,
            pdf: None,
            stages: Stages::default(),
        };
        let start = Instant::now();
        let rendered = self
            .templates
            .render_document(doc, &self.context, view, blank);
        outcome.stages.render = start.elapsed();
        let text = match rendered {
            Ok(t) => t,
            Err(d) => {
                outcome.diagnostics.push(d);
                return outcome;
            }
        };
        outcome.source = Some(text.clone());
        let ident = format!("adhesion/{id}/{}", doc.pdf_name());
        let options = compile::pdf_options(ident, self.date);
        let dir = self.out.join(id);
        let paths = SourcePaths {
            member_dir: &dir,
            out_dir: &self.out,
        };
        match compile::compile(&self.base, &self.files, doc, text, &options, &paths) {
            Ok(c) => {
                outcome.stages.layout = c.layout_time;
                outcome.stages.export = c.export_time;
                outcome.stages.documents = 1;
                outcome.diagnostics.extend(c.warnings);
                outcome.pdf = Some((c.pdf, c.pages));
            }
            Err(d) => outcome.diagnostics.extend(d),
        }
        outcome
    }

    /// Compiles `text`, a Typst source of the caller's own (the portal's attestation of a
    /// deposit), over the campaign's files and fonts (it may import `/style.typ`), as
    /// `/<name>.typ`; gives the PDF, or the errors.
    pub fn compile_source(
        &self,
        name: &str,
        text: String,
    ) -> std::result::Result<Vec<u8>, Vec<Diagnostic>> {
        let path = format!("/{name}.typ");
        let Some(id) = compile::world::file_id(&path) else {
            return Err(Vec::new());
        };
        let world = compile::world::DocumentWorld::from_source(
            &self.base,
            &self.files,
            typst::syntax::Source::new(id, text),
        );
        let options = compile::pdf_options(format!("adhesion/{name}.pdf"), self.date);
        let paths = SourcePaths {
            member_dir: &self.out,
            out_dir: &self.out,
        };
        compile::compile_world(&world, &options, &paths).map(|c| c.pdf)
    }

    /// One member's document laid out (not exported), from the member file's `text` at `path`,
    /// for page images (the portal's preview); `None` when the member has an error or the
    /// document does not compile.
    pub fn layout(
        &self,
        path: &Path,
        text: String,
        doc: Document,
    ) -> Option<typst_layout::PagedDocument> {
        let file = load::member_from_text(path, text);
        if self.check(&file).iter().any(|d| d.is_error()) {
            return None;
        }
        let member = file.member.as_ref().ok()?;
        let view = MemberView::new(&file.id, member);
        let text = self
            .templates
            .render_document(doc, &self.context, &view, false)
            .ok()?;
        compile::layout(&self.base, &self.files, doc, text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{Options, run};
    use crate::report::Silent;

    /// The portal's way (one member's text, in memory) gives the very bytes of the batch's PDFs.
    #[test]
    fn one_member_in_memory_is_the_batch_member() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let path = root.join("members/44/chateaubriant.yaml");
        let out = tempfile::tempdir().unwrap();
        let mut options = Options::new(root);
        options.out = out.path().to_owned();
        options.only = vec![path.clone()];
        options.jobs = 1;
        let report = run(&options, &Silent).unwrap();
        assert!(report.success(), "{:?}", report.members[0].diagnostics);

        let pipeline = Pipeline::open(root, None).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let output = pipeline.member(&path, text, &Document::MEMBER_DOCUMENTS);
        assert!(!output.has_errors(), "{:?}", output.diagnostics);
        assert_eq!(output.documents.len(), 3);
        for (doc, pdf, pages) in &output.documents {
            let written = std::fs::read(out.path().join("chateaubriant").join(doc.pdf_name()));
            assert!(written.unwrap() == *pdf, "{doc:?} differs from the batch's");
            assert!(*pages >= 1);
        }
    }

    /// A member with an error gives its diagnostics, at their line, and no document.
    #[test]
    fn an_invalid_member_gives_diagnostics_and_no_document() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let path = root.join("members/44/chateaubriant.yaml");
        let text = std::fs::read_to_string(&path).unwrap().replacen(
            "siren: 214400368",
            "siren: 214400369",
            1,
        );
        let pipeline = Pipeline::open(root, None).unwrap();
        let output = pipeline.member(&path, text, &[Document::Annexe2]);
        assert!(output.has_errors());
        assert!(output.documents.is_empty());
        let d = output.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(d.code, "siren", "{d:?}");
        assert!(d.position.is_some());
        assert!(output.member.is_some());
    }
}
