"""Start-up stays light: the unlock view paints before the rest is imported and built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from clinic.settings import settings_path
from tests.conftest import ROOT
from tests.ui.conftest import WindowFactory, unlock
from ui.app import SETTINGS_FILENAME, peek_settings

HEAVY = ("pydantic", "yaml", "reportlab", "clinic.model", "clinic.protocols", "clinic.technograph")


def test_import_ui_app_loads_no_models_protocols_or_reportlab() -> None:
    code = "import sys\nimport ui.app\nprint(' '.join(sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", code],
        text=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=True,
    )
    loaded = done.stdout.split()
    assert "ui.main_window" in loaded
    assert not [m for m in loaded if m.startswith(HEAVY)]
    assert not [m for m in loaded if m.startswith(("ui.cases", "ui.workspace", "ui.stages"))]


def test_peek_settings_reads_language_and_geometry_or_gives_defaults(tmp_path: Path) -> None:
    assert settings_path(tmp_path).name == SETTINGS_FILENAME
    path = tmp_path / SETTINGS_FILENAME
    assert peek_settings(path) == ("en", None)
    path.write_text(json.dumps({"language": "es", "window_geometry": "01ab"}), encoding="utf-8")
    assert peek_settings(path) == ("es", "01ab")
    path.write_text(json.dumps({"language": "fr", "window_geometry": 5}), encoding="utf-8")
    assert peek_settings(path) == ("en", None)
    path.write_text("[not json", encoding="utf-8")
    assert peek_settings(path) == ("en", None)


def test_rest_is_built_after_the_first_paint_and_ahead_of_the_first_case(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    qtbot.waitUntil(lambda: window._workspace is not None, timeout=20_000)
    assert window.stack.indexOf(window.cases_view) >= 0
    assert window.stack.currentWidget() is window.unlock_view
    unlock(qtbot, window)
    assert window.stack.currentWidget() is window.cases_view


def test_lock_and_quick_hide_before_the_rest_is_built(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    window.quick_hide()  # nothing unlocked yet: the lock sequence has nothing to do
    window.lock_now()
    assert window.stack.currentWidget() is window.unlock_view
    assert not window.session.is_unlocked
