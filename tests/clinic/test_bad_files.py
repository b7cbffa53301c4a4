"""Damaged, hostile and unwritable vault files (reliability plan T09, T10, T15).

Each gets its own message through the app's unlock path (open_for_writing with the
unlock-time integrity check), and the file stays byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clinic.errors import DiskFull, VaultCorrupt, VaultTampered, VaultUnreadable, WrongPassphrase
from clinic.model import Case
from clinic.services import lifecycle
from clinic.storage import CaseRepository, KeySettings, Vault, check_integrity
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(vault_path: Path, fast_key: KeySettings, demo_cases: list[Case]) -> Path:
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        for case in demo_cases:
            repo.add(case)
    return vault_path


def _attempt(path: Path, key: KeySettings, error: type[Exception], match: str) -> None:
    """Open through the app's path; the error is specific and the folder is as before."""
    before = _sha(path)
    listing = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(error, match=match):
        lifecycle.open_for_writing(path, PASSPHRASE, key)
    assert _sha(path) == before
    after = sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".unlock-delay"))
    assert after == listing  # no lock file, journal or copy left behind


def test_flipped_byte_in_any_page_is_reported_with_its_page(
    filled: Path, fast_key: KeySettings, tmp_path: Path
) -> None:
    data = filled.read_bytes()
    pages = len(data) // PAGE
    assert pages >= 6
    rng = random.Random(9)
    for n in range(20):  # T09: 20 copies, one byte flipped in a different page >= 2
        page = 2 + n % (pages - 1)
        bad = bytearray(data)
        bad[(page - 1) * PAGE + rng.randrange(PAGE)] ^= 1 << rng.randrange(8)
        copy = tmp_path / f"flip{n}" / "v.vault"
        copy.parent.mkdir()
        copy.write_bytes(bytes(bad))
        _attempt(copy, fast_key, VaultTampered, rf"integrity check .*page {page}\b")
        with pytest.raises(VaultTampered):
            check_integrity(copy, PASSPHRASE, fast_key)


@pytest.mark.parametrize(
    ("kind", "error", "match"),
    [
        ("salt changed", WrongPassphrase, "or the file is not a vault"),
        ("zero-filled page", VaultTampered, "page 3"),
        ("truncated", VaultCorrupt, "truncated or damaged"),
        ("empty", VaultCorrupt, "is empty"),
        ("random bytes", VaultCorrupt, "truncated or damaged"),
        ("random whole pages", WrongPassphrase, "not a vault"),
        ("plain sqlite", VaultCorrupt, "plain, unencrypted SQLite"),
    ],
)
def test_corruption_classes_get_their_own_message(
    filled: Path, fast_key: KeySettings, kind: str, error: type[Exception], match: str
) -> None:
    data = bytearray(filled.read_bytes())
    if kind == "salt changed":
        data[0:16] = os.urandom(16)
    elif kind == "zero-filled page":
        data[2 * PAGE : 3 * PAGE] = bytes(PAGE)
    elif kind == "truncated":
        data = data[: len(data) // 2 + 123]
    elif kind == "empty":
        data = bytearray()
    elif kind == "random bytes":
        data = bytearray(os.urandom(10_001))
    elif kind == "random whole pages":
        data = bytearray(os.urandom(PAGE * 4))
    if kind == "plain sqlite":
        filled.unlink()
        conn = sqlite3.connect(filled)
        conn.execute("CREATE TABLE cases (id TEXT)")
        conn.commit()
        conn.close()
    else:
        filled.write_bytes(bytes(data))
    _attempt(filled, fast_key, error, match)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_is_refused_untouched(filled: Path, fast_key: KeySettings) -> None:
    filled.chmod(0o444)
    filled.parent.chmod(0o555)
    try:
        _attempt(filled, fast_key, VaultUnreadable, "read-only")
        with Vault.open(filled, PASSPHRASE, fast_key) as vault:  # without the app's lock
            before = _sha(filled)
            with pytest.raises(VaultUnreadable, match="read-only"):
                CaseRepository(vault).delete(CaseRepository(vault).list_cases()[0].id)
            assert _sha(filled) == before
    finally:
        filled.parent.chmod(0o700)


def test_disk_full_keeps_every_saved_case_and_the_file(
    filled: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    """T15 with `PRAGMA max_page_count`: saves fail cleanly, then work once there is room."""
    saved: list[str] = []
    with Vault.open(filled, PASSPHRASE, fast_key) as vault:
        pages = vault.conn.execute("PRAGMA page_count").fetchone()[0]
        vault.conn.execute(f"PRAGMA max_page_count = {pages + 40}")
        repo = CaseRepository(vault)
        with pytest.raises(DiskFull, match="disk is full"):  # noqa: PT012
            for n in range(1000):
                case = demo_case.model_copy(update={"id": f"{n:08x}-0000-4000-8000-000000000000"})
                before = _sha(filled)
                repo.add(case)
                saved.append(case.id)
        assert _sha(filled) == before  # the failed save changed nothing
        assert len(saved) >= 2
        vault.conn.execute(f"PRAGMA max_page_count = {pages * 100}")
        repo.add(case)  # there is room again: the same save now works
        saved.append(case.id)
    check_integrity(filled, PASSPHRASE, fast_key)
    with Vault.open(filled, PASSPHRASE, fast_key) as vault:
        stored = {c.id for c in CaseRepository(vault).list_cases()}
    assert set(saved) <= stored


_FSIZE_CHILD = """
import resource, signal, sys
from pathlib import Path
from clinic.errors import ClinicError
from clinic.services import lifecycle
from clinic.storage import KeySettings
path, out, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
vault = lifecycle.open_for_writing(path, sys.argv[4], KeySettings(4000))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    lifecycle.backup(vault, out, "a backup passphrase", "AB")
except ClinicError as exc:
    print(type(exc).code, exc, sep="|")  # the family; exc.code is the precise message
vault.close()
"""


def test_backup_to_a_full_disk_leaves_no_partial_file(filled: Path, tmp_path: Path) -> None:
    """T15 with RLIMIT_FSIZE in a subprocess (CI cannot mount a small filesystem)."""
    size = filled.stat().st_size
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    before = _sha(filled)
    proc = subprocess.run(
        [sys.executable, "-c", _FSIZE_CHILD, str(filled), str(out_dir / "b.backup")]
        + [str(size // 2), PASSPHRASE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    code, message = proc.stdout.strip().split("|")
    assert code == "disk_full"
    assert "disk is full" in message
    assert list(out_dir.iterdir()) == []  # the partial backup was deleted
    assert _sha(filled) == before
    assert proc.stderr == ""


def test_check_after_a_crash_mid_save_says_so_and_open_recovers(
    filled: Path, fast_key: KeySettings, demo_case: Case, tmp_path: Path
) -> None:
    """T17: a hot journal is left alone by `vault check` and rolled back by the next open."""
    crashed = tmp_path / "crashed" / "v.vault"
    crashed.parent.mkdir()
    journal = crashed.with_name("v.vault-journal")
    with Vault.open(filled, PASSPHRASE, fast_key) as vault:
        conn = vault.conn
        conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM entities")
        conn.execute("DELETE FROM cases")
        # a test-only snapshot of the files mid-transaction, as a crash would leave them
        crashed.write_bytes(filled.read_bytes())
        journal.write_bytes(filled.with_name(filled.name + "-journal").read_bytes())
        conn.execute("ROLLBACK")
    before = (_sha(crashed), _sha(journal))
    with pytest.raises(VaultUnreadable, match="unfinished save"):
        check_integrity(crashed, PASSPHRASE, fast_key)
    assert (_sha(crashed), _sha(journal)) == before
    with Vault.open(crashed, PASSPHRASE, fast_key) as vault:  # rolls the journal back
        assert CaseRepository(vault).exists(demo_case.id)
    assert not journal.exists()
    check_integrity(crashed, PASSPHRASE, fast_key)
