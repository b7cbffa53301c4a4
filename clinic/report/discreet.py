"""Discreet mode's word rule: which words a discreet document never contains.

The words are clinic.safety_words' list (shared with the protocol linter) plus a few more
inflections; zero-width characters cannot hide one. The rule is the same in both languages
and is checked on every piece of text in the document (fixed texts, protocol texts,
referral labels, whatever volunteers typed), so a word that slips into any of them stops
the export with the field named. Email addresses and the person of concern's label are
refused the same way.
"""

from __future__ import annotations

import re
import unicodedata

from clinic.errors import Refused
from clinic.safety_words import DISCREET_WORDS, discreet_words_in

# The shared list (clinic.safety_words) plus more inflections, matched accent- and case-blind.
FORBIDDEN_WORDS: tuple[str, ...] = DISCREET_WORDS
_PATTERNS = (
    r"abus(?:e|es|ed|er|ers|ing|ive|ively)",
    r"violen(?:ce|ces|t|tly)",
    r"domestic(?:ally)?",
    r"stalk(?:s|ed|er|ers|ing|erware)?",
    r"spyware",
    r"ipv",
    r"abus(?:o|os|ar|ador|adora|adores|adoras|ivo|iva|ivos|ivas)",
    r"maltrat(?:o|os|ar|ador|adora|adores|adoras)",
    r"violen(?:cia|cias|to|ta|tos|tas)",
    r"domestic(?:o|a|os|as)",
    r"acos(?:o|os|ar|ador|adora|adores|adoras)",
    r"espi(?:a|as)",
    r"espionaje",
)
_WORDS = re.compile(r"(?<![a-z0-9])(?:" + "|".join(_PATTERNS) + r")(?![a-z0-9])")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


class DiscreetRefused(Refused):
    """A text would bring a word discreet mode leaves out; `field` names where it is."""

    code = "discreet_refused"

    def __init__(
        self, field: str, word: str, entity_id: str | None = None, reason: str | None = None
    ) -> None:
        self.field = field
        self.word = word
        self.entity_id = entity_id
        what = reason or f"uses the word {word!r}"
        super().__init__(
            f"Discreet mode: the text in {field} {what}, which a discreet document leaves out."
            " Reword it and export again."
        )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_forbidden(text: str) -> str | None:
    """The first forbidden word in `text` (as folded), or None."""
    visible = _INVISIBLE.sub("", text)
    listed = discreet_words_in(visible)
    if listed:
        return listed[0]
    match = _WORDS.search(_fold(visible))
    return match.group() if match else None


_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}", re.IGNORECASE)


def check_text(
    text: str, field: str, entity_id: str | None = None, avoid: tuple[str, ...] = ()
) -> None:
    """Refuse a forbidden word, an email address, or any of the `avoid` labels (folded)."""
    word = find_forbidden(text)
    if word is not None:
        raise DiscreetRefused(field, word, entity_id)
    if _EMAIL.search(text):
        raise DiscreetRefused(
            field, "", entity_id, "holds an email address (an account identifier)"
        )
    folded = _fold(text) if avoid else ""
    if any(label in folded for label in avoid):
        raise DiscreetRefused(field, "", entity_id, "names the person of concern")


def fold_label(label: str) -> str:
    """A label as check_text's `avoid` compares it."""
    return _fold(label).strip()
