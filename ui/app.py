"""Composition root of the GUI (placeholder until the GUI shell lands)."""

from __future__ import annotations

import sys


def run() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("Tech Safety Clinic")
    label.setWindowTitle("Tech Safety Clinic")
    label.resize(640, 400)
    label.show()
    return int(app.exec())
