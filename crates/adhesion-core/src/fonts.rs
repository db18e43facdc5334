//! The fonts shipped inside the tool, and what the validation asks of them: whether a character
//! can be printed at all.

use std::sync::OnceLock;

use typst::text::FontInfo;

/// The text face of the shipped templates, Adhesion Sans: Liberation Sans (SIL OFL 1.1, see
/// `fonts/OFL.txt`), free and metric-compatible with Arial, which the State's design system
/// names as the substitute for its Marianne face, without its hinting instructions (see
/// `fonts/make-adhesion-sans.py`): every PDF embeds and compresses a subset of each face, and
/// hinting made those twice as large, a tenth of the time of a build. Then Liberation Sans
/// itself, for the templates of campaigns made before.
const EMBEDDED_FONTS: [&[u8]; 8] = [
    include_bytes!("../fonts/AdhesionSans-Regular.ttf"),
    include_bytes!("../fonts/AdhesionSans-Bold.ttf"),
    include_bytes!("../fonts/AdhesionSans-Italic.ttf"),
    include_bytes!("../fonts/AdhesionSans-BoldItalic.ttf"),
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
];

/// What Typst knows of each font of [`embedded_files`], in that order (`FontInfo`: family,
/// style, weight, coverage), read at startup instead of computed from the files, which took as
/// long as a member's check before the first document could start. Checked against the
/// fonts by a unit test; `UPDATE_FONT_BOOK=1 cargo test --release -p adhesion-core --lib world`
/// rewrites it.
pub(crate) const EMBEDDED_BOOK: &str = include_str!("../data/font-book.json");

/// Whether a font shipped inside the tool has a glyph for `ch`: Typst falls back from the
/// templates' face to any font that has one, and a PDF/A cannot hold text without a glyph. The
/// validation asks it, so that an emoji pasted into a name is an error at its line in the member
/// file rather than a Typst error in a rendered source the user never wrote.
pub fn printable(ch: char) -> bool {
    static INFOS: OnceLock<Vec<FontInfo>> = OnceLock::new();
    if ch.is_ascii_graphic() || ch == ' ' {
        return true;
    }
    INFOS
        .get_or_init(|| serde_json::from_str(EMBEDDED_BOOK).unwrap_or_default())
        .iter()
        .any(|info| info.coverage.contains(ch as u32))
}

/// The font files shipped inside the tool: Adhesion Sans and Liberation Sans, then Typst's own
/// (Libertinus Serif, New Computer Modern, DejaVu Sans Mono), one font each.
pub(crate) fn embedded_files() -> impl Iterator<Item = &'static [u8]> {
    EMBEDDED_FONTS.into_iter().chain(typst_assets::fonts())
}
