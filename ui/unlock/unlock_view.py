"""The unlock view: passphrase, inline error, caps-lock hint, "Open another vault...", and the
failed-unlock countdown (the unlock button waits while it runs)."""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from clinic.i18n import _
from ui.widgets import PassphraseField, SafeLabel, busy_bar, centred_card


class UnlockView(QWidget):
    unlock_requested = Signal(str)
    """The volunteer asked to unlock; payload: the passphrase."""
    other_vault_requested = Signal()
    practice_requested = Signal()
    """Practise a session with a fictional case (practice mode)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockView")
        title = QLabel(_("This vault is locked"), self)
        title.setObjectName("viewTitle")
        self.vault_label = SafeLabel("", self)
        self.vault_label.setObjectName("muted")
        prompt = QLabel(_("Passphrase"), self)
        self.passphrase = PassphraseField(_("Vault passphrase"), self)
        prompt.setBuddy(self.passphrase.edit)
        self.error = SafeLabel("", self)
        self.error.setObjectName("errorText")
        self.error.setAccessibleName(_("Unlock error"))
        self.error.hide()
        self.unlock_button = QPushButton(_("Unlock"), self)
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(_("Unlock the vault"))
        self.busy = busy_bar(_("Unlocking"), self)
        self.other_button = QPushButton(_("Open another vault..."), self)
        self.other_button.setAccessibleName(_("Open another vault file"))
        self.other_button.setFlat(True)
        self.practice_button = QPushButton(_("Practise with a fictional case..."), self)
        self.practice_button.setAccessibleName(_("Start practice mode with a fictional case"))
        self.practice_button.setFlat(True)

        inner = centred_card(self, 56, 10)
        for widget in (title, self.vault_label, prompt, self.passphrase, self.error):
            inner.addWidget(widget)
        inner.addWidget(self.busy)
        inner.addWidget(self.unlock_button)
        inner.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.practice_button, 0, Qt.AlignmentFlag.AlignLeft)

        self._deadline = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)

        self.unlock_button.clicked.connect(self._submit)
        self.passphrase.submitted.connect(self._submit)
        self.other_button.clicked.connect(self.other_vault_requested)
        self.practice_button.clicked.connect(self.practice_requested)

    def set_vault(self, path: Path) -> None:
        self.vault_label.setText(_("Vault file: {name}").format(name=path.name))

    def reset(self) -> None:
        self.passphrase.clear()
        self.error.hide()
        self._countdown.stop()
        self._deadline = 0.0
        self.set_busy(False)
        self.passphrase.select_for_retry()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.unlock_button.setEnabled(not busy and not self.delay_running)
        self.passphrase.setEnabled(not busy)
        self.other_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()
        self.passphrase.select_for_retry()

    @property
    def delay_running(self) -> bool:
        return self._deadline > time.monotonic()

    def show_delay(self, seconds: float) -> None:
        """Count down the failed-unlock delay inline; Unlock is disabled until it ends."""
        self._deadline = time.monotonic() + seconds
        self.set_busy(False)
        self._tick()
        self._countdown.start()
        self.passphrase.select_for_retry()

    def _tick(self) -> None:
        left = math.ceil(self._deadline - time.monotonic())
        if left <= 0:
            self._countdown.stop()
            self._deadline = 0.0
            self.error.setText(_("You can try again now."))
            self.unlock_button.setEnabled(True)
            return
        self.unlock_button.setEnabled(False)
        self.error.setText(
            _("Too many wrong passphrases. Try again in {seconds} s.").format(seconds=left)
        )
        self.error.show()

    def _submit(self) -> None:
        if not self.passphrase.text() or not self.unlock_button.isEnabled():
            return
        self.error.hide()
        self.set_busy(True)
        self.unlock_requested.emit(self.passphrase.text())
