"""SecureClipboard: copy text that is cleared after a countdown, on lock and on quit.

It clears the clipboard only while it still holds the text we put there: something the
volunteer copied afterwards from another app is left alone. `CopyButton` is a ready "Copy"
button (for a referral's phone number or address) that shows the countdown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget

from clinic.i18n import _

DEFAULT_SECONDS = 10


class SecureClipboard(QObject):
    countdown = Signal(int)
    """Seconds left before our text is cleared (every second; 0 when cleared or replaced)."""

    def __init__(
        self,
        seconds: int = DEFAULT_SECONDS,
        clipboard: QClipboard | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._clipboard = clipboard or QGuiApplication.clipboard()
        self._ours: str | None = None
        self._left = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    @property
    def holds_ours(self) -> bool:
        return self._ours is not None and self._clipboard.text() == self._ours

    @property
    def seconds_left(self) -> int:
        return self._left if self._ours is not None else 0

    def copy(self, text: str) -> None:
        """Put `text` on the clipboard and clear it after `seconds`."""
        self._clipboard.setText(text, QClipboard.Mode.Clipboard)
        self._ours = text
        self._left = max(1, self.seconds)
        self._tick.start()
        self.countdown.emit(self._left)

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds our text; True when it did."""
        cleared = self.holds_ours
        if cleared:
            self._clipboard.clear(QClipboard.Mode.Clipboard)
        self._forget()
        return cleared

    def _forget(self) -> None:
        self._ours = None
        self._left = 0
        self._tick.stop()
        self.countdown.emit(0)

    def _on_tick(self) -> None:
        if not self.holds_ours:
            self._forget()  # replaced by something else: leave it alone
            return
        self._left -= 1
        if self._left <= 0:
            self.clear_if_ours()
        else:
            self.countdown.emit(self._left)


class CopyButton(QPushButton):
    """A "Copy" button: copies `text()` through the SecureClipboard and shows the countdown."""

    def __init__(
        self,
        clipboard: SecureClipboard,
        text: Callable[[], str],
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Copy"), parent)
        self.setAccessibleName(accessible_name)
        self._clipboard = clipboard
        self._text = text
        self._mine = False
        self.clicked.connect(self._copy)
        clipboard.countdown.connect(self._on_countdown)

    def _copy(self) -> None:
        value = self._text()
        if not value:
            return
        self._clipboard.copy(value)
        self._mine = True
        self._on_countdown(self._clipboard.seconds_left)

    def _on_countdown(self, left: int) -> None:
        if not self._mine:
            return
        if left > 0 and self._clipboard.holds_ours:
            self.setText(_("Copied ({seconds} s)").format(seconds=left))
        else:
            self._mine = False
            self.setText(_("Copy"))
