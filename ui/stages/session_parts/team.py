"""The visit's team (role and initials only) and the visit mode."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import N_, _
from clinic.model import TeamMember, Visit
from clinic.model.vocab import VisitMode
from ui.stages.session_parts.forms import assign, choice_box, error_line, heading, set_choice
from ui.stages.session_parts.record_table import RecordTableModel


def role_choices() -> tuple[tuple[str, str], ...]:
    return (
        ("technologist", _("Technologist")),
        ("advocate", _("Advocate")),
        ("note_taker", _("Note taker")),
        ("other", _("Other")),
    )


def mode_choices() -> tuple[tuple[str, str], ...]:
    return (
        (VisitMode.IN_PERSON.value, _("In person")),
        (VisitMode.PHONE.value, _("Phone call")),
        (VisitMode.VIDEO.value, _("Video call")),
    )


class TeamModel(RecordTableModel):
    HEADERS = (N_("Initials"), N_("Role"))

    def cell(self, record: TeamMember, column: int) -> str:
        if column == 0:
            return record.initials
        return dict(role_choices()).get(record.role, record.role)


class TeamEditor(QWidget):
    """Edits `visit.team` and `visit.mode`; emits `changed` after each stored change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit: Visit | None = None
        self.mode = choice_box(mode_choices(), _("Visit mode"), self)
        self.model = TeamModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move
        self.table.setAccessibleName(_("Team for this visit"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.initials = QLineEdit(self)
        self.initials.setAccessibleName(_("Initials of the team member"))
        self.initials.setPlaceholderText(_("Initials only, e.g. AB"))
        self.initials.setMaxLength(8)
        self.role = choice_box(role_choices(), _("Role of the team member"), self)
        self.add_button = QPushButton(_("Add to team"), self)
        self.add_button.setAccessibleName(_("Add this person to the team"))
        self.remove_button = QPushButton(_("Remove from team"), self)
        self.remove_button.setAccessibleName(_("Remove the selected team member"))
        self.error = error_line(self)

        form = QFormLayout()
        form.addRow(_("Visit mode"), self.mode)
        adder = QHBoxLayout()
        adder.addWidget(self.initials, 1)
        adder.addWidget(self.role)
        adder.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(heading(_("Team (initials only, no full names)"), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(adder)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.error)

        self.mode.currentIndexChanged.connect(self._on_mode)
        self.add_button.clicked.connect(self._add)
        self.initials.returnPressed.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def load(self, visit: Visit | None) -> None:
        self._visit = visit
        self.model.reset(visit.team if visit else [])
        set_choice(self.mode, visit.mode.value if visit else VisitMode.IN_PERSON.value)
        with QSignalBlocker(self.initials):
            self.initials.clear()
        self.error.hide()
        self.setEnabled(visit is not None)

    def _on_mode(self) -> None:
        if self._visit is not None:
            self._visit.mode = VisitMode(self.mode.currentData())
            self.changed.emit()

    def _add(self) -> None:
        if self._visit is None or not self.initials.text().strip():
            return
        try:
            member = TeamMember(role=self.role.currentData(), initials=self.initials.text().strip())
        except ValueError:
            self.error.setText(_("Initials must be one short line."))
            self.error.show()
            return
        if assign(self._visit, "team", [*self._visit.team, member], self.error):
            self.model.reset(self._visit.team)
            self.initials.clear()
            self.changed.emit()

    def _remove(self) -> None:
        row = self.table.currentIndex().row()
        if self._visit is None or row < 0:
            return
        team = [m for i, m in enumerate(self._visit.team) if i != row]
        self._visit.team = team
        self.model.reset(team)
        self.changed.emit()
