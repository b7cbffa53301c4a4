"""One inventory list as a tab: the table, quick add, remove, and the editor of the chosen row."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.model import Case, Entity
from ui.stages.inventory_parts.form import EntityForm
from ui.stages.inventory_parts.table_model import Column, InventoryTableModel

Factory = Callable[[int], Entity]
"""Builds a new record from the chosen quick-add row."""


class EntityTab(QWidget):
    added = Signal(str, object)
    """A new record was made; payload: (kind, record). The page adds and stores it."""
    remove_requested = Signal(str, object)
    """Remove was asked for; payload: (kind, record)."""
    changed = Signal(str, object)
    """The shown record was edited; payload: (kind, record)."""

    def __init__(
        self,
        kind: str,
        columns: list[Column],
        form: EntityForm,
        presets: Sequence[str],
        factory: Factory,
        texts: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.factory = factory
        self.model = InventoryTableModel(kind, columns)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(texts["table"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 170)
        self.preset = QComboBox(self)
        self.preset.addItems(list(presets))
        self.preset.setAccessibleName(texts["preset"])
        self.add_button = QPushButton(texts["add"], self)
        self.add_button.setAccessibleName(texts["add_name"])
        self.remove_button = QPushButton(texts["remove"], self)
        self.remove_button.setAccessibleName(texts["remove_name"])
        self.form = form
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        row = QHBoxLayout()
        row.addWidget(self.preset, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(row)
        top_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setSizes([200, 340])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.form.changed.connect(self._on_form_changed)
        self.model.modelReset.connect(self._show_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self._update_buttons()

    # -- content ---------------------------------------------------------------------
    def set_case(self, case: Case | None) -> None:
        self.model.set_case(case)
        if case is not None and self.model.rowCount() > 0:
            self.select(0)

    def current(self) -> Entity | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, row: int) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def select_id(self, entity_id: str) -> None:
        row = self.model.row_of(entity_id)
        if row >= 0:
            self.select(row)

    def rows_changed(self, keep_id: str | None = None) -> None:
        """The case list changed (add or remove): rebuild and keep a selection."""
        self.model.set_case(self.model.case)
        count = self.model.rowCount()
        row = self.model.row_of(keep_id) if keep_id else -1
        if row < 0 and count:
            row = 0
        if row >= 0:
            self.select(row)
        self._update_buttons()

    # -- slots -----------------------------------------------------------------------
    def _show_current(self) -> None:
        self.form.show_record(self.current())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current() is not None)

    def _on_add(self) -> None:
        if self.model.case is None:
            return
        record = self.factory(max(self.preset.currentIndex(), 0))
        self.added.emit(self.kind, record)
        self.rows_changed(record.id)
        first = next(iter(self.form.widgets.values()), None)
        if first is not None:
            first.setFocus()

    def _on_remove(self) -> None:
        record = self.current()
        if record is not None:
            self.remove_requested.emit(self.kind, record)

    def _on_form_changed(self, record: Entity) -> None:
        self.model.refresh_row(self.model.row_of(record.id))
        self.changed.emit(self.kind, record)
