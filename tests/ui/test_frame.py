"""The frame's contracts: stage registry, accessible names, the entry point staying up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic.model import Case, Visit
from tests.conftest import ROOT
from tests.ui.conftest import WindowFactory, unlock
from ui.stages import base
from ui.stages.base import STAGES, NotBuiltPage, StagePage, page_for, register

_CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
)


def test_registered_editor_replaces_the_not_built_page(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "_REGISTRY", {})
    placeholder = page_for("advise")
    qtbot.addWidget(placeholder)
    assert isinstance(placeholder, NotBuiltPage)

    @register
    class AdvisePage(StagePage):
        stage_id = "advise"

        def load(self, case: Case, visit: Visit | None) -> None:
            self.loaded = case.id

        def clear(self) -> None:
            self.loaded = ""

    page = page_for("advise")
    qtbot.addWidget(page)
    assert isinstance(page, AdvisePage)
    with pytest.raises(ValueError, match="unknown stage"):
        register(type("Nope", (StagePage,), {"stage_id": "nope"}))
    assert [s.id for s in STAGES][-1] == "print"


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    window.open_case(demo_case.id)
    ours = [w for w in window.findChildren(QWidget) if isinstance(w, _CONTROLS)]
    # Qt's own inner parts (a date edit's line edit, toolbar buttons named by their action).
    ours = [w for w in ours if not w.objectName().startswith("qt_")]
    inner_parts = {"QToolBar", "QDateEdit", "QLineEdit", "QTableView"}
    ours = [w for w in ours if type(w.parent()).__name__ not in inner_parts]
    ours = [w for w in ours if w.window() is window]  # combo box popups are Qt's own
    unnamed = [
        f"{type(w).__name__} {w.objectName()} in {type(w.parent()).__name__}"
        for w in ours
        if not w.accessibleName()
    ]
    assert len(ours) > 20
    assert unnamed == []


def test_clinic_with_a_fresh_data_dir_stays_up(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui"], env=env, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=4)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert not list((tmp_path / "data").rglob("*.vault"))  # only created when asked
