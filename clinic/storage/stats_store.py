"""The vault's frozen statistics: monthly counts kept after their cases were purged.

Rows hold a month, a measure, a category, a fictional flag and a count: never a case id,
a day or any text a person typed (the service layer builds them from fixed vocabularies).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FrozenRow = tuple[str, str, str, bool, int]
"""(month, measure, category, fictional, count)."""


def add_frozen(conn: Any, rows: Iterable[FrozenRow]) -> None:
    """Add counts to the frozen tallies (inside the caller's transaction)."""
    conn.executemany(
        "INSERT INTO stats_tallies (month, measure, category, fictional, count)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (month, measure, category, fictional)"
        " DO UPDATE SET count = count + excluded.count",
        [(m, measure, cat, int(fic), int(n)) for m, measure, cat, fic, n in rows if n > 0],
    )


def read_frozen(conn: Any, *, include_fictional: bool) -> list[FrozenRow]:
    sql = "SELECT month, measure, category, fictional, count FROM stats_tallies"
    if not include_fictional:
        sql += " WHERE fictional = 0"
    return [
        (str(m), str(measure), str(cat), bool(fic), int(n))
        for m, measure, cat, fic, n in conn.execute(sql)
    ]


def closed_case_ids_before(conn: Any, cutoff_iso: str) -> list[str]:
    """The ids a purge with this cutoff deletes (read inside the purge's transaction)."""
    rows = conn.execute(
        "SELECT id FROM cases WHERE status = 'closed' AND closed < ? ORDER BY id", (cutoff_iso,)
    )
    return [str(r[0]) for r in rows]
