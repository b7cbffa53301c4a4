"""clinic.services.export: every plain-text output writes exactly one `exported` audit row.

The CLI door is driven in real subprocesses (`clinic report`, `clinic case export`); the GUI
door is tests/ui/test_export_audit.py. Both count the rows in the real SQLCipher vault.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pypdf
import pytest

from clinic.errors import InvalidInput
from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.report.discreet import DiscreetRefused
from clinic.services import export
from clinic.services.lifecycle import read_audit
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE

PW = PASSPHRASE + "\n"


@pytest.fixture
def vault_with_case(vault_path: Path, fast_key: KeySettings, demo_case: Case) -> Path:
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        CaseRepository(vault).add(demo_case)
    return vault_path


def _actions(path: Path, key: KeySettings) -> list[tuple[str, str]]:
    with Vault.open(path, PASSPHRASE, key) as vault:
        return [(e.initials, e.action) for e in read_audit(vault)]


def test_clinic_report_writes_one_exported_row(
    vault_with_case: Path, demo_case: Case, fast_key: KeySettings, tmp_path: Path
) -> None:
    out = tmp_path / "handoff.pdf"
    proc = run_cli(
        "report",
        str(vault_with_case),
        demo_case.id,
        "--kind",
        "handoff",
        "--out",
        str(out),
        "--initials",
        "ab",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert len(pypdf.PdfReader(out).pages) >= 1
    assert _actions(vault_with_case, fast_key) == [("AB", "exported")]


def test_clinic_case_export_writes_one_exported_row(
    vault_with_case: Path, demo_case: Case, fast_key: KeySettings, tmp_path: Path
) -> None:
    out = tmp_path / "case.json"
    proc = run_cli(
        "case",
        "export",
        str(vault_with_case),
        demo_case.id,
        "--out",
        str(out),
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0, proc.stderr
    assert demo_case.id in out.read_text(encoding="utf-8")
    assert _actions(vault_with_case, fast_key) == [("CLI", "exported")]


@pytest.mark.parametrize("command", ["report", "case-export"])
def test_bad_initials_are_refused_before_anything_is_written(
    command: str, vault_with_case: Path, demo_case: Case, fast_key: KeySettings, tmp_path: Path
) -> None:
    out = tmp_path / "out.file"
    args = (
        ("report", str(vault_with_case), demo_case.id, "--kind", "handoff")
        if command == "report"
        else ("case", "export", str(vault_with_case), demo_case.id)
    )
    proc = run_cli(*args, "--out", str(out), "--initials", "a b!", "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 5
    assert b"a b!" not in proc.stderr
    assert not out.exists()
    assert _actions(vault_with_case, fast_key) == []


def test_a_refused_report_writes_no_file_and_no_row(
    vault_with_case: Path, demo_case: Case, fast_key: KeySettings, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    proc = run_cli(
        "report",
        str(vault_with_case),
        demo_case.id,
        "--kind",
        "survivor",
        "--advocate-only",
        "--out",
        str(out),
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 6
    assert not out.exists()
    assert _actions(vault_with_case, fast_key) == []


def test_service_checks_a_discreet_file_name_before_rendering(
    vault_with_case: Path,
    demo_case: Case,
    fast_key: KeySettings,
    protocol_set: ProtocolSet,
    tmp_path: Path,
) -> None:
    out = tmp_path / "stalkerware-report.pdf"
    options = export.ExportOptions(kind="survivor", mode=export.PrintMode.DISCREET)
    with Vault.open(vault_with_case, PASSPHRASE, fast_key) as vault:
        with pytest.raises(DiscreetRefused):
            export.export_pdf(vault, demo_case, out, options, protocol_set, "AB")
        with pytest.raises(InvalidInput):
            export.save_pdf(vault, b"%PDF", tmp_path / "x.pdf", options.mode, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test.vault"]
    assert _actions(vault_with_case, fast_key) == []
