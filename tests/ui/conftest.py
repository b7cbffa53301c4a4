"""GUI fixtures: a demo vault on disk, a manual clock and a main window factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import FIXED_TODAY, PASSPHRASE
from ui import prompts
from ui.app import build_window, make_app
from ui.clock import ManualClock
from ui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FIXED_TODAY)


@pytest.fixture
def demo_vault(tmp_path: Path, fast_key: KeySettings, demo_cases: list[Case]) -> Path:
    """A vault file holding the demo cases (Maple first)."""
    path = tmp_path / "demo.vault"
    with Vault.create(path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        for case in demo_cases:
            repo.add(case)
    return path


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, fast_key: KeySettings, clock: ManualClock
) -> Iterator[WindowFactory]:
    """Build a shown main window on a vault path; closed (and locked) at teardown."""
    make_app()
    windows: list[MainWindow] = []

    def factory(vault_path: Path, **kwargs: object) -> MainWindow:
        window = build_window(
            vault_path=vault_path,
            key=fast_key,
            clock=clock,
            config_dir=tmp_path / "config",
            **kwargs,  # type: ignore[arg-type]
        )
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        windows.append(window)
        return window

    yield factory
    prompts.clear_answers()
    for window in windows:
        window.close()


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase into the unlock view and press Enter; wait for the vault."""
    from PySide6.QtCore import Qt

    field = window.unlock_view.passphrase.edit
    field.setFocus()
    qtbot.keyClicks(field, passphrase)
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
