//! The Typst world: one shared, immutable base (library, fonts) per process, one set of campaign
//! files (rendered partials, assets) per campaign, and a cheap world per document.
//!
//! File ids are a 16-bit space that Typst never frees, so every id is minted once: one per
//! document role and one per campaign file, reused for every member.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::date::Date;
use crate::document::{Document, Rendered};
use crate::fonts::{EMBEDDED_BOOK, embedded_files};

/// What every document of every campaign shares: the standard library and the fonts.
pub struct Base {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<FontSlot>,
}

/// A font, parsed the first time a document uses it.
struct FontSlot {
    data: Bytes,
    font: OnceLock<Option<Font>>,
}

impl FontSlot {
    fn get(&self) -> Option<Font> {
        self.font
            .get_or_init(|| Font::new(self.data.clone(), 0))
            .clone()
    }
}

/// The part of [`Base`] that does not depend on the campaign: Typst's standard library and the
/// fonts shipped inside the tool. Made on another thread while the campaign is read.
pub struct Shared {
    library: Library,
    infos: Vec<FontInfo>,
    fonts: Vec<FontSlot>,
}

impl Shared {
    /// Typst's standard library and the embedded fonts, described by [`EMBEDDED_BOOK`].
    pub fn load() -> Self {
        let fonts: Vec<FontSlot> = embedded_files()
            .map(|data| FontSlot {
                data: Bytes::new(data),
                font: OnceLock::new(),
            })
            .collect();
        let infos = match serde_json::from_str::<Vec<FontInfo>>(EMBEDDED_BOOK) {
            Ok(infos) if infos.len() == fonts.len() => infos,
            // Not the fonts of this build (the unit test says so): described from the files.
            _ => fonts
                .iter()
                .filter_map(|slot| slot.get().map(|f| f.info().clone()))
                .collect(),
        };
        Self {
            library: Library::default(),
            infos,
            fonts,
        }
    }
}

impl Base {
    /// Loads the embedded fonts (Adhesion Sans, Liberation Sans, Typst's own) and `extra` font
    /// files, which come first so that a campaign can override a family.
    pub fn new(extra: &[Vec<u8>]) -> Self {
        Self::with_shared(Shared::load(), extra)
    }

    /// The base over what [`Shared::load`] made, with the campaign's `extra` font files first.
    pub fn with_shared(shared: Shared, extra: &[Vec<u8>]) -> Self {
        let mut book = FontBook::new();
        let mut fonts = Vec::new();
        for data in extra {
            for font in Font::iter(Bytes::new(data.clone())) {
                book.push(font.info().clone());
                fonts.push(FontSlot {
                    data: font.data().clone(),
                    font: OnceLock::from(Some(font)),
                });
            }
        }
        for info in shared.infos {
            book.push(info);
        }
        fonts.extend(shared.fonts);
        Self {
            library: LazyHash::new(shared.library),
            book: LazyHash::new(book),
            fonts,
        }
    }
}

/// A path in the virtual project root, as an interned file id. Ids are never freed: mint them
/// once per campaign, not once per member.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The files of one campaign that every document may read, with their fixed ids.
pub struct CampaignFiles {
    sources: HashMap<FileId, Source>,
    assets: HashMap<FileId, Bytes>,
    mains: HashMap<Document, FileId>,
    today: Datetime,
}

impl CampaignFiles {
    /// `partials` are the rendered partial templates, `assets` the other files of `templates/`.
    pub fn new<'a>(
        partials: &[Rendered],
        assets: impl IntoIterator<Item = (&'a String, &'a Vec<u8>)>,
        today: Date,
    ) -> Self {
        let sources = partials
            .iter()
            .filter_map(|Rendered { name, text }| {
                let id = file_id(name)?;
                Some((id, Source::new(id, text.clone())))
            })
            .collect();
        let assets = assets
            .into_iter()
            .filter_map(|(name, bytes)| Some((file_id(name)?, Bytes::new(bytes.clone()))))
            .collect();
        let mains = Document::ALL
            .iter()
            .filter_map(|d| Some((*d, file_id(d.template())?)))
            .collect();
        let today = Datetime::from_ymd(today.year, today.month, today.day)
            .unwrap_or(Datetime::from_ymd(1970, 1, 1).expect("a valid date"));
        Self {
            sources,
            assets,
            mains,
            today,
        }
    }

    /// The fixed id of a document's main file.
    pub fn main_id(&self, doc: Document) -> FileId {
        self.mains[&doc]
    }
}

/// One document to compile: its main source over the shared base and campaign files.
pub struct DocumentWorld<'a> {
    base: &'a Base,
    files: &'a CampaignFiles,
    main: Source,
}

impl<'a> DocumentWorld<'a> {
    pub fn new(base: &'a Base, files: &'a CampaignFiles, doc: Document, text: String) -> Self {
        let main = Source::new(files.main_id(doc), text);
        Self { base, files, main }
    }

    /// A world whose main file is `main` rather than a template's document.
    pub fn from_source(base: &'a Base, files: &'a CampaignFiles, main: Source) -> Self {
        Self { base, files, main }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.base.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.files
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.assets.get(&id) {
            return Ok(bytes.clone());
        }
        match self.source(id) {
            Ok(source) => Ok(Bytes::from_string(source.text().to_owned())),
            Err(e) => Err(e),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.get(index)?.get()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.files.today)
    }
}

/// Only files of the campaign's `templates/` exist for a document.
fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data/font-book.json` describes the embedded fonts as Typst does.
    #[test]
    fn the_embedded_font_book_is_that_of_the_fonts() {
        let computed: Vec<FontInfo> = embedded_files()
            .map(|data| {
                let mut fonts = Font::iter(Bytes::new(data));
                let font = fonts.next().expect("a font file holds a font");
                assert!(fonts.next().is_none(), "one font per file");
                font.info().clone()
            })
            .collect();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/font-book.json");
        if std::env::var("UPDATE_FONT_BOOK").is_ok_and(|v| v == "1") {
            std::fs::write(path, serde_json::to_string(&computed).unwrap() + "\n").unwrap();
            return;
        }
        let stored: Vec<FontInfo> = serde_json::from_str(EMBEDDED_BOOK)
            .expect("data/font-book.json: run with UPDATE_FONT_BOOK=1");
        assert!(
            stored == computed,
            "data/font-book.json is not that of the fonts: run \
             `UPDATE_FONT_BOOK=1 cargo test --release -p adhesion-core --lib world` and commit it"
        );
        assert_eq!(Shared::load().infos.len(), computed.len());
    }
}
