"""The one seam for every modal question: confirm, info, ask for text, choose a file.

Tests answer with `set_next_answer(...)` (answers are used in order) instead of clicking
dialogs. Open dialogs are tracked so the lock sequence can close them all.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
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
    fit_title(box, title)
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
    fit_title(box, title)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    _run(box)


Check = Callable[[str], str | None]
"""A field rule: the problem with the text in words (shown at the field), or None."""


def fit_title(dialog: QWidget, title: str) -> None:
    """Wide enough that the window title is not cut ("New f... Clinic")."""
    dialog.setWindowTitle(title)
    width = dialog.fontMetrics().horizontalAdvance(title) + 160
    dialog.setMinimumWidth(max(dialog.minimumWidth(), min(width, 900), 360))


class TextDialog(QDialog):
    """One line of text with its rule shown at the field while typing: OK waits until the
    text fits, and the text is kept as typed (never lost to an error)."""

    def __init__(
        self, parent: QWidget | None, title: str, label: str, check: Check | None = None
    ) -> None:
        super().__init__(parent)
        fit_title(self, title)
        self._check = check
        text = QLabel(label, self)
        text.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(label)
        text.setBuddy(self.edit)
        self.problem = QLabel("", self)
        self.problem.setObjectName("errorText")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("What to change"))
        self.problem.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(_("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, self.edit, self.problem, self.buttons):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self._on_text)
        self._on_text("")

    def _on_text(self, text: str) -> None:
        problem = self._check(text) if self._check else None
        shown = bool(problem) and bool(text)  # an empty field waits quietly
        self.problem.setText(problem or "")
        self.problem.setVisible(shown)
        self.ok.setEnabled(problem is None)

    def accept(self) -> None:
        if self._check is None or self._check(self.edit.text()) is None:
            super().accept()


def ask_text(
    parent: QWidget | None, title: str, label: str, check: Check | None = None
) -> str | None:
    """One line of text, or None when cancelled. With `check`, its problem is shown at the
    field as it is typed and OK waits until there is none."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = TextDialog(parent, title, label, check)
    if _run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.edit.text()


def ask_with(dialog: QDialog, result: Callable[[], Any]) -> Any:
    """Run a dialog built by the caller; `result()` when accepted, else None. Tests answer
    with the result itself."""
    if _answers:
        dialog.deleteLater()
        return _answers.popleft()
    accepted = _run(dialog) == QDialog.DialogCode.Accepted
    value = result() if accepted else None
    dialog.deleteLater()
    return value


def ask_passphrase(parent: QWidget | None, title: str, label: str) -> str | None:
    """A passphrase typed hidden, or None when cancelled."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = QInputDialog(parent)
    fit_title(dialog, title)
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


def choose_item(
    parent: QWidget | None, title: str, label: str, items: list[tuple[str, str]]
) -> str | None:
    """One of `items` ((key, shown text) pairs): its key, or None when cancelled."""
    if _answers:
        answer = _answers.popleft()
        return None if answer is None else str(answer)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems([text for _key, text in items])
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if _run(dialog) != QDialog.DialogCode.Accepted:
        return None
    shown = dialog.textValue()
    return next((key for key, text in items if text == shown), None)


def ask_new_passphrase(parent: QWidget | None, title: str, label: str) -> str | None:
    """A new passphrase typed twice (hidden); None when cancelled or the two differ."""
    first = ask_passphrase(parent, title, label)
    if not first:
        return None
    if ask_passphrase(parent, title, _("Type it again")) != first:
        info(parent, title, _("The two passphrases differ. Nothing was done."))
        return None
    return first
