"""The Qt binding the app pins must not lose references to None.

PySide6 6.12.0 dropped one reference to None each time an empty QVariant reached Python
(`combo.currentData()`, `index.data()`); on Python 3.11 a long session then aborts with
"deallocating None". pyproject.toml pins a release without that bug; this test guards it.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot


def test_empty_qvariants_keep_none_alive(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("no data")
    model = QStandardItemModel(2, 2)
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert combo.itemData(0) is None
        assert model.index(0, 0).data(999) is None
    assert sys.getrefcount(None) - before > -50
