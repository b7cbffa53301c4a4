"""The main window's toolbar: lock, quick hide, hide pseudonyms, settings and log actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from clinic.i18n import _

LOCK_KEYS = ("Ctrl+L",)
HIDE_KEYS = ("F12", "Ctrl+Shift+H")


class MainToolbar:
    """The bar and its actions, also added to the window so their shortcuts work from it."""

    def __init__(
        self,
        window: QMainWindow,
        lock: Callable[[], None],
        hide: Callable[[], None],
        settings: Callable[[], None],
        log: Callable[[], None],
    ) -> None:
        self.bar = QToolBar(_("Main"), window)
        self.bar.setObjectName("mainToolbar")
        self.bar.setMovable(False)
        self.lock_action = QAction(_("Lock now"), window)
        self.lock_action.setShortcuts([QKeySequence(k) for k in LOCK_KEYS])
        self.lock_action.setToolTip(_("Lock the vault now (Ctrl+L)"))
        self.hide_action = QAction(_("Quick hide"), window)
        self.hide_action.setShortcuts([QKeySequence(k) for k in HIDE_KEYS])
        self.hide_action.setToolTip(_("Hide everything and lock at once (F12)"))
        self.mask_action = QAction(_("Hide pseudonyms"), window)
        self.mask_action.setCheckable(True)
        self.mask_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        for action in (self.lock_action, self.hide_action):  # also from the app's dialogs
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.settings_action = QAction(_("Settings..."), window)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setToolTip(_("Settings, backup, restore and retention (Ctrl+,)"))
        self.log_action = QAction(_("Log"), window)
        self.log_action.setToolTip(_("Show the app's log (it holds no case data)"))
        self.all_actions = (
            self.lock_action,
            self.hide_action,
            self.mask_action,
            self.settings_action,
            self.log_action,
        )
        for action, slot in zip(self.all_actions, (lock, hide, None, settings, log), strict=True):
            self.bar.addAction(action)
            window.addAction(action)
            if slot is not None:
                action.triggered.connect(slot)
        window.addToolBar(self.bar)

    def set_unlocked(self, unlocked: bool) -> None:
        """Shown and usable only while a vault is open."""
        self.bar.setVisible(unlocked)
        for action in self.all_actions:
            action.setEnabled(unlocked)
