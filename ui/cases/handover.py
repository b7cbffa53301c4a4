"""Hand a case to another laptop in an encrypted bundle, and receive one (the GUI's door).

clinic.services.bundles does the work and writes the audit rows; questions go through
ui.prompts; the slow steps (key derivation, integrity checks) run in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from clinic.error_catalogue import render
from clinic.errors import Refused
from clinic.i18n import _
from clinic.services import bundles
from clinic.storage import Vault
from ui import prompts

if TYPE_CHECKING:
    from ui.session import VaultSession


class CaseHandover(QObject):
    finished = Signal(str)
    """Done or failed; payload: a short message for the volunteer (no case data)."""
    received = Signal(str)
    """A case arrived; payload: its id (the case list refreshes and selects it)."""

    def __init__(self, session: VaultSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        def show(exc: BaseException) -> None:
            text = render(exc)
            self.finished.emit(text)
            prompts.info(self._parent, title, text)

        return show

    def bundle(self, case_id: str) -> None:
        title = _("Hand over to another laptop")
        out = prompts.choose_save_file(self._parent, title, _("Case bundles (*.bundle)"))
        if not out:
            return
        first = prompts.ask_new_passphrase(
            self._parent, title, _("A passphrase for the bundle (give it by another way)")
        )
        if first is None:
            return
        initials = self._session.initials

        def job(vault: Vault) -> None:
            bundles.bundle_case(vault, case_id, Path(out), first, initials)

        def done(_result: object) -> None:
            text = _(
                "The encrypted bundle was written. Give its passphrase by another way than"
                " the file, and delete the bundle once the other laptop has the case."
            )
            self.finished.emit(text)
            prompts.info(self._parent, title, text)

        self._session.run_with_vault(job, done, self._failed(title))

    def receive(self) -> None:
        title = _("Receive a case")
        source = prompts.choose_open_file(self._parent, title, _("Case bundles (*.bundle *)"))
        if not source:
            return
        secret = prompts.ask_passphrase(self._parent, title, _("The bundle's passphrase"))
        if not secret:
            return
        self._receive(Path(source), secret, replace=False)

    def _receive(self, source: Path, secret: str, *, replace: bool) -> None:
        title = _("Receive a case")
        initials, key = self._session.initials, self._session.key

        def job(vault: Vault) -> bundles.Received:
            contents = bundles.open_bundle_case(source, secret, key)
            return bundles.receive_case(vault, contents, replace=replace, initials=initials)

        def done(result: object) -> None:
            assert isinstance(result, bundles.Received)
            text = (
                _("The case was replaced with the one from the bundle.")
                if result.replaced
                else _("The case was received.")
            )
            self.finished.emit(text)
            self.received.emit(result.case_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Refused) and exc.code == "case_exists" and not replace:
                question = _(
                    "This vault already holds this case. Replace it with the one from the"
                    " bundle? What was recorded here since is lost."
                )
                if prompts.confirm(self._parent, title, question, yes=_("Replace")):
                    self._receive(source, secret, replace=True)
                return
            self._failed(title)(exc)

        self._session.run_with_vault(job, done, failed)
