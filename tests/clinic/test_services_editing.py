"""Use cases the GUI and the CLI share: inventory removal with clean-up, checklist recording.

Each runs on a real SQLCipher vault and is checked by loading the case back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.model import Case
from clinic.model.vocab import ItemStatus
from clinic.protocols.loader import ProtocolSet
from clinic.services import checklist, inventory
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE


def _referenced_ids(case: Case) -> set[str]:
    ids: set[str] = set()
    for kind in ("devices", "accounts", "checklist_runs", "findings", "phone_checks"):
        for record in getattr(case, kind):
            for value in record.model_dump().values():
                if isinstance(value, str):
                    ids.add(value)
                elif isinstance(value, list):
                    ids.update(v for v in value if isinstance(v, str))
    return ids


def test_removing_a_person_clears_every_link_in_the_vault(
    vault_path: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    case = demo_case.model_copy(deep=True)
    person = next(p for p in case.people if p.id in _referenced_ids(case))
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        repo.add(case)
        changed = inventory.remove_entry(repo, case, "people", person.id)
        assert changed, "the demo person of concern is linked from other records"
        stored = repo.load(case.id)
    assert person.id not in {p.id for p in stored.people}
    assert person.id not in _referenced_ids(stored)
    assert stored == case  # the in-memory case and the vault agree


def test_remove_entry_refuses_a_kind_that_is_not_inventory(
    vault_path: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        repo.add(demo_case)
        with pytest.raises(ValueError, match="not an inventory kind"):
            inventory.remove_entry(repo, demo_case, "findings", demo_case.findings[0].id)
        assert repo.load(demo_case.id) == demo_case


def test_recording_an_item_creates_one_run_per_visit_and_stores(
    vault_path: Path, fast_key: KeySettings, demo_case: Case, protocol_set: ProtocolSet
) -> None:
    case = demo_case.model_copy(deep=True)
    protocol = next(iter(protocol_set.protocols.values()))["en"]
    item = protocol.items[0]
    visit = case.visits[-1]
    runs_before = len(case.checklist_runs)
    first = checklist.record(case, protocol, None, visit.id, item.id, status=ItemStatus.CONCERN)
    again = checklist.record(case, protocol, None, visit.id, item.id, note="seen twice")
    assert first is again
    assert len(case.checklist_runs) == runs_before + (
        0 if checklist.find_run(demo_case, protocol.id, None, visit.id) else 1
    )
    finding = checklist.concern_finding(case, protocol, item, None, visit.id)
    assert checklist.concern_finding(case, protocol, item, None, visit.id) is None
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        repo.add(demo_case)
        repo.save_entity(case.id, "checklist_runs", first)
        if finding is not None:
            repo.save_entity(case.id, "findings", finding)
        stored = repo.load(case.id)
    result = checklist.current_result(stored, protocol.id, None, item.id, visit.id)
    assert result is not None
    assert (result.status, result.note) == (ItemStatus.CONCERN, "seen twice")
