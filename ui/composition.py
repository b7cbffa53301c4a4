"""The GUI's composition root after the first paint: every helper the main window uses is
built here, in one place, in order.

ui/app.build_window builds what the first paint needs (language, task runner, session, the
main window with its start view). After that paint the window calls `build_parts`: the full
settings, the autosaver, the secure clipboard, the vault actions, the idle watcher, and the
protocols, which load on their own background thread (0.5-2 s) so neither the unlock view
nor an unlock waits for them. The workspace is built when they arrive (`ProtocolLoading.ready`)
or, if a case is opened sooner, waits for them then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clinic.protocols.loader import ProtocolSet
    from clinic.settings import AppSettings
    from ui.autosave import Autosaver
    from ui.idle import IdleWatcher
    from ui.security.clipboard import SecureClipboard
    from ui.security.vault_actions import VaultActions
    from ui.session import VaultSession


class ProtocolLoading(QObject):
    """The protocols (built-in plus the clinic's folder), loaded off the GUI thread.

    Its own runner: the session's runner (vault work, one task at a time) never queues an
    unlock behind this load.
    """

    ready = Signal()
    """The protocols are loaded (or loading failed: `wait()` raises the error)."""

    def __init__(self, folder: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders = [Path(folder)] if folder else []
        self._result: ProtocolSet | None = None
        self._error: BaseException | None = None
        self._runner = TaskRunner(self)
        self._runner.run(self._load, lambda _r: self.ready.emit(), lambda _e: self.ready.emit())

    def _load(self) -> ProtocolSet:
        """Runs on the worker: keeps the outcome for `wait()` as well as the callbacks."""
        from clinic.protocols.loader import load_protocols

        try:
            result = self._result = load_protocols(self._folders)
        except Exception as exc:
            self._error = exc
            raise
        return result

    @property
    def done(self) -> bool:
        return self._result is not None or self._error is not None

    def wait(self) -> ProtocolSet:
        """The protocols; blocks only when they are asked for before they have loaded."""
        if not self.done:
            self._runner.wait_done()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


@dataclass
class Parts:
    """What the main window uses besides its views, built once after the first paint."""

    settings: AppSettings
    autosaver: Autosaver
    clipboard: SecureClipboard
    vault_actions: VaultActions
    idle: IdleWatcher
    protocols: ProtocolLoading


def build_parts(
    session: VaultSession,
    settings_file: Path,
    open_vault_file: Callable[[Path, str], None],
    idle_poll_ms: int,
    window: QWidget,
) -> Parts:
    """Settings first (the initials, the protocols folder and the timeouts come from them),
    then the protocol load is started, then the helpers."""
    from clinic.settings import load_settings
    from ui.autosave import Autosaver
    from ui.idle import IdleWatcher
    from ui.security.clipboard import SecureClipboard
    from ui.security.vault_actions import VaultActions
    from ui.session import DEFAULT_INITIALS

    settings = load_settings(settings_file)
    protocols = ProtocolLoading(settings.protocols_folder, window)
    session.initials = settings.initials or DEFAULT_INITIALS
    return Parts(
        settings=settings,
        autosaver=Autosaver(session),
        clipboard=SecureClipboard(settings.clipboard_seconds, parent=window),
        vault_actions=VaultActions(session, settings, open_vault_file, window),
        idle=IdleWatcher(session.clock, settings.idle_minutes * 60, idle_poll_ms, window),
        protocols=protocols,
    )
