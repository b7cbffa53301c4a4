"""Composition root of the GUI: umask, i18n, settings, session and main window, in order.

`run()` is what the `clinic` command starts. Tests and tools call `build_window()` with
their own vault path, clock, key settings and config folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clinic.i18n import set_language
from clinic.protocols.loader import load_protocols
from clinic.settings import load_settings, settings_path
from clinic.storage import DEFAULT_KEY, KeySettings
from ui.clock import Clock
from ui.main_window import APP_TITLE, MainWindow
from ui.session import VaultSession
from ui.style import apply_style
from ui.tasks import TaskRunner


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


def build_window(
    *,
    vault_path: Path | None = None,
    key: KeySettings = DEFAULT_KEY,
    clock: Clock | None = None,
    config_dir: Path | None = None,
    idle_poll_ms: int = 1000,
) -> MainWindow:
    """Settings, language, protocols, session and the main window (QApplication must exist)."""
    from clinic.paths import default_vault_path

    settings_file = settings_path(config_dir)
    settings = load_settings(settings_file)
    set_language(settings.language)
    extra = [Path(settings.protocols_folder)] if settings.protocols_folder else []
    protocols = load_protocols(extra)
    tasks = TaskRunner()
    session = VaultSession(vault_path or default_vault_path(), key, clock or Clock(), tasks)
    tasks.setParent(session)
    window = MainWindow(session, protocols, settings, settings_file, idle_poll_ms)
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
    window.show()
    return int(app.exec())
