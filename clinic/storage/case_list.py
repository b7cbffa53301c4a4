"""The case list read straight from the `cases` columns: no models, one query.

`clinic case list` and the GUI's case list use this; it imports nothing heavier than
the standard library, so the CLI's list path never loads pydantic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """What the case list shows, read without loading whole cases."""

    id: str
    pseudonym: str
    status: str
    opened: dt.date
    closed: dt.date | None
    language: str
    open_follow_ups: int
    next_follow_up: dt.date | None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def list_cases(conn: Any) -> list[CaseSummary]:
    """Every case, newest first, from one query over the list's own columns."""
    rows = conn.execute(
        "SELECT id, pseudonym, status, opened, closed, language, open_follow_ups,"
        " next_follow_up FROM cases ORDER BY opened DESC, pseudonym"
    ).fetchall()
    date = dt.date.fromisoformat
    return [
        CaseSummary(r[0], r[1], r[2], date(r[3]), _date(r[4]), r[5], r[6], _date(r[7]))
        for r in rows
    ]
