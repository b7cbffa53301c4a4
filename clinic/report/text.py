"""Turning untrusted text into safe reportlab paragraph markup.

Every piece of text that reaches a PDF passes through here: control characters are
dropped, tabs become spaces, characters the bundled font cannot draw become a visible
placeholder (counted, so the export can warn), long text is cut into ~2,000-character
chunks (reportlab's layout time grows quadratically with paragraph length) and the result
is XML-escaped so no tag, entity, link or image reference in it is ever interpreted.

Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are dropped,
so typed text can never reorder what is printed around it. Right-to-left text (Hebrew,
Arabic) is shaped into its joined forms (arabic-reshaper), wrapped in logical order and
each line put in visual order (python-bidi), because reportlab draws glyphs left to right.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from xml.sax.saxutils import escape

CHUNK = 2000
PLACEHOLDER = "\ufffd"
FALLBACK_PLACEHOLDER = "[?]"

# C0/C1 controls except tab and newline, DEL, lone surrogates, and the noncharacters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@dataclass(frozen=True)
class Cleaned:
    """Text ready for markup, and how many characters had to be replaced."""

    chunks: tuple[str, ...]
    missing: int


def clean(text: str, covered: Container[int], placeholder: str = PLACEHOLDER) -> tuple[str, int]:
    """Strip controls, normalise line breaks and tabs, replace characters the font lacks."""
    text = _CONTROL.sub("", _NEWLINES.sub("\n", _BIDI_CONTROLS.sub("", text)))
    text = text.replace("\t", "    ")
    lacking = [ch for ch in set(text) if ch != "\n" and ord(ch) not in covered]
    if not lacking:
        return text, 0
    missing = sum(text.count(ch) for ch in lacking)
    return text.translate({ord(ch): placeholder for ch in lacking}), missing


def split_chunks(text: str, limit: int = CHUNK) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at a line break or space if possible."""
    pieces: list[str] = []
    for para in text.split("\n\n"):
        while len(para) > limit:
            cut = para.rfind("\n", limit // 2, limit)
            if cut < 0:
                cut = para.rfind(" ", limit // 2, limit)
            if cut < 0:
                cut = limit
            pieces.append(para[:cut])
            para = para[cut:].lstrip(" \n") if cut < limit else para[cut:]
        pieces.append(para)
    return [p for p in pieces if p.strip()] or [""]


def markup(text: str) -> str:
    """Escape one chunk for a reportlab Paragraph; line breaks become <br/>."""
    escaped = escape(text)
    # Runs of spaces would collapse: keep the typed indentation visible.
    escaped = re.sub(r"  +", lambda m: " " + "&#160;" * (len(m.group()) - 1), escaped)
    return escaped.replace("\n", "<br/>")


def prepare(text: str, covered: Container[int], placeholder: str = PLACEHOLDER) -> Cleaned:
    """Clean and chunk one piece of untrusted text (markup() is applied when drawing)."""
    value, missing = clean(text, covered, placeholder)
    return Cleaned(tuple(split_chunks(value)), missing)


def has_rtl(text: str) -> bool:
    """Whether text holds Hebrew or Arabic letters (it then needs visual ordering)."""
    return _RTL.search(text) is not None


def shape(text: str) -> str:
    """Arabic letters in their joined (presentation) forms; other text unchanged."""
    import arabic_reshaper  # type: ignore[import-untyped]

    return str(arabic_reshaper.reshape(_BIDI_CONTROLS.sub("", text)))


def visual_lines(text: str, font: str, size: float, width: float) -> str:
    """Shaped text wrapped to `width` in logical order, each line in visual order."""
    from bidi import get_display  # type: ignore[import-untyped]
    from reportlab.lib.utils import simpleSplit

    lines: list[str] = []
    for para in text.split("\n"):
        wrapped = simpleSplit(para, font, size, width) if para.strip() else [""]
        lines.extend(str(get_display(line)) for line in wrapped)
    return "\n".join(lines)
