"""Guide entries as lists: a checklist stored as {entry id: bool} and a topic coverage table.

Entries come from protocols/guides/ (content, shown as plain text). Stored ids that the
guide no longer lists are kept untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from clinic.i18n import _
from clinic.model.vocab import TopicState
from clinic.protocols.schema import GuideEntry

Index = QModelIndex | QPersistentModelIndex
NO_INDEX = QModelIndex()


def topic_label(state: TopicState) -> str:
    return {
        TopicState.NOT_YET: _("not yet"),
        TopicState.RAISED: _("raised"),
        TopicState.DECLINED: _("declined"),
    }[state]


class GuideCheckModel(QAbstractListModel):
    """Checkable guide entries; `on_toggle(entry_id, checked)` stores a change."""

    def __init__(self, on_toggle: Callable[[str, bool], None]) -> None:
        super().__init__()
        self._entries: list[GuideEntry] = []
        self._state: dict[str, bool] = {}
        self._on_toggle = on_toggle

    def reset(self, entries: list[GuideEntry], state: dict[str, bool]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._state = dict(state)
        self.endResetModel()

    def entry_ids(self) -> list[str]:
        return [e.id for e in self._entries]

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return entry.hint or None
        if role == Qt.ItemDataRole.CheckStateRole:
            done = self._state.get(entry.id, False)
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        entry_id = self._entries[index.row()].id
        self._state[entry_id] = checked
        self._on_toggle(entry_id, checked)
        self.dataChanged.emit(index, index, [role])
        return True


def wrapped_list(model: QAbstractListModel, accessible_name: str, parent: QWidget) -> QListView:
    """A list view whose long entries wrap; Space toggles the current entry."""
    view = QListView(parent)
    view.setModel(model)
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setSpacing(2)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAccessibleName(accessible_name)
    return view


class TopicModel(QAbstractTableModel):
    """Questionnaire topics (guide entries) and whether each was raised, declined or not yet."""

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[GuideEntry] = []
        self._state: dict[str, TopicState] = {}

    def reset(self, entries: list[GuideEntry], state: dict[str, TopicState]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._state = dict(state)
        self.endResetModel()

    def entry_id(self, row: int) -> str:
        return self._entries[row].id

    def set_state(self, row: int, state: TopicState) -> None:
        self._state[self._entries[row].id] = state
        cell = self.index(row, 1)
        self.dataChanged.emit(cell, cell)

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Topic"), _("Covered"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return entry.text
            return topic_label(self._state.get(entry.id, TopicState.NOT_YET))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return entry.hint or None
        return None
