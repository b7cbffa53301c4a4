"""Words that survivor-facing text must not use, in one place for protocols and reports.

Two lists, English and Spanish:

- DISCREET_WORDS: words that reveal what the clinic is about to someone reading over the
  survivor's shoulder. Survivor texts avoid them always; discreet mode removes them.
- SAFETY_CLAIMS: phrases that claim a device or account "is clean", "is safe" or "is secure".
  No check can show that; "no match" only means nothing was found by that check.

Matching is whole-word, case-insensitive and accent-aware: "Doméstica", "DOMESTICA" and
"doméstica" all match, "abusers" does not match "abuse" (inflections are listed).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

DISCREET_WORDS: tuple[str, ...] = (
    # English
    "abuse",
    "abused",
    "abuses",
    "abusing",
    "abuser",
    "abusers",
    "abusive",
    "violence",
    "violent",
    "domestic",
    "stalking",
    "stalker",
    "stalkers",
    "stalkerware",
    "spyware",
    "ipv",
    # Spanish
    "abuso",
    "abusos",
    "abusador",
    "abusadora",
    "abusadores",
    "maltrato",
    "maltratador",
    "maltratadora",
    "violencia",
    "violento",
    "violenta",
    "doméstica",
    "doméstico",
    "acoso",
    "acosador",
    "acosadora",
    "espía",
    "espías",
    "espionaje",
)

# Discreet mode only: what a discreet copy also leaves out, because it would tell someone
# reading over the survivor's shoulder what was looked for (monitoring, tracking, spying,
# hiding, danger, another person). Normal survivor text may use these ("the other person
# may notice"); discreet wording (a protocol's `discreet_text`, a discreet summary) may not.
# Regular expressions over folded text (lowercase, accents removed), matched whole-word.
DISCREET_MODE_PATTERNS: tuple[str, ...] = (
    # English
    r"monitor\w*",
    r"track\w*",
    r"spy\w*",
    r"spie[sd]",
    r"stalk\w*",
    r"hid(?:e|es|den|ing)",
    r"conceal\w*",
    r"secret\w*",
    r"danger\w*",
    r"unsafe",
    r"threat\w*",
    r"(?:the\s+|an)?other\s+persons?(?:'s)?",
    r"person\s+of\s+concern",
    # Spanish
    r"monitore\w*",
    r"rastre\w*",
    r"vigil\w*",
    r"espi\w*",
    r"ocult\w*",
    r"escond\w*",
    r"secret[oa]s?",
    r"peligr\w*",
    r"amenaz\w*",
    r"(?:la\s+)?otra\s+persona",
    r"persona\s+de\s+(?:interes|preocupacion)",
)

# Regular expressions over folded text (lowercase, accents removed).
SAFETY_CLAIMS: tuple[str, ...] = (
    r"(?:is|are|it's|that's)\s+(?:now\s+|completely\s+|totally\s+|fully\s+)?"
    r"(?:clean|safe|secure)",
    r"(?:esta|estan)\s+(?:ahora\s+|completamente\s+|totalmente\s+)?"
    r"(?:limpio|limpia|limpios|limpias)",
    r"(?:es|son|esta|estan)\s+(?:ahora\s+|completamente\s+|totalmente\s+)?"
    r"(?:seguro|segura|seguros|seguras)",
    r"(?:esta|estan)\s+(?:ahora\s+|completamente\s+|totalmente\s+)?"
    r"(?:protegido|protegida|protegidos|protegidas)",
)


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


def fold(text: str) -> str:
    """Lowercase, accents removed, curly apostrophes straightened: the form words match on."""
    return "".join(_fold_char(c) for c in text)


@cache
def _discreet_pattern() -> re.Pattern[str]:
    words = sorted({fold(w) for w in DISCREET_WORDS}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@cache
def _claims_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(SAFETY_CLAIMS) + r")(?!\w)")


def discreet_words_in(text: str) -> list[str]:
    """The discreet-mode words found in text (folded form), in order of appearance."""
    return [m.group(0) for m in _discreet_pattern().finditer(fold(text))]


@cache
def _discreet_mode_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(DISCREET_MODE_PATTERNS) + r")(?!\w)")


def discreet_mode_words_in(text: str) -> list[str]:
    """Every word a discreet copy leaves out (DISCREET_WORDS and DISCREET_MODE_PATTERNS),
    folded, in order of appearance."""
    folded = fold(text)
    found = [(m.start(), m.group(0)) for m in _discreet_pattern().finditer(folded)]
    starts = {start for start, _word in found}
    found += [
        (m.start(), m.group(0))
        for m in _discreet_mode_pattern().finditer(folded)
        if m.start() not in starts
    ]
    return [" ".join(word.split()) for _start, word in sorted(found)]


def safety_claims_in(text: str) -> list[str]:
    """The "is clean/safe/secure" claims found in text (folded form), in order."""
    return [" ".join(m.group(0).split()) for m in _claims_pattern().finditer(fold(text))]


def redact_discreet(text: str, replacement: str = "...") -> str:
    """Text with every discreet-mode word replaced, the rest kept exactly (discreet mode)."""
    folded: list[str] = []
    origin: list[int] = []  # folded index -> index in text
    for i, char in enumerate(text):
        part = _fold_char(char)
        folded.append(part)
        origin.extend([i] * len(part))
    out, last = [], 0
    for m in _discreet_pattern().finditer("".join(folded)):
        start, end = origin[m.start()], origin[m.end() - 1] + 1
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)
