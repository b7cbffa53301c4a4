"""Start-up smoke check for installers: `CLINIC_SMOKE_START=1 clinic` paints the first view,
prints its name on stdout and exits 0.

Packaging tests use it to prove that a frozen build reaches the unlock view (with the
offscreen or xcb platform). It reads nothing, writes nothing and touches no vault.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

ENV_VAR = "CLINIC_SMOKE_START"


def requested() -> bool:
    return os.environ.get(ENV_VAR) == "1"


class _FirstPaint(QObject):
    """Reports the visible start view once the window has painted."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        stack = self.window.findChild(QStackedWidget)
        current = stack.currentWidget() if stack is not None else None
        name = current.objectName() if current is not None else self.window.objectName()
        print(f"smoke: first view {name or 'unnamed'}", flush=True)
        QApplication.exit(0)


def watch(window: QWidget) -> None:
    """Install the first-paint report on `window` (call before show)."""
    watcher = _FirstPaint(window)
    window.installEventFilter(watcher)
    sys.stdout.flush()
