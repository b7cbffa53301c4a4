"""A crash leaves a hot `-journal`; a damaged one is never rolled back silently (issue 15, #2).

A writer subprocess (crash_child `hold`) deletes every case in a transaction that never
commits, with a one-page cache so changed pages reach the vault file, and is killed. The
next open keeps the vault and its journal aside, rolls back, checks; a damaged result is
put back byte for byte and refused with exit 7.
"""

from __future__ import annotations

import hashlib
import os
import signal
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from clinic.errors import JournalDamaged
from clinic.storage import CaseRepository, KeySettings, Vault, check_integrity
from tests.cli_helpers import run_cli
from tests.clinic.crash_child import OLD_PW

ROOT = Path(__file__).resolve().parents[2]
CASES = 40


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal(vault: Path) -> Path:
    return vault.with_name(vault.name + "-journal")


def _kill_mid_transaction(vault: Path, key: KeySettings) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.clinic.crash_child", "hold", str(vault), str(key.kdf_iter)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"go"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.fixture
def crashed(tmp_path: Path, fast_key: KeySettings, demo_cases: list) -> tuple[Path, set[str]]:  # type: ignore[type-arg]
    """A vault of CASES cases whose writer died mid-delete: a hot journal beside it."""
    path = tmp_path / "crashed.vault"
    with Vault.create(path, OLD_PW, fast_key) as vault:
        repo = CaseRepository(vault)
        template = demo_cases[0]
        for n in range(CASES):
            repo.add(template.model_copy(update={"id": f"{n:08d}-0000-4000-8000-000000000000"}))
        ids = {c.id for c in repo.list_cases()}
    _kill_mid_transaction(path, fast_key)
    journal = _journal(path)
    assert journal.exists()
    assert journal.stat().st_size > 4096
    return path, ids


def _record_offset(journal: Path) -> int:
    """Where the first page record's data starts (after the header sector and page number)."""
    header = journal.read_bytes()[:28]
    assert header[:8] == bytes.fromhex("d9d505f920a163d7")
    sector = struct.unpack(">I", header[20:24])[0]
    return sector + 4


def test_intact_journal_rolls_back_and_every_case_is_there(
    crashed: tuple[Path, set[str]], fast_key: KeySettings
) -> None:
    path, ids = crashed
    proc = run_cli("case", "list", str(path), "--passphrase-stdin", stdin=OLD_PW + "\n")
    assert proc.returncode == 0, proc.stderr
    assert {line.split("\t")[0] for line in proc.stdout.decode().splitlines()} == ids
    assert not _journal(path).exists()
    assert not path.with_name(path.name + ".before-recovery").exists()
    check_integrity(path, OLD_PW, fast_key)


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damaged_journal_is_put_back_untouched_and_refused(
    crashed: tuple[Path, set[str]], fast_key: KeySettings, damage: str
) -> None:
    path, ids = crashed
    journal = _journal(path)
    data = bytearray(journal.read_bytes())
    at = _record_offset(journal) + 2001  # inside the first saved page, between checksum bytes
    if damage == "flip":
        data[at] ^= 0x5A
    else:
        del data[at:]
    journal.write_bytes(bytes(data))
    before = (_sha(path), _sha(journal))
    proc = run_cli("case", "list", str(path), "--passphrase-stdin", stdin=OLD_PW + "\n")
    if damage == "flip" or proc.returncode != 0:
        assert proc.returncode == 7, proc.stderr
        assert proc.stdout == b""
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1
        assert "backup" in lines[0]
        assert (_sha(path), _sha(journal)) == before  # nothing lost, nothing changed
        assert not path.with_name(path.name + ".before-recovery").exists()
        with pytest.raises(JournalDamaged):
            Vault.open(path, OLD_PW, fast_key)
        assert (_sha(path), _sha(journal)) == before
    else:  # a truncated journal that still rolls back whole: every case is back
        assert {line.split("\t")[0] for line in proc.stdout.decode().splitlines()} == ids
        check_integrity(path, OLD_PW, fast_key)


def test_recovery_stopped_half_way_puts_the_originals_back_first(
    crashed: tuple[Path, set[str]], fast_key: KeySettings
) -> None:
    """A copy aside marked complete is the untouched pair: it wins over what is in place."""
    path, ids = crashed
    aside = path.with_name(path.name + ".before-recovery")
    aside.mkdir(mode=0o700)
    (aside / "vault").write_bytes(path.read_bytes())
    (aside / "journal").write_bytes(_journal(path).read_bytes())
    (aside / "complete").touch()
    path.write_bytes(b"\0" * path.stat().st_size)  # what a half-done rollback might leave
    with Vault.open(path, OLD_PW, fast_key, verify=True) as vault:
        assert {c.id for c in CaseRepository(vault).list_cases()} == ids
    assert not aside.exists()
