"""Child process: start a window offscreen and print the wall time once it has been painted.

    python benchmarks/probe_start.py bare
    python benchmarks/probe_start.py app VAULT CONFIG_DIR

`bare` is the floor: a plain PySide6 window with a label, a line edit and a button. `app`
starts the real GUI (`ui.app.run`) on an existing vault; the time is taken in a zero-delay
timer queued by the first paint of the unlock view, i.e. once that paint has finished.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PaintWatch(QObject):
    """Prints the time after the first paint of the widget named `target`, then exits.

    Watches the whole application only until that widget exists, then that widget alone,
    so the filter's own cost stays small for the app (which makes many more objects).
    """

    def __init__(self, app: QApplication, target: str) -> None:
        super().__init__()
        self.app, self.target = app, target
        self.widget: QObject | None = None
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.widget is None:
            if watched.objectName() != self.target:
                return False
            self.widget = watched
            self.app.removeEventFilter(self)
            watched.installEventFilter(self)
        if not self.seen and watched is self.widget and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"{time.time():.6f}", flush=True)
        os._exit(0)  # the figure is taken; skip teardown


def bare(app: QApplication) -> int:
    window = QWidget()
    window.setObjectName("bare")
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("This vault is locked", window))
    layout.addWidget(QLineEdit(window))
    layout.addWidget(QPushButton("Unlock", window))
    window.resize(1280, 720)
    window.show()
    return int(app.exec())


def main() -> int:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, "bare" if mode == "bare" else "unlockView")
    app.installEventFilter(watch)
    if mode == "bare":
        return bare(app)
    from ui.app import run

    return run(sys.argv[:1], vault_path=Path(sys.argv[2]), config_dir=Path(sys.argv[3]))


if __name__ == "__main__":
    raise SystemExit(main())
