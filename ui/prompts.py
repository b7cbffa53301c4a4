"""The one seam for every modal question: confirm, info, ask for text, choose a file.

Tests answer with `set_next_answer(...)` (answers are used in order) instead of clicking
dialogs. Open dialogs are tracked so the lock sequence can close them all.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from clinic.i18n import _

_answers: deque[Any] = deque()
_open: list[QDialog] = []


def set_next_answer(answer: Any) -> None:
    """Queue the answer the next prompt returns without showing a dialog."""
    _answers.append(answer)


def clear_answers() -> None:
    _answers.clear()


def pending_answers() -> int:
    return len(_answers)


def close_all() -> None:
    """Close every open prompt as if cancelled (the lock sequence calls this)."""
    for dialog in list(_open):
        dialog.reject()


def _run(dialog: QDialog) -> int:
    _open.append(dialog)
    try:
        return dialog.exec()
    finally:
        _open.remove(dialog)


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str | None = None) -> bool:
    """Ask a yes/no question; Cancel is the default."""
    if _answers:
        return bool(_answers.popleft())
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    _run(box)
    return box.clickedButton() is ok


def info(parent: QWidget | None, title: str, text: str) -> None:
    if _answers:
        _answers.popleft()
        return
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    _run(box)


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """One line of text, or None when cancelled."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if _run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def ask_passphrase(parent: QWidget | None, title: str, label: str) -> str | None:
    """A passphrase typed hidden, or None when cancelled."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if _run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def _file_dialog(parent: QWidget | None, title: str, name_filter: str) -> QFileDialog:
    """Qt's own file dialog: a platform dialog may add the file to "recent files" lists."""
    dialog = QFileDialog(parent, title, "", name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


def choose_open_file(parent: QWidget | None, title: str, name_filter: str) -> str | None:
    """A file to open, or None when cancelled."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = _file_dialog(parent, title, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if _run(dialog) != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]


def choose_save_file(parent: QWidget | None, title: str, name_filter: str) -> str | None:
    """A file to write, or None when cancelled."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = _file_dialog(parent, title, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if _run(dialog) != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]
