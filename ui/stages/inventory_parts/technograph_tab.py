"""The Technograph tab: graph or routes table (toggle), legend, zoom, and the impact preview.

Routes are recomputed from the in-memory case whenever the inventory changes (the
analysis takes milliseconds, even for 200 nodes).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _
from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.technograph import RouteReport, find_routes, layout
from ui.stages.inventory_parts.graph_view import EDGE_GROUPS, TechnographView
from ui.stages.inventory_parts.impact_panel import ImpactPanel
from ui.stages.inventory_parts.routes_model import RoutesModel
from ui.widgets import SafeLabel


class TechnographTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case: Case | None = None
        self._protocols: ProtocolSet | None = None
        self.report: RouteReport | None = None
        self.graph_button = QPushButton(_("Graph"), self)
        self.table_button = QPushButton(_("Routes table"), self)
        self.impact_button = QPushButton(_("Impact preview"), self)
        group = QButtonGroup(self)
        for button, name in (
            (self.graph_button, _("Show the technograph as a graph")),
            (self.table_button, _("Show the routes as a table")),
            (self.impact_button, _("Preview what a planned change cuts")),
        ):
            button.setCheckable(True)
            button.setAccessibleName(name)
            group.addButton(button, len(group.buttons()))
        self.graph_button.setChecked(True)
        self.fit_button = QPushButton(_("Fit all"), self)
        self.fit_button.setAccessibleName(_("Zoom the graph to fit"))
        self.zoom_in = QPushButton("+", self)
        self.zoom_in.setAccessibleName(_("Zoom in"))
        self.zoom_out = QPushButton("\u2212", self)
        self.zoom_out.setAccessibleName(_("Zoom out"))
        self.summary = SafeLabel("", self)
        self.summary.setAccessibleName(_("Routes found"))
        bar = QHBoxLayout()
        for widget in (self.graph_button, self.table_button, self.impact_button, self.fit_button):
            bar.addWidget(widget)
        bar.addWidget(self.zoom_in)
        bar.addWidget(self.zoom_out)
        bar.addStretch(1)

        self.view = TechnographView(self)
        graph_page = QWidget(self)
        graph_layout = QVBoxLayout(graph_page)
        graph_layout.setContentsMargins(0, 0, 0, 0)
        graph_layout.addWidget(self.view, 1)
        graph_layout.addLayout(_legend(graph_page))
        self.routes = RoutesModel()
        self.table = QTableView(self)
        self.table.setModel(self.routes)
        self.table.setAccessibleName(_("Access routes, one per row"))
        # One line per route (the whole text in the tooltip and in the line below the
        # table), so a laptop screen shows many routes, not four wrapped ones.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.7))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 320)
        self.table.setColumnWidth(1, 90)
        self.route_detail = SafeLabel("", self)
        self.route_detail.setAccessibleName(_("The chosen route in full"))
        self.route_detail.setObjectName("muted")
        table_page = QWidget(self)
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.route_detail)
        self.views = QStackedWidget(self)
        self.views.addWidget(graph_page)
        self.views.addWidget(table_page)
        self.impact = ImpactPanel(self)
        self.views.addWidget(self.impact)
        main = QVBoxLayout(self)
        main.setContentsMargins(0, 4, 0, 0)
        main.addLayout(bar)
        main.addWidget(self.summary)
        main.addWidget(self.views, 1)

        group.idClicked.connect(self._show_view)
        self.fit_button.clicked.connect(self.view.fit_all)
        self.zoom_in.clicked.connect(lambda: self.view.zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self.view.zoom(0.8))
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._on_route_row(current.row())
        )

    def set_case(self, case: Case | None, protocols: ProtocolSet | None) -> None:
        self._case = case
        self._protocols = protocols
        self.recompute()

    def clear(self) -> None:
        self._case = None
        self.report = None
        self.routes.set_report(None)
        self.view.clear_graph()
        self.impact.clear()
        self.summary.clear()

    def recompute(self) -> None:
        """Routes, layout and preview again from the current inventory."""
        if self._case is None:
            self.clear()
            return
        self.report = find_routes(self._case, self._protocols)
        self.routes.set_report(self.report, self._case.language.value)
        self.route_detail.clear()
        self.view.show_layout(layout(self.report))
        self.impact.set_case(self._case, self._protocols)
        total = len(self.report.routes)
        indirect = sum(1 for r in self.report.routes if not r.direct)
        if not self.report.graph.pocs:
            text = _("Add a person of concern to the people to trace access routes.")
        else:
            text = _("{total} routes from the person of concern ({indirect} indirect).").format(
                total=total, indirect=indirect
            )
        self.summary.setText(text)

    def _show_view(self, index: int) -> None:
        self.views.setCurrentIndex(index)
        graph = index == 0
        for button in (self.fit_button, self.zoom_in, self.zoom_out):
            button.setEnabled(graph)

    def _on_route_row(self, row: int) -> None:
        route = self.routes.route(row)
        self.view.highlight_route(set(route.key) if route else None)
        self.route_detail.setText(self.routes.full_text(row))


def _legend(parent: QWidget) -> QGridLayout:
    grid = QGridLayout()
    grid.setContentsMargins(4, 2, 4, 2)
    for n, (title, color, _kinds) in enumerate(EDGE_GROUPS):
        pair = QWidget(parent)  # each swatch right before its own label, never after another
        line = QHBoxLayout(pair)
        line.setContentsMargins(0, 0, 12, 0)
        line.setSpacing(6)
        swatch = QLabel(pair)
        pixmap = QPixmap(18, 6)
        pixmap.fill(QColor(color))
        swatch.setPixmap(pixmap)
        text = QLabel(_(title), pair)
        text.setObjectName("muted")
        line.addWidget(swatch)
        line.addWidget(text)
        line.addStretch(1)
        pair.setAccessibleName(_(title))
        grid.addWidget(pair, n // 3, n % 3)
    note = QLabel(_("Thick lines: routes from the person of concern."), parent)
    note.setObjectName("muted")
    grid.addWidget(note, 2, 0, 1, 3)
    return grid
