"""Idle auto-lock: an app-wide event filter notes input; a timer checks the clock.

The clock is injectable, so tests move time by hand instead of waiting minutes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ui.clock import Clock

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle = Signal()
    """No input for `timeout_s` seconds while armed; emitted once per idle period."""

    def __init__(
        self, clock: Clock, timeout_s: float, poll_ms: int = 1000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.timeout_s = timeout_s
        self._last = clock.monotonic()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def arm(self) -> None:
        """Start watching (after unlock)."""
        self._last = self._clock.monotonic()
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last = self._clock.monotonic()
        return False

    def check(self) -> None:
        if self._armed and self._clock.monotonic() - self._last >= self.timeout_s:
            self.disarm()
            self.idle.emit()
