"""The checklists tab: coverage of what is left, the checklist tree and the item panel.

Recording a result is an observation, not a change: it is stored at once, without a
question (the item's caution stays shown in the panel; changes the other person could
notice are decided, and confirmed, in Advise). Recording "concern" adds a finding linked to
the item. Every result updates its protocol's "N of M done" and the coverage line.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QScrollArea, QSplitter, QTreeView, QVBoxLayout, QWidget

from clinic.i18n import _
from clinic.model import Case, Visit
from clinic.model.vocab import ItemStatus, VisitMode
from clinic.protocols.loader import ProtocolSet
from clinic.protocols.schema import Item, Protocol
from clinic.protocols.select import Selection, coverage, select
from clinic.services import checklist as recording
from ui.stages.investigate_parts.checklist_tree import (
    KEY_ROLE,
    ChecklistKey,
    build_model,
    status_label,
    target_title,
)
from ui.stages.investigate_parts.item_panel import ItemPanel
from ui.widgets import SafeLabel


class ChecklistsView(QWidget):
    edited = Signal(str, object)

    def __init__(self, protocols: ProtocolSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.protocols = protocols
        self.lang = "en"
        self._case: Case | None = None
        self._visit: Visit | None = None
        self._key: ChecklistKey | None = None
        self.coverage_label = SafeLabel("", self)
        self.coverage_label.setAccessibleName(_("What is left to check"))
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(_("Checklists for this inventory"))
        self.tree.setUniformRowHeights(True)
        self.tree.header().setAccessibleName(_("Checklist columns"))
        self.tree.setAlternatingRowColors(True)
        self.panel = ItemPanel(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setAccessibleName(_("Checklist item details"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setSizes([230, 370])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.coverage_label)
        layout.addWidget(splitter, 1)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.panel.status_chosen.connect(self._on_status)
        self.panel.note_edited.connect(self._on_note)

    # -- content -----------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None, lang: str) -> None:
        self._case, self._visit, self.lang = case, visit, lang
        self.refresh()

    def clear(self) -> None:
        self._case = self._visit = None
        self._key = None
        self.model.clear()
        self.coverage_label.clear()
        self.panel.show_nothing()

    def refresh(self) -> None:
        """Rebuild from the case (the inventory may have changed on another stage)."""
        if self._case is None:
            return
        keep = self._key
        selection = select(self._case, self.protocols, self.lang)
        cover = coverage(self._case, self.protocols, selection)
        build_model(
            self.model,
            self._case,
            self.protocols,
            selection,
            list(cover.entries),
            self.visit_id,
            self.lang,
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.expandToDepth(0)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, self.tree.rootIndex(), True)
        self._show_coverage(selection, cover.item_count, cover.done_count)
        self.panel.show_nothing()
        self._key = None
        if keep is not None:
            self.select_key(keep)

    @property
    def visit_id(self) -> str | None:
        return self._visit.id if self._visit else None

    def _show_coverage(self, selection: Selection, total: int, done: int) -> None:
        assert self._case is not None
        lines = [
            _("{left} of {total} checks left ({done} have a result).").format(
                left=total - done, total=total, done=done
            )
        ]
        if selection.uncovered:
            names = ", ".join(target_title(self._case, t) for t in selection.uncovered)
            lines.append(_("No checklist yet for: {names}").format(names=names))
        self.coverage_label.setText("\n".join(lines))

    def select_key(self, key: ChecklistKey) -> bool:
        """Select the tree row of one item (tests and returning to the same place)."""
        for row in self._item_indexes():
            if row.data(KEY_ROLE) == key:
                self.tree.setCurrentIndex(row)
                return True
        return False

    def _item_indexes(self) -> list[QModelIndex]:
        out: list[QModelIndex] = []
        for g in range(self.model.rowCount()):
            group = self.model.index(g, 0)
            for p in range(self.model.rowCount(group)):
                head = self.model.index(p, 0, group)
                out.extend(self.model.index(i, 0, head) for i in range(self.model.rowCount(head)))
        return out

    # -- the selected item -------------------------------------------------------------
    def _current(self) -> tuple[Protocol, Item] | None:
        if self._key is None:
            return None
        protocol = self.protocols.get(self._key.protocol_id, self.lang)
        item = self.protocols.item(self._key.protocol_id, self._key.item_id, self.lang)
        return (protocol, item) if protocol is not None and item is not None else None

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        key = indexes[0].data(KEY_ROLE) if indexes else None
        self._key = key if isinstance(key, ChecklistKey) else None
        found = self._current()
        if found is None or self._case is None or self._key is None:
            self.panel.show_nothing()
            return
        protocol, item = found
        target = self._key.target
        device = next((d for d in self._case.devices if d.id == target.id), None)
        result = recording.current_result(
            self._case, protocol.id, target.id, item.id, self.visit_id
        )
        self.panel.show_item(
            protocol,
            item,
            target_title(self._case, target),
            device,
            result.status if result else ItemStatus.NOT_CHECKED,
            result.note if result else "",
            remote=self._visit is not None and self._visit.mode != VisitMode.IN_PERSON,
        )

    def _on_status(self, status: ItemStatus) -> None:
        found = self._current()
        if found is None or self._case is None or self._key is None:
            return
        protocol, item = found
        target_id = self._key.target.id
        run = recording.record(
            self._case, protocol, target_id, self.visit_id, item.id, status=status
        )
        self.edited.emit("checklist_runs", run)
        self.panel.set_status_quietly(status)
        feedback = [_("Recorded: {status}.").format(status=status_label(status))]
        if status == ItemStatus.CONCERN:
            finding = recording.concern_finding(
                self._case, protocol, item, target_id, self.visit_id, self.panel.note.toPlainText()
            )
            if finding is not None:
                self.edited.emit("findings", finding)
                feedback.append(
                    _("A finding was added; choose options with the survivor in Advise.")
                )
        self.panel.feedback.setText(" ".join(feedback))
        self._update_row(status)

    def _on_note(self, text: str) -> None:
        found = self._current()
        if found is None or self._case is None or self._key is None:
            return
        protocol, item = found
        run = recording.record(
            self._case, protocol, self._key.target.id, self.visit_id, item.id, note=text
        )
        self.edited.emit("checklist_runs", run)

    def _update_row(self, status: ItemStatus) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.model.itemFromIndex(index.siblingAtColumn(1)).setText(status_label(status))

    def refresh_counts(self) -> None:
        """Every protocol's "N of M done" and the coverage line again from the case (after a
        result here or a phone check), without rebuilding the tree or the item panel."""
        if self._case is None or self.model.rowCount() == 0:
            return
        selection = select(self._case, self.protocols, self.lang)
        cover = coverage(self._case, self.protocols, selection)
        done = {(e.protocol_id, e.target.id): len(e.done) for e in cover.entries}
        for g in range(self.model.rowCount()):
            group = self.model.index(g, 0)
            for p in range(self.model.rowCount(group)):
                head = self.model.index(p, 0, group)
                total = self.model.rowCount(head)
                key = self.model.index(0, 0, head).data(KEY_ROLE) if total else None
                if not isinstance(key, ChecklistKey):
                    continue
                count = done.get((key.protocol_id, key.target.id), 0)
                text = _("{done} of {total} done").format(done=count, total=total)
                self.model.itemFromIndex(head.siblingAtColumn(1)).setText(text)
        self._show_coverage(selection, cover.item_count, cover.done_count)
