"""Checklist recording, the use case: one ChecklistRun per protocol, target and visit.

Plain functions on an in-memory Case: they update the case and return the records that
changed. The GUI (Investigate stage) announces them with `edited` so the autosaver stores
them; `clinic checklist record` stores them with CaseRepository.save_entity.
"""

from __future__ import annotations

from clinic.model import Case, ChecklistRun, Finding, ItemResult
from clinic.model.vocab import ItemStatus
from clinic.protocols.schema import Item, Protocol


def find_run(
    case: Case, protocol_id: str, target_id: str | None, visit_id: str | None
) -> ChecklistRun | None:
    return next(
        (
            r
            for r in case.checklist_runs
            if r.protocol_id == protocol_id and r.target_id == target_id and r.visit_id == visit_id
        ),
        None,
    )


def current_result(
    case: Case, protocol_id: str, target_id: str | None, item_id: str, visit_id: str | None
) -> ItemResult | None:
    """This visit's result for the item, else the latest recorded in an earlier run."""
    run = find_run(case, protocol_id, target_id, visit_id)
    mine = next((r for r in run.results if r.item_id == item_id), None) if run else None
    if mine is not None:
        return mine
    earlier = None
    for other in case.checklist_runs:
        if other.protocol_id == protocol_id and other.target_id == target_id:
            for result in other.results:
                if result.item_id == item_id and result.status != ItemStatus.NOT_CHECKED:
                    earlier = result
    return earlier


def record(
    case: Case,
    protocol: Protocol,
    target_id: str | None,
    visit_id: str | None,
    item_id: str,
    *,
    status: ItemStatus | None = None,
    note: str | None = None,
) -> ChecklistRun:
    """Set the status and/or note of one item in this visit's run (created if needed)."""
    run = find_run(case, protocol.id, target_id, visit_id)
    if run is None:
        run = ChecklistRun(
            visit_id=visit_id,
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            target_id=target_id,
        )
        case.checklist_runs.append(run)
    result = next((r for r in run.results if r.item_id == item_id), None)
    if result is None:
        result = ItemResult(item_id=item_id)
        run.results.append(result)
    if status is not None:
        result.status = status
    if note is not None:
        result.note = note
    return run


def finding_for(
    case: Case, protocol_id: str, item_id: str, target_id: str | None
) -> Finding | None:
    return next(
        (
            f
            for f in case.findings
            if f.protocol_id == protocol_id and f.item_id == item_id and f.target_id == target_id
        ),
        None,
    )


def concern_finding(
    case: Case,
    protocol: Protocol,
    item: Item,
    target_id: str | None,
    visit_id: str | None,
    note: str = "",
) -> Finding | None:
    """A new checklist finding linked to the item, or None when one already exists."""
    if finding_for(case, protocol.id, item.id, target_id) is not None:
        return None
    finding = Finding(
        visit_id=visit_id,
        source="checklist",
        title=item.title,
        detail=note,
        protocol_id=protocol.id,
        item_id=item.id,
        target_id=target_id,
    )
    case.findings.append(finding)
    return finding


def record_result(
    case: Case,
    protocol: Protocol,
    item: Item,
    target_id: str | None,
    visit_id: str | None,
    *,
    status: ItemStatus | None = None,
    note: str | None = None,
) -> list[tuple[str, ChecklistRun | Finding]]:
    """Record one item's status and/or note; "concern" also adds its linked finding (once).

    Returns the records to store, as (kind, record): the run, then a new finding if any.
    """
    run = record(case, protocol, target_id, visit_id, item.id, status=status, note=note)
    changed: list[tuple[str, ChecklistRun | Finding]] = [("checklist_runs", run)]
    if status == ItemStatus.CONCERN:
        finding = concern_finding(case, protocol, item, target_id, visit_id, note or "")
        if finding is not None:
            changed.append(("findings", finding))
    return changed
