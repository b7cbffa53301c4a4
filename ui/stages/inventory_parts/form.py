"""A compact editor form bound to one inventory record; every change is written at once.

Fields are declared with add_* helpers. A change assigns the field on the record (the
model validates it); a refused value marks the field and is not stored. People pickers
list the case's people by label; the device picker lists its devices.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from clinic.i18n import _
from clinic.model import Entity

Choices = list[tuple[str, str]]
"""(id, label) pairs for a picker."""


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text literally (tooltips otherwise guess rich text)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class EntityForm(QWidget):
    changed = Signal(object)
    """The shown record was changed (and is valid); payload: the record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: Entity | None = None
        self._loading = False
        self._refreshers: list[Callable[[Entity], None]] = []
        self._choice_lists: list[tuple[str, Callable[[Choices], None]]] = []
        self._choices: dict[str, Choices] = {"people": [], "devices": []}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.widgets: dict[str, QWidget] = {}
        self.setEnabled(False)

    # -- binding ---------------------------------------------------------------------
    def show_record(self, record: Entity | None) -> None:
        self.record = record
        self.setEnabled(record is not None)
        if record is None:
            return
        self._loading = True
        try:
            for refresh in self._refreshers:
                refresh(record)
        finally:
            self._loading = False

    def set_choices(self, people: Choices, devices: Choices) -> None:
        self._choices = {"people": people, "devices": devices}
        self._loading = True
        try:
            for source, fill in self._choice_lists:
                fill(self._choices[source])
        finally:
            self._loading = False
        self.show_record(self.record)

    def write(self, name: str, value: Any) -> None:
        if self._loading or self.record is None:
            return
        widget = self.widgets[name]
        try:
            setattr(self.record, name, value)
        except ValidationError:
            widget.setProperty("invalid", True)
            widget.setToolTip(_("This value cannot be stored. Check it and try again."))
            return
        widget.setProperty("invalid", False)
        widget.setToolTip("")
        self.changed.emit(self.record)

    def _add(self, name: str, label: str, widget: QWidget, refresh: Callable[[Any], None]) -> None:
        widget.setAccessibleName(label)
        self.widgets[name] = widget
        self.layout_.addRow(label, widget)
        self._refreshers.append(lambda r: refresh(getattr(r, name)))

    # -- field kinds -----------------------------------------------------------------
    def add_text(self, name: str, label: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.textEdited.connect(lambda text: self.write(name, text))
        self._add(name, label, edit, lambda v: edit.setText(v) if edit.text() != v else None)
        return edit

    def add_notes(self, name: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(72)
        edit.textChanged.connect(lambda: self.write(name, edit.toPlainText()))

        def refresh(value: str) -> None:
            if edit.toPlainText() != value:
                edit.setPlainText(value)

        self._add(name, label, edit, refresh)
        return edit

    def add_check(self, name: str, label: str) -> QCheckBox:
        box = QCheckBox(self)
        box.toggled.connect(lambda on: self.write(name, on))
        self._add(name, label, box, box.setChecked)
        return box

    def add_number(self, name: str, label: str, low: int, high: int) -> QSpinBox:
        """A number where the lowest step means "not known" (None)."""
        spin = QSpinBox(self)
        spin.setRange(low - 1, high)
        spin.setSpecialValueText(_("Not known"))
        spin.valueChanged.connect(lambda v: self.write(name, None if v < low else v))
        self._add(name, label, spin, lambda v: spin.setValue(low - 1 if v is None else v))
        return spin

    def add_choice(self, name: str, label: str, options: Sequence[tuple[Any, str]]) -> QComboBox:
        """A fixed list of values (an enum or a tri-state) with their display labels."""
        combo = QComboBox(self)
        for value, text in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda row: self.write(name, combo.itemData(row)))
        self._add(name, label, combo, lambda v: combo.setCurrentIndex(max(combo.findData(v), 0)))
        return combo

    def add_person(self, name: str, label: str) -> QComboBox:
        """One person of the case, or nobody / not known."""
        combo = QComboBox(self)

        def fill(choices: Choices) -> None:
            combo.clear()
            combo.addItem(_("Nobody / not known"), None)
            for pid, text in choices:
                combo.addItem(text, pid)

        fill([])
        combo.currentIndexChanged.connect(lambda row: self.write(name, combo.itemData(row)))
        self._choice_lists.append(("people", fill))
        self._add(name, label, combo, lambda v: combo.setCurrentIndex(max(combo.findData(v), 0)))
        return combo

    def add_many(self, name: str, label: str, source: str = "people") -> QListWidget:
        """Several people (or devices) of the case, ticked with Space."""
        box = QListWidget(self)
        box.setFixedHeight(76)

        def fill(choices: Choices) -> None:
            box.clear()
            for cid, text in choices:
                item = QListWidgetItem(text, box)
                item.setData(Qt.ItemDataRole.UserRole, cid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)

        def refresh(ids: list[str]) -> None:
            for row in range(box.count()):
                item = box.item(row)
                on = item.data(Qt.ItemDataRole.UserRole) in ids
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

        def on_item(_item: QListWidgetItem) -> None:
            ids = [
                box.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(box.count())
                if box.item(r).checkState() == Qt.CheckState.Checked
            ]
            self.write(name, ids)

        box.itemChanged.connect(on_item)
        self._choice_lists.append((source, fill))
        self._add(name, label, box, refresh)
        return box
