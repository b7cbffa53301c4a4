"""Text field rules shared by every model.

Short text (pseudonyms, labels, titles, service names) is 1-200 characters on one line.
Long text (notes, concerns in the survivor's words) is up to 100,000 characters and may
hold line breaks and tabs. Other control characters and lone surrogates are refused.
Text is otherwise kept exactly as typed: no trimming, no normalisation.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, ConfigDict

SHORT_MAX = 200
LONG_MAX = 100_000

# C0 controls except tab/newline/carriage return, DEL, C1 controls, and surrogates.
_LONG_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Short text also refuses the bidi embedding, override and isolate controls (U+202A-U+202E,
# U+2066-U+2069): in a one-line label they can make text display in a misleading order.
_SHORT_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

# Every model in the app uses this: errors never echo what was typed.
STRICT_CONFIG = ConfigDict(
    hide_input_in_errors=True,
    extra="forbid",
    validate_assignment=True,
    use_enum_values=False,
)


def _check_short(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    if len(value) > SHORT_MAX:
        raise ValueError(f"must be at most {SHORT_MAX} characters")
    if _SHORT_FORBIDDEN.search(value):
        raise ValueError("must be one line without control characters")
    return value


def _check_long(value: str) -> str:
    if len(value) > LONG_MAX:
        raise ValueError(f"must be at most {LONG_MAX:,} characters")
    if _LONG_FORBIDDEN.search(value):
        raise ValueError("must not contain control characters other than line breaks and tabs")
    return value


ShortText = Annotated[str, AfterValidator(_check_short)]
LongText = Annotated[str, AfterValidator(_check_long)]


def clean_for_display(value: str) -> str:
    """Drop characters the long-text rule refuses (used on untrusted imported text)."""
    return _LONG_FORBIDDEN.sub("", value)
