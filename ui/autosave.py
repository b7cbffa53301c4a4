"""Autosave: every edit is stored within a second, with no Save button.

Stage pages emit `edited(kind, entity)`; the autosaver keeps the latest version of each
record and stores them all AUTOSAVE_MS after the first unsaved edit (so steady typing
cannot postpone a save). The lock sequence and closing the window flush at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from clinic.errors import ClinicError
from clinic.model import Entity
from ui.session import VaultSession

AUTOSAVE_MS = 400
CASE_FIELDS = "case"
"""The kind for edits of the case's own fields (pseudonym, situation, safe contact)."""


class Autosaver(QObject):
    saved = Signal(int)
    """Edits were stored; payload: how many records."""
    failed = Signal(object)
    """Storing failed; payload: the exception. The edits stay pending for the next try."""

    def __init__(self, session: VaultSession, delay_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(session)
        self._session = session
        self._pending: dict[tuple[str, str], tuple[str, Entity]] = {}
        self._case_fields = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        session.locking.connect(self.flush)
        session.record_deleted.connect(self.forget)

    @property
    def pending(self) -> int:
        return len(self._pending) + int(self._case_fields)

    def record_edit(self, kind: str, entity: object) -> None:
        """Queue one edited record (or the case's own fields with kind CASE_FIELDS)."""
        if kind == CASE_FIELDS:
            self._case_fields = True
        else:
            assert isinstance(entity, Entity)
            self._pending[(kind, entity.id)] = (kind, entity)
        if not self._timer.isActive():
            self._timer.start()

    def forget(self, kind: str, entity_id: str) -> None:
        """Drop a pending edit of a record that was deleted meanwhile."""
        self._pending.pop((kind, entity_id), None)

    def flush(self) -> None:
        self._timer.stop()
        if not self.pending or self._session.case is None:
            return
        count = 0
        try:
            if self._case_fields:
                self._session.save_case_fields()
                self._case_fields = False
                count += 1
            for key, (kind, entity) in list(self._pending.items()):
                self._session.save_record(kind, entity)
                del self._pending[key]
                count += 1
        except ClinicError as exc:
            self.failed.emit(exc)
            return
        self.saved.emit(count)

    def discard(self) -> None:
        """Forget pending edits (after the case they belong to was dropped)."""
        self._timer.stop()
        self._pending.clear()
        self._case_fields = False
