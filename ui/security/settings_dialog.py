"""The Settings dialog: preferences (saved to the settings file, never case data) and the
vault's lifecycle actions (passphrase, backup, restore, purge), which VaultActions runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _
from clinic.settings import AppSettings
from ui.security.vault_actions import VaultActions
from ui.widgets import SafeLabel


def _spin(low: int, high: int, value: int, name: str, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    return spin


class SettingsDialog(QDialog):
    """Edits a copy of the settings; Save validates it and hands it to `on_save`."""

    def __init__(
        self,
        settings: AppSettings,
        actions: VaultActions,
        on_save: Callable[[AppSettings], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self._settings = settings
        self._actions = actions
        self._on_save = on_save
        self._build()

    def _build(self) -> None:
        s = self._settings
        self.idle = _spin(1, 120, s.idle_minutes, _("Lock after idle minutes"), _(" min"))
        self.clipboard = _spin(
            5, 300, s.clipboard_seconds, _("Clear copied text after seconds"), _(" s")
        )
        self.retention = _spin(1, 3650, s.retention_days, _("Keep closed cases for days"), "")
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language of the app"))
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.protocols = QLineEdit(s.protocols_folder or "")
        self.protocols.setAccessibleName(_("Clinic protocols folder"))
        self.protocols.setPlaceholderText(_("None: the built-in protocols only"))
        self.initials = QLineEdit(s.initials)
        self.initials.setMaxLength(8)
        self.initials.setAccessibleName(_("Your initials for the audit log"))
        form = QFormLayout()
        rows = (
            (_("&Lock after"), self.idle),
            (_("&Clear copied text after"), self.clipboard),
            (_("Lan&guage"), self.language),
            (_("Clinic &protocols folder"), self.protocols),
            (_("Keep closed cases (&days)"), self.retention),
            (_("Your &initials"), self.initials),
        )
        for text, field in rows:
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        note = QLabel(_("A new language or protocols folder applies when the app starts again."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        self.error = SafeLabel("")
        self.error.setObjectName("errorText")
        self.error.hide()

        vault_box = QGroupBox(_("This vault"))
        self.passphrase_button = QPushButton(_("Change &passphrase..."))
        self.backup_button = QPushButton(_("&Back up..."))
        self.restore_button = QPushButton(_("&Restore a backup..."))
        self.purge_button = QPushButton(_("P&urge closed cases..."))
        names = (
            (self.passphrase_button, _("Change the vault passphrase")),
            (self.backup_button, _("Write an encrypted backup")),
            (self.restore_button, _("Restore a backup into a new vault file and open it")),
            (self.purge_button, _("Delete cases closed longer ago than the days kept")),
        )
        row = QHBoxLayout(vault_box)
        for button, name in names:
            button.setAccessibleName(name)
            row.addWidget(button)
        self.passphrase_button.clicked.connect(self._actions.change_passphrase)
        self.backup_button.clicked.connect(self._actions.backup)
        self.restore_button.clicked.connect(self._actions.restore)
        self.purge_button.clicked.connect(lambda: self._actions.purge(self.retention.value()))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(vault_box)
        layout.addWidget(buttons)

    def edited_settings(self) -> AppSettings:
        """The settings as edited (raises pydantic's ValidationError when invalid)."""
        data = self._settings.model_dump()
        data.update(
            idle_minutes=self.idle.value(),
            clipboard_seconds=self.clipboard.value(),
            retention_days=self.retention.value(),
            language=str(self.language.currentData()),
            protocols_folder=self.protocols.text().strip() or None,
            initials=self.initials.text().strip().upper(),
        )
        return AppSettings.model_validate(data)

    def save(self) -> None:
        from pydantic import ValidationError

        try:
            edited = self.edited_settings()
        except ValidationError:
            self.error.setText(_("Initials are up to 8 letters or digits."))
            self.error.show()
            return
        self._on_save(edited)
        self.accept()
