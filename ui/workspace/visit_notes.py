"""Visit notes: free text for the current visit, autosaved as it is typed."""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from clinic.i18n import _
from clinic.model import Visit
from ui.stages.session_parts.forms import UNSAVED_PROPERTY
from ui.widgets import SafeLabel


class VisitNotes(QWidget):
    edited = Signal(str, object)
    """The visit's notes changed; payload: ("visits", visit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit: Visit | None = None
        label = QLabel(_("Visit notes (saved as you type)"), self)
        label.setObjectName("panelTitle")
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("visitNotes")
        self.edit.setAccessibleName(_("Visit notes"))
        self.edit.setTabChangesFocus(True)
        label.setBuddy(self.edit)
        self.error = SafeLabel("", self)
        self.error.setObjectName("errorText")
        self.error.setProperty(UNSAVED_PROPERTY, True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self._on_changed)

    def load(self, visit: Visit | None) -> None:
        self._visit = visit
        self.edit.blockSignals(True)
        self.edit.setPlainText(visit.notes if visit else "")
        self.edit.blockSignals(False)
        self.edit.setEnabled(visit is not None)
        self.error.hide()

    def clear(self) -> None:
        self.load(None)

    def _on_changed(self) -> None:
        if self._visit is None:
            return
        try:
            self._visit.notes = self.edit.toPlainText()
        except ValidationError:
            self.error.setText(
                _(
                    "Not saved: these notes hold a control character (it may have come with a"
                    " paste). Remove it; the last stored notes are kept."
                )
            )
            self.error.show()
            return
        self.error.hide()
        self.edited.emit("visits", self._visit)
