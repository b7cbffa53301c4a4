"""Helpers for stage tests: open the demo case at a stage, reopen the vault after autosave."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui.main_window import MainWindow
from ui.stages.base import STAGES


def open_stage(
    qtbot: QtBot, make_window: WindowFactory, vault: Path, case_id: str, stage_id: str
) -> MainWindow:
    window = make_window(vault)
    unlock(qtbot, window)
    window.open_case(case_id)
    window.workspace.set_stage([s.id for s in STAGES].index(stage_id))
    return window


def stored_case(vault: Path, key: KeySettings, case_id: str) -> Case:
    with Vault.open(vault, PASSPHRASE, key) as opened:
        return CaseRepository(opened).load(case_id)
