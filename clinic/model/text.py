"""Text field rules shared by every model.

Short text (pseudonyms, labels, titles, service names) is 1-200 characters on one line.
Long text (notes, concerns in the survivor's words) is up to 100,000 characters and may
hold line breaks and tabs. Other control characters and lone surrogates are refused.
Text is otherwise kept exactly as typed: no trimming, no normalisation.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

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
    defer_build=True,
)


def _check_short(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    if len(value) > SHORT_MAX:
        raise ValueError(f"must be at most {SHORT_MAX} characters")
    if _SHORT_FORBIDDEN.search(value):
        raise ValueError("must be one line without control characters")
    return value


def short_text_issue(value: str) -> tuple[str, int] | None:
    """Why `value` breaks the short-text rule, for a message at the field: ("empty", 0),
    ("too_long", its length) or ("control", the 1-based position of the first refused
    character); None when it is fine."""
    if not value or not value.strip():
        return ("empty", 0)
    if len(value) > SHORT_MAX:
        return ("too_long", len(value))
    found = _SHORT_FORBIDDEN.search(value)
    if found is not None:
        return ("control", found.start() + 1)
    return None


def _check_long(value: str) -> str:
    if len(value) > LONG_MAX:
        raise ValueError(f"must be at most {LONG_MAX:,} characters")
    if _LONG_FORBIDDEN.search(value):
        raise ValueError("must not contain control characters other than line breaks and tabs")
    return value


# The same rules in JSON Schema terms (ECMA-262 / Python `re` syntax, as escapes), published
# in `clinic case schema`; tests/clinic/test_case_schema.py checks that both agree.
_SHORT_BAD = r"\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_LONG_BAD = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff"
# Leading spaces, one visible character, then any allowed ones (linear: no backtracking).
# The end is `(?![\s\S])`, not `$`: Python's `$` also matches before a final newline.
SHORT_PATTERN = f"^[^\\S{_SHORT_BAD}]*[^\\s{_SHORT_BAD}][^{_SHORT_BAD}]*(?![\\s\\S])"
LONG_PATTERN = f"^[^{_LONG_BAD}]*$"
SHORT_SCHEMA: dict[str, object] = {
    "type": "string",
    "minLength": 1,
    "maxLength": SHORT_MAX,
    "pattern": SHORT_PATTERN,
}
LONG_SCHEMA: dict[str, object] = {"type": "string", "maxLength": LONG_MAX, "pattern": LONG_PATTERN}

ShortText = Annotated[
    str,
    AfterValidator(_check_short),
    Field(json_schema_extra={k: v for k, v in SHORT_SCHEMA.items() if k != "type"}),
]
LongText = Annotated[
    str,
    AfterValidator(_check_long),
    Field(json_schema_extra={k: v for k, v in LONG_SCHEMA.items() if k != "type"}),
]


def clean_for_display(value: str) -> str:
    """Drop characters the long-text rule refuses (used on untrusted imported text)."""
    return _LONG_FORBIDDEN.sub("", value)
