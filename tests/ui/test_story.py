"""The volunteer's story: unlock, open the demo case, every stage, lock, unlock, same place."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from clinic.model import Case
from tests.ui.conftest import WindowFactory, unlock
from ui.main_window import APP_TITLE
from ui.stages.base import STAGES


def test_open_demo_case_walk_every_stage_lock_and_return(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    expected = os.environ.get("CLINIC_EXPECT_PLATFORM")
    if expected:  # .ci/run: once more in a real X server at a clinic laptop's size
        assert QGuiApplication.platformName() == expected
        screen = window.screen().availableGeometry()
        assert window.frameGeometry().width() <= screen.width()
        assert window.frameGeometry().height() <= screen.height()
    unlock(qtbot, window)
    cases = window.cases_view
    assert window.stack.currentWidget() is cases
    assert cases.proxy.rowCount() == 3

    # Find Maple from the keyboard: Ctrl+F, type, then Enter on the table.
    qtbot.keyClick(cases, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is cases.search
    qtbot.keyClicks(cases.search, demo_case.pseudonym)
    assert cases.proxy.rowCount() == 1
    cases.focus_table()
    qtbot.keyClick(cases.table, Qt.Key.Key_Return)
    space = window.workspace
    assert window.stack.currentWidget() is space
    assert demo_case.pseudonym in space.case_label.text()
    assert window.windowTitle() == APP_TITLE

    # Every stage, with Alt+N, shows its page, guidance and a done/left line.
    for number, stage in enumerate(STAGES, start=1):
        qtbot.keyClick(space, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
        assert space.stage_id == stage.id
        assert space.stack.currentIndex() == number - 1
        assert space.guidance.browser.toPlainText().strip()
        assert "\n" in space.nav.item(number - 1).text()
    investigate = space.nav.item(3).text()
    assert "of" in investigate or "done" in investigate

    # The guidance panel collapses and comes back.
    qtbot.keyClick(space, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert not space.guidance.isVisible()
    qtbot.keyClick(space, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert space.guidance.isVisible()

    space.set_stage(3)
    visit_id = space.visit_id
    assert visit_id is not None

    qtbot.keyClick(space, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_unlocked
    assert window.stack.currentWidget() is window.unlock_view
    assert window.session.case is None
    assert space.case_label.text() == ""
    assert space.notes.edit.toPlainText() == ""
    assert cases.model.rowCount() == 0

    unlock(qtbot, window)
    assert window.stack.currentWidget() is space
    assert window.session.case is not None
    assert window.session.case.id == demo_case.id
    assert space.visit_id == visit_id
    assert space.stage_id == "investigate"
