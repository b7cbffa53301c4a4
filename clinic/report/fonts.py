"""The bundled fonts (DejaVu Sans, regular and bold), registered by explicit path.

Never reportlab's FontFinder (it unpickles a cache from the shared temp folder). The set of
code points both faces can draw (within the Basic Multilingual Plane) decides which
characters become a visible placeholder.
"""

from __future__ import annotations

from functools import cache

REGULAR = "ClinicSans"
BOLD = "ClinicSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register() -> frozenset[int]:
    """Register both faces once; returns the code points every face covers."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from clinic.paths import resource

    covered: frozenset[int] | None = None
    for name, filename in _FILES.items():
        font = TTFont(name, str(resource("fonts", filename)))
        pdfmetrics.registerFont(font)
        cmap = frozenset(font.face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, name)
    # reportlab 5.1 writes broken ToUnicode entries for characters beyond U+FFFF (emoji):
    # they would extract, search and read aloud as garbage, so they get the placeholder too.
    return frozenset(c for c in covered or () if c <= 0xFFFF)
