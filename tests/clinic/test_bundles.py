"""Encrypted case bundles: hand a case to another laptop and receive it, through the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from clinic.model import Case
from clinic.services.lifecycle import read_audit
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.storage.settings_store import PRACTICE, VAULT_KIND_KEY, set_setting
from tests.cli_helpers import run_cli
from tests.cli_runner import FAST_KDF_ITER
from tests.conftest import PASSPHRASE
from tests.factories import with_marker_everywhere

BUNDLE_PASS = "a different bundle passphrase"


def _vault_with(path: Path, key: KeySettings, *cases: Case) -> None:
    with Vault.create(path, PASSPHRASE, key) as vault:
        for case in cases:
            CaseRepository(vault).add(case)


def _bundle(vault: Path, case_id: str, out: Path, bundle_pass: str = BUNDLE_PASS):  # type: ignore[no-untyped-def]
    return run_cli(
        "case",
        "bundle",
        str(vault),
        case_id,
        str(out),
        "--initials",
        "AB",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{bundle_pass}\n",
    )


def _receive(vault: Path, bundle: Path, *extra: str, bundle_pass: str = BUNDLE_PASS):  # type: ignore[no-untyped-def]
    return run_cli(
        "case",
        "receive",
        str(vault),
        str(bundle),
        *extra,
        "--initials",
        "CD",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{bundle_pass}\n",
    )


def _export(vault: Path, case_id: str) -> bytes:
    done = run_cli(
        "case", "export", str(vault), case_id, "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def two_vaults(tmp_path: Path, demo_case: Case, fast_key: KeySettings) -> tuple[Path, Path, Case]:
    marked, _ = with_marker_everywhere(demo_case, "CANARY")
    source, target = tmp_path / "a.vault", tmp_path / "b.vault"
    _vault_with(source, fast_key, marked)
    _vault_with(target, fast_key)
    return source, target, marked


def test_bundle_then_receive_gives_an_identical_export(
    two_vaults: tuple[Path, Path, Case], tmp_path: Path, fast_key: KeySettings
) -> None:
    source, target, case = two_vaults
    bundle = tmp_path / "case.bundle"
    made = _bundle(source, case.id, bundle)
    assert made.returncode == 0, made.stderr
    assert oct(bundle.stat().st_mode & 0o777) == "0o600"
    assert b"CANARY" not in bundle.read_bytes()
    assert case.id.encode() not in bundle.read_bytes()
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()

    got = _receive(target, bundle)
    assert got.returncode == 0, got.stderr
    assert got.stdout.decode().strip() == f"ok: case received: {case.id}"
    assert _export(target, case.id) == _export(source, case.id)
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == digest  # never written

    with Vault.open(source, PASSPHRASE, fast_key) as vault:
        assert "bundled" in [e.action for e in read_audit(vault)]
    with Vault.open(target, PASSPHRASE, fast_key) as vault:
        assert "received" in [e.action for e in read_audit(vault)]
        assert "CANARY" not in repr([(e.at, e.initials, e.action) for e in read_audit(vault)])

    again = _receive(target, bundle)
    assert again.returncode == 6
    replaced = _receive(target, bundle, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "replaced" in replaced.stdout.decode()


def test_a_bundle_is_a_plain_sqlcipher_4_file(
    two_vaults: tuple[Path, Path, Case], tmp_path: Path
) -> None:
    source, _, case = two_vaults
    bundle = tmp_path / "case.bundle"
    assert _bundle(source, case.id, bundle).returncode == 0
    conn = sqlcipher3.connect(str(bundle))
    try:
        conn.execute(f"PRAGMA key = '{BUNDLE_PASS}'")
        conn.execute(f"PRAGMA kdf_iter = {FAST_KDF_ITER}")  # the tests' fast key
        (text,) = conn.execute("SELECT value FROM bundle WHERE key = 'case'").fetchone()
    finally:
        conn.close()
    assert f'"id": "{case.id}"' in text


def test_bundle_refuses_an_existing_file_and_weak_passphrases(
    two_vaults: tuple[Path, Path, Case], tmp_path: Path
) -> None:
    source, _, case = two_vaults
    taken = tmp_path / "taken.bundle"
    taken.write_bytes(b"keep me")
    refused = _bundle(source, case.id, taken)
    backup_refused = run_cli(
        "vault",
        "backup",
        str(source),
        str(taken),
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{BUNDLE_PASS}\n",
    )
    assert refused.returncode == backup_refused.returncode == 4
    assert taken.read_bytes() == b"keep me"
    weak = _bundle(source, case.id, tmp_path / "weak.bundle", bundle_pass="short")
    assert weak.returncode == 2
    assert not (tmp_path / "weak.bundle").exists()
    assert not list(tmp_path.glob(".*.part*"))


def test_wrong_bundle_passphrase_is_exit_3_with_the_failed_unlock_delay(
    two_vaults: tuple[Path, Path, Case], tmp_path: Path
) -> None:
    source, target, case = two_vaults
    bundle = tmp_path / "case.bundle"
    assert _bundle(source, case.id, bundle).returncode == 0
    codes = [
        _receive(target, bundle, bundle_pass="not the bundle passphrase").returncode
        for _ in range(3)
    ]
    assert codes[:2] == [3, 3]
    # After two wrong passphrases the bundle file has its own delay: refused before trying.
    assert codes[2] in (3, 6)
    delayed = _receive(target, bundle)
    assert delayed.returncode == 6, delayed.stderr
    assert len(delayed.stderr.decode().strip().splitlines()) == 1
    with Vault.open(target, PASSPHRASE, KeySettings(FAST_KDF_ITER)) as vault:
        assert CaseRepository(vault).list_cases() == []


def test_damaged_and_truncated_bundles_change_nothing(
    two_vaults: tuple[Path, Path, Case], tmp_path: Path, fast_key: KeySettings
) -> None:
    source, target, case = two_vaults
    bundle = tmp_path / "case.bundle"
    assert _bundle(source, case.id, bundle).returncode == 0
    data = bytearray(bundle.read_bytes())
    flipped = tmp_path / "flipped.bundle"
    data[4096 + 200] ^= 0x01
    flipped.write_bytes(bytes(data))
    assert _receive(target, flipped).returncode == 7
    truncated = tmp_path / "truncated.bundle"
    truncated.write_bytes(bundle.read_bytes()[:5000])
    assert _receive(target, truncated).returncode == 4
    empty = tmp_path / "empty.bundle"
    empty.write_bytes(b"")
    assert _receive(target, empty).returncode == 4
    with Vault.open(target, PASSPHRASE, fast_key) as vault:
        assert CaseRepository(vault).list_cases() == []


def test_a_bundle_does_not_open_as_a_vault(
    two_vaults: tuple[Path, Path, Case], tmp_path: Path
) -> None:
    source, _, case = two_vaults
    bundle = tmp_path / "case.bundle"
    assert _bundle(source, case.id, bundle).returncode == 0
    before = bundle.read_bytes()
    listed = run_cli("case", "list", str(bundle), "--passphrase-stdin", stdin=BUNDLE_PASS + "\n")
    assert listed.returncode == 4
    assert bundle.read_bytes() == before


def test_practice_and_real_cases_never_mix(
    two_vaults: tuple[Path, Path, Case],
    tmp_path: Path,
    demo_cases: list[Case],
    fast_key: KeySettings,
) -> None:
    source, target, case = two_vaults
    practice = tmp_path / "practice.vault"
    _vault_with(practice, fast_key, demo_cases[1])
    with Vault.open(practice, PASSPHRASE, fast_key) as vault:
        set_setting(vault, VAULT_KIND_KEY, PRACTICE)
    from_practice = tmp_path / "practice.bundle"
    assert _bundle(practice, demo_cases[1].id, from_practice).returncode == 0
    assert _receive(target, from_practice).returncode == 6
    real = tmp_path / "real.bundle"
    assert _bundle(source, case.id, real).returncode == 0
    assert _receive(practice, real).returncode == 6
