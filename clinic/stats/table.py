"""The long-format statistics CSV: `clinic,month,measure,category,count,suppressed`."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable

from clinic.stats.measures import MEASURES, TOTAL, Key
from clinic.stats.suppress import Cell

HEADER = ("clinic", "month", "measure", "category", "count", "suppressed")


def cells_from(counts: Counter[Key], clinic: str) -> list[Cell]:
    return [Cell(clinic, k.month, k.measure, k.category, n) for k, n in counts.items() if n > 0]


def ordered(cells: Iterable[Cell]) -> list[Cell]:
    """By month, then the measures' fixed order, then category with the total last."""
    rank = {m: i for i, m in enumerate(MEASURES)}
    return sorted(
        cells,
        key=lambda c: (c.month, rank.get(c.measure, 99), c.category == TOTAL, c.category),
    )


def to_csv(cells: Iterable[Cell]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for c in ordered(cells):
        count = "" if c.suppressed else str(c.count)
        hidden = "true" if c.suppressed else "false"
        writer.writerow((c.clinic, c.month, c.measure, c.category, count, hidden))
    return buffer.getvalue()
