"""The composition root: protocols load off the GUI thread; unlock and the case list never
wait for them; the workspace is built when they arrive (or waits for them when needed)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import clinic.protocols.loader as loader
from tests.ui.conftest import WindowFactory, unlock


@pytest.fixture
def held_protocols(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """load_protocols blocks until released and records the thread it ran on."""
    real = loader.load_protocols
    release = threading.Event()
    threads: list[threading.Thread] = []

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_protocols", held)
    yield release, threads
    release.set()


def test_unlock_does_not_wait_for_the_protocols(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, held_protocols
) -> None:  # type: ignore[no-untyped-def]
    release, threads = held_protocols
    window = make_window(demo_vault)
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    assert threads[0] is not threading.main_thread()
    unlock(qtbot, window)  # while the protocols are still loading
    assert window.stack.currentWidget() is window.cases_view
    assert window._workspace is None
    release.set()
    qtbot.waitUntil(lambda: window._workspace is not None, timeout=20_000)
    assert window.workspace.context.protocols.protocols


def test_opening_a_case_before_the_protocols_arrive_waits_for_them(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, held_protocols
) -> None:  # type: ignore[no-untyped-def]
    release, threads = held_protocols
    window = make_window(demo_vault)
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    unlock(qtbot, window)
    case_id = window.session.list_cases()[0].id
    threading.Timer(0.2, release.set).start()
    window.open_case(case_id)
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.context.protocols.protocols
