"""VaultSession: owns the open vault, its repository and the case being worked on.

Widgets read through the session and write through its methods (which call
clinic.services); they never touch storage. Locking drops every decrypted object it holds
and closes the connection; only ids (case, visit, stage) are kept to return to the same
place. One re-entrant lock guards the connection: the GUI thread and the background
helper never use it at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from clinic.storage import CaseSummary, KeySettings, Vault
from ui.clock import Clock
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # loaded on first use: the models (pydantic) stay out of the start-up
    from clinic.model import Case, Entity, Visit
    from clinic.services.editing import OpenItems
    from clinic.storage import CaseRepository


@dataclass
class Position:
    """Where the volunteer was: ids only, never case data."""

    case_id: str | None = None
    visit_id: str | None = None
    stage_id: str = "before"


DEFAULT_INITIALS = "GUI"


class VaultSession(QObject):
    unlocked = Signal()
    """The vault is open; payload: none."""
    unlock_failed = Signal(object)
    """Opening or creating failed; payload: the clinic.errors exception."""
    locking = Signal()
    """The lock sequence started: flush edits and drop displayed data now (synchronous)."""
    locked = Signal()
    """The vault is closed and no decrypted object is held."""
    case_changed = Signal(str)
    """The current case was opened, edited or closed; payload: its id ("" for none)."""
    record_deleted = Signal(str, str)
    """A record of the current case was deleted; payload: (kind, entity id)."""
    case_edited = Signal(str, object)
    """The open case changed in memory (any stage, any record); payload: (kind, entity),
    entity None after a deletion. Every view that shows something derived from the case
    (warnings, defaults, counts, progress, routes, the technograph, coverage) refreshes on
    it: one case, one truth, no relock."""

    _check_failed = Signal(object, object)
    """Internal: the background integrity check failed; payload: (vault, error)."""

    def __init__(self, path: Path, key: KeySettings, clock: Clock, tasks: TaskRunner) -> None:
        super().__init__()
        self._check_failed.connect(self._on_check_failed)  # queued from the check's thread
        self.path = path
        self.key = key
        self.clock = clock
        self.tasks = tasks
        self.position = Position()
        self._db = threading.RLock()
        self._vault: Vault | None = None
        self._repo: CaseRepository | None = None
        self._case: Case | None = None
        self._locking = False
        self.initials = DEFAULT_INITIALS
        """The volunteer's initials for the vault's audit log (from the settings)."""

    # -- state -----------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    @property
    def case(self) -> Case | None:
        return self._case

    @property
    def repo(self) -> CaseRepository:
        if self._repo is None:
            raise RuntimeError("the vault is locked")
        return self._repo

    # -- unlock / create / lock ------------------------------------------------------
    def unlock(self, passphrase: str) -> None:
        """Open the vault off the GUI thread as its one writer (failed-unlock delay, writer
        lock); emits unlocked or unlock_failed (UnlockDelayed, VaultLocked, WrongPassphrase).
        Both integrity checks run on a second connection meanwhile
        (lifecycle.unlock_checking_in_background): the list shows at once, every write and
        case open waits for the check, and a failed check locks and emits unlock_failed
        (VaultTampered). The "unlocked" audit row is written once the check passed."""
        path, key, initials = self.path, self.key, self.initials

        def job() -> Vault:
            from clinic.services import lifecycle

            return lifecycle.unlock_checking_in_background(path, passphrase, key, start=False)

        def adopt(vault: Any) -> None:
            vault.watch_check(lambda exc: self._check_failed.emit(vault, exc))
            self._adopt(vault)  # `unlocked`: the list is drawn
            vault.start_verifying()  # then the second key derivation and both checks
            self._audit_unlocked(vault, initials)

        self.tasks.run(job, adopt, self._failed)

    def _audit_unlocked(self, vault: Vault, initials: str) -> None:
        def job() -> None:
            from clinic.services import lifecycle

            vault.wait_verified()  # outside the connection lock: the list stays usable
            with self._db:
                if self._vault is vault:
                    lifecycle.audit(vault, initials, lifecycle.AuditAction.UNLOCKED)

        self.tasks.run(job, None, lambda exc: None)  # a failed check is handled below

    def _on_check_failed(self, vault: Any, exc: BaseException) -> None:
        if self._vault is vault:
            self.lock()
            self.unlock_failed.emit(exc)

    def create(self, passphrase: str) -> None:
        """Create the vault off the GUI thread, then open it as unlock() does."""
        path, key, initials = self.path, self.key, self.initials

        def job() -> Vault:
            from clinic.services import lifecycle

            Vault.create(path, passphrase, key).close()
            return lifecycle.unlock_in_app(path, passphrase, initials, key)

        self.tasks.run(job, self._adopt, self._failed)

    def _adopt(self, vault: Any) -> None:
        from clinic.storage.repositories import CaseRepository

        assert isinstance(vault, Vault)
        with self._db:
            self._vault = vault
            self._repo = CaseRepository(vault)
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.unlock_failed.emit(exc)

    def lock(self) -> None:
        """The lock sequence (KeePassXC's order): refuse re-entry, wait out background work
        (a save in progress), `locking` (listeners close dialogs, clear our clipboard text,
        flush edits and empty their views), drop the case and repository, close the
        connection (which releases the writer lock), then `locked` (show the unlock view)."""
        if self._locking or self._vault is None:
            return
        self._locking = True
        try:
            self.tasks.wait_done()
            self.locking.emit()
            with self._db:
                self._case = None
                self._repo = None
                vault, self._vault = self._vault, None
                vault.close()
        finally:
            self._locking = False
        self.locked.emit()

    def run_with_vault(
        self,
        fn: Callable[[Vault], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run slow vault work (rekey, export) in the background, holding the connection."""
        vault = self._vault
        if vault is None:
            raise RuntimeError("the vault is locked")

        def job() -> Any:
            with self._db:
                return fn(vault)

        self.tasks.run(job, on_success, on_failure)

    # -- cases -----------------------------------------------------------------------
    def is_practice(self) -> bool:
        """True while a practice vault is open (its cases are fictional mock sessions)."""
        from clinic.storage.settings_store import is_practice_vault

        with self._db:
            return self._vault is not None and is_practice_vault(self._vault)

    def list_cases(self) -> list[CaseSummary]:
        from clinic.errors import VaultTampered

        with self._db:
            try:
                return self.repo.list_cases()
            except VaultTampered:
                return []  # the integrity check failed: the session locks (queued signal)

    def open_case(self, case_id: str) -> Case:
        with self._db:
            self._case = self.repo.load(case_id)
        self.position.case_id = case_id
        self.case_changed.emit(case_id)
        return self._case

    def close_workspace(self) -> None:
        """Back to the list: forget the open case."""
        self._case = None
        self.position = Position()
        self.case_changed.emit("")

    def new_case(self, pseudonym: str) -> Case:
        from clinic.services import editing

        with self._db:
            return editing.new_case(self.repo, pseudonym, self.clock.today())

    def set_case_closed(self, case_id: str, closed: bool) -> None:
        from clinic.services import editing

        with self._db:
            case = editing.set_status(self.repo, case_id, closed, self.clock.today())
        if self._case is not None and self._case.id == case_id:
            self._case = case
        self.case_changed.emit(case_id)

    def start_visit(self) -> tuple[Visit, OpenItems]:
        from clinic.services import editing

        case = self._require_case()
        with self._db:
            visit, carried = editing.start_visit(self.repo, case, self.clock.today())
        self.position.visit_id = visit.id
        self.case_changed.emit(case.id)
        return visit, carried

    def note_edit(self, kind: str, entity: object) -> None:
        """Announce an edit of the open case (the workspace routes every page's `edited`
        here); the autosaver stores it, and views refresh on `case_edited`."""
        if self._case is not None:
            self.case_edited.emit(kind, entity)

    def save_record(self, kind: str, entity: Entity) -> None:
        """Store one edited record of the current case (autosave calls this)."""
        from clinic.services import editing

        case = self._require_case()
        with self._db:
            editing.save_record(self.repo, case, kind, entity)

    def delete_record(self, kind: str, entity_id: str) -> None:
        """Delete one record of the current case (pending autosaves of it are dropped)."""
        from clinic.services import editing

        case = self._require_case()
        with self._db:
            editing.delete_record(self.repo, case, kind, entity_id)
        self.record_deleted.emit(kind, entity_id)
        self.case_edited.emit(kind, None)

    def remove_entry(self, kind: str, entry_id: str) -> list[tuple[str, Entity]]:
        """Remove an inventory entry and the links to it (clinic.services.inventory)."""
        from clinic.services import inventory

        case = self._require_case()
        with self._db:
            changed = inventory.remove_entry(self.repo, case, kind, entry_id)
        self.record_deleted.emit(kind, entry_id)
        self.case_edited.emit(kind, None)
        return changed

    def save_case_fields(self) -> None:
        from clinic.services import editing

        case = self._require_case()
        with self._db:
            editing.save_case_fields(self.repo, case)

    def _require_case(self) -> Case:
        if self._case is None:
            raise RuntimeError("no case is open")
        return self._case
