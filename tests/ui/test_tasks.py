"""The background helper: work runs off the GUI thread; results come back on it."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def test_success_and_failure_are_delivered_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: list[tuple[str, object, int]] = []

    def work() -> int:
        return threading.get_ident()

    def boom() -> None:
        raise ValueError("refused")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.run(work, lambda r: seen.append(("ok", r, threading.get_ident())))
        runner.run(boom, None, lambda e: seen.append(("failed", e, threading.get_ident())))
        assert runner.busy
    assert not runner.busy
    assert [s[0] for s in seen] == ["ok", "failed"]
    assert seen[0][1] != gui  # the work ran on the worker thread
    assert all(s[2] == gui for s in seen)  # callbacks ran on the GUI thread
    assert isinstance(seen[1][1], ValueError)
