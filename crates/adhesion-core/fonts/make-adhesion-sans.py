#!/usr/bin/env python3
"""Makes fonts/AdhesionSans-*.ttf from fonts/LiberationSans-*.ttf (Liberation Sans 2.1.5).

Adhesion Sans is Liberation Sans without its TrueType hinting instructions (the `fpgm`, `prep`
and `cvt ` tables and every glyph's program): the same outlines, metrics and kerning, so the
same layout, for fonts that hinting made twice as large in every PDF (each PDF embeds a subset
of each face, compressed: that compression was a fifth of the time of a build). Hinting only
adjusts outlines to the pixel grid of small screens; PDF viewers and printers do without it.

The SIL Open Font License 1.1 (fonts/OFL.txt) allows modified versions under the same license,
but not under the Reserved Font Names of the original (Liberation, Arimo): hence the new name.

Needs fontTools (`pip install fonttools`); the output is the same bytes on every run. Run from
the repository: `python3 fonts/make-adhesion-sans.py`.
"""

from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

FONTS = Path(__file__).resolve().parent
STYLES = ["Regular", "Bold", "Italic", "BoldItalic"]
HINTING_TABLES = ["fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX"]
DESCRIPTION = (
    "Liberation Sans 2.1.5 without its TrueType hinting instructions, renamed as the Reserved "
    "Font Name clause of the SIL Open Font License 1.1 requires; made for the PDFs of adhesion "
    "by fonts/make-adhesion-sans.py."
)


def derive(style: str) -> None:
    font = TTFont(FONTS / f"LiberationSans-{style}.ttf", recalcTimestamp=False)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if hasattr(glyph, "program"):
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    maxp = font["maxp"]
    maxp.maxSizeOfInstructions = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxStorage = 0
    maxp.maxTwilightPoints = 0
    maxp.maxZones = 1
    names = font["name"]
    for record in names.names:
        text = record.toUnicode()
        renamed = text.replace("Liberation Sans", "Adhesion Sans").replace(
            "LiberationSans", "AdhesionSans"
        )
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21) and renamed != text:
            record.string = renamed
    for platform, encoding, language in [(3, 1, 0x409), (1, 0, 0)]:
        names.setName(DESCRIPTION, 10, platform, encoding, language)
    out = FONTS / f"AdhesionSans-{style}.ttf"
    font.save(out)
    print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    for style in STYLES:
        derive(style)
