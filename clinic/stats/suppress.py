"""Small-count suppression: a count below K is hidden, and so is any cell that a published
total would reveal by subtraction.

Within one (clinic, month, measure) group with a `total` row: while the total is published
and the hidden categories could be recovered (only one is hidden, or together they add up to
less than K), the smallest published category is hidden too; when none is left, the total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from clinic.stats.measures import TOTAL

MIN_COUNT_DEFAULT = 5
MIN_COUNT_FLOOR = 3


@dataclass(frozen=True, slots=True)
class Cell:
    clinic: str
    month: str
    measure: str
    category: str
    count: int
    suppressed: bool = False


def suppress(cells: Iterable[Cell], min_count: int = MIN_COUNT_DEFAULT) -> list[Cell]:
    """The same cells, with `suppressed` set where the rules above say so."""
    if min_count < MIN_COUNT_FLOOR:
        raise ValueError(f"min_count must be at least {MIN_COUNT_FLOOR}")
    groups: dict[tuple[str, str, str], list[Cell]] = defaultdict(list)
    for cell in cells:
        groups[(cell.clinic, cell.month, cell.measure)].append(cell)
    out: list[Cell] = []
    for group in groups.values():
        out.extend(_suppress_group(group, min_count))
    return out


def _suppress_group(group: list[Cell], k: int) -> list[Cell]:
    hidden = {id(c) for c in group if c.suppressed or c.count < k}
    total = next((c for c in group if c.category == TOTAL), None)
    parts = sorted((c for c in group if c.category != TOTAL), key=lambda c: (c.count, c.category))
    if total is not None:
        while id(total) not in hidden:
            lost = [c for c in parts if id(c) in hidden]
            if not lost or (len(lost) > 1 and sum(c.count for c in lost) >= k):
                break
            shown = [c for c in parts if id(c) not in hidden]
            hidden.add(id(shown[0]) if shown else id(total))
    return [Cell(c.clinic, c.month, c.measure, c.category, c.count, id(c) in hidden) for c in group]


def published(cells: Iterable[Cell]) -> Mapping[tuple[str, str, str, str], int | None]:
    """(clinic, month, measure, category) -> the count people may see, or None when hidden."""
    return {
        (c.clinic, c.month, c.measure, c.category): None if c.suppressed else c.count for c in cells
    }
