"""A read-only Qt table over one inventory list of the case (people, devices or accounts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clinic.i18n import _
from clinic.model import Account, Case, Device, Entity, Person
from ui.stages.inventory_parts import labels

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any, Case], str]


def _person(case: Case, person_id: str | None) -> str:
    person = case.person(person_id)
    return person.label if person else ""


def _people(case: Case, ids: Sequence[str]) -> str:
    return ", ".join(_person(case, i) for i in ids if case.person(i))


def person_columns() -> list[Column]:
    return [
        Column(_("Label"), lambda p, c: p.label),
        Column(_("Role"), lambda p, c: _(labels.ROLES[p.role])),
        Column(_("Notes"), lambda p, c: p.notes.split("\n", 1)[0]),
    ]


def device_columns() -> list[Column]:
    return [
        Column(_("Label"), lambda d, c: d.label),
        Column(_("Kind"), lambda d, c: _(labels.KINDS[d.kind])),
        Column(_("Owner"), lambda d, c: _person(c, d.owner_id)),
        Column(_("Passcode known by"), lambda d, c: _people(c, d.passcode_known_by)),
        Column(_("Brought today"), lambda d, c: labels.yes(d.brought_today)),
    ]


def account_columns() -> list[Column]:
    return [
        Column(_("Label"), lambda a, c: a.label),
        Column(_("Service"), lambda a, c: _(labels.SERVICES[a.service])),
        Column(_("Owner"), lambda a, c: _person(c, a.owner_id)),
        Column(_("Password known by"), lambda a, c: _people(c, a.password_known_by)),
        Column(_("Brought today"), lambda a, c: labels.yes(a.brought_today)),
    ]


class InventoryTableModel(QAbstractTableModel):
    """Rows are the records of `case.<kind>`, in case order; the case list is the data."""

    def __init__(self, kind: str, columns: list[Column]) -> None:
        super().__init__()
        self.kind = kind
        self.columns = columns
        self._case: Case | None = None

    def set_case(self, case: Case | None) -> None:
        self.beginResetModel()
        self._case = case
        self.endResetModel()

    @property
    def case(self) -> Case | None:
        return self._case

    def records(self) -> list[Person | Device | Account]:
        return list(getattr(self._case, self.kind)) if self._case is not None else []

    def record(self, row: int) -> Entity | None:
        records = self.records()
        return records[row] if 0 <= row < len(records) else None

    def row_of(self, entity_id: str) -> int:
        return next((n for n, r in enumerate(self.records()) if r.id == entity_id), -1)

    def refresh_row(self, row: int) -> None:
        if row >= 0:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def refresh_all(self) -> None:
        if self.rowCount() > 0:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row())
        if record is None or self._case is None or not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].value(record, self._case)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None
