"""Turning untrusted text into safe reportlab paragraph markup.

Every piece of text that reaches a PDF passes through here: control characters are
dropped, tabs become spaces, characters the bundled font cannot draw become a visible
placeholder (counted, so the export can warn), long text is cut into ~2,000-character
chunks (reportlab's layout time grows quadratically with paragraph length) and the result
is XML-escaped so no tag, entity, link or image reference in it is ever interpreted.
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


@dataclass(frozen=True)
class Cleaned:
    """Text ready for markup, and how many characters had to be replaced."""

    chunks: tuple[str, ...]
    missing: int


def clean(text: str, covered: Container[int], placeholder: str = PLACEHOLDER) -> tuple[str, int]:
    """Strip controls, normalise line breaks and tabs, replace characters the font lacks."""
    text = _CONTROL.sub("", _NEWLINES.sub("\n", text)).replace("\t", "    ")
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
