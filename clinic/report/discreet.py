"""Discreet mode's word rule: which words a discreet document never contains.

A discreet copy must be safe if the other person reads it. Its builder leaves out what was
found (findings, results, app and account names); this rule is the last check, on every
piece of text the document holds. The words are clinic.safety_words' discreet-mode list
(abuse, violence... and monitoring, tracking, spying, hiding, danger, another person, in
English and Spanish, shared with the protocol linter) plus a few more inflections;
zero-width characters cannot hide one. Email addresses, the person of concern's label and
app or account names (BRAND_NAMES, and the case's own labels) are refused the same way.

What breaks the rule can only be text a volunteer typed (the builder never prints a finding
or an unchecked protocol text), and the refusal names the stage and the field as the GUI
shows them ("Hand off > Note to the advocate") and the word.
"""

from __future__ import annotations

import re
import unicodedata

from clinic.errors import Refused
from clinic.safety_words import DISCREET_WORDS, discreet_mode_words_in

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


# Apps and accounts a discreet copy never names (folded, whole words), besides the case's own
# device, account and app labels. A name here blocks a volunteer's text and a protocol title.
BRAND_NAMES: tuple[str, ...] = (
    "apple account", "apple id", "icloud", "airtag", "airtags", "find my", "facetime",
    "google", "gmail", "find hub", "samsung account", "microsoft", "outlook", "hotmail",
    "facebook", "instagram", "whatsapp", "snapchat", "tiktok", "twitter", "telegram",
    "life360", "mspy", "flexispy", "cocospy", "eyezy", "spyic", "hoverwatch", "thetruthspy",
    "uber", "venmo", "paypal", "cash app", "zelle", "amazon", "alexa", "tesla", "onstar",
    "yahoo",
)  # fmt: skip


class DiscreetRefused(Refused):
    """A text would bring what a discreet document leaves out.

    `field` is the report source ("plan_items[1].note"); `place` says where a volunteer
    typed it ("Advise > Note about this option", or the source when it is not a typed field).
    """

    code = "discreet_refused"

    def __init__(
        self, field: str, word: str, entity_id: str | None = None, reason: str = "word"
    ) -> None:
        from clinic.vocabulary import field_place

        self.field = field
        self.word = word
        self.entity_id = entity_id
        self.place = field_place(field) or field
        if reason == "word":
            super().__init__("discreet_word", field=self.place, word=word)
        else:
            super().__init__(f"discreet_{reason}", field=self.place)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_forbidden(text: str) -> str | None:
    """The first forbidden word in `text` (as folded), or None."""
    visible = _INVISIBLE.sub("", text)
    listed = discreet_mode_words_in(visible)
    if listed:
        return listed[0]
    match = _WORDS.search(_fold(visible))
    return match.group() if match else None


_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}", re.IGNORECASE)


def check_text(
    text: str,
    field: str,
    entity_id: str | None = None,
    avoid: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
) -> None:
    """Refuse a forbidden word, an email address, an `avoid` label (the person of concern,
    folded) or an app or account name (BRAND_NAMES and `names`, folded, whole words)."""
    word = find_forbidden(text)
    if word is not None:
        raise DiscreetRefused(field, word, entity_id)
    if _EMAIL.search(text):
        raise DiscreetRefused(field, "", entity_id, "email")
    folded = _fold(text)
    if any(label in folded for label in avoid):
        raise DiscreetRefused(field, "", entity_id, "person")
    name = find_name(folded, names)
    if name is not None:
        raise DiscreetRefused(field, name, entity_id)


def find_name(folded: str, names: tuple[str, ...] = ()) -> str | None:
    """The first app or account name in already folded text, or None."""
    for name in (*BRAND_NAMES, *names):
        if name and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded):
            return name
    return None


def fold_label(label: str) -> str:
    """A label as check_text's `avoid` compares it."""
    return _fold(label).strip()
