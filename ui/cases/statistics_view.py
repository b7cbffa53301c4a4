"""The Statistics view: the clinic's de-identified monthly counts as charts and a table.

The same counts and the same suppression as `clinic stats export` (clinic.services.statistics):
a hidden cell shows no bar and reads "hidden" in the table. Counting runs in the background.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic.error_catalogue import render
from clinic.i18n import _
from clinic.services.statistics import StatsQuery, cells_for, export_statistics, vault_counts
from clinic.stats.measures import MEASURES, TOTAL, Key
from clinic.stats.suppress import MIN_COUNT_DEFAULT, MIN_COUNT_FLOOR, Cell
from clinic.storage import Vault
from clinic.vocabulary import STATS_MEASURE, say, stats_category
from ui import prompts

if TYPE_CHECKING:
    from ui.session import VaultSession

MONTHS_SHOWN = 12


class StatisticsView(QDialog):
    loaded = Signal()
    """The counts arrived and the chart and table show them (tests wait on it)."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsView")
        self.setWindowTitle(_("Statistics"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._session = session
        self._cells: list[Cell] = []
        self._counts: Counter[Key] = Counter()
        self._build()
        self.resize(1100, 680)

    def _build(self) -> None:
        intro = QLabel(
            _(
                "De-identified counts by month: no names, ids or notes. Counts below the"
                " minimum are hidden, and so is any count a total would reveal."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.measure = QComboBox(self)
        self.measure.setAccessibleName(_("Measure"))
        for measure in MEASURES:
            self.measure.addItem(say(STATS_MEASURE[measure]), measure)
        self.min_count = QSpinBox(self)
        self.min_count.setRange(MIN_COUNT_FLOOR, 100)
        self.min_count.setValue(MIN_COUNT_DEFAULT)
        self.min_count.setAccessibleName(_("Hide counts below"))
        self.fictional = QCheckBox(_("Count the demo cases too"), self)
        self.export_button = QPushButton(_("Export CSV..."), self)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(_("Measure"), self))
        controls.addWidget(self.measure, 1)
        controls.addWidget(QLabel(_("Hide counts below"), self))
        controls.addWidget(self.min_count)
        controls.addWidget(self.fictional)
        controls.addWidget(self.export_button)

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(300)
        self.hidden_note = QLabel(self)
        self.hidden_note.setObjectName("muted")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("statisticsTable")
        self.table.setHorizontalHeaderLabels([_("Month"), _("Category"), _("Count")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(controls)
        layout.addWidget(self.chart_view, 3)
        layout.addWidget(self.hidden_note)
        layout.addWidget(self.table, 2)

        self.measure.currentIndexChanged.connect(self._show)
        self.min_count.valueChanged.connect(self._suppress)
        self.fictional.toggled.connect(self.reload)
        self.export_button.clicked.connect(self._export)

    def _query(self) -> StatsQuery:
        return StatsQuery(
            min_count=self.min_count.value(), include_fictional=self.fictional.isChecked()
        )

    def reload(self) -> None:
        """Count again in the background (every case is read), then redraw."""
        include_fictional = self.fictional.isChecked()

        def done(counts: object) -> None:
            assert isinstance(counts, Counter)
            self._counts = counts
            self._suppress()

        self._session.run_with_vault(
            lambda vault: vault_counts(vault, include_fictional=include_fictional),
            done,
            lambda exc: prompts.info(self, _("Statistics"), render(exc)),
        )

    def _suppress(self) -> None:
        """Apply the minimum count to the counts already read (no vault work), then redraw."""
        self._cells = cells_for(self._counts, self._query())
        self._show()
        self.loaded.emit()

    def _show(self) -> None:
        measure = str(self.measure.currentData())
        cells = [c for c in self._cells if c.measure == measure]
        months = sorted({c.month for c in cells})[-MONTHS_SHOWN:]
        cells = [c for c in cells if c.month in months]
        categories = sorted({c.category for c in cells if c.category != TOTAL})
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        counts = {(c.month, c.category): c for c in cells}
        top = 0
        for category in categories:
            bar = QBarSet(stats_category(measure, category))
            for month in months:
                cell = counts.get((month, category))
                value = 0 if cell is None or cell.suppressed else cell.count
                top = max(top, value)
                bar.append(value)
            series.append(bar)
        self.chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(months)
        y_axis = QValueAxis()
        ceiling = max(top, self.min_count.value())
        y_axis.setRange(0, ceiling)
        y_axis.setTickCount(min(ceiling, 5) + 1)
        y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%d")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        self.chart.setTitle(say(STATS_MEASURE[measure]))
        hidden = sum(c.suppressed for c in cells)
        self.hidden_note.setText(
            _("{n} counts are hidden (below {k}, or a total would reveal them).").format(
                n=hidden, k=self.min_count.value()
            )
            if hidden
            else ""
        )
        self._fill_table(measure, cells)

    def _fill_table(self, measure: str, cells: list[Cell]) -> None:
        self.table.setRowCount(len(cells))
        for row, cell in enumerate(sorted(cells, key=lambda c: (c.month, c.category == TOTAL))):
            count = _("hidden") if cell.suppressed else str(cell.count)
            for col, text in enumerate((cell.month, stats_category(measure, cell.category), count)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _export(self) -> None:
        title = _("Export statistics")
        out = prompts.choose_save_file(self, title, _("CSV files (*.csv)"))
        if not out:
            return
        query, initials = self._query(), self._session.initials

        def job(vault: Vault) -> int:
            return export_statistics(vault, Path(out), query, initials)

        self._session.run_with_vault(
            job,
            lambda _rows: prompts.info(
                self,
                title,
                _(
                    "The statistics were written. The file is not encrypted: it holds no case"
                    " data, but keep it safe."
                ),
            ),
            lambda exc: prompts.info(self, title, render(exc)),
        )
