"""The vault's `indicators` table: one row (id = 1) holding the imported indicator data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clinic.storage.vault import Vault


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    imported_on: dt.date
    source_date: dt.date | None
    attribution: str
    doc: str


def write_indicators(vault: Vault, row: IndicatorRow) -> None:
    """Replace the stored indicator data in one transaction."""
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO indicators (id, imported_on, source_date, attribution, doc)"
            " VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
            " imported_on = excluded.imported_on, source_date = excluded.source_date,"
            " attribution = excluded.attribution, doc = excluded.doc",
            (
                row.imported_on.isoformat(),
                row.source_date.isoformat() if row.source_date else None,
                row.attribution,
                row.doc,
            ),
        )


def read_indicators(vault: Vault) -> IndicatorRow | None:
    found = vault.conn.execute(
        "SELECT imported_on, source_date, attribution, doc FROM indicators WHERE id = 1"
    ).fetchone()
    if found is None:
        return None
    source = dt.date.fromisoformat(found[1]) if found[1] else None
    return IndicatorRow(dt.date.fromisoformat(found[0]), source, found[2], found[3])
