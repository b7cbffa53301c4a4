"""The access routes as a Qt table: one row per route with its plain-language explanation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clinic.i18n import _
from clinic.technograph import Route, RouteReport

Index = QModelIndex | QPersistentModelIndex


class RoutesModel(QAbstractTableModel):
    """Columns: the chain of labels, direct or indirect, the explanation (case language)."""

    def __init__(self) -> None:
        super().__init__()
        self._report: RouteReport | None = None
        self._lang = "en"

    def set_report(self, report: RouteReport | None, lang: str = "en") -> None:
        self.beginResetModel()
        self._report = report
        self._lang = lang
        self.endResetModel()

    def route(self, row: int) -> Route | None:
        routes = self._report.routes if self._report else []
        return routes[row] if 0 <= row < len(routes) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._report is None:
            return 0
        return len(self._report.routes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def full_text(self, row: int) -> str:
        """The route's chain, kind and explanation in full (the line under the table)."""
        route = self.route(row)
        if route is None or self._report is None:
            return ""
        return "\n".join(self._cell(route, c) for c in range(3))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        route = self.route(index.row())
        if route is None or self._report is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell(route, index.column())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._cell(route, index.column())

    def _cell(self, route: Route, column: int) -> str:
        assert self._report is not None
        if column == 0:
            return " \u2192 ".join(self._report.chain(route))
        if column == 1:
            return _("direct") if route.direct else _("indirect")
        return self._report.explain(route, self._lang)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Route"), _("Kind"), _("What it means"))[section]
