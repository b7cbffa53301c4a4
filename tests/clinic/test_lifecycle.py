"""Backup, restore, delete, purge and the audit log on real vault files (T16-T22)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from clinic.errors import (
    NotFound,
    PassphraseRejected,
    SchemaTooNew,
    VaultCorrupt,
    VaultTampered,
    VaultUnreadable,
    WrongPassphrase,
)
from clinic.model import Case
from clinic.model.vocab import CaseStatus
from clinic.services import lifecycle
from clinic.storage import CaseRepository, KeySettings, Vault, check_integrity, schema
from clinic.storage.backup import restore_backup, write_backup
from tests.conftest import FIXED_TODAY, PASSPHRASE
from tests.factories import with_marker_everywhere
from tests.pagecrypt import plaintext

BACKUP_PW = "a separate backup passphrase"
NEW_PW = "the restored vault passphrase"
TODAY = FIXED_TODAY


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_hashes(conn: Any) -> dict[str, str]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    out = {}
    for name in sorted(names):
        rows = sorted(repr(r) for r in conn.execute(f"SELECT * FROM {name}"))
        out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out


def _closed(case: Case, closed: dt.date) -> Case:
    return case.model_copy(
        update={"status": CaseStatus.CLOSED, "closed": closed, "opened": min(case.opened, closed)}
    )


@pytest.fixture
def marked(demo_case: Case) -> tuple[Case, str]:
    marker = "ZQXLIFE" + demo_case.id[:8]
    case, _ = with_marker_everywhere(demo_case, marker)
    return case, marker


@pytest.fixture
def vault(vault_path: Path, fast_key: KeySettings, demo_cases: list[Case]) -> Any:
    with Vault.create(vault_path, PASSPHRASE, fast_key) as v:
        repo = CaseRepository(v)
        for case in demo_cases:
            repo.add(case)
        yield v


# -- backup and restore (T16, T18, T19) ------------------------------------------------
def test_backup_restore_round_trip_keeps_every_table(
    vault: Vault, tmp_path: Path, fast_key: KeySettings
) -> None:
    for i in range(500):  # T16: rows not checkpointed anywhere else still reach the backup
        vault.conn.execute(
            "INSERT INTO vault_settings (key, value) VALUES (?, ?)", (f"k{i}", "v" * 50)
        )
    before = table_hashes(vault.conn)
    out = tmp_path / "b.backup"
    write_backup(vault, out, BACKUP_PW)
    raw = out.read_bytes()
    assert raw[:16] != b"SQLite format 3\x00"
    assert out.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*part*"))
    with pytest.raises(WrongPassphrase):  # the vault's passphrase does not open the backup
        check_integrity(out, PASSPHRASE, fast_key)
    check_integrity(out, BACKUP_PW, fast_key)
    target = tmp_path / "restored.vault"
    restore_backup(out, BACKUP_PW, target, NEW_PW, fast_key)
    with Vault.open(target, NEW_PW, fast_key) as restored:
        assert table_hashes(restored.conn) == before
        version = restored.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == schema.CURRENT_VERSION
    assert target.stat().st_mode & 0o777 == 0o600


def test_backup_holds_no_plaintext(
    vault: Vault, tmp_path: Path, fast_key: KeySettings, marked: tuple[Case, str]
) -> None:
    case, marker = marked
    CaseRepository(vault).save(case)
    out = tmp_path / "b.backup"
    write_backup(vault, out, BACKUP_PW)
    assert marker.encode() not in out.read_bytes()
    # positive control: the decryptor does see the marker in the backup's pages
    assert marker.encode() in plaintext(out, BACKUP_PW, fast_key.kdf_iter)


@pytest.mark.parametrize("weak", ["", "   ", "short"])
def test_backup_refuses_empty_or_weak_key(vault: Vault, tmp_path: Path, weak: str) -> None:
    with pytest.raises(PassphraseRejected):
        write_backup(vault, tmp_path / "b.backup", weak)
    assert list(tmp_path.iterdir()) == [vault.path]


def test_backup_never_overwrites(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "b.backup"
    out.write_bytes(b"keep me")
    with pytest.raises(VaultUnreadable, match="already exists"):
        write_backup(vault, out, BACKUP_PW)
    assert out.read_bytes() == b"keep me"


def test_passphrase_with_quotes_keys_the_backup(
    vault: Vault, tmp_path: Path, fast_key: KeySettings
) -> None:
    phrase = "it's a \"quoted\" key'; --"
    out = tmp_path / "q'uote.backup"
    write_backup(vault, out, phrase)
    check_integrity(out, phrase, fast_key)


@pytest.fixture
def backup_file(vault: Vault, tmp_path: Path) -> Path:
    out = tmp_path / "good.backup"
    write_backup(vault, out, BACKUP_PW)
    return out


def _bad_copy(backup_file: Path, kind: str, fast_key: KeySettings) -> Path:
    data = bytearray(backup_file.read_bytes())
    bad = backup_file.with_name(f"{kind}.backup")
    if kind == "tampered":
        data[4096 * 2 + 200] ^= 0x40
    elif kind == "truncated":
        data = data[: len(data) // 2 + 123]
    elif kind == "whole-pages-cut":
        data = data[: 4096 * 3]
    bad.write_bytes(bytes(data))
    if kind == "newer":
        with Vault.open(bad, BACKUP_PW, fast_key) as v:
            v.conn.execute("PRAGMA user_version = 99")
    return bad


@pytest.mark.parametrize(
    ("kind", "error", "message"),
    [
        ("wrong", WrongPassphrase, "Wrong backup passphrase"),
        ("tampered", VaultTampered, "backup failed its integrity check"),
        ("truncated", VaultCorrupt, "backup file is truncated"),
        ("whole-pages-cut", (VaultCorrupt, VaultTampered), "backup"),
        ("newer", SchemaTooNew, "newer version"),
    ],
)
def test_bad_restores_are_refused_and_change_nothing(
    vault: Vault,
    backup_file: Path,
    tmp_path: Path,
    fast_key: KeySettings,
    kind: str,
    error: type[Exception] | tuple[type[Exception], ...],
    message: str,
) -> None:
    source = backup_file if kind == "wrong" else _bad_copy(backup_file, kind, fast_key)
    phrase = "not the backup passphrase" if kind == "wrong" else BACKUP_PW
    vault_before = _sha(vault.path)
    source_before = _sha(source)
    listing = sorted(p.name for p in tmp_path.iterdir())
    target = tmp_path / "new.vault"
    with pytest.raises(error, match=message):
        restore_backup(source, phrase, target, NEW_PW, fast_key)
    assert _sha(source) == source_before
    assert _sha(vault.path) == vault_before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no target, no partial file


def test_restore_never_writes_over_a_file(
    backup_file: Path, vault: Vault, fast_key: KeySettings
) -> None:
    before = _sha(vault.path)
    with pytest.raises(VaultUnreadable, match="already exists"):
        restore_backup(backup_file, BACKUP_PW, vault.path, NEW_PW, fast_key)
    assert _sha(vault.path) == before


# -- delete and purge (T20, T21, T22) --------------------------------------------------
def test_deleted_case_text_is_gone_from_every_page(
    vault: Vault, fast_key: KeySettings, marked: tuple[Case, str]
) -> None:
    case, marker = marked
    CaseRepository(vault).save(case)
    hits_before = plaintext(vault.path, PASSPHRASE, fast_key.kdf_iter).count(marker.encode())
    assert hits_before > 60  # the decryptor works: every field's text is visible
    lifecycle.delete_case(vault, case.id, "AB")
    assert not CaseRepository(vault).exists(case.id)
    orphans = vault.conn.execute("SELECT count(*) FROM entities WHERE case_id = ?", (case.id,))
    assert orphans.fetchone()[0] == 0
    assert plaintext(vault.path, PASSPHRASE, fast_key.kdf_iter).count(marker.encode()) == 0
    for sidecar in ("-journal", "-wal"):
        assert not vault.path.with_name(vault.path.name + sidecar).exists()
    with pytest.raises(NotFound):
        lifecycle.delete_case(vault, case.id, "AB")


def test_purge_deletes_only_cases_closed_past_the_window(
    vault: Vault, tmp_path: Path, fast_key: KeySettings, marked: tuple[Case, str]
) -> None:
    case, marker = marked
    repo = CaseRepository(vault)
    old = _closed(case, TODAY - dt.timedelta(days=91))
    repo.save(old)
    kept_ids = {c.id for c in repo.list_cases() if c.id != old.id}
    edge = _closed(repo.load(next(iter(kept_ids))), TODAY - dt.timedelta(days=90))
    repo.save(edge)  # closed exactly 90 days ago: not "more than 90 days"
    size_before = vault.path.stat().st_size
    assert lifecycle.purge_closed(vault, 90, TODAY, "ab") == 1
    assert {c.id for c in repo.list_cases()} == kept_ids
    assert vault.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert vault.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert vault.path.stat().st_size < size_before
    assert plaintext(vault.path, PASSPHRASE, fast_key.kdf_iter).count(marker.encode()) == 0
    # T22: a backup made after the purge does not hold the purged case
    out = tmp_path / "after-purge.backup"
    write_backup(vault, out, BACKUP_PW)
    assert plaintext(out, BACKUP_PW, fast_key.kdf_iter).count(marker.encode()) == 0
    # T21: the audit log says who purged, never what
    entries = lifecycle.read_audit(vault)
    assert [(e.initials, e.action) for e in entries] == [("AB", "purged")]
    assert marker not in repr(entries)
    assert old.id not in repr(entries)


def test_purge_with_nothing_to_delete_keeps_every_case(vault: Vault) -> None:
    before = table_hashes(vault.conn)["cases"]
    assert lifecycle.purge_closed(vault, 0, TODAY, "AB") == 0
    assert table_hashes(vault.conn)["cases"] == before


# -- the audit log ----------------------------------------------------------------------
def test_lifecycle_actions_write_initials_and_action_only(
    vault: Vault, tmp_path: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    fixed = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    lifecycle.backup(vault, tmp_path / "a.backup", BACKUP_PW, "jd", now=lambda: fixed)
    lifecycle.delete_case(vault, demo_case.id, "JD", now=lambda: fixed)
    rows = vault.conn.execute("SELECT * FROM audit ORDER BY seq").fetchall()
    assert [r[1:] for r in rows] == [
        ("2026-11-27T10:00:00+00:00", "JD", "backed up"),
        ("2026-11-27T10:00:00+00:00", "JD", "deleted"),
    ]
    target = tmp_path / "r.vault"
    lifecycle.restore(tmp_path / "a.backup", BACKUP_PW, target, NEW_PW, "JD", fast_key)
    with Vault.open(target, NEW_PW, fast_key) as restored:
        actions = [e.action for e in lifecycle.read_audit(restored)]
    assert actions == ["restored"]  # the backup was taken before its own audit row
    assert not (tmp_path / "r.vault.lock").exists()


@pytest.mark.parametrize("bad", ["", "a b", "x" * 9, "J.D."])
def test_initials_are_checked_before_anything_is_done(
    vault: Vault, demo_case: Case, bad: str
) -> None:
    from clinic.errors import InvalidInput

    with pytest.raises(InvalidInput):
        lifecycle.delete_case(vault, demo_case.id, bad)
    assert CaseRepository(vault).exists(demo_case.id)
