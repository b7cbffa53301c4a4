"""De-identified clinic statistics: count, freeze on purge, suppress, export as CSV.

Live cases are counted from their records whenever statistics are asked for, so the counts
follow every edit while a case lives; when a retention purge deletes a case, its counts are
added to the vault's frozen tallies in the purge's own transaction and stay there. A case
received from another laptop in a bundle is not counted (it counts where it was opened); demo cases
(`fictional`) count only when asked; a practice vault has no statistics.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic.errors import Refused, UsageError
from clinic.model import Case
from clinic.stats.measures import Key, case_tallies, with_totals
from clinic.stats.suppress import MIN_COUNT_DEFAULT, MIN_COUNT_FLOOR, Cell, suppress
from clinic.stats.table import cells_from, ordered, to_csv
from clinic.storage import CaseRepository, Vault
from clinic.storage.bundle import received_case_ids
from clinic.storage.settings_store import is_practice_vault
from clinic.storage.stats_store import FrozenRow, add_frozen, closed_case_ids_before, read_frozen

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])\Z")
CLINIC_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}\Z")
DEFAULT_CLINIC_LABEL = "clinic"


@dataclass(frozen=True)
class StatsQuery:
    """What to count: a month range (inclusive, `YYYY-MM`), K, the clinic's label."""

    from_month: str | None = None
    to_month: str | None = None
    min_count: int = MIN_COUNT_DEFAULT
    clinic: str = DEFAULT_CLINIC_LABEL
    include_fictional: bool = False

    def checked(self) -> StatsQuery:
        for value in (self.from_month, self.to_month):
            if value is not None and not MONTH.match(value):
                raise UsageError("stats_month")
        if self.from_month and self.to_month and self.from_month > self.to_month:
            raise UsageError("stats_month_order")
        if self.min_count < MIN_COUNT_FLOOR:
            raise UsageError("stats_min_count")
        if not CLINIC_LABEL.match(self.clinic):
            raise UsageError("stats_clinic_label")
        return self


def counted(case: Case, *, include_fictional: bool, received: set[str]) -> bool:
    return case.id not in received and (include_fictional or not case.fictional)


def tallies_of(case: Case) -> Counter[Key]:
    """One case's counts, with its access routes from the technograph."""
    from clinic.technograph.routes import find_routes

    routes = [route.direct for route in find_routes(case).routes]
    return case_tallies(case, routes=routes, referral_ids=_referral_ids())


@functools.cache
def _referral_ids() -> frozenset[str]:
    """The bundled referral directory's ids (fixed labels a referral may count by)."""
    from clinic.report.referrals import load_directory

    return frozenset(load_directory().entries)


def vault_counts(vault: Vault, *, include_fictional: bool = False) -> Counter[Key]:
    """Frozen tallies plus every live case that counts here."""
    _refuse_practice(vault)
    total: Counter[Key] = Counter()
    for month, measure, category, _fictional, count in read_frozen(
        vault.conn, include_fictional=include_fictional
    ):
        total[Key(month, measure, category)] += count
    repo = CaseRepository(vault)
    received = received_case_ids(vault.conn)
    for summary in repo.list_cases():
        case = repo.load(summary.id)
        if counted(case, include_fictional=include_fictional, received=received):
            total.update(tallies_of(case))
    return total


def statistics(vault: Vault, query: StatsQuery) -> list[Cell]:
    """The suppressed cells for the query, in the CSV's order."""
    query = query.checked()
    return cells_for(vault_counts(vault, include_fictional=query.include_fictional), query)


def cells_for(counts: Counter[Key], query: StatsQuery) -> list[Cell]:
    """The query's months, with totals, suppressed (no vault: a new K re-suppresses only)."""
    query = query.checked()
    kept = Counter(
        {
            k: n
            for k, n in counts.items()
            if (query.from_month is None or k.month >= query.from_month)
            and (query.to_month is None or k.month <= query.to_month)
        }
    )
    return ordered(suppress(cells_from(with_totals(kept), query.clinic), query.min_count))


def export_statistics(
    vault: Vault, out: Path, query: StatsQuery, initials: str, now: Any = None
) -> int:
    """Write the statistics CSV to `out` (atomic, 0600), audit 'exported'; the row count."""
    from clinic.paths import write_private
    from clinic.services.lifecycle import AuditAction, _utc_now, audit, clean_initials

    clean_initials(initials)
    cells = statistics(vault, query)
    write_private(Path(out), to_csv(cells).encode("utf-8"))
    audit(vault, initials, AuditAction.EXPORTED, now or _utc_now)
    return len(cells)


def freeze_before_purge(vault: Vault, cutoff: dt.date) -> Any:
    """The `before_delete` hook of a purge: add the purged cases' counts to the tallies."""

    def freeze(conn: Any) -> None:
        if is_practice_vault(vault):
            return
        repo = CaseRepository(vault)
        received = received_case_ids(conn)
        rows: list[FrozenRow] = []
        for case_id in closed_case_ids_before(conn, cutoff.isoformat()):
            if case_id in received:
                continue
            case = repo.load(case_id)
            for key, count in tallies_of(case).items():
                rows.append((key.month, key.measure, key.category, case.fictional, count))
        add_frozen(conn, rows)

    return freeze


def _refuse_practice(vault: Vault) -> None:
    if is_practice_vault(vault):
        raise Refused("stats_practice_vault")
