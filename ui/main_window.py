"""The main window: a stack of create-vault, unlock, cases and workspace views.

The title is always the neutral app name, never a pseudonym. Lock now (Ctrl+L), idle
auto-lock and quick hide (F12 or Ctrl+Shift+H) all end in the session's lock sequence;
quick hide first swaps in the locked view so case data leaves the screen at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar

from clinic.errors import ClinicError
from clinic.i18n import _
from clinic.protocols.loader import ProtocolSet
from clinic.settings import AppSettings, save_settings
from ui import prompts
from ui.autosave import Autosaver
from ui.cases.cases_view import CasesView
from ui.error_messages import message_for
from ui.idle import IdleWatcher
from ui.session import VaultSession
from ui.stages.base import StageContext
from ui.unlock.create_view import CreateVaultView
from ui.unlock.unlock_view import UnlockView
from ui.workspace.workspace import WorkspaceView

APP_TITLE = "Tech Safety Clinic"
LOCK_KEYS = ("Ctrl+L",)
HIDE_KEYS = ("F12", "Ctrl+Shift+H")


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: VaultSession,
        protocols: ProtocolSet,
        settings: AppSettings,
        settings_file: Path,
        idle_poll_ms: int = 1000,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.session = session
        self.settings = settings
        self._settings_file = settings_file
        self.autosaver = Autosaver(session)
        self.idle = IdleWatcher(session.clock, settings.idle_minutes * 60, idle_poll_ms, self)
        self.create_view = CreateVaultView(self)
        self.unlock_view = UnlockView(self)
        self.cases_view = CasesView(session, self)
        context = StageContext(session=session, protocols=protocols, settings=settings)
        self.workspace = WorkspaceView(protocols, self, context)
        self.stack = QStackedWidget(self)
        for view in (self.create_view, self.unlock_view, self.cases_view, self.workspace):
            self.stack.addWidget(view)
        self.setCentralWidget(self.stack)
        self._build_toolbar()
        self.save_status = QLabel(self)
        self.save_status.setAccessibleName(_("Save status"))
        self.statusBar().addPermanentWidget(self.save_status)
        self._connect()
        self._restore_geometry()
        self.show_start()

    # -- setup -----------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Main"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.lock_action = QAction(_("Lock now"), self)
        self.lock_action.setShortcuts([QKeySequence(k) for k in LOCK_KEYS])
        self.lock_action.setToolTip(_("Lock the vault now (Ctrl+L)"))
        self.hide_action = QAction(_("Quick hide"), self)
        self.hide_action.setShortcuts([QKeySequence(k) for k in HIDE_KEYS])
        self.hide_action.setToolTip(_("Hide everything and lock at once (F12)"))
        self.mask_action = QAction(_("Hide pseudonyms"), self)
        self.mask_action.setCheckable(True)
        self.mask_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        for action in (self.lock_action, self.hide_action, self.mask_action):
            bar.addAction(action)
            self.addAction(action)
        self.addToolBar(bar)
        self.toolbar = bar

    def _connect(self) -> None:
        s = self.session
        s.unlocked.connect(self._on_unlocked)
        s.unlock_failed.connect(self._on_unlock_failed)
        s.locking.connect(self._on_locking)
        s.locked.connect(self._on_locked)
        self.create_view.create_requested.connect(s.create)
        self.unlock_view.unlock_requested.connect(s.unlock)
        self.unlock_view.other_vault_requested.connect(self._choose_other_vault)
        self.cases_view.case_opened.connect(lambda case_id: self.open_case(case_id))
        self.cases_view.mask_toggle.toggled.connect(self.mask_action.setChecked)
        self.mask_action.toggled.connect(self.cases_view.mask_toggle.setChecked)
        self.mask_action.toggled.connect(self.workspace.set_masked)
        self.workspace.back_requested.connect(self.show_cases)
        self.workspace.new_visit_requested.connect(self.new_visit)
        self.workspace.edited.connect(self._on_edited)
        self.workspace.position_changed.connect(self._remember_position)
        self.autosaver.saved.connect(lambda _n: self.save_status.setText(_("All changes saved")))
        self.autosaver.failed.connect(lambda exc: self.save_status.setText(message_for(exc)))
        self.lock_action.triggered.connect(self.lock_now)
        self.hide_action.triggered.connect(self.quick_hide)
        self.idle.idle.connect(self.lock_now)

    # -- views -----------------------------------------------------------------------
    def show_start(self) -> None:
        """The create-vault view on first run, else the unlock view."""
        self._set_unlocked_actions(False)
        if self.session.path.exists():
            self.unlock_view.set_vault(self.session.path)
            self.stack.setCurrentWidget(self.unlock_view)
            self.unlock_view.reset()
        else:
            self.stack.setCurrentWidget(self.create_view)
            self.create_view.first.select_for_retry()

    def show_cases(self) -> None:
        self.autosaver.flush()
        self.workspace.clear()
        self.session.close_workspace()
        self.cases_view.refresh(select_id=self.cases_view.selected_id())
        self.stack.setCurrentWidget(self.cases_view)
        self.cases_view.focus_table()

    def open_case(
        self, case_id: str, visit_id: str | None = None, stage_id: str = "before"
    ) -> None:
        self.autosaver.flush()
        try:
            case = self.session.open_case(case_id)
        except ClinicError as exc:
            prompts.info(self, _("Open case"), message_for(exc))
            return
        self.workspace.show_case(case, visit_id, stage_id)
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.nav.setFocus()

    def new_visit(self) -> None:
        case = self.session.case
        if case is None:
            return
        if not prompts.confirm(
            self, _("New visit"), _("Start a new visit for this case today?"), yes=_("New visit")
        ):
            return
        self.autosaver.flush()
        visit, carried = self.session.start_visit()
        self.workspace.show_case(case, visit.id, "before")
        self.workspace.show_open_items(carried)

    # -- locking ---------------------------------------------------------------------
    def lock_now(self) -> None:
        self.session.lock()

    def quick_hide(self) -> None:
        """Replace the content by the locked view at once, then run the lock sequence."""
        self.setWindowTitle(APP_TITLE)
        self.stack.setCurrentWidget(self.unlock_view)
        self.unlock_view.reset()
        self.repaint()
        QTimer.singleShot(0, self.lock_now)

    def _on_locking(self) -> None:
        prompts.close_all()
        self._remember_position()
        self.workspace.clear()
        self.cases_view.clear()

    def _on_locked(self) -> None:
        self.autosaver.discard()
        self.idle.disarm()
        self.save_status.clear()
        self.show_start()

    def _on_unlocked(self) -> None:
        self.idle.arm()
        self._set_unlocked_actions(True)
        self.unlock_view.reset()
        self.create_view.first.clear()
        self.create_view.second.clear()
        self.create_view.set_busy(False)
        position = self.session.position
        self.cases_view.refresh(select_id=position.case_id)
        if position.case_id and self.session.repo.exists(position.case_id):
            self.open_case(position.case_id, position.visit_id, position.stage_id)
        else:
            self.stack.setCurrentWidget(self.cases_view)
            self.cases_view.focus_table()

    def _set_unlocked_actions(self, unlocked: bool) -> None:
        self.toolbar.setVisible(unlocked)
        for action in (self.lock_action, self.hide_action, self.mask_action):
            action.setEnabled(unlocked)

    def _on_unlock_failed(self, exc: BaseException) -> None:
        view = self.stack.currentWidget()
        if view is self.create_view:
            self.create_view.show_error(message_for(exc))
        else:
            self.unlock_view.show_error(message_for(exc))

    def _choose_other_vault(self) -> None:
        chosen = prompts.choose_open_file(
            self, _("Open another vault"), _("Vault files (*.vault);;All files (*)")
        )
        if chosen:
            self.session.path = Path(chosen)
            self.session.position.case_id = None
            self.unlock_view.set_vault(self.session.path)
            self.unlock_view.reset()

    def _remember_position(self) -> None:
        if self.stack.currentWidget() is self.workspace and self.session.case is not None:
            self.session.position.visit_id = self.workspace.visit_id
            self.session.position.stage_id = self.workspace.stage_id

    def _on_edited(self, kind: str, entity: object) -> None:
        self.save_status.setText(_("Saving..."))
        self.autosaver.record_edit(kind, entity)

    # -- window ----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        self.resize(1280, 720)
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.window_geometry.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autosaver.flush()
        self.session.lock()
        self.session.tasks.wait_done()
        self.settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode()
        try:
            save_settings(self._settings_file, self.settings)
        except OSError:
            self.statusBar().showMessage(_("The window size could not be remembered."))
        event.accept()
