"""First run: create the vault. Passphrase twice, strength feedback, a plain warning."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic.error_catalogue import render
from clinic.errors import PassphraseRejected
from clinic.i18n import _
from clinic.storage import check_new_passphrase
from ui.widgets import PassphraseField, SafeLabel, busy_bar, centred_card


def strength(passphrase: str) -> int:
    """A rough 0-3 score: length and the number of words or character kinds."""
    kinds = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len(passphrase.split())
    score = (len(passphrase) >= 10) + (len(passphrase) >= 16) + (words >= 4 or kinds >= 3)
    return min(score, 3)


class CreateVaultView(QWidget):
    create_requested = Signal(str)
    practice_requested = Signal()
    """Practise a session with a fictional case first (practice mode)."""
    """Both passphrases match and pass the rules; payload: the passphrase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createView")
        title = QLabel(_("Create the vault"), self)
        title.setObjectName("viewTitle")
        intro = QLabel(
            _(
                "Case notes are kept in an encrypted vault on this computer. "
                "Choose a passphrase: a few unrelated words work well."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.warning = QLabel(
            _(
                "If the passphrase is lost, nobody can open the vault, and there is "
                "no way to recover it. Keep a written copy where only your clinic can find it."
            ),
            self,
        )
        self.warning.setWordWrap(True)
        warning_box = QFrame(self)
        warning_box.setObjectName("warningBox")
        QVBoxLayout(warning_box).addWidget(self.warning)
        first_label = QLabel(_("Passphrase"), self)
        self.first = PassphraseField(_("New passphrase"), self)
        first_label.setBuddy(self.first.edit)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 3)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(max(6, self.fontMetrics().height() // 3))
        self.meter.setAccessibleName(_("Passphrase strength"))
        self.feedback = SafeLabel("", self)
        self.feedback.setAccessibleName(_("Passphrase feedback"))
        second_label = QLabel(_("Type it again"), self)
        self.second = PassphraseField(_("Repeat the passphrase"), self)
        second_label.setBuddy(self.second.edit)
        self.error = SafeLabel("", self)
        self.error.setObjectName("errorText")
        self.error.hide()
        self.busy = busy_bar(_("Creating the vault"), self)
        self.create_button = QPushButton(_("Create vault"), self)
        self.create_button.setAccessibleName(_("Create the vault"))
        self.create_button.setDefault(True)
        self.practice_button = QPushButton(_("Practise with a fictional case..."), self)
        self.practice_button.setAccessibleName(_("Start practice mode with a fictional case"))
        self.practice_button.setFlat(True)

        inner = centred_card(self, 64, 8)
        widgets: list[QWidget] = [title, intro, warning_box, first_label, self.first, self.meter]
        widgets += [self.feedback, second_label, self.second, self.error, self.busy]
        for widget in [*widgets, self.create_button, self.practice_button]:
            inner.addWidget(widget)
        self.practice_button.clicked.connect(self.practice_requested)

        self.first.edit.textChanged.connect(self._on_first_changed)
        self.first.submitted.connect(self.second.select_for_retry)
        self.second.submitted.connect(self._submit)
        self.create_button.clicked.connect(self._submit)
        self._on_first_changed("")

    def _on_first_changed(self, text: str) -> None:
        score = strength(text)
        self.meter.setValue(score)
        try:
            check_new_passphrase(text)
        except PassphraseRejected as exc:
            self.feedback.setText(render(exc) if text else _("Type a passphrase."))
            return
        words = (_("Weak"), _("Weak"), _("Fair"), _("Strong"))
        self.feedback.setText(_("Strength: {level}").format(level=words[score]))

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.create_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()
        self.first.select_for_retry()

    def _submit(self) -> None:
        if not self.create_button.isEnabled():
            return
        try:
            value = check_new_passphrase(self.first.text())
        except PassphraseRejected as exc:
            self.show_error(render(exc))
            return
        if self.second.text() != self.first.text():
            self.error.setText(_("The two passphrases are different. Type the second one again."))
            self.error.show()
            self.second.select_for_retry()
            return
        self.error.hide()
        self.set_busy(True)
        self.create_requested.emit(value)
