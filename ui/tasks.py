"""The one background helper: runs callables off the GUI thread, one at a time.

`run(fn, on_success, on_failure)` calls `fn()` on a worker thread; its result or exception
is delivered to the callbacks on the GUI thread. Tasks run in order on a single worker, so
a task that uses the vault connection never overlaps another. No widget code runs in `fn`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class _Relay(QObject):
    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id = job_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to the failure callback on the GUI thread
            self._relay.finished.emit(self._id, False, exc)
            return
        self._relay.finished.emit(self._id, True, result)


class TaskRunner(QObject):
    """Runs one callable at a time off the GUI thread."""

    busy_changed = Signal(bool)
    """Emitted with True when the first task starts and False when the last one ends."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._pending: dict[int, tuple[Success | None, Failure | None]] = {}
        self._next = 0

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Success | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        self._next += 1
        self._pending[self._next] = (on_success, on_failure)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self._next, fn, self._relay))

    def wait_done(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (shutdown and tests); callbacks still queue."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, bool, object)
    def _on_finished(self, job_id: int, ok: bool, payload: object) -> None:
        on_success, on_failure = self._pending.pop(job_id)
        try:
            if ok and on_success is not None:
                on_success(payload)
            elif not ok and on_failure is not None:
                assert isinstance(payload, BaseException)
                on_failure(payload)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)
