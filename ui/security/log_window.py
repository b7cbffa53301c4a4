"""The log window: the last lines of clinic.logsafe's in-memory ring buffer (never a file).

`log_ring()` installs the ring on the app's loggers once per process; ui/app.py calls it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic import logsafe
from clinic.i18n import _

_ring: logsafe.RingBufferHandler | None = None


def log_ring() -> logsafe.RingBufferHandler:
    """The process's ring buffer, attached to the `clinic` and `ui` loggers."""
    global _ring
    if _ring is None:
        _ring = logsafe.install()
    return _ring


def format_line(line: logsafe.LogLine) -> str:
    when = dt.datetime.fromtimestamp(line.created).strftime("%H:%M:%S")
    return f"{when}  {line.level:<7} {line.logger}: {line.message}"


class LogWindow(QDialog):
    """Read-only view of the ring; Refresh re-reads it, Clear empties it."""

    def __init__(self, ring: logsafe.RingBufferHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Log"))
        self.resize(720, 420)
        self._ring = ring
        note = QLabel(_("The app's log stays in memory only and holds no case data."), self)
        note.setObjectName("muted")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Log lines"))
        refresh = QPushButton(_("&Refresh"), self)
        refresh.setAccessibleName(_("Refresh the log"))
        clear = QPushButton(_("C&lear"), self)
        clear.setAccessibleName(_("Clear the log"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(refresh, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(clear, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        refresh.clicked.connect(self.refresh)
        clear.clicked.connect(self._clear)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        lines = self._ring.lines()
        self.text.setPlainText("\n".join(format_line(line) for line in lines))

    def _clear(self) -> None:
        self._ring.clear()
        self.refresh()
