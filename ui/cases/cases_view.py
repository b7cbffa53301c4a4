"""The cases view: search, filters, the table, and new / open / close / reopen."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.error_catalogue import render
from clinic.errors import ClinicError
from clinic.i18n import _, ngettext
from ui import prompts
from ui.cases.case_model import ID_ROLE, OPENED, CaseFilterProxy, CaseTableModel
from ui.text_rules import short_text_problem

if TYPE_CHECKING:
    from ui.session import VaultSession


class CasesView(QWidget):
    case_opened = Signal(str)
    delete_requested = Signal(str)
    """Delete the selected case for good (the main window confirms); payload: its id."""
    handover_requested = Signal(str)
    """Hand the selected case over to another laptop in a bundle; payload: its id."""
    receive_requested = Signal()
    """Receive a case from a bundle."""
    statistics_requested = Signal()
    """Show the clinic's de-identified statistics."""
    """The volunteer opened a case; payload: its id."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesView")
        self._session = session
        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._connect()

    def _build(self) -> None:
        title = QLabel(_("Cases"), self)
        title.setObjectName("viewTitle")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by pseudonym"))
        self.search.setAccessibleName(_("Search by pseudonym"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Show cases by status"))
        for label, value in ((_("All cases"), ""), (_("Open"), "open"), (_("Closed"), "closed")):
            self.status.addItem(label, value)
        self.since_check = QCheckBox(_("Opened since"), self)
        self.since_check.setAccessibleName(_("Only cases opened since a date"))
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setAccessibleName(_("Opened since date"))
        self.since.setDate(QDate.currentDate().addMonths(-3))
        self.since.setEnabled(False)
        self.mask_toggle = QCheckBox(_("Hide pseudonyms"), self)
        self.mask_toggle.setAccessibleName(_("Hide pseudonyms in the list"))
        filters = QHBoxLayout()
        for widget in (self.search, self.status, self.since_check, self.since, self.mask_toggle):
            filters.addWidget(widget, 2 if widget is self.search else 0)

        self.table = QTableView(self)
        self.table.setObjectName("caseTable")
        self.table.setAccessibleName(_("Cases"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(OPENED, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(False)  # the title says it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)

        self.count = QLabel(self)
        self.count.setObjectName("muted")
        legend = QLabel(_("Highlighted rows have open follow-ups."), self)
        legend.setObjectName("muted")
        self.new_button = QPushButton(_("New case"), self)
        self.new_button.setAccessibleName(_("New case"))
        self.open_button = QPushButton(_("Open case"), self)
        self.open_button.setAccessibleName(_("Open the selected case"))
        self.close_button = QPushButton(_("Close case"), self)
        self.close_button.setAccessibleName(_("Close the selected case"))
        self.reopen_button = QPushButton(_("Reopen case"), self)
        self.reopen_button.setAccessibleName(_("Reopen the selected case"))
        self.delete_button = QPushButton(_("Delete case..."), self)
        self.delete_button.setAccessibleName(_("Delete the selected case for good"))
        self.more_button = QPushButton(_("More"), self)
        self.more_button.setAccessibleName(_("More actions"))
        more = QMenu(self.more_button)
        self.handover_action = more.addAction(_("Hand over to another laptop..."))
        self.receive_action = more.addAction(_("Receive a case..."))
        more.addSeparator()
        self.statistics_action = more.addAction(_("Statistics"))
        self.more_button.setMenu(more)
        # The count and the legend get their own line: the buttons alone set the width, so
        # the list fits a 1366-pixel screen in Spanish too, also beside the practice panel.
        status_line = QHBoxLayout()
        status_line.addWidget(self.count)
        status_line.addSpacing(16)
        status_line.addWidget(legend, 1)
        legend.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (
            self.new_button,
            self.open_button,
            self.close_button,
            self.reopen_button,
            self.delete_button,
            self.more_button,
        ):
            actions.addWidget(button)

        self.empty_hint = QLabel("", self)
        self.empty_hint.setObjectName("calmBanner")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAccessibleName(_("About the empty list"))
        self.empty_hint.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(status_line)
        layout.addLayout(actions)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._apply_filters)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.since_check.toggled.connect(self.since.setEnabled)
        self.since_check.toggled.connect(self._apply_filters)
        self.since.dateChanged.connect(self._apply_filters)
        self.mask_toggle.toggled.connect(self.model.set_masked)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.new_button.clicked.connect(self.new_case)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(lambda: self._set_closed(True))
        self.reopen_button.clicked.connect(lambda: self._set_closed(False))
        self.delete_button.clicked.connect(self._request_delete)
        self.handover_action.triggered.connect(self._request_handover)
        self.receive_action.triggered.connect(self.receive_requested)
        self.statistics_action.triggered.connect(self.statistics_requested)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_case)

    # -- content ---------------------------------------------------------------------
    def refresh(self, select_id: str | None = None) -> None:
        self.model.set_rows(self._session.list_cases())
        self._update_count()
        if select_id:
            self.select(select_id)
        self._update_buttons()

    def clear(self) -> None:
        """Drop every row (lock)."""
        self.model.clear()
        self.search.clear()

    def select(self, case_id: str) -> None:
        row = self.model.row_of(case_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(ID_ROLE)) if rows else None

    def focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection() and self.proxy.rowCount():
            self.table.selectRow(0)

    # -- actions ---------------------------------------------------------------------
    def new_case(self) -> None:
        pseudonym = prompts.ask_text(
            self,
            _("New case"),
            _("Pseudonym (not the survivor's real name):"),
            check=short_text_problem,
        )
        if pseudonym is None or not pseudonym.strip():
            return
        try:
            case = self._session.new_case(pseudonym.strip())
        except (ClinicError, ValueError) as exc:
            prompts.info(self, _("New case"), render(exc))
            return
        self.refresh(select_id=case.id)
        self.case_opened.emit(case.id)

    def open_selected(self) -> None:
        case_id = self.selected_id()
        if case_id:
            self.case_opened.emit(case_id)

    def _on_activated(self, index: QModelIndex) -> None:
        self.case_opened.emit(str(index.data(ID_ROLE)))

    def _set_closed(self, closed: bool) -> None:
        case_id = self.selected_id()
        if not case_id:
            return
        question = (
            _("Close this case? It stays in the vault and can be reopened.")
            if closed
            else _("Reopen this case?")
        )
        title = _("Close case") if closed else _("Reopen case")
        if not prompts.confirm(self, title, question, yes=title):
            return
        try:
            self._session.set_case_closed(case_id, closed)
        except ClinicError as exc:
            prompts.info(self, title, render(exc))
            return
        self.refresh(select_id=case_id)

    def _request_delete(self) -> None:
        case_id = self.selected_id()
        if case_id:
            self.delete_requested.emit(case_id)

    def _request_handover(self) -> None:
        case_id = self.selected_id()
        if case_id:
            self.handover_requested.emit(case_id)

    def _apply_filters(self) -> None:
        qdate = self.since.date()
        since: dt.date | None = None
        if self.since_check.isChecked():
            since = dt.date(qdate.year(), qdate.month(), qdate.day())
        selected = self.selected_id()
        self.proxy.set_filters(self.search.text(), str(self.status.currentData()), since)
        if selected:
            row = self.model.row_of(selected)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.selectRow(index.row())
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.empty_hint.setText(
                _("No cases yet. Press New case (Ctrl+N) to start one under a pseudonym.")
            )
        elif shown == 0:
            self.empty_hint.setText(_("No case matches the search or the filters."))
        self.empty_hint.setVisible(shown == 0)
        self.count.setText(
            ngettext(
                "{shown} of {total} case shown", "{shown} of {total} cases shown", total
            ).format(shown=shown, total=total)
        )

    def _update_buttons(self) -> None:
        case_id = self.selected_id()
        row = self.model.row_of(case_id) if case_id else -1
        status = self.model.summary(row).status if row >= 0 else ""
        self.open_button.setEnabled(row >= 0)
        self.close_button.setEnabled(status == "open")
        self.reopen_button.setEnabled(status == "closed")
        self.delete_button.setEnabled(row >= 0)
        self.handover_action.setEnabled(row >= 0)
