"""The encrypted vault on real SQLCipher files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from clinic.errors import (
    PassphraseRejected,
    SchemaTooNew,
    VaultCorrupt,
    VaultTampered,
    WrongPassphrase,
)
from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault, check_integrity
from tests.conftest import PASSPHRASE
from tests.factories import with_marker_everywhere


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled_vault(vault_path: Path, fast_key: KeySettings, demo_cases: list[Case]) -> Path:
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        for case in demo_cases:
            repo.add(case)
    return vault_path


def test_header_is_not_plain_sqlite(filled_vault: Path) -> None:
    assert filled_vault.read_bytes()[:16] != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(filled_vault).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_file_permissions_are_private(filled_vault: Path) -> None:
    assert filled_vault.stat().st_mode & 0o777 == 0o600


def test_canary_in_every_field_is_absent_from_raw_bytes(
    vault_path: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    marker = "ZQXCANARY"
    case, fields = with_marker_everywhere(demo_case, marker)
    assert fields > 60
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        repo.add(case)
        assert repo.load(case.id) == case
        with vault.transaction() as conn:  # leave a journal behind mid-transaction
            conn.execute("UPDATE cases SET pseudonym = ? WHERE id = ?", (marker + "x", case.id))
            for sidecar in ("-journal", "-wal"):
                side = vault_path.with_name(vault_path.name + sidecar)
                if side.exists():
                    assert marker.encode() not in side.read_bytes()
    for path in vault_path.parent.iterdir():
        raw = path.read_bytes()
        assert marker.encode() not in raw
        assert marker.encode("utf-16-le") not in raw


def test_wrong_passphrase_changes_nothing(filled_vault: Path, fast_key: KeySettings) -> None:
    before = _sha(filled_vault)
    for wrong in ("", "x", PASSPHRASE[:-1] + "f", PASSPHRASE + " ", PASSPHRASE.upper()):
        with pytest.raises(WrongPassphrase):
            Vault.open(filled_vault, wrong, fast_key)
    assert _sha(filled_vault) == before
    assert sorted(p.name for p in filled_vault.parent.iterdir()) == [filled_vault.name]


def test_wrong_message_never_echoes_the_passphrase(
    filled_vault: Path, fast_key: KeySettings
) -> None:
    with pytest.raises(WrongPassphrase) as info:
        Vault.open(filled_vault, "hunter2-secret", fast_key)
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("empty", "empty"),
        ("truncated", "truncated"),
        ("random", "truncated"),
        ("plain", "plain"),
    ],
)
def test_corrupt_files_raise_vault_corrupt_and_stay_untouched(
    tmp_path: Path, filled_vault: Path, fast_key: KeySettings, kind: str, expected: str
) -> None:
    target = tmp_path / f"{kind}.vault"
    if kind == "empty":
        target.write_bytes(b"")
    elif kind == "truncated":
        data = filled_vault.read_bytes()
        target.write_bytes(data[: len(data) // 2 + 123])
    elif kind == "random":
        target.write_bytes(os.urandom(10_000))
    else:
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    before = _sha(target)
    with pytest.raises(VaultCorrupt, match=expected):
        Vault.open(target, PASSPHRASE, fast_key)
    assert _sha(target) == before


def test_random_whole_pages_read_as_wrong_passphrase(tmp_path: Path, fast_key: KeySettings) -> None:
    # Whole pages of random bytes cannot be told apart from a vault with another key.
    target = tmp_path / "noise.vault"
    target.write_bytes(os.urandom(4096 * 3))
    with pytest.raises(WrongPassphrase, match="not a vault"):
        Vault.open(target, PASSPHRASE, fast_key)


def test_missing_file_is_not_created(tmp_path: Path, fast_key: KeySettings) -> None:
    with pytest.raises(VaultCorrupt, match="does not exist"):
        Vault.open(tmp_path / "nope.vault", PASSPHRASE, fast_key)
    assert not (tmp_path / "nope.vault").exists()


def test_schema_too_new_is_refused_untouched(filled_vault: Path, fast_key: KeySettings) -> None:
    with Vault.open(filled_vault, PASSPHRASE, fast_key) as vault:
        vault.conn.execute("PRAGMA user_version = 99")
    before = _sha(filled_vault)
    with pytest.raises(SchemaTooNew):
        Vault.open(filled_vault, PASSPHRASE, fast_key)
    assert _sha(filled_vault) == before


def test_settings_are_applied_on_open(filled_vault: Path, fast_key: KeySettings) -> None:
    with Vault.open(filled_vault, PASSPHRASE, fast_key) as vault:
        conn = vault.conn
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "0"
        settings = {r[0] for r in conn.execute("PRAGMA cipher_settings").fetchall()}
        assert "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;" in settings
        assert "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;" in settings
        assert "PRAGMA cipher_page_size = 4096;" in settings


def test_default_key_settings_are_sqlcipher4_defaults(vault_path: Path) -> None:
    with Vault.create(vault_path, PASSPHRASE) as vault:
        settings = {r[0] for r in vault.conn.execute("PRAGMA cipher_settings").fetchall()}
        assert "PRAGMA kdf_iter = 256000;" in settings
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert CaseRepository(vault).list_cases() == []
    with pytest.raises(WrongPassphrase):  # a low kdf_iter derives another key
        Vault.open(vault_path, PASSPHRASE, KeySettings(kdf_iter=4000))


@pytest.mark.parametrize(
    "phrase",
    [
        'it\'s "quoted"; -- DROP',
        "café crème brûlée",
        "emoji \U0001f511 key ring",
        "\u202eright to left ok",
    ],
)
def test_any_unicode_passphrase_round_trips(
    vault_path: Path, fast_key: KeySettings, phrase: str
) -> None:
    Vault.create(vault_path, phrase, fast_key).close()
    Vault.open(vault_path, phrase, fast_key).close()
    Vault.open(vault_path, unicodedata.normalize("NFD", phrase), fast_key).close()


@pytest.mark.parametrize(
    ("phrase", "message"), [("", "empty"), ("   ", "empty"), ("short", "at least")]
)
def test_new_passphrase_rules(
    vault_path: Path, fast_key: KeySettings, phrase: str, message: str
) -> None:
    with pytest.raises(PassphraseRejected, match=message):
        Vault.create(vault_path, phrase, fast_key)
    assert not vault_path.exists()


def test_rekey_changes_the_passphrase(filled_vault: Path, fast_key: KeySettings) -> None:
    with Vault.open(filled_vault, PASSPHRASE, fast_key) as vault:
        before = [c.id for c in CaseRepository(vault).list_cases()]
        vault.rekey("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.open(filled_vault, PASSPHRASE, fast_key)
    with Vault.open(filled_vault, "a brand new passphrase", fast_key) as vault:
        assert [c.id for c in CaseRepository(vault).list_cases()] == before


def test_integrity_check_writes_nothing(filled_vault: Path, fast_key: KeySettings) -> None:
    before = (_sha(filled_vault), filled_vault.stat().st_mtime_ns)
    check_integrity(filled_vault, PASSPHRASE, fast_key)
    assert (_sha(filled_vault), filled_vault.stat().st_mtime_ns) == before
    assert sorted(p.name for p in filled_vault.parent.iterdir()) == [filled_vault.name]


def test_flipped_byte_is_reported_as_tampering(filled_vault: Path, fast_key: KeySettings) -> None:
    data = bytearray(filled_vault.read_bytes())
    assert len(data) >= 4096 * 3
    data[4096 * 2 + 100] ^= 0x01
    filled_vault.write_bytes(bytes(data))
    before = _sha(filled_vault)
    with pytest.raises(VaultTampered):
        check_integrity(filled_vault, PASSPHRASE, fast_key)
    assert _sha(filled_vault) == before


def test_saved_case_survives_reopen(
    filled_vault: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    with Vault.open(filled_vault, PASSPHRASE, fast_key) as vault:
        assert CaseRepository(vault).load(demo_case.id) == demo_case
