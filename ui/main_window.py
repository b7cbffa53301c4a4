"""The main window: a stack of create-vault, unlock, cases and workspace views.

The title is always the neutral app name, never a pseudonym. Lock now (Ctrl+L), idle
auto-lock and quick hide (F12 or Ctrl+Shift+H) all end in the session's lock sequence;
quick hide first swaps in the locked view so case data leaves the screen at once. The lock
sequence follows KeePassXC's order (see VaultSession.lock and _on_locking). No portable Qt
signal reports the screen locking, so only these three triggers lock.

Start-up draws the unlock (or create) view first. After its first paint `_build_rest`
has ui/composition.build_parts build the helpers (full settings, autosaver, clipboard, vault
actions, idle watcher) and start loading the protocols off the GUI thread, then builds the
toolbar and the cases view; the workspace (stage pages) is built when the protocols arrive,
ahead of the first case. Entry points build what they need if it is not there yet; locking
copes with parts never built.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget

from clinic.error_catalogue import render
from clinic.errors import ClinicError, UnlockDelayed, WrongPassphrase
from clinic.i18n import _
from clinic.services.unlock_delay import UnlockDelay
from ui import prompts
from ui.session import DEFAULT_INITIALS, Position, VaultSession
from ui.unlock.unlock_view import UnlockView

if TYPE_CHECKING:  # built after the first paint (see _build_rest): loaded then
    from PySide6.QtGui import QAction, QCloseEvent

    from clinic.protocols.loader import ProtocolSet
    from clinic.settings import AppSettings
    from ui.autosave import Autosaver
    from ui.cases.cases_view import CasesView
    from ui.composition import ProtocolLoading
    from ui.idle import IdleWatcher
    from ui.practice.controller import PracticeController
    from ui.practice.hooks import PracticeHooks
    from ui.security.clipboard import SecureClipboard
    from ui.security.log_window import LogWindow
    from ui.security.settings_dialog import SettingsDialog
    from ui.security.vault_actions import VaultActions
    from ui.toolbar import MainToolbar
    from ui.unlock.create_view import CreateVaultView
    from ui.workspace.workspace import WorkspaceView

APP_TITLE = "Tech Safety Clinic"
FRAME_ALLOWANCE = (16, 48)
"""Room kept for a window manager's frame and title bar (not known before the first show)."""


class MainWindow(QMainWindow):
    """Builds the start views only; the rest comes after their first paint (see below)."""

    settings: AppSettings
    autosaver: Autosaver
    clipboard: SecureClipboard
    vault_actions: VaultActions
    idle: IdleWatcher
    cases_view: CasesView
    toolbar: MainToolbar
    lock_action: QAction
    mask_action: QAction
    log_action: QAction
    _protocols: ProtocolLoading

    def __init__(
        self,
        session: VaultSession,
        settings_file: Path,
        geometry: str | None = None,
        idle_poll_ms: int = 1000,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.session = session
        self._settings_file = settings_file
        self._idle_poll_ms = idle_poll_ms
        self._rest_built = False
        self._workspace: WorkspaceView | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.log_window: LogWindow | None = None
        self._create_view: CreateVaultView | None = None  # first run only
        self._practice: PracticeHooks | None = None
        self._practice_controller: PracticeController | None = None
        self.unlock_view = UnlockView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.unlock_view)
        self.unlock_view.installEventFilter(self)
        self.setCentralWidget(self.stack)
        self.save_status = QLabel(self)
        self.save_status.setAccessibleName(_("Save status"))
        self.statusBar().addPermanentWidget(self.save_status)
        self._connect_start()
        self._restore_geometry(geometry)
        self.show_start()

    @property
    def create_view(self) -> CreateVaultView:
        """The create-vault view (first run: no vault file yet), built when first needed."""
        if self._create_view is None:
            from ui.unlock.create_view import CreateVaultView

            view = self._create_view = CreateVaultView(self)
            self.stack.addWidget(view)
            view.create_requested.connect(self._create)
            view.practice_requested.connect(self.start_practice)
            if not self._rest_built:
                view.installEventFilter(self)
        return self._create_view

    @property
    def workspace(self) -> WorkspaceView:
        """The case workspace (built ahead of time after start-up, or now)."""
        return self._ensure_workspace()

    # -- setup -----------------------------------------------------------------------
    def _connect_start(self) -> None:
        s = self.session
        s.unlocked.connect(self._on_unlocked)
        s.unlock_failed.connect(self._on_unlock_failed)
        s.locking.connect(self._on_locking)
        s.locked.connect(self._on_locked)
        self.unlock_view.unlock_requested.connect(self._unlock)
        self.unlock_view.other_vault_requested.connect(self._choose_other_vault)
        self.unlock_view.practice_requested.connect(self.start_practice)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the first paint of a start view, build the rest (two hops: whatever that
        paint queued runs first, so the rest never delays the first frame)."""
        if event.type() == QEvent.Type.Paint and watched in (self._create_view, self.unlock_view):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._build_rest))
        return False

    def _build_rest(self) -> None:
        """The helpers (ui/composition.py, protocols loading meanwhile) and the cases view;
        the workspace follows when the protocols are loaded."""
        if self._rest_built:
            return
        self._rest_built = True
        from ui.cases.cases_view import CasesView
        from ui.composition import build_parts
        from ui.toolbar import MainToolbar

        parts = build_parts(
            self.session, self._settings_file, self.open_vault_file, self._idle_poll_ms, self
        )
        self.settings, self.autosaver, self.clipboard = (
            parts.settings,
            parts.autosaver,
            parts.clipboard,
        )
        self.vault_actions, self.idle, self._protocols = (
            parts.vault_actions,
            parts.idle,
            parts.protocols,
        )
        bar = MainToolbar(self, self.lock_now, self.quick_hide, self.open_settings, self.open_log)
        self.toolbar, self.lock_action, self.log_action = bar, bar.lock_action, bar.log_action
        self.mask_action = bar.mask_action
        bar.set_unlocked(self.session.is_unlocked)  # its actions work only while unlocked
        self.cases_view = cases = CasesView(self.session, self)
        self.stack.addWidget(cases)
        cases.case_opened.connect(lambda case_id: self.open_case(case_id))
        cases.mask_toggle.toggled.connect(self.mask_action.setChecked)
        self.mask_action.toggled.connect(cases.mask_toggle.setChecked)
        self.autosaver.saved.connect(lambda _n: self._show_save_status())
        self.autosaver.failed.connect(lambda exc: self.save_status.setText(render(exc)))
        self.idle.idle.connect(self.lock_now)
        cases.delete_requested.connect(self.vault_actions.delete_case)
        self.vault_actions.cases_changed.connect(
            lambda: cases.refresh(select_id=cases.selected_id())
        )
        self.vault_actions.finished.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._connect_handover(cases)
        self._protocols.ready.connect(self._ensure_workspace)

    def protocol_set(self) -> ProtocolSet | None:
        """The loaded protocols (waits for the background load if needed)."""
        try:
            return self._protocols.wait()
        except Exception:
            return None

    @property
    def practice(self) -> PracticeHooks:
        """Practice mode's banner, survivor panel and debrief (built when first needed)."""
        if self._practice is None:
            from ui.practice.hooks import PracticeHooks

            self._practice = PracticeHooks(self)
            self.workspace.nav.currentRowChanged.connect(
                lambda _row: self._practice.stage_changed() if self._practice else None
            )
        return self._practice

    def start_practice(self) -> None:
        """From the first screen: choose a scenario and open a practice case."""
        if self._practice_controller is None:
            from ui.practice.controller import PracticeController

            self._practice_controller = PracticeController(self)
        self._practice_controller.start()

    def _connect_handover(self, cases: CasesView) -> None:
        """Case bundles (hand over, receive) and the Statistics view, from the case list."""
        from ui.cases.handover import CaseHandover

        self.handover = CaseHandover(self.session, self)
        cases.handover_requested.connect(self.handover.bundle)
        cases.receive_requested.connect(self.handover.receive)
        self.handover.received.connect(lambda case_id: cases.refresh(select_id=case_id))
        self.handover.finished.connect(lambda text: self.statusBar().showMessage(text, 8000))
        cases.statistics_requested.connect(self.open_statistics)

    def open_statistics(self) -> None:
        """The Statistics view (modal over the case list), counting in the background."""
        from ui.cases.statistics_view import StatisticsView

        self.statistics_view = view = StatisticsView(self.session, self)
        view.reload()
        view.open()

    def _ensure_workspace(self) -> WorkspaceView:
        """The workspace and its stage pages, built as soon as the protocols are loaded
        (or now, waiting for them, when a case is opened first)."""
        if self._workspace is not None:
            return self._workspace
        self._build_rest()
        from ui.stages.base import StageContext
        from ui.workspace.workspace import WorkspaceView

        protocols = self._protocols.wait()
        context = StageContext(session=self.session, protocols=protocols, settings=self.settings)
        space = self._workspace = WorkspaceView(protocols, self, context)
        self.stack.addWidget(space)
        space.set_masked(self.mask_action.isChecked())
        self.mask_action.toggled.connect(space.set_masked)
        space.back_requested.connect(self.show_cases)
        space.new_visit_requested.connect(self.new_visit)
        space.edited.connect(self._on_edited)
        space.position_changed.connect(self._remember_position)
        space.unsaved_changed.connect(self._show_save_status)
        return space

    def _unlock(self, passphrase: str) -> None:
        self._build_rest()  # the unlock's audit row needs the initials from the settings
        self.session.unlock(passphrase)

    def _create(self, passphrase: str) -> None:
        self._build_rest()
        self.session.create(passphrase)

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
        self._build_rest()
        self.autosaver.flush()
        if self._workspace is not None:
            self._workspace.clear()
        self.session.close_workspace()
        self.cases_view.refresh(select_id=self.cases_view.selected_id())
        self.stack.setCurrentWidget(self.cases_view)
        self.cases_view.focus_table()

    def open_case(
        self, case_id: str, visit_id: str | None = None, stage_id: str = "before"
    ) -> None:
        self._build_rest()
        self.autosaver.flush()
        try:
            case = self.session.open_case(case_id)
        except ClinicError as exc:
            prompts.info(self, _("Open case"), render(exc))
            return
        self.workspace.show_case(case, visit_id, stage_id)
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.nav.setFocus()
        if case.practice_scenario is not None or self._practice is not None:
            self.practice.case_opened(case)

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
        """Close the app's dialogs, clear our clipboard text, flush edits, empty the views."""
        prompts.close_all()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if self._rest_built:
            self.clipboard.clear_if_ours()
            self.autosaver.flush()
            self.cases_view.clear()
        self._remember_position()
        if self._workspace is not None:
            self._workspace.clear()

    def _on_locked(self) -> None:
        self.setWindowTitle(APP_TITLE)
        if self._practice is not None:
            self._practice.locked()
        if self._rest_built:
            self.autosaver.discard()
            self.idle.disarm()
        self.save_status.clear()
        self.show_start()

    def _on_unlocked(self) -> None:
        self._build_rest()
        practice = self.session.is_practice()
        if practice or self._practice is not None:
            self.practice.vault_opened(practice)
        self.idle.arm()
        self._set_unlocked_actions(True)
        self.unlock_view.reset()
        if self._create_view is not None:
            self._create_view.first.clear()
            self._create_view.second.clear()
            self._create_view.set_busy(False)
        position = self.session.position
        self.cases_view.refresh(select_id=position.case_id)
        if position.case_id and self.session.repo.exists(position.case_id):
            self.open_case(position.case_id, position.visit_id, position.stage_id)
        else:
            self.stack.setCurrentWidget(self.cases_view)
            self.cases_view.focus_table()

    def _set_unlocked_actions(self, unlocked: bool) -> None:
        if self._rest_built:
            self.toolbar.set_unlocked(unlocked)

    def _on_unlock_failed(self, exc: BaseException) -> None:
        view = self.stack.currentWidget()
        if self._create_view is not None and view is self._create_view:
            self._create_view.show_error(render(exc))
            return
        self.unlock_view.show_error(render(exc))
        wait = exc.seconds if isinstance(exc, UnlockDelayed) else 0.0
        if isinstance(exc, WrongPassphrase):
            wait = UnlockDelay(self.session.path).seconds_left()
        if wait > 0:
            self.unlock_view.show_delay(wait)

    def open_vault_file(self, path: Path, passphrase: str) -> None:
        """Lock the vault in use and open another one (a restored backup)."""
        self.session.lock()
        self.session.path = path
        self.session.position = Position()
        self.unlock_view.set_vault(path)
        self.stack.setCurrentWidget(self.unlock_view)
        self.unlock_view.set_busy(True)
        self.session.unlock(passphrase)

    # -- settings and log ------------------------------------------------------------
    def open_settings(self) -> None:
        if not self.session.is_unlocked:
            return
        from ui.security.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.vault_actions, self.apply_settings, self)
        dialog.setModal(True)
        self.settings_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def apply_settings(self, edited: AppSettings) -> None:
        """Adopt and save edited settings (preferences only: never case data)."""
        from clinic.settings import save_settings

        for name in type(edited).model_fields:
            setattr(self.settings, name, getattr(edited, name))
        self.idle.timeout_s = edited.idle_minutes * 60
        self.clipboard.seconds = edited.clipboard_seconds
        self.session.initials = edited.initials or DEFAULT_INITIALS
        try:
            save_settings(self._settings_file, self.settings)
        except OSError:
            self.statusBar().showMessage(_("The settings could not be saved."))

    def open_log(self) -> None:
        from ui.security.log_window import LogWindow, log_ring

        if self.log_window is None:
            self.log_window = LogWindow(log_ring(), self)
        self.log_window.refresh()
        self.log_window.show()
        self.log_window.raise_()

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
        space = self._workspace
        if space is not None and self.stack.currentWidget() is space and self.session.case:
            self.session.position.visit_id = space.visit_id
            self.session.position.stage_id = space.stage_id

    def _show_save_status(self) -> None:
        """ "All changes saved" only when it is true: a field whose text was refused (its red
        line is shown) is named instead."""
        space = self._workspace
        refused = space.unsaved_fields() if space is not None else []
        if refused:
            self.save_status.setText(
                _("Not saved: {where} holds text that cannot be stored.").format(
                    where=", ".join(refused)
                )
            )
        elif self._rest_built and self.autosaver.pending:
            self.save_status.setText(_("Saving..."))
        elif self.save_status.text():
            self.save_status.setText(_("All changes saved"))

    def _on_edited(self, kind: str, entity: object) -> None:
        self.save_status.setText(_("Saving..."))
        self.autosaver.record_edit(kind, entity)

    # -- window ----------------------------------------------------------------------
    def _restore_geometry(self, geometry: str | None) -> None:
        """The remembered size, else 1280x720; either way never larger than the screen's
        free area less the window frame (a 1366x768 laptop with a panel has ~1366x720)."""
        self.resize(1280, 720)
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode()))
        free = self.screen().availableGeometry()
        frame_w, frame_h = FRAME_ALLOWANCE
        width = min(self.width(), free.width() - frame_w)
        height = min(self.height(), free.height() - frame_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(max(width, 640), max(height, 480))
        if not free.contains(self.frameGeometry().topLeft()) or not geometry:
            self.move(
                free.left() + max((free.width() - self.width() - frame_w) // 2, 0),
                free.top() + max((free.height() - self.height() - frame_h) // 2, 0),
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        from clinic.settings import save_settings

        self._build_rest()  # the full settings, to save the window size with them
        self.autosaver.flush()
        self.session.lock()
        self.clipboard.clear_if_ours()
        self.session.tasks.wait_done()
        self.settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode()
        try:
            save_settings(self._settings_file, self.settings)
        except OSError:
            self.statusBar().showMessage(_("The window size could not be remembered."))
        event.accept()
