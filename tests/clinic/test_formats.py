"""Stored formats: release 0.1.0's vault, export and backup still open, migrate, import, restore.

The fixtures in tests/fixtures/release-0.1.0/ are never rewritten; each test copies them to a
temporary folder. These tests must keep passing as migrations are appended.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clinic.errors import InvalidInput
from clinic.model import CASE_FORMAT, Case
from clinic.model.upgrade import UPGRADES, upgrade_case_data
from clinic.storage import CaseRepository, KeySettings, Vault, schema
from clinic.storage.backup import restore_backup
from clinic.storage.vault import DEFAULT_KEY, _connect
from tests.cli_helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "release-0.1.0"
VAULT_PW = "fixture passphrase 0.1.0"
BACKUP_PW = "fixture backup passphrase"
MAPLE = "7e62aa0a-1df9-4d78-9c65-39382b0537e6"
FIXTURE_VERSION = 1  # the schema version release 0.1.0 wrote


def _copy(tmp_path: Path, name: str) -> Path:
    out = tmp_path / "old" / name
    out.parent.mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / name, out)
    os.chmod(out, 0o600)
    return out


def run_cli(*args: str, stdin: str) -> subprocess.CompletedProcess[bytes]:
    """The installed entry point itself, with SQLCipher's default key (as release 0.1.0)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        input=stdin.encode(),
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _version_of(path: Path, passphrase: str, key: KeySettings = DEFAULT_KEY) -> int:
    conn = _connect(path, passphrase, key, "ro")
    try:
        return schema.read_version(conn)
    finally:
        conn.close()


def _backups_beside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".before-upgrade-from-v*.backup"))


def test_fixture_vault_is_release_0_1_0() -> None:
    assert _version_of(FIXTURES / "vault.db", VAULT_PW) == FIXTURE_VERSION


def test_release_0_1_0_vault_opens_and_migrates_with_a_backup_first(tmp_path: Path) -> None:
    path = _copy(tmp_path, "vault.db")
    original = path.read_bytes()
    with Vault.open(path, VAULT_PW) as vault:
        assert schema.read_version(vault.conn) == schema.CURRENT_VERSION
        cases = CaseRepository(vault).list_cases()
        maple = CaseRepository(vault).load(MAPLE)
    assert len(cases) == 4  # Maple and three plain cases
    assert maple.pseudonym == "Maple"
    assert maple.format == CASE_FORMAT
    assert maple.phone_checks, "the fixture's phone check survives the migration"
    backups = _backups_beside(path)
    if schema.CURRENT_VERSION == FIXTURE_VERSION:
        assert backups == []  # nothing to migrate, nothing backed up
        return
    assert [b.name for b in backups] == [f"vault.db.before-upgrade-from-v{FIXTURE_VERSION}.backup"]
    backup = backups[0]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.read_bytes() != original  # a new encrypted file, not a plain copy
    # the backup opens with the vault's own passphrase and is the old version, unchanged
    assert _version_of(backup, VAULT_PW) == FIXTURE_VERSION
    restored = tmp_path / "from-migration-backup.db"
    restore_backup(backup, VAULT_PW, restored, "a new passphrase for it")
    with Vault.open(restored, "a new passphrase for it") as again:
        assert CaseRepository(again).load(MAPLE).pseudonym == "Maple"


def test_reopening_a_migrated_vault_makes_no_second_backup(tmp_path: Path) -> None:
    path = _copy(tmp_path, "vault.db")
    Vault.open(path, VAULT_PW).close()
    first = _backups_beside(path)
    Vault.open(path, VAULT_PW).close()
    assert _backups_beside(path) == first


def test_release_0_1_0_export_imports_into_a_new_vault(
    tmp_path: Path, fast_key: KeySettings
) -> None:
    from clinic.model.case_file import dump_case, parse_case_bytes

    raw = (FIXTURES / "maple-export.json").read_bytes()
    case = parse_case_bytes(raw)
    assert (case.id, case.pseudonym, case.format) == (MAPLE, "Maple", CASE_FORMAT)
    with Vault.create(tmp_path / "new.db", "a passphrase for the new vault", fast_key) as v:
        CaseRepository(v).add(case)
        again = CaseRepository(v).load(MAPLE)
    assert again == case
    if json.loads(raw)["format"] == CASE_FORMAT:
        assert dump_case(again).encode() == raw  # same bytes as release 0.1.0 wrote


def test_release_0_1_0_export_imports_through_the_cli(tmp_path: Path) -> None:
    vault = tmp_path / "v.db"
    pw = "a passphrase for the cli\n"
    proc = run_cli("vault", "init", str(vault), "--passphrase-stdin", stdin=pw)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli(
        "case",
        "import",
        str(vault),
        str(FIXTURES / "maple-export.json"),
        "--passphrase-stdin",
        stdin=pw,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    proc = run_cli("case", "list", str(vault), "--passphrase-stdin", stdin=pw)
    assert proc.returncode == 0
    assert proc.stdout.decode().split("\t")[:2] == [MAPLE, "Maple"]


def test_release_0_1_0_backup_restores_with_clinic_vault_restore(tmp_path: Path) -> None:
    backup = _copy(tmp_path, "backup.db")
    before = backup.read_bytes()
    new = tmp_path / "restored.db"
    new_pw = "passphrase of the restored vault"
    proc = run_cli(
        "vault",
        "restore",
        str(backup),
        str(new),
        "--passphrase-stdin",
        stdin=f"{BACKUP_PW}\n{new_pw}\n",
    )
    assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr
    assert backup.read_bytes() == before
    with Vault.open(new, new_pw) as vault:
        assert schema.read_version(vault.conn) == schema.CURRENT_VERSION
        assert CaseRepository(vault).load(MAPLE).pseudonym == "Maple"


# -- the framework itself, with a migration added for the test ------------------------


def _rename_pseudonyms(conn: Any) -> None:
    conn.execute("UPDATE cases SET pseudonym = pseudonym || ' (migrated)'")


def test_a_python_migration_step_runs_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path, "vault.db")
    Vault.open(path, VAULT_PW).close()  # bring it to today's version first
    today = schema.CURRENT_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, _rename_pseudonyms))
    monkeypatch.setattr(schema, "CURRENT_VERSION", today + 1)
    with Vault.open(path, VAULT_PW) as vault:
        assert schema.read_version(vault.conn) == today + 1
        names = {s.pseudonym for s in CaseRepository(vault).list_cases()}
    assert "Maple (migrated)" in names
    backup = path.with_name(f"vault.db.before-upgrade-from-v{today}.backup")
    assert backup.exists()
    assert _version_of(backup, VAULT_PW) == today


def _fail(conn: Any) -> None:
    conn.execute("UPDATE cases SET pseudonym = 'half done'")
    raise RuntimeError("a migration that fails")


def test_a_failing_migration_leaves_the_vault_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(tmp_path, "vault.db")
    Vault.open(path, VAULT_PW).close()
    today = schema.CURRENT_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, _fail))
    monkeypatch.setattr(schema, "CURRENT_VERSION", today + 1)
    with pytest.raises(RuntimeError):
        Vault.open(path, VAULT_PW)
    monkeypatch.undo()
    with Vault.open(path, VAULT_PW) as vault:
        assert schema.read_version(vault.conn) == today
        assert "half done" not in {s.pseudonym for s in CaseRepository(vault).list_cases()}


def test_upgrade_case_documents_rewrites_stored_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The doc-rewriting step applies the upgrade chain to every case, header and entities."""
    path = _copy(tmp_path, "vault.db")
    with Vault.open(path, VAULT_PW) as vault:
        conn = vault.conn
        # pretend the stored docs are one format older and the chain renames a note
        conn.execute("UPDATE cases SET doc = json_set(doc, '$.format', 0)")

        def from_0(data: dict[str, Any]) -> dict[str, Any]:
            for device in data["devices"]:
                device["notes"] = "upgraded"
            return data

        import clinic.model.upgrade as upgrade

        monkeypatch.setitem(upgrade.UPGRADES, 0, from_0)
        monkeypatch.setattr(upgrade, "upgrade_case_data", _at_least(upgrade.upgrade_case_data))
        with vault.transaction() as tx:
            schema.upgrade_case_documents(tx)
        maple = CaseRepository(vault).load(MAPLE)
    assert maple.devices
    assert all(d.notes == "upgraded" for d in maple.devices)
    assert maple.format == CASE_FORMAT


def _at_least(real: Any) -> Any:
    def call(data: dict[str, Any], **kw: Any) -> dict[str, Any]:
        if data.get("format") == 0:  # the test's fake "format 0" is allowed here
            data = UPGRADES[0](data)
            data["format"] = 1
        return real(data, **kw)  # type: ignore[no-any-return]

    return call


# -- the case-format upgrade chain -----------------------------------------------------


def test_every_case_format_has_an_upgrade_step() -> None:
    assert set(UPGRADES) == set(range(1, CASE_FORMAT))
    assert Case.model_fields["format"].default == CASE_FORMAT


def test_upgrade_chain_applies_each_step_in_order() -> None:
    seen: list[int] = []

    def step(n: int) -> Any:
        def run(data: dict[str, Any]) -> dict[str, Any]:
            seen.append(n)
            assert data["format"] == n
            return data

        return run

    out = upgrade_case_data({"format": 1}, target=4, steps={1: step(1), 2: step(2), 3: step(3)})
    assert (seen, out["format"]) == ([1, 2, 3], 4)


@pytest.mark.parametrize("fmt", [CASE_FORMAT + 1, 0, "1", True, None, 1.0])
def test_upgrade_chain_refuses_unknown_formats(fmt: object) -> None:
    with pytest.raises(InvalidInput):
        upgrade_case_data({"format": fmt})


def test_no_backup_no_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the pre-migration backup cannot be written, the vault is left exactly as it was."""
    from clinic.errors import DiskFull, VaultUnreadable
    from clinic.storage import backup

    path = _copy(tmp_path, "vault.db")
    Vault.open(path, VAULT_PW).close()
    today = schema.CURRENT_VERSION
    before = path.read_bytes()

    def full(*_: Any) -> Path:
        raise DiskFull("disk_full")

    monkeypatch.setattr(backup, "migration_backup", full)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, _rename_pseudonyms))
    monkeypatch.setattr(schema, "CURRENT_VERSION", today + 1)
    with pytest.raises(VaultUnreadable) as info:
        Vault.open(path, VAULT_PW)
    assert info.value.code == "migration_backup_failed"
    assert info.value.exit_code == 4
    assert path.read_bytes() == before


def test_migrated_documents_are_stored_in_the_current_format(tmp_path: Path) -> None:
    path = _copy(tmp_path, "vault.db")
    with Vault.open(path, VAULT_PW) as vault:
        formats = {
            row[0] for row in vault.conn.execute("SELECT json_extract(doc, '$.format') FROM cases")
        }
    assert formats == {CASE_FORMAT}
