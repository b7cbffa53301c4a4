"""Qt models for the case list: a table over CaseSummary rows and a filtering proxy.

The pseudonym column is identifying: `set_masked(True)` hides it in the display (search
still works on it). Rows with open follow-ups are highlighted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clinic.i18n import _
from clinic.storage import CaseSummary

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MASK = "\u2022" * 6
COLUMNS = ("pseudonym", "status", "opened", "closed", "open_follow_ups", "next_follow_up")
PSEUDONYM, STATUS, OPENED, CLOSED, OPEN_FU, NEXT_FU = range(len(COLUMNS))
_HIGHLIGHT = QColor("#fff4d6")


def _header(column: int) -> str:
    return (
        _("Pseudonym"),
        _("Status"),
        _("Opened"),
        _("Closed"),
        _("Open follow-ups"),
        _("Next follow-up"),
    )[column]


class CaseTableModel(QAbstractTableModel):
    """The cases in the vault, one row each; holds summaries only, never whole cases."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._masked = False
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # -- content ---------------------------------------------------------------------
    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows.sort(key=self._key(*self._sorted_by), reverse=self._reverse())
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def summary(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, case_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), -1)

    @property
    def masked(self) -> bool:
        return self._masked

    def set_masked(self, masked: bool) -> None:
        self._masked = masked
        if self._rows:
            top = self.index(0, PSEUDONYM)
            bottom = self.index(len(self._rows) - 1, PSEUDONYM)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    # -- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _header(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole and row.open_follow_ups:
            return QBrush(_HIGHLIGHT)
        if role == Qt.ItemDataRole.FontRole and row.open_follow_ups and column == OPEN_FU:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python (fast for 10,000 rows; Qt's per-pair compare is not)."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [(i, self._rows[i.row()]) for i in old]
        self._rows.sort(key=self._key(column, order), reverse=self._reverse())
        position = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[id(r)], i.column()) for i, r in moved]
        )
        self.layoutChanged.emit()

    def _reverse(self) -> bool:
        return self._sorted_by is not None and self._sorted_by[1] == Qt.SortOrder.DescendingOrder

    def _key(self, column: int, order: Qt.SortOrder) -> Callable[[CaseSummary], tuple[bool, Any]]:
        """Sort key with empty cells last in either order."""
        empty_last = order == Qt.SortOrder.AscendingOrder

        def key(row: CaseSummary) -> tuple[bool, Any]:
            value = self._sort_key(row, column)
            return ((value == "") == empty_last, value)

        return key

    def _display(self, row: CaseSummary, column: int) -> str:
        if column == PSEUDONYM:
            return MASK if self._masked else row.pseudonym
        if column == STATUS:
            return _("Open") if row.status == "open" else _("Closed")
        if column == OPENED:
            return row.opened.isoformat()
        if column == CLOSED:
            return row.closed.isoformat() if row.closed else ""
        if column == OPEN_FU:
            return str(row.open_follow_ups) if row.open_follow_ups else ""
        return row.next_follow_up.isoformat() if row.next_follow_up else ""

    @staticmethod
    def _sort_key(row: CaseSummary, column: int) -> Any:
        if column == PSEUDONYM:
            return row.pseudonym.casefold()
        if column == STATUS:
            return row.status
        if column == OPEN_FU:
            return row.open_follow_ups or ""
        value = (row.opened, row.closed, None, None, row.next_follow_up)[column - OPENED]
        return value.isoformat() if value else ""


class CaseFilterProxy(QSortFilterProxyModel):
    """Search by pseudonym, filter by status and opened date; sorting is the source's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = ""
        self._status = ""
        self._opened_since: dt.date | None = None

    def set_filters(
        self, search: str = "", status: str = "", opened_since: dt.date | None = None
    ) -> None:
        self.beginFilterChange()
        self._search = search.casefold().strip()
        self._status = status
        self._opened_since = opened_since
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseTableModel)
        row = model.summary(source_row)
        if self._status and row.status != self._status:
            return False
        if self._opened_since and row.opened < self._opened_since:
            return False
        return not self._search or self._search in row.pseudonym.casefold()
