"""Locking: idle auto-lock on an injected clock, quick hide timing, data dropped, prompts closed."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.clock import ManualClock
from ui.main_window import APP_TITLE


def _open_demo(qtbot: QtBot, window, case: Case) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    window.open_case(case.id)
    assert window.stack.currentWidget() is window.workspace


def test_idle_lock_uses_the_injected_clock(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case, clock: ManualClock
) -> None:
    window = make_window(demo_vault, idle_poll_ms=20)
    _open_demo(qtbot, window, demo_case)
    clock.advance(4 * 60)
    window.idle.check()
    assert window.session.is_unlocked
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Down)  # activity resets the timer
    clock.advance(4 * 60)
    window.idle.check()
    assert window.session.is_unlocked
    with qtbot.waitSignal(window.session.locked, timeout=2000):
        clock.advance(61)
    assert window.stack.currentWidget() is window.unlock_view
    assert window.session.case is None


def test_quick_hide_replaces_the_content_within_200_ms(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    _open_demo(qtbot, window, demo_case)
    start = time.perf_counter()
    qtbot.keyClick(window, Qt.Key.Key_F12)
    hidden_after = time.perf_counter() - start
    assert window.stack.currentWidget() is window.unlock_view
    assert window.windowTitle() == APP_TITLE
    assert hidden_after < 0.2
    with qtbot.waitSignal(window.session.locked, timeout=2000):
        pass
    assert not window.session.is_unlocked
    assert window.workspace.case_label.text() == ""


def test_lock_flushes_edits_and_closes_prompts(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = make_window(demo_vault)
    _open_demo(qtbot, window, demo_case)
    notes = window.workspace.notes.edit
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(notes, " typed just before the lock")
    assert window.autosaver.pending == 1
    window.lock_now()
    assert window.autosaver.pending == 0
    with Vault.open(demo_vault, PASSPHRASE, fast_key) as vault:
        stored = CaseRepository(vault).load(demo_case.id)
    latest = max(stored.visits, key=lambda v: v.date)
    assert latest.notes.endswith(" typed just before the lock")


def test_lock_closes_an_open_prompt(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    _open_demo(qtbot, window, demo_case)
    assert prompts.pending_answers() == 0
    QTimer.singleShot(0, window.lock_now)  # the idle lock firing while a question is open
    answered = prompts.confirm(window, "Question", "A real dialog, closed by the lock")
    assert answered is False
    assert not window.session.is_unlocked
    assert window.stack.currentWidget() is window.unlock_view
