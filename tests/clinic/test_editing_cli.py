"""`clinic checklist record` and `clinic inventory remove`: the Investigate and Inventory use
cases through the CLI door (same services as the GUI), checked in the real vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.model import Case
from clinic.model.vocab import ItemStatus
from clinic.protocols.loader import ProtocolSet
from clinic.services.checklist import current_result
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE

PW = PASSPHRASE + "\n"


@pytest.fixture
def vault_with_case(vault_path: Path, fast_key: KeySettings, demo_case: Case) -> Path:
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        CaseRepository(vault).add(demo_case)
    return vault_path


def _load(path: Path, key: KeySettings, case_id: str) -> Case:
    with Vault.open(path, PASSPHRASE, key) as vault:
        return CaseRepository(vault).load(case_id)


def test_recording_a_concern_stores_the_result_and_one_finding(
    vault_with_case: Path, demo_case: Case, fast_key: KeySettings, protocol_set: ProtocolSet
) -> None:
    device = demo_case.devices[0]
    protocol_id, by_locale = next(iter(sorted(protocol_set.protocols.items())))
    item = by_locale["en"].items[0]
    args = ("checklist", "record", str(vault_with_case), demo_case.id, protocol_id, item.id)
    opts = ("--status", "concern", "--note", "seen in settings", "--target", device.id)
    for _ in range(2):  # the second time adds no second finding
        proc = run_cli(*args, *opts, "--passphrase-stdin", stdin=PW)
        assert proc.returncode == 0, proc.stderr
    stored = _load(vault_with_case, fast_key, demo_case.id)
    visit = stored.latest_visit()
    result = current_result(stored, protocol_id, device.id, item.id, visit.id if visit else None)
    assert result is not None
    assert (result.status, result.note) == (ItemStatus.CONCERN, "seen in settings")
    linked = [
        f
        for f in stored.findings
        if (f.protocol_id, f.item_id, f.target_id) == (protocol_id, item.id, device.id)
    ]
    assert len(linked) == 1


@pytest.mark.parametrize(
    ("extra", "code"),
    [((), 2), (("--status", "concern", "--target", "nobody"), 6)],
)
def test_bad_checklist_input_changes_nothing(
    vault_with_case: Path,
    demo_case: Case,
    fast_key: KeySettings,
    protocol_set: ProtocolSet,
    extra: tuple[str, ...],
    code: int,
) -> None:
    protocol_id, by_locale = next(iter(sorted(protocol_set.protocols.items())))
    item_id = by_locale["en"].items[0].id
    path = str(vault_with_case)
    proc = run_cli(
        *("checklist", "record", path, demo_case.id, protocol_id, item_id),
        *extra,
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == code
    assert len(proc.stderr.decode().strip().splitlines()) == 1
    assert _load(vault_with_case, fast_key, demo_case.id) == demo_case


def test_unknown_protocol_or_item_is_refused(vault_with_case: Path, demo_case: Case) -> None:
    for protocol_id, item_id in (("no-such-protocol", "x"),):
        proc = run_cli(
            *("checklist", "record", str(vault_with_case), demo_case.id, protocol_id, item_id),
            *("--status", "concern", "--passphrase-stdin"),
            stdin=PW,
        )
        assert proc.returncode == 6
        assert b"no-such-protocol" not in proc.stderr


def test_inventory_remove_clears_every_link(
    vault_with_case: Path, demo_case: Case, fast_key: KeySettings
) -> None:
    owners = {d.owner_id for d in demo_case.devices if d.owner_id}
    person = next(p for p in demo_case.people if p.id in owners)
    proc = run_cli(
        *("inventory", "remove", str(vault_with_case), demo_case.id, person.id),
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0, proc.stderr
    stored = _load(vault_with_case, fast_key, demo_case.id)
    assert person.id not in {p.id for p in stored.people}
    assert all(d.owner_id != person.id for d in stored.devices)
    assert all(person.id not in a.password_known_by for a in stored.accounts)
    missing = run_cli(
        *("inventory", "remove", str(vault_with_case), demo_case.id, person.id),
        "--passphrase-stdin",
        stdin=PW,
    )
    assert missing.returncode == 6
