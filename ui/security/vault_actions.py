"""Vault lifecycle from the GUI: change passphrase, backup, restore-then-open, purge, delete.

Every slow step runs through the session's background helper (clinic.services.lifecycle
does the work and writes the audit row). Questions go through ui.prompts. Restoring writes a
new vault file and then opens it through `open_vault`; the vault in use is not touched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from clinic.error_catalogue import render
from clinic.i18n import _, ngettext
from clinic.services import lifecycle
from clinic.settings import AppSettings
from clinic.storage import Vault
from ui import prompts
from ui.session import VaultSession

OpenVault = Callable[[Path, str], None]


class VaultActions(QObject):
    finished = Signal(str)
    """An action ended; payload: a short message for the volunteer (no case data)."""
    cases_changed = Signal()
    """Cases were deleted or purged: the case list must be refreshed."""

    def __init__(
        self,
        session: VaultSession,
        settings: AppSettings,
        open_vault: OpenVault,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._open_vault = open_vault
        self._parent = parent

    # -- helpers ---------------------------------------------------------------------
    def _new_passphrase(self, title: str, what: str) -> str | None:
        return prompts.ask_new_passphrase(self._parent, title, what)

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        def show(exc: BaseException) -> None:
            text = render(exc)
            self.finished.emit(text)
            prompts.info(self._parent, title, text)

        return show

    def _done(self, title: str, text: str) -> Callable[[object], None]:
        def show(_result: object) -> None:
            self.finished.emit(text)
            prompts.info(self._parent, title, text)

        return show

    # -- actions ---------------------------------------------------------------------
    def change_passphrase(self) -> None:
        title = _("Change passphrase")
        new = self._new_passphrase(title, _("New passphrase for this vault"))
        if new is None:
            return
        self._session.run_with_vault(
            lambda vault: vault.rekey(new),
            self._done(title, _("The passphrase was changed. Use the new one from now on.")),
            self._failed(title),
        )

    def backup(self) -> None:
        title = _("Encrypted backup")
        out = prompts.choose_save_file(self._parent, title, _("Backup files (*.vault-backup)"))
        if not out:
            return
        secret = self._new_passphrase(title, _("A passphrase for the backup (keep it apart)"))
        if secret is None:
            return
        initials = self._session.initials

        def job(vault: Vault) -> None:
            lifecycle.backup(vault, Path(out), secret, initials)

        self._session.run_with_vault(
            job, self._done(title, _("The encrypted backup was written.")), self._failed(title)
        )

    def restore(self) -> None:
        title = _("Restore a backup")
        source = prompts.choose_open_file(self._parent, title, _("Backup files (*)"))
        if not source:
            return
        secret = prompts.ask_passphrase(self._parent, title, _("The backup's passphrase"))
        if not secret:
            return
        target = prompts.choose_save_file(
            self._parent, _("Restore into a new vault file"), _("Vault files (*.vault)")
        )
        if not target:
            return
        new = self._new_passphrase(title, _("A passphrase for the restored vault"))
        if new is None:
            return
        initials, key = self._session.initials, self._session.key

        def job() -> None:
            lifecycle.restore(Path(source), secret, Path(target), new, initials, key)

        def opened(_result: object) -> None:
            self.finished.emit(_("The backup was restored into a new vault file."))
            self._open_vault(Path(target), new)

        self._session.tasks.run(job, opened, self._failed(title))

    def purge(self, days: int) -> None:
        title = _("Purge closed cases")
        question = _(
            "Delete for good every case closed more than {days} days ago? This cannot be"
            " undone. Backups made before keep them."
        ).format(days=days)
        if not prompts.confirm(self._parent, title, question, yes=_("Delete for good")):
            return
        today, initials = self._session.clock.today(), self._session.initials

        def done(count: object) -> None:
            assert isinstance(count, int)
            self.cases_changed.emit()
            text = ngettext(
                "{n} closed case was deleted.", "{n} closed cases were deleted.", count
            ).format(n=count)
            self._done(title, text)(count)

        self._session.run_with_vault(
            lambda vault: lifecycle.purge_closed(vault, days, today, initials),
            done,
            self._failed(title),
        )

    def delete_case(self, case_id: str) -> None:
        title = _("Delete case")
        question = _(
            "Delete this case for good, with all its visits and notes? This cannot be undone."
            " Backups made before keep it."
        )
        if not prompts.confirm(self._parent, title, question, yes=_("Delete for good")):
            return
        initials = self._session.initials

        def done(_result: object) -> None:
            self.cases_changed.emit()
            self.finished.emit(_("The case was deleted."))

        self._session.run_with_vault(
            lambda vault: lifecycle.delete_case(vault, case_id, initials),
            done,
            self._failed(title),
        )
