"""Composition root of the GUI: umask, i18n, session and main window, in order.

Light on purpose: importing it loads no models (pydantic), protocols, reportlab or stage
pages, so the unlock view paints first; the main window builds the rest after that paint.

`run()` is what the `clinic` command starts. Tests and tools call `build_window()` with
their own vault path, clock, key settings and config folder.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clinic.i18n import set_language
from clinic.storage import DEFAULT_KEY, KeySettings
from ui.clock import Clock
from ui.main_window import APP_TITLE, MainWindow
from ui.style import apply_style

SETTINGS_FILENAME = "settings.json"
"""clinic.settings.SETTINGS_FILENAME (that module loads pydantic: not before the first paint)."""


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (made once per process), named and styled."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setDesktopFileName("tech-safety-clinic")
    apply_style(app)
    return app


def peek_settings(path: Path) -> tuple[str, str | None]:
    """The language and window geometry from the settings file, read with plain json.

    All the first paint needs; the main window loads (and validates) the full settings
    after it. Any problem gives the defaults, as load_settings does.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "en", None
    if not isinstance(raw, dict):
        return "en", None
    language = raw.get("language", "en")
    geometry = raw.get("window_geometry")
    ok_geometry = isinstance(geometry, str) and len(geometry) <= 4000
    return (language if language in ("en", "es") else "en"), geometry if ok_geometry else None


def build_window(
    *,
    vault_path: Path | None = None,
    key: KeySettings = DEFAULT_KEY,
    clock: Clock | None = None,
    config_dir: Path | None = None,
    idle_poll_ms: int = 1000,
) -> MainWindow:
    """Language, session and the main window (QApplication must exist).

    Only the start views are built here; the main window loads the full settings, the
    protocols and the other views after its first paint (or when first needed).
    """
    from clinic.paths import default_vault_path, user_config_dir
    from ui.security.log_window import log_ring
    from ui.session import VaultSession
    from ui.tasks import TaskRunner

    log_ring()
    settings_file = (config_dir or user_config_dir()) / SETTINGS_FILENAME
    language, geometry = peek_settings(settings_file)
    set_language(language)
    tasks = TaskRunner()
    session = VaultSession(vault_path or default_vault_path(), key, clock or Clock(), tasks)
    tasks.setParent(session)
    window = MainWindow(session, settings_file, geometry, idle_poll_ms)
    session.setParent(window)
    return window


def run(
    argv: Sequence[str] | None = None,
    *,
    vault_path: Path | None = None,
    key: KeySettings = DEFAULT_KEY,
    clock: Clock | None = None,
    config_dir: Path | None = None,
) -> int:
    """Start the GUI and run until the window closes."""
    os.umask(0o077)
    app = make_app(argv)
    window = build_window(vault_path=vault_path, key=key, clock=clock, config_dir=config_dir)
    from ui import smoke

    if smoke.requested():
        smoke.watch(window)
    window.show()
    return int(app.exec())
