"""Test data builders: cases with a marker in every text field, hostile text."""

from __future__ import annotations

import re
from typing import Any, Literal, get_origin

from pydantic import BaseModel

from clinic.model import Case

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")  # a YYYY-MM field is not free text


def _mark(value: Any, marker: str, counter: list[int]) -> Any:
    if type(value) is str:
        if _UUID.match(value) or _MONTH.match(value):
            return value
        counter[0] += 1
        return f"{marker}{counter[0]}"
    if isinstance(value, list):
        return [_mark(v, marker, counter) for v in value]
    if isinstance(value, BaseModel):
        updates = {
            name: _mark(getattr(value, name), marker, counter)
            for name, info in type(value).model_fields.items()
            if get_origin(info.annotation) is not Literal
        }
        return value.model_copy(update=updates)
    return value


def with_marker_everywhere(case: Case, marker: str) -> tuple[Case, int]:
    """A copy of `case` with every free-text field set to marker+n; returns (case, fields)."""
    counter = [0]
    marked = _mark(case, marker, counter)
    return Case.model_validate(marked.model_dump()), counter[0]


HOSTILE = [
    "<b>bold",
    '<img src="/etc/passwd"/>',
    '<a href="file:///etc/passwd">x</a>',
    '<font color="[[[1+1]]]">x</font>',
    "Tom & Jerry ]]> &amp;",
    "tab\there\nnew line\r\nwindows",
    "\u202eevil override",
    "z\u0351\u0361a\u0352l\u0358go",
    "emoji \U0001f600\U0001f469\u200d\U0001f4bb",
    "中文 日本語 한국어",
    "עברית العربية",
    "'; DROP TABLE cases; --",
]
