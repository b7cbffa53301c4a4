"""The case list works with 10,000 cases made by `clinic demo --cases 10000`.

How fast it is lives in benchmarks/ (budgets are not asserted in unit tests).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic.storage import KeySettings
from tests.conftest import PASSPHRASE, ROOT
from tests.ui.conftest import WindowFactory, unlock
from ui.cases.case_model import OPEN_FU, PSEUDONYM


@pytest.mark.slow
def test_ten_thousand_cases(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, fast_key: KeySettings
) -> None:
    path = tmp_path / "big.vault"
    # tests/cli_runner.py: the real `clinic demo` with the tests' fast key (no CLI option)
    cmd = [sys.executable, "-m", "tests.cli_runner", "demo", str(path), "--cases", "10000"]
    cmd += ["--passphrase-stdin"]
    done = subprocess.run(
        cmd, input=PASSPHRASE + "\n", text=True, cwd=ROOT, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    window = make_window(path)

    unlock(qtbot, window)
    cases = window.cases_view
    assert cases.model.rowCount() == 10_001

    qtbot.keyClicks(cases.search, "7")
    filtered = cases.proxy.rowCount()
    assert 0 < filtered < 10_001
    cases.search.clear()
    assert cases.proxy.rowCount() == 10_001
    cases.table.sortByColumn(PSEUDONYM, Qt.SortOrder.AscendingOrder)
    cases.table.sortByColumn(OPEN_FU, Qt.SortOrder.DescendingOrder)
    assert int(cases.proxy.index(0, OPEN_FU).data() or 0) >= 1
