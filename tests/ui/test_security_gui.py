"""GUI security: lock sequence, clipboard, unlock delay, one writer, backup/restore, settings."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from clinic.errors import VaultLocked
from clinic.model import Case
from clinic.services.lifecycle import read_audit
from clinic.services.unlock_delay import delay_path
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.main_window import MainWindow
from ui.security.clipboard import CopyButton, SecureClipboard
from ui.stages.print_stage import PrintStage

NUMBER = "1-800-555-0100"


def _open(qtbot: QtBot, window: MainWindow, case: Case) -> None:
    unlock(qtbot, window)
    window.open_case(case.id)


def test_lock_sequence_closes_dialogs_clears_our_clipboard_and_drops_data(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    _open(qtbot, window, demo_case)
    window.workspace.set_stage(6)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.isVisible()
    window.clipboard.copy(NUMBER)
    assert QGuiApplication.clipboard().text() == NUMBER
    with qtbot.waitSignal(window.session.locked, timeout=5000):
        window.lock_action.trigger()  # what Ctrl+L and the toolbar do
    assert not dialog.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert window.session.case is None
    assert not window.session.is_unlocked
    page = window.workspace.pages[6]
    assert isinstance(page, PrintStage)
    assert page._case is None
    assert page._built is None
    assert window.stack.currentWidget() is window.unlock_view


def test_lock_leaves_someone_elses_clipboard_text(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    _open(qtbot, window, demo_case)
    window.clipboard.copy(NUMBER)
    QGuiApplication.clipboard().setText("copied from another app")
    window.lock_now()
    assert QGuiApplication.clipboard().text() == "copied from another app"


def test_copy_button_counts_down_and_clears(qtbot: QtBot) -> None:
    clipboard = SecureClipboard(seconds=1)
    button = CopyButton(clipboard, lambda: NUMBER, "Copy the number")
    qtbot.addWidget(button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == NUMBER
    assert button.text() == "Copied (1 s)"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=3000)
    assert button.text() == "Copy"


def test_unlock_delay_is_shown_after_wrong_passphrases(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    view = window.unlock_view
    for _attempt in range(3):
        view.passphrase.edit.setText("not the right passphrase")
        with qtbot.waitSignal(window.session.unlock_failed, timeout=10_000):
            qtbot.keyClick(view.passphrase.edit, Qt.Key.Key_Return)
    assert delay_path(demo_vault).exists()
    assert "Try again in" in view.error.text()
    assert not view.unlock_button.isEnabled()
    view.passphrase.edit.setText(PASSPHRASE)
    qtbot.keyClick(view.passphrase.edit, Qt.Key.Key_Return)  # refused while the delay runs
    assert not window.session.tasks.busy
    assert not window.session.is_unlocked


def test_second_instance_is_refused_until_the_first_locks(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    first = make_window(demo_vault)
    unlock(qtbot, first)
    second = make_window(demo_vault)
    second.unlock_view.passphrase.edit.setText(PASSPHRASE)
    with qtbot.waitSignal(second.session.unlock_failed, timeout=10_000) as failed:
        qtbot.keyClick(second.unlock_view.passphrase.edit, Qt.Key.Key_Return)
    assert isinstance(failed.args[0], VaultLocked)
    assert "another copy of the app" in second.unlock_view.error.text()
    first.lock_now()  # closing the vault releases the one-writer lock
    unlock(qtbot, second)
    assert second.session.is_unlocked


def test_backup_and_restore_leave_the_current_vault_byte_identical(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_cases: list[Case],
    fast_key: KeySettings,
    tmp_path: Path,
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    backup = tmp_path / "clinic.vault-backup"
    for answer in (str(backup), "backup passphrase one", "backup passphrase one", None):
        prompts.set_next_answer(answer)
    with qtbot.waitSignal(window.vault_actions.finished, timeout=20_000):
        window.vault_actions.backup()
    assert backup.exists()
    assert prompts.pending_answers() == 0
    before = demo_vault.read_bytes()
    restored = tmp_path / "restored.vault"
    new = "restored vault passphrase"
    for answer in (str(backup), "backup passphrase one", str(restored), new, new):
        prompts.set_next_answer(answer)
    with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
        window.vault_actions.restore()
    assert window.session.path == restored
    assert demo_vault.read_bytes() == before
    assert {c.id for c in window.session.list_cases()} == {c.id for c in demo_cases}
    window.lock_now()
    with Vault.open(restored, new, fast_key) as vault:
        assert [e.action for e in read_audit(vault)][-2:] == ["restored", "unlocked"]


def test_settings_are_saved_without_case_data(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_cases: list[Case],
    tmp_path: Path,
) -> None:
    window = make_window(demo_vault)
    _open(qtbot, window, demo_cases[0])
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.idle.setValue(12)
    dialog.clipboard.setValue(20)
    dialog.retention.setValue(30)
    dialog.initials.setText("ab")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    saved = (tmp_path / "config" / "settings.json").read_text(encoding="utf-8")
    data = json.loads(saved)
    assert data["idle_minutes"] == 12
    assert data["clipboard_seconds"] == 20
    assert data["retention_days"] == 30
    assert data["initials"] == "AB"
    assert window.session.initials == "AB"
    assert window.clipboard.seconds == 20
    assert window.idle.timeout_s == 12 * 60
    for case in demo_cases:
        assert case.pseudonym not in saved
        assert case.id not in saved


def test_delete_a_case_from_the_cases_view(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_cases: list[Case],
    fast_key: KeySettings,
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    victim = demo_cases[-1]
    window.cases_view.select(victim.id)
    prompts.set_next_answer(True)
    with qtbot.waitSignal(window.vault_actions.cases_changed, timeout=10_000):
        window.cases_view.delete_button.click()
    assert window.cases_view.model.row_of(victim.id) < 0
    window.lock_now()
    with Vault.open(demo_vault, PASSPHRASE, fast_key) as vault:
        assert not CaseRepository(vault).exists(victim.id)
        assert read_audit(vault)[-1].action == "deleted"


def test_log_window_shows_the_ring_without_case_data(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    logging.getLogger("ui.test").info("opened %s with %d records", demo_case.pseudonym, 3)
    window.log_action.trigger()
    assert window.log_window is not None
    assert window.log_window.isVisible()
    text = window.log_window.text.toPlainText()
    assert "opened <redacted> with 3 records" in text
    assert demo_case.pseudonym not in text
