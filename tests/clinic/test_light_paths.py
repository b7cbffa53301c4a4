"""The light paths stay light: `clinic case list` loads no models, and lazy packages resolve."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.storage.case_list import CaseSummary, list_cases
from tests.conftest import PASSPHRASE, ROOT

HEAVY = ("pydantic", "yaml", "reportlab", "PySide6", "clinic.model", "clinic.protocols.loader")
LAZY_PACKAGES = ("clinic.storage", "clinic.technograph", "clinic.phonecheck")


def _with_cases(path: Path, key: KeySettings, cases: list[Case]) -> None:
    with Vault.create(path, PASSPHRASE, key) as vault:
        repo = CaseRepository(vault)
        for case in cases:
            repo.add(case)


def test_case_list_loads_no_models_yaml_reportlab_or_qt(
    tmp_path: Path, fast_key: KeySettings, demo_cases: list[Case]
) -> None:
    vault = tmp_path / "v.vault"
    _with_cases(vault, fast_key, demo_cases[:2])
    code = (
        "import sys\n"
        "from ui.main import main\n"
        "import clinic.cli.support, clinic.storage\n"
        "clinic.cli.support.TEST_KEY = clinic.storage.KeySettings(4000)\n"
        f"rc = main(['case', 'list', {str(vault)!r}, '--passphrase-stdin'])\n"
        "print(rc, ' '.join(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=PASSPHRASE + "\n",
        text=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    rc, *loaded = done.stderr.split()
    assert rc == "0"
    assert "clinic.storage.case_list" in loaded
    assert not [m for m in loaded if m.startswith(HEAVY)]
    lines = done.stdout.splitlines()
    assert sorted(line.split("\t")[0] for line in lines) == sorted(c.id for c in demo_cases[:2])


def test_list_cases_matches_the_stored_cases_newest_first(
    vault_path: Path, fast_key: KeySettings, demo_cases: list[Case]
) -> None:
    _with_cases(vault_path, fast_key, demo_cases)
    with Vault.open(vault_path, PASSPHRASE, fast_key) as vault:
        rows = list_cases(vault.conn)
        assert rows == CaseRepository(vault).list_cases()
    assert all(isinstance(r, CaseSummary) for r in rows)
    assert [r.id for r in rows] == [
        c.id for c in sorted(demo_cases, key=lambda c: (-c.opened.toordinal(), c.pseudonym))
    ]
    by_id = {c.id: c for c in demo_cases}
    for row in rows:
        case = by_id[row.id]
        assert (row.pseudonym, row.status, row.opened) == (
            case.pseudonym,
            case.status.value,
            case.opened,
        )
        assert row.open_follow_ups == len(case.open_follow_ups())


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_every_exported_name_of_a_lazy_package_resolves(name: str) -> None:
    package = importlib.import_module(name)
    for attr in package.__all__:
        value = getattr(package, attr)
        assert getattr(value, "__name__", attr) == attr or not callable(value)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018
