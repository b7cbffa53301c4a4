"""The survivor's concerns in their own words, with coded categories (Visit.concerns)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic import vocabulary
from clinic.i18n import N_, _
from clinic.model import Concern, Visit
from clinic.model.vocab import ConcernCategory
from ui import prompts
from ui.stages.session_parts.forms import assign, error_line, heading
from ui.stages.session_parts.record_table import RecordTableModel


def category_labels() -> dict[ConcernCategory, str]:
    return {c: _(words) for c, words in vocabulary.CONCERN_CATEGORY.items()}


class ConcernModel(RecordTableModel):
    HEADERS = (N_("In their words"), N_("Categories"))

    def cell(self, record: Concern, column: int) -> str:
        if column == 0:
            return record.text
        labels = category_labels()
        return ", ".join(labels[c] for c in record.categories)


class ConcernsEditor(QWidget):
    """Add, edit and remove concerns; emits `changed` after each change to the visit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit: Visit | None = None
        self.model = ConcernModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move
        self.table.setAccessibleName(_("Concerns"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(90)
        self.add_button = QPushButton(_("&Add concern"), self)
        self.add_button.setAccessibleName(_("Add a concern in the survivor's words"))
        self.remove_button = QPushButton(_("Remove concern"), self)
        self.remove_button.setAccessibleName(_("Remove the selected concern"))
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(_("The selected concern, in the survivor's words"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(54)
        self.category_boxes: dict[ConcernCategory, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (category, label) in enumerate(category_labels().items()):
            box = QCheckBox(label, self)
            box.setAccessibleName(_("Category: {name}").format(name=label))
            box.toggled.connect(lambda on, c=category: self._on_category(c, on))
            self.category_boxes[category] = box
            grid.addWidget(box, n // 3, n % 3)
        self.error = error_line(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(heading(_("Selected concern (edit the words as said)"), self))
        layout.addWidget(self.text)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.text.textChanged.connect(self._on_text)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())

    def load(self, visit: Visit | None) -> None:
        self._visit = visit
        self.model.reset(visit.concerns if visit else [])
        self.setEnabled(visit is not None)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._show_current()

    def _current(self) -> tuple[int, Concern | None]:
        row = self.table.currentIndex().row()
        if self._visit is None or not 0 <= row < len(self._visit.concerns):
            return -1, None
        return row, self._visit.concerns[row]

    def _show_current(self) -> None:
        _row, concern = self._current()
        with QSignalBlocker(self.text):
            self.text.setPlainText(concern.text if concern else "")
        for category, box in self.category_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(bool(concern and category in concern.categories))
            box.setEnabled(concern is not None)
        self.text.setEnabled(concern is not None)
        self.remove_button.setEnabled(concern is not None)
        self.error.hide()

    def _add(self) -> None:
        if self._visit is None:
            return
        words = prompts.ask_text(
            self, _("New concern"), _("The concern, in the survivor's own words:")
        )
        if not words or not words.strip():
            return
        try:
            concern = Concern(text=words)
        except ValueError:
            self.error.setText(_("This text holds a character that cannot be stored."))
            self.error.show()
            return
        self._visit.concerns = [*self._visit.concerns, concern]
        self.model.reset(self._visit.concerns)
        self.table.setCurrentIndex(self.model.index(len(self._visit.concerns) - 1, 0))
        self.changed.emit()
        self.text.setFocus()

    def _remove(self) -> None:
        row, concern = self._current()
        if self._visit is None or concern is None:
            return
        if not prompts.confirm(self, _("Remove concern"), _("Remove the selected concern?")):
            return
        self._visit.concerns = [c for c in self._visit.concerns if c.id != concern.id]
        self.model.reset(self._visit.concerns)
        self.table.setCurrentIndex(self.model.index(min(row, len(self._visit.concerns) - 1), 0))
        self._show_current()
        self.changed.emit()

    def _on_text(self) -> None:
        row, concern = self._current()
        if concern is None:
            return
        text = self.text.toPlainText()
        if not text.strip():
            self.error.setText(_("A concern needs some words. The last words are kept."))
            self.error.show()
            return
        if assign(concern, "text", text, self.error):
            self.model.refresh_row(row)
            self.changed.emit()

    def _on_category(self, category: ConcernCategory, on: bool) -> None:
        row, concern = self._current()
        if concern is None:
            return
        chosen = [c for c in concern.categories if c != category]
        concern.categories = [*chosen, category] if on else chosen
        self.model.refresh_row(row)
        self.changed.emit()
