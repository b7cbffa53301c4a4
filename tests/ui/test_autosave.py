"""Autosave: an edit is stored within a second; a SIGKILL loses at most the last second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE, ROOT
from tests.ui import autosave_driver
from tests.ui.conftest import WindowFactory, unlock


def _stored_notes(path: Path, key: KeySettings, case_id: str) -> str:
    with Vault.open(path, PASSPHRASE, key) as vault:
        case = CaseRepository(vault).load(case_id)
    return max(case.visits, key=lambda v: v.date).notes


def test_an_edit_is_stored_within_a_second(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    window.open_case(demo_case.id)
    notes = window.workspace.notes.edit
    notes.selectAll()
    start = time.perf_counter()
    with qtbot.waitSignal(window.autosaver.saved, timeout=1000):
        qtbot.keyClicks(notes, "New notes")
    assert time.perf_counter() - start < 1.0
    assert _stored_notes(demo_vault, fast_key, demo_case.id) == "New notes"
    assert window.save_status.text() == "All changes saved"


def test_autosave_survives_sigkill_mid_edit(
    demo_vault: Path, demo_case: Case, fast_key: KeySettings, tmp_path: Path
) -> None:
    before = _stored_notes(demo_vault, fast_key, demo_case.id)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    args = [str(demo_vault), str(tmp_path / "cfg"), demo_case.id, str(fast_key.kdf_iter)]
    proc = subprocess.Popen(
        [sys.executable, autosave_driver.__file__, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    proc.stdin.write(PASSPHRASE + "\n")
    proc.stdin.flush()
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.split())
            if line.startswith("typed-3"):
                break
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=20) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=20)
    assert [words[0] for words in lines] == ["saved-1", "saved-2", "typed-3"]
    assert int(lines[1][1]) < 1000  # last keystroke to stored: well within a second
    stored = _stored_notes(demo_vault, fast_key, demo_case.id)
    saved = before + autosave_driver.PART_1 + autosave_driver.PART_2
    assert stored.startswith(saved)
    assert autosave_driver.PART_3.startswith(stored[len(saved) :])
