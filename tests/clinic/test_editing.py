"""Editing services and stage progress, on a real vault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clinic.model import Case, Finding, FollowUp, PlanItem
from clinic.model.vocab import CaseStatus, Decision
from clinic.services import editing
from clinic.services.progress import stage_progress
from clinic.stages import STAGE_IDS
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import FIXED_TODAY, PASSPHRASE


@pytest.fixture
def repo(vault_path: Path, fast_key: KeySettings):  # type: ignore[no-untyped-def]
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        yield CaseRepository(vault)


def test_new_case_close_and_reopen(repo: CaseRepository) -> None:
    case = editing.new_case(repo, "Birch", FIXED_TODAY)
    assert repo.load(case.id).visits[0].date == FIXED_TODAY
    closed = editing.set_status(repo, case.id, True, FIXED_TODAY + dt.timedelta(days=3))
    stored = repo.load(case.id)
    assert stored.status == CaseStatus.CLOSED == closed.status
    assert stored.closed == FIXED_TODAY + dt.timedelta(days=3)
    editing.set_status(repo, case.id, False, FIXED_TODAY)
    assert repo.load(case.id).status == CaseStatus.OPEN
    assert repo.load(case.id).closed is None


def test_new_visit_carries_what_is_still_open(repo: CaseRepository) -> None:
    case = editing.new_case(repo, "Birch", FIXED_TODAY)
    first = case.visits[0]
    decided = Finding(title="Shared location", visit_id=first.id)
    undecided = Finding(title="Unknown sign-in", visit_id=first.id)
    plan = PlanItem(title="Stop sharing", finding_id=decided.id, decision=Decision.LATER)
    done = FollowUp(what="Call back", done=True)
    todo = FollowUp(what="Bring the tablet")
    for kind, entity in (
        ("findings", decided),
        ("findings", undecided),
        ("plan_items", plan),
        ("follow_ups", done),
        ("follow_ups", todo),
    ):
        editing.save_record(repo, case, kind, entity)
    visit, carried = editing.start_visit(repo, case, FIXED_TODAY + dt.timedelta(days=7))
    assert [f.title for f in carried.findings] == ["Unknown sign-in"]
    assert [f.what for f in carried.follow_ups] == ["Bring the tablet"]
    stored = repo.load(case.id)
    assert [v.id for v in stored.visits] == [first.id, visit.id]
    assert repo.list_cases()[0].open_follow_ups == 1


def test_save_record_updates_one_record(repo: CaseRepository) -> None:
    case = editing.new_case(repo, "Birch", FIXED_TODAY)
    visit = case.visits[0]
    visit.notes = "typed"
    editing.save_record(repo, case, "visits", visit)
    assert repo.load(case.id).visits[0].notes == "typed"
    assert len(case.visits) == 1
    with pytest.raises(ValueError, match="unknown record kind"):
        editing.save_record(repo, case, "secrets", visit)


def test_stage_progress_counts(demo_case: Case) -> None:
    visit = demo_case.latest_visit()
    progress = stage_progress(demo_case, visit)
    assert list(progress) == list(STAGE_IDS)
    assert progress["inventory"].complete
    assert progress["investigate"].total > 0
    assert progress["print"].total == 0
    empty = Case(pseudonym="Ash", opened=FIXED_TODAY)
    blank = stage_progress(empty, None)
    assert all(p.done == 0 for p in blank.values())
