//! The kinds of document `adhesion` makes, named once: their templates and their PDFs.

/// The documents produced: three for every member, one for the campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Document {
    Convention,
    Annexe2,
    /// Annexe 1's model: the council decision each member must adopt.
    Deliberation,
    /// The recap of every member's needs, for the call for tenders.
    Recapitulatif,
}

impl Document {
    /// The documents each member gets, in the order their page counts and timings are listed.
    pub const MEMBER_DOCUMENTS: [Document; 3] = [
        Document::Convention,
        Document::Annexe2,
        Document::Deliberation,
    ];
    /// Every document there is a template for: the member documents, then the recap.
    pub const ALL: [Document; 4] = {
        let [convention, annexe2, deliberation] = Self::MEMBER_DOCUMENTS;
        [convention, annexe2, deliberation, Document::Recapitulatif]
    };

    /// The file name of its template, and of its rendered source.
    pub fn template(self) -> &'static str {
        match self {
            Document::Convention => "convention.typ",
            Document::Annexe2 => "annexe-2.typ",
            Document::Deliberation => "modele-deliberation.typ",
            Document::Recapitulatif => "recapitulatif.typ",
        }
    }

    pub fn pdf_name(self) -> &'static str {
        match self {
            Document::Convention => "convention.pdf",
            Document::Annexe2 => "annexe-2.pdf",
            Document::Deliberation => "modele-deliberation.pdf",
            Document::Recapitulatif => "recapitulatif.pdf",
        }
    }

    /// The member's document whose PDF is named `name` (`annexe-2.pdf`), as the portal's URLs
    /// name them.
    pub fn of_pdf_name(name: &str) -> Option<Document> {
        Self::MEMBER_DOCUMENTS
            .into_iter()
            .find(|d| d.pdf_name() == name)
    }

    pub(crate) fn is_document(name: &str) -> bool {
        Self::ALL.iter().any(|d| d.template() == name)
    }
}

/// A rendered Typst file.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Its path inside the templates folder.
    pub name: String,
    pub text: String,
}
