"""Bad input in the GUI: the rule is shown at the field, the text stays, and the status bar
never says saved when something was not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic.model import Case
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.text_rules import short_text_problem


def _typed_into_new_case(qtbot: QtBot, window: object, text: str) -> prompts.TextDialog:
    """Press New case and type into the real dialog; returns it still open."""
    seen: list[prompts.TextDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, prompts.TextDialog):
            seen.append(dialog)
            dialog.edit.setText(text)  # a paste
            QTimer.singleShot(0, dialog.reject)  # checked below, then closed

    QTimer.singleShot(0, look)
    window.cases_view.new_button.click()  # type: ignore[attr-defined]
    assert seen
    return seen[0]


def test_a_long_pseudonym_names_the_rule_and_keeps_the_text(qtbot: QtBot) -> None:
    dialog = prompts.TextDialog(None, "New case", "Pseudonym:", short_text_problem)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edit, "a" * 212)
    assert dialog.edit.text() == "a" * 212  # kept as typed
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text() == "At most 200 characters: 212 now."
    assert not dialog.ok.isEnabled()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not take it
    for _n in range(12):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Backspace)
    assert not dialog.problem.isVisibleTo(dialog)
    assert dialog.ok.isEnabled()


def test_a_control_character_is_named_with_its_position(qtbot: QtBot) -> None:
    dialog = prompts.TextDialog(None, "New case", "Pseudonym:", short_text_problem)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edit.setText("Juniper and R\x07owan")  # a paste with a bell character
    assert dialog.problem.text().startswith("Holds a control character at position 14")
    assert "\x07" not in dialog.problem.text()
    assert not dialog.ok.isEnabled()
    assert dialog.edit.text() == "Juniper and R\x07owan"


def test_new_case_dialog_checks_at_the_field(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    before = window.cases_view.proxy.rowCount()
    dialog = _typed_into_new_case(qtbot, window, "b" * 212)
    assert dialog.problem.text() == "At most 200 characters: 212 now."
    assert window.cases_view.proxy.rowCount() == before  # nothing made, no error dialog
    # the dialog title is not cut
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance("New case")


def test_control_characters_in_visit_notes_never_show_all_saved(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    window.open_case(demo_case.id)
    notes = window.workspace.notes
    notes.edit.setFocus()
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClicks(notes.edit, " fine words")
    assert window.save_status.text() == "All changes saved"
    notes.edit.insertPlainText("pasted \x01 text")
    assert notes.error.isVisibleTo(window)
    assert window.save_status.text().startswith("Not saved: Visit notes")
    # another stage saves meanwhile: the status still tells the truth
    before = window.workspace.pages[0]
    check = before.consent_boxes["may_keep_notes"]  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        check.click()
    assert window.save_status.text().startswith("Not saved: Visit notes")
    text = notes.edit.toPlainText().replace("\x01", "")
    notes.edit.setPlainText(text)
    assert not notes.error.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.save_status.text() == "All changes saved", timeout=5000)
