"""The GUI's background integrity check (issue 15 #1): list at once, writes and opens held.

`lifecycle.unlock_checking_in_background` opens the vault with the key derived once, and a
second connection runs both checks. Until they pass, every write (`Vault.transaction`)
and every case open (`CaseRepository.load`) waits; when they fail, both raise VaultTampered,
the watcher is told, and nothing was written.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

import pytest

from clinic.errors import VaultTampered
from clinic.services import lifecycle
from clinic.services.demo import generate
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.storage.gate import IntegrityGate
from tests.conftest import FIXED_TODAY, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "release-0.1.0"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def two_hundred(tmp_path_factory: pytest.TempPathFactory, protocol_set: object) -> Path:
    path = tmp_path_factory.mktemp("gate") / "v.vault"
    cases = generate(9, 200, False, FIXED_TODAY, protocol_set)  # type: ignore[arg-type]
    with Vault.create(path, PASSPHRASE, KeySettings(kdf_iter=4000)) as vault:
        CaseRepository(vault).put_all(cases)
    return path


def _damaged(source: Path, target: Path, page: int) -> Path:
    data = bytearray(source.read_bytes())
    data[(page - 1) * 4096 + 1500] ^= 0x10
    target.write_bytes(bytes(data))
    return target


def test_a_healthy_vault_is_usable_at_once_and_writable_after_the_check(
    two_hundred: Path, tmp_path: Path, fast_key: KeySettings
) -> None:
    path = tmp_path / "ok.vault"
    shutil.copy(two_hundred, path)
    with lifecycle.unlock_checking_in_background(path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        ids = [c.id for c in repo.list_cases()]  # the list needs no check
        assert len(ids) == 201
        case = repo.load(ids[5])  # waits for the check, then opens
        repo.save(case.model_copy(update={"pseudonym": "Renamed"}))
        lifecycle.audit_unlocked_when_verified(vault, "AB")
        assert [e.action for e in lifecycle.read_audit(vault)] == ["unlocked"]


@pytest.mark.parametrize("page", [18, 40])
def test_a_damaged_vault_holds_every_write_and_open_then_refuses(
    two_hundred: Path, tmp_path: Path, fast_key: KeySettings, page: int
) -> None:
    path = _damaged(two_hundred, tmp_path / "bad.vault", page)
    before = _sha(path)
    told = threading.Event()
    errors: list[BaseException] = []
    with lifecycle.unlock_checking_in_background(path, PASSPHRASE, fast_key) as vault:

        def watcher(exc: BaseException) -> None:
            errors.append(exc)
            told.set()

        vault.watch_check(watcher)
        repo = CaseRepository(vault)
        with pytest.raises(VaultTampered):
            lifecycle.audit_unlocked_when_verified(vault, "AB")
        with pytest.raises(VaultTampered), vault.transaction() as conn:
            conn.execute("DELETE FROM cases")
        if page == 40:  # a page of the case list: the list read waits for the verdict
            with pytest.raises(VaultTampered):
                repo.list_cases()
        else:
            for summary in repo.list_cases()[:3]:
                with pytest.raises(VaultTampered):
                    repo.load(summary.id)
        assert told.wait(10)
        assert isinstance(errors[0], VaultTampered)
    assert _sha(path) == before


def test_the_gate_holds_until_it_is_finished() -> None:
    gate = IntegrityGate()
    seen: list[str] = []

    def writer() -> None:
        gate.wait()
        seen.append("written")

    thread = threading.Thread(target=writer)
    thread.start()
    assert not gate.settled
    assert seen == []
    gate.finish(None)
    thread.join(10)
    assert seen == ["written"]
    assert gate.passed


def test_an_old_vault_is_checked_before_it_is_migrated(tmp_path: Path) -> None:
    """A migration writes: it never starts on a vault whose check has not passed."""
    source = FIXTURE / "vault.db"
    if not source.exists():
        pytest.skip("release 0.1.0 fixture missing")
    pages = source.stat().st_size // 4096
    path = _damaged(source, tmp_path / "old.vault", pages - 1)
    before = _sha(path)
    with pytest.raises(VaultTampered):
        lifecycle.unlock_checking_in_background(path, "fixture passphrase 0.1.0", KeySettings())
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.vault"]  # no migration backup


def test_a_check_not_started_yet_starts_when_a_write_needs_it(
    two_hundred: Path, tmp_path: Path, fast_key: KeySettings
) -> None:
    """The GUI starts the check after drawing the list; a write before that never hangs."""
    path = tmp_path / "later.vault"
    shutil.copy(two_hundred, path)
    with lifecycle.unlock_checking_in_background(path, PASSPHRASE, fast_key, start=False) as v:
        lifecycle.audit_unlocked_when_verified(v, "AB")
        v.start_verifying()  # already started by the wait: a no-op
        assert [e.action for e in lifecycle.read_audit(v)] == ["unlocked"]


def test_the_second_connection_opens_with_the_key_derived_alongside(tmp_path: Path) -> None:
    """Default key settings: the raw key derived in parallel is SQLCipher's own."""
    path = tmp_path / "default.vault"
    with Vault.create(path, "ünïcode pässphrase 'quoted'", KeySettings()):
        pass
    vault = lifecycle.unlock_checking_in_background(path, "ünïcode pässphrase 'quoted'")
    with vault:
        lifecycle.audit_unlocked_when_verified(vault, "AB")  # raises if the check failed
