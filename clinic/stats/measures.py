"""One case's contribution to the clinic's statistics, as (month, measure, category) counts.

Every category comes from a fixed vocabulary of the case model (or a referral directory id),
never from text a person typed. A month is `YYYY-MM`; the day is dropped on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from clinic.model import Case
from clinic.model.vocab import Decision, ItemStatus

TOTAL = "total"
"""The category of a measure's total row (written when a measure has several categories)."""


class Key(NamedTuple):
    month: str
    measure: str
    category: str


# Every measure, in the order the CSV and the Statistics view list them.
MEASURES: tuple[str, ...] = (
    "cases_opened",
    "cases_closed",
    "visits_by_mode",
    "concern_categories",
    "device_platforms",
    "account_services",
    "finding_kinds",
    "access_routes",
    "plan_decisions",
    "referral_kinds",
    "follow_ups_done",
)
SINGLE_CATEGORY = frozenset({"cases_opened", "cases_closed", "follow_ups_done"})
ALL = "all"


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def case_tallies(
    case: Case,
    *,
    routes: Iterable[bool] | None = None,
    referral_ids: frozenset[str] = frozenset(),
) -> Counter[Key]:
    """What this case adds to each (month, measure, category) count.

    `routes` gives one bool per access route (True: direct); the caller computes them
    (clinic.technograph), so this module stays free of graph code. None counts no routes.
    `referral_ids` are the referral directory's ids: a referral counts by its id only when
    the directory has it (`other_directory` otherwise, `own` for one typed in by hand), so
    no text from a case file can become a category.
    """
    out: Counter[Key] = Counter()
    opened = month_of(case.opened)
    visit_month = {v.id: month_of(v.date) for v in case.visits}

    def add(month: str, measure: str, category: str) -> None:
        out[Key(month, measure, category)] += 1

    add(opened, "cases_opened", ALL)
    if case.closed is not None:
        add(month_of(case.closed), "cases_closed", ALL)
    for visit in case.visits:
        month = visit_month[visit.id]
        add(month, "visits_by_mode", str(visit.mode))
        for concern in visit.concerns:
            for category in sorted(set(concern.categories)):
                add(month, "concern_categories", str(category))
    for device in case.devices:
        add(opened, "device_platforms", str(device.platform))
    for account in case.accounts:
        add(opened, "account_services", str(account.service))
    finding_month: dict[str, str] = {}
    for finding in case.findings:
        month = visit_month.get(finding.visit_id or "", opened)
        finding_month[finding.id] = month
        add(month, "finding_kinds", _finding_kind(case, finding.id))
    for run in case.checklist_runs:
        month = visit_month.get(run.visit_id or "", opened)
        for result in run.results:
            if result.status == ItemStatus.CONCERN:
                add(month, "finding_kinds", "checklist_concern")
    for direct in routes or ():
        add(opened, "access_routes", "direct" if direct else "indirect")
    for plan in case.plan_items:
        if plan.decision == Decision.UNDECIDED:
            continue
        month = finding_month.get(plan.finding_id or "", opened)
        add(month, "plan_decisions", str(plan.decision))
    latest = case.latest_visit()
    referral_month = month_of(latest.date) if latest is not None else opened
    for referral in case.referrals:
        add(referral_month, "referral_kinds", _referral_kind(referral.entry_id, referral_ids))
    for follow_up in case.follow_ups:
        if follow_up.done:
            add(month_of(follow_up.due) if follow_up.due else opened, "follow_ups_done", ALL)
    return out


def _finding_kind(case: Case, finding_id: str) -> str:
    """A finding's kind: its phone-check group, or where it came from."""
    finding = next(f for f in case.findings if f.id == finding_id)
    if finding.phone_check_hit_id:
        for check in case.phone_checks:
            for hit in check.hits:
                if hit.id == finding.phone_check_hit_id:
                    return f"phone_check_{hit.group}".replace("-", "_")
    return str(finding.source).replace("-", "_")


def _referral_kind(entry_id: str | None, known: frozenset[str]) -> str:
    if not entry_id:
        return "own"
    return entry_id if entry_id in known else "other_directory"


def with_totals(counts: Counter[Key]) -> Counter[Key]:
    """Add a `total` row per (month, measure) for every measure with several categories."""
    out = Counter(counts)
    for key, value in counts.items():
        if key.measure not in SINGLE_CATEGORY:
            out[Key(key.month, key.measure, TOTAL)] += value
    return out
