"""The findings of a case as a table: title, where it came from, and the decisions so far."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clinic.i18n import N_, _
from clinic.model import Case, Finding
from clinic.protocols.loader import ProtocolSet
from clinic.vocabulary import DECISION, finding_title

SOURCES = {
    "checklist": N_("checklist"),
    "phone_check": N_("phone check"),
    "manual": N_("added by hand"),
}
HEADERS = (N_("Finding"), N_("From"), N_("Decision"))
Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._case: Case | None = None
        self._rows: list[Finding] = []
        self.protocols: ProtocolSet | None = None  # set by the stage: checklist titles

    def set_case(self, case: Case | None) -> None:
        self.beginResetModel()
        self._case = case
        self._rows = list(case.findings) if case else []
        self.endResetModel()

    def finding(self, row: int) -> Finding | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def finding_ids(self) -> list[str]:
        return [f.id for f in self._rows]

    def row_of(self, finding_id: str) -> int:
        return next((n for n, f in enumerate(self._rows) if f.id == finding_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        finding = self.finding(index.row())
        if finding is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return finding_title(finding, None, self.protocols)
        if index.column() == 1:
            return _(SOURCES[finding.source])
        return self._decisions(finding)

    def _decisions(self, finding: Finding) -> str:
        plans = (
            [p for p in self._case.plan_items if p.finding_id == finding.id] if self._case else []
        )
        if not plans:
            return _("no option chosen yet")
        return ", ".join(dict.fromkeys(_(DECISION[p.decision]) for p in plans))

    def refresh_row(self, finding_id: str) -> None:
        row = self.row_of(finding_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
