"""Start: create the vault on first run, unlock later, inline errors, caps-lock hint."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.main_window import APP_TITLE


def test_first_run_creates_the_vault_from_the_keyboard(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    path = tmp_path / "new" / "clinic.vault"
    window = make_window(path)
    view = window.create_view
    assert window.stack.currentWidget() is view
    assert "no way to recover" in view.warning.text()
    qtbot.keyClicks(view.first.edit, "short")
    assert "at least" in view.feedback.text()
    view.first.edit.clear()
    qtbot.keyClicks(view.first.edit, PASSPHRASE)
    assert view.meter.value() >= 2
    qtbot.keyClick(view.first.edit, Qt.Key.Key_Return)
    assert window.focusWidget() is view.second.edit
    qtbot.keyClicks(view.second.edit, PASSPHRASE + "x")
    qtbot.keyClick(view.second.edit, Qt.Key.Key_Return)
    assert view.error.isVisible()
    assert "different" in view.error.text()
    assert not path.exists()
    view.second.edit.clear()
    qtbot.keyClicks(view.second.edit, PASSPHRASE)
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        qtbot.keyClick(view.second.edit, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.cases_view
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert window.cases_view.model.rowCount() == 0
    assert window.windowTitle() == APP_TITLE


def test_wrong_passphrase_is_shown_inline_and_selected_for_retry(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    view = window.unlock_view
    assert window.stack.currentWidget() is view
    with qtbot.waitSignal(window.session.unlock_failed, timeout=10_000):
        qtbot.keyClicks(view.passphrase.edit, "not the passphrase")
        qtbot.keyClick(view.passphrase.edit, Qt.Key.Key_Return)
    assert view.error.isVisible()
    assert "did not open" in view.error.text()
    assert view.passphrase.edit.selectedText() == "not the passphrase"
    assert window.focusWidget() is view.passphrase.edit
    assert view.unlock_button.isEnabled()
    assert not window.session.is_unlocked
    view.passphrase.edit.clear()
    unlock(qtbot, window)
    assert window.stack.currentWidget() is window.cases_view


def test_unlock_shows_a_busy_indicator_while_working(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    view = window.unlock_view
    qtbot.keyClicks(view.passphrase.edit, PASSPHRASE)
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        qtbot.keyClick(view.passphrase.edit, Qt.Key.Key_Return)
        assert view.busy.isVisible()
        assert not view.unlock_button.isEnabled()
    assert not view.busy.isVisible()


def test_caps_lock_hint(qtbot: QtBot, make_window: WindowFactory, demo_vault: Path) -> None:
    window = make_window(demo_vault)
    field = window.unlock_view.passphrase
    qtbot.keyClicks(field.edit, "A")
    assert field.caps_hint.isVisible()
    qtbot.keyClicks(field.edit, "a")
    assert not field.caps_hint.isVisible()
    shifted = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier, "A")
    QApplication.sendEvent(field.edit, shifted)
    assert not field.caps_hint.isVisible()
    assert field.edit.text() == "AaA"
    assert field.caps_hint.accessibleName()


def test_open_another_vault(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.vault"
    shutil.copy(demo_vault, other)
    window = make_window(tmp_path / "first.vault")
    demo_vault.rename(tmp_path / "first.vault")
    window.show_start()
    prompts.set_next_answer(str(other))
    window.unlock_view.other_button.click()
    assert window.unlock_view.vault_label.text().endswith("other.vault")
    assert window.session.path == other
    unlock(qtbot, window)
    assert window.cases_view.model.rowCount() == 3
