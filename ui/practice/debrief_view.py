"""The debrief screen: each goal met or missed, why it matters, where to look; printable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic.error_catalogue import render
from clinic.i18n import _, current_language
from clinic.services.training import Debrief
from clinic.storage import Vault
from ui import prompts

if TYPE_CHECKING:
    from ui.session import VaultSession


class DebriefView(QDialog):
    def __init__(self, session: VaultSession, debrief: Debrief, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("debriefView")
        self.setWindowTitle(_("Practice debrief"))
        self._session, self.debrief = session, debrief
        summary = QLabel(
            _("{met} of {total} goals met. A missed goal is something to practise again.").format(
                met=debrief.met, total=len(debrief.results)
            ),
            self,
        )
        summary.setWordWrap(True)
        self.table = QTableWidget(len(debrief.results), 4, self)
        self.table.setObjectName("debriefTable")
        self.table.setHorizontalHeaderLabels(
            [_("Result"), _("Goal"), _("Why it matters"), _("Where to look")]
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for row, result in enumerate(debrief.results):
            cells = (
                _("Met") if result.met else _("Missed"),
                result.goal.text,
                result.goal.why,
                _(result.where),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setBackground(QColor("#e3f1e3" if result.met else "#fbe9d0"))
                self.table.setItem(row, col, item)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.print_button = QPushButton(_("Print for the trainer..."), self)
        close = QPushButton(_("Close"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_pdf)
        close.clicked.connect(self.accept)
        self.resize(1100, 640)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def print_pdf(self) -> None:
        title = _("Practice debrief")
        out = prompts.choose_save_file(self, title, _("PDF files (*.pdf)"))
        if not out:
            return
        debrief, lang, initials = self.debrief, current_language(), self._session.initials

        def job(vault: Vault) -> None:
            from clinic.paths import write_private
            from clinic.report.debrief import render_debrief
            from clinic.services.export import record_exported

            write_private(Path(out), render_debrief(debrief.scenario, debrief.results, lang))
            record_exported(vault, initials)

        self._session.run_with_vault(
            job,
            lambda _r: prompts.info(
                self, title, _("The debrief was printed to a PDF. It is not encrypted.")
            ),
            lambda exc: prompts.info(self, title, render(exc)),
        )
