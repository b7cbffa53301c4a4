"""Case edits the app makes: new case, close/reopen, new visit, one autosaved record.

Each function validates through the model and stores through the repository in one
transaction. Functions given the in-memory `Case` update it; set_status returns a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clinic.model import ENTITY_LISTS, Case, Entity, Finding, FollowUp, Visit
from clinic.model.vocab import CaseStatus, Decision
from clinic.storage import CaseRepository


@dataclass(frozen=True)
class OpenItems:
    """What is still open from earlier visits."""

    findings: list[Finding]
    follow_ups: list[FollowUp]

    def __bool__(self) -> bool:
        return bool(self.findings or self.follow_ups)


def new_case(repo: CaseRepository, pseudonym: str, today: dt.date) -> Case:
    """A new open case with its first visit, stored."""
    case = Case(pseudonym=pseudonym, opened=today, visits=[Visit(date=today)])
    repo.add(case)
    return case


def set_status(repo: CaseRepository, case_id: str, closed: bool, today: dt.date) -> Case:
    """Close or reopen a stored case by id; returns the updated case."""
    case = repo.load(case_id)
    update = (
        {"status": CaseStatus.CLOSED, "closed": max(today, case.opened)}
        if closed
        else {"status": CaseStatus.OPEN, "closed": None}
    )
    # Both fields change together, so validate the whole case rather than each assignment.
    changed = Case.model_validate(case.model_copy(update=update).model_dump())
    repo.save_header(changed)
    return changed


def open_items(case: Case, before: Visit | None = None) -> OpenItems:
    """Findings without a decided plan item and follow-ups not done, from earlier visits."""
    decided = {
        p.finding_id for p in case.plan_items if p.decision != Decision.UNDECIDED and p.finding_id
    }
    earlier_visits = {v.id for v in case.visits if before is None or v.id != before.id}
    findings = [
        f
        for f in case.findings
        if f.id not in decided and (f.visit_id is None or f.visit_id in earlier_visits)
    ]
    return OpenItems(findings=findings, follow_ups=case.open_follow_ups())


def start_visit(repo: CaseRepository, case: Case, today: dt.date) -> tuple[Visit, OpenItems]:
    """Add a visit for a returning survivor; returns it with what is still open."""
    carried = open_items(case)
    visit = Visit(date=today)
    repo.save_entity(case.id, "visits", visit)
    case.visits.append(visit)
    return visit, carried


def save_record(repo: CaseRepository, case: Case, kind: str, entity: Entity) -> None:
    """Store one edited or new child record; adds it to the case if it is new."""
    if kind not in ENTITY_LISTS:
        raise ValueError(f"unknown record kind {kind!r}")
    repo.save_entity(case.id, kind, entity)
    records: list[Entity] = getattr(case, kind)
    if not any(r.id == entity.id for r in records):
        records.append(entity)


def save_case_fields(repo: CaseRepository, case: Case) -> None:
    """Store the case's own fields (pseudonym, situation, safe contact...)."""
    repo.save_header(case)


def delete_record(repo: CaseRepository, case: Case, kind: str, entity_id: str) -> None:
    """Delete one child record from the vault and from the in-memory case."""
    if kind not in ENTITY_LISTS:
        raise ValueError(f"unknown record kind {kind!r}")
    repo.delete_entity(case.id, kind, entity_id)
    records: list[Entity] = getattr(case, kind)
    records[:] = [r for r in records if r.id != entity_id]
