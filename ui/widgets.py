"""Small shared widgets: a passphrase field with caps-lock hint, a plain-text label."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _


class SafeLabel(QLabel):
    """A label that shows text as plain text only (never rich text from case data)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)


def caps_lock_guess(event: QKeyEvent) -> bool | None:
    """Caps lock state guessed from a typed letter (Qt has no portable query), or None."""
    text = event.text()
    if len(text) != 1 or not text.isalpha() or text.lower() == text.upper():
        return None
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return text.isupper() != shift


class PassphraseField(QWidget):
    """A hidden passphrase entry with a show toggle and a caps-lock hint."""

    submitted = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setObjectName("passphrase")
        self.edit.returnPressed.connect(self.submitted)
        self.edit.installEventFilter(self)
        self.show_button = QPushButton(_("Show"), self)
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(_("Show the passphrase"))
        self.show_button.toggled.connect(self._on_show_toggled)
        self.caps_hint = QLabel(_("Caps Lock is on."), self)
        self.caps_hint.setObjectName("capsHint")
        self.caps_hint.setAccessibleName(_("Caps Lock is on."))
        self.caps_hint.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.caps_hint)

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()
        self.show_button.setChecked(False)

    def select_for_retry(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText(_("Hide") if shown else _("Show"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            guess = caps_lock_guess(event)
            if guess is not None:
                self.caps_hint.setVisible(guess)
        return False


def busy_bar(accessible_name: str, parent: QWidget) -> QProgressBar:
    """An indeterminate progress bar, hidden until work runs."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar


def centred_card(view: QWidget, width_chars: int, spacing: int) -> QVBoxLayout:
    """A fixed-width card centred in `view` (the start views); returns its layout to fill."""
    box = QWidget(view)
    box.setObjectName("card")
    box.setFixedWidth(box.fontMetrics().averageCharWidth() * width_chars)
    inner = QVBoxLayout(box)
    inner.setSpacing(spacing)
    inner.setContentsMargins(24, 20, 24, 20)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(box)
    row.addStretch(1)
    outer = QVBoxLayout(view)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return inner
