"""Follow-ups of the case: what, who, due date and done (Case.follow_ups)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import N_, _
from clinic.model import Case, FollowUp
from ui import prompts
from ui.stages.session_parts.forms import assign, error_line
from ui.stages.session_parts.record_table import RecordTableModel


class FollowUpModel(RecordTableModel):
    HEADERS = (N_("What"), N_("Who"), N_("Due"), N_("Done"))

    def cell(self, record: FollowUp, column: int) -> str:
        due = record.due.isoformat() if record.due else _("no date")
        return (record.what, record.who, due, _("done") if record.done else _("open"))[column]


class FollowUpsEditor(QWidget):
    """Add, edit and remove follow-ups; `changed(follow_up)` after each edit, `removed(id)`."""

    changed = Signal(object)
    removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case: Case | None = None
        self.today = dt.date.today()
        self.model = FollowUpModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move
        self.table.setAccessibleName(_("Follow-ups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(_("&Add follow-up"), self)
        self.add_button.setAccessibleName(_("Add a follow-up"))
        self.remove_button = QPushButton(_("Remove follow-up"), self)
        self.remove_button.setAccessibleName(_("Remove the selected follow-up"))
        self.what = QLineEdit(self)
        self.what.setAccessibleName(_("What needs to happen"))
        self.who = QLineEdit(self)
        self.who.setAccessibleName(_("Who will do it (initials or role)"))
        self.due = QLineEdit(self)
        self.due.setPlaceholderText(_("YYYY-MM-DD, or empty for no date"))
        self.due.setAccessibleName(_("Due date (YYYY-MM-DD, or empty for no date)"))
        self.due.setMaxLength(20)
        self.done = QCheckBox(_("Done"), self)
        self.done.setAccessibleName(_("The follow-up is done"))
        self.error = error_line(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.done)
        form = QFormLayout()
        form.addRow(_("What"), self.what)
        self.what_prints = QLabel(_("Prints on the survivor's summary."), self)
        self.what_prints.setObjectName("muted")
        form.addRow("", self.what_prints)
        form.addRow(_("Who"), self.who)
        form.addRow(_("Due"), due_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.what.textChanged.connect(self._on_what)
        self.who.textChanged.connect(lambda text: self._set("who", text))
        self.due.textChanged.connect(self._on_due)
        self.done.toggled.connect(lambda on: self._set("done", on))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())

    def load(self, case: Case | None, today: dt.date) -> None:
        self._case = case
        self.today = today
        self.model.reset(case.follow_ups if case else [])
        self.setEnabled(case is not None)
        self._show_current()

    def refresh(self) -> None:
        if self._case is not None:
            self.model.reset(self._case.follow_ups)
            self._show_current()

    def _current(self) -> tuple[int, FollowUp | None]:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.rows):
            return -1, None
        return row, self.model.rows[row]

    def _show_current(self) -> None:
        _row, item = self._current()
        editors = (self.what, self.who, self.due, self.done)
        blockers = [QSignalBlocker(w) for w in editors]
        self.what.setText(item.what if item else "")
        self.who.setText(item.who if item else "")
        self.due.setText(item.due.isoformat() if item and item.due else "")
        self.done.setChecked(bool(item and item.done))
        for blocker in blockers:
            blocker.unblock()
        for widget in editors:
            widget.setEnabled(item is not None)
        self.remove_button.setEnabled(item is not None)
        self.error.hide()

    def _add(self) -> None:
        if self._case is None:
            return
        what = prompts.ask_text(self, _("New follow-up"), _("What needs to happen?"))
        if not what or not what.strip():
            return
        try:
            item = FollowUp(what=what)
        except ValueError:
            self.error.setText(_("This text holds a character that cannot be stored."))
            self.error.show()
            return
        self._case.follow_ups.append(item)
        self.model.reset(self._case.follow_ups)
        self.table.setCurrentIndex(self.model.index(len(self.model.rows) - 1, 0))
        self.changed.emit(item)
        self.who.setFocus()

    def _remove(self) -> None:
        _row, item = self._current()
        if item is not None and prompts.confirm(
            self, _("Remove follow-up"), _("Remove the selected follow-up?")
        ):
            self.removed.emit(item.id)

    def _set(self, field: str, value: object) -> None:
        row, item = self._current()
        if item is not None and assign(item, field, value, self.error):
            self.model.refresh_row(row)
            self.changed.emit(item)

    def _on_what(self, text: str) -> None:
        if not text.strip():
            self.error.setText(_("A follow-up needs a few words. The last words are kept."))
            self.error.show()
            return
        self._set("what", text)

    def _on_due(self) -> None:
        """Typed as YYYY-MM-DD (one-digit month and day too); empty or "-" is no date.
        Anything else is named at the field and not stored (the text stays)."""
        due = parse_due(self.due.text())
        if due is False:
            self.error.setText(
                _("Not saved: type the date as YYYY-MM-DD (2026-12-05), or leave it empty.")
            )
            self.error.show()
            return
        self._set("due", due)


def parse_due(text: str) -> dt.date | None | bool:
    """The date typed, None for no date ("" or "-"), False when it is not a date."""
    text = text.strip()
    if text in ("", "-", "\u2013", "\u2014"):
        return None
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        return False
    if len(parts[0]) != 4 or not (1 <= len(parts[1]) <= 2 and 1 <= len(parts[2]) <= 2):
        return False
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return False
