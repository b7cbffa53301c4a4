"""Referrals chosen from the directory (resources/referrals/ plus a clinic's own files).

A chosen entry is copied into the case as a clinic.model.Referral in the case's language.
Entries the clinic has not confirmed yet say so; confirmations are read from the vault
in the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.errors import ClinicError
from clinic.i18n import N_, _
from clinic.model import Case, Referral
from clinic.report.referrals import ReferralDirectory, load_directory
from ui import prompts
from ui.stages.session_parts.forms import error_line, heading
from ui.stages.session_parts.record_table import RecordTableModel
from ui.widgets import SafeLabel

Confirmations = dict[str, dt.date]


def status_text(
    entry_id: str | None, directory: ReferralDirectory, confirmed: Confirmations
) -> str:
    if directory.get(entry_id) is None:
        return _("not from the directory")
    date = confirmed.get(entry_id or "")
    if date is None:
        return _("not yet confirmed by your clinic")
    return _("confirmed by your clinic on {date}").format(date=date.isoformat())


class ReferralModel(RecordTableModel):
    HEADERS = (N_("Shown as"), N_("Name"), N_("Contact"), N_("Directory"))

    def __init__(self, directory: ReferralDirectory) -> None:
        super().__init__()
        self.directory = directory
        self.confirmed: Confirmations = {}

    def reset(self, rows: Iterable[Referral], confirmed: Confirmations | None = None) -> None:
        if confirmed is not None:
            self.confirmed = confirmed
        super().reset(rows)

    def cell(self, record: Referral, column: int) -> str:
        if column == 3:
            return status_text(record.entry_id, self.directory, self.confirmed)
        return (record.neutral_label, record.name, record.contact)[column]


class ReferralsEditor(QWidget):
    """Add from the directory, remove; `added`/`removed` carry the record or its id."""

    added = Signal(object)
    removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case: Case | None = None
        self.directory = ReferralDirectory()
        problem = ""
        try:
            self.directory = load_directory()
        except ClinicError:
            problem = _("The referral directory could not be read. Ask your clinic lead.")
        self.model = ReferralModel(self.directory)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move
        self.table.setAccessibleName(_("Referrals offered"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.picker = QComboBox(self)
        self.picker.setAccessibleName(_("Referral directory entry"))
        for entry in self.directory.entries.values():
            self.picker.addItem(entry.name, entry.id)
        self.picked = SafeLabel(problem, self)
        self.picked.setObjectName("muted")
        self.picked.setAccessibleName(_("About the chosen directory entry"))
        self.add_button = QPushButton(_("&Add referral"), self)
        self.add_button.setAccessibleName(_("Add the chosen directory entry as a referral"))
        self.remove_button = QPushButton(_("Remove referral"), self)
        self.remove_button.setAccessibleName(_("Remove the selected referral"))
        self.error = error_line(self)
        chooser = QHBoxLayout()
        chooser.addWidget(self.picker, 1)
        chooser.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Choose from the directory"), self))
        layout.addLayout(chooser)
        layout.addWidget(self.picked)
        layout.addWidget(heading(_("Offered in this case"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.error)
        self.picker.currentIndexChanged.connect(self._describe_pick)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def load(self, case: Case | None, confirmations: Confirmations | None = None) -> None:
        self._case = case
        self.model.reset(case.referrals if case else [], confirmations or {})
        self.setEnabled(case is not None)
        self.error.hide()
        self._describe_pick()

    def set_confirmations(self, confirmations: Confirmations) -> None:
        if self._case is not None:
            self.model.reset(self._case.referrals, confirmations)
            self._describe_pick()

    def refresh(self) -> None:
        if self._case is not None:
            self.model.reset(self._case.referrals)

    def _lang(self) -> str:
        return self._case.language.value if self._case else "en"

    def _describe_pick(self) -> None:
        entry = self.directory.get(self.picker.currentData())
        if entry is None:
            return
        status = status_text(entry.id, self.directory, self.model.confirmed)
        self.picked.setText(
            f"{entry.label(self._lang())}: {entry.contact_for(self._lang())} ({status})"
        )

    def _add(self) -> None:
        entry = self.directory.get(self.picker.currentData())
        if self._case is None or entry is None:
            return
        if any(r.entry_id == entry.id for r in self._case.referrals):
            self.error.setText(_("This referral is already in the case."))
            self.error.show()
            return
        self.error.hide()
        referral = Referral(
            entry_id=entry.id,
            name=entry.name,
            neutral_label=entry.label(self._lang()),
            contact=entry.contact_for(self._lang()),
        )
        self._case.referrals.append(referral)
        self.refresh()
        self.added.emit(referral)

    def _remove(self) -> None:
        row = self.table.currentIndex().row()
        if self._case is None or not 0 <= row < len(self.model.rows):
            return
        referral = self.model.rows[row]
        if prompts.confirm(self, _("Remove referral"), _("Remove the selected referral?")):
            self.removed.emit(referral.id)


def confirmations_job() -> Callable[[Any], Confirmations]:
    """Background work: the clinic's confirmation dates from the vault."""
    from clinic.storage.settings_store import referral_confirmations

    return referral_confirmations
