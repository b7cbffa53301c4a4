"""The Advise stage: findings (from concerns, phone checks, or added by hand), the protocol's
options for each with their risks, and per chosen option the three safety-planning
answers, the survivor's decision and who acts. Each chosen option is a PlanItem.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _, current_language
from clinic.model import Case, Finding, PlanItem, Visit
from clinic.protocols.schema import Item, Option
from clinic.vocabulary import finding_detail, finding_title, line_text
from ui import prompts
from ui.stages.advise_parts.findings_model import FindingsModel
from ui.stages.advise_parts.own_option import OwnOptionDialog
from ui.stages.advise_parts.plan_form import PlanForm
from ui.stages.base import StageContext, StagePage, register
from ui.stages.investigate_parts.risk import RiskBadges
from ui.stages.session_parts.check_in_banner import CheckInBanner
from ui.stages.session_parts.forms import FitScrollArea
from ui.widgets import SafeLabel


@register
class AdvisePage(StagePage):
    stage_id = "advise"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        assert context is not None
        self._case: Case | None = None
        self._visit: Visit | None = None
        self._finding: Finding | None = None
        self.option_buttons: list[QPushButton] = []
        self.option_rows: list[QWidget] = []
        self.option_status: list[SafeLabel] = []
        """Beside each option's button: "Chosen: ..." once it is (feedback where you click)."""
        self.model = FindingsModel()
        self.model.setParent(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move
        self.table.setAccessibleName(_("Findings"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_("Add a &finding…"), self)
        self.add_button.setAccessibleName(_("Add a finding by hand"))
        self.detail = SafeLabel("", self)
        self.detail.setAccessibleName(_("About this finding"))
        self.options_box = QWidget(self)
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.own_button = QPushButton(_("Add an option of &our own…"), self)
        self.own_button.setAccessibleName(_("Add an option of our own"))
        self.plan_box = QComboBox(self)
        self.plan_box.setAccessibleName(_("Chosen option"))
        self.form = PlanForm(self)
        self._build_layout()
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.add_button.clicked.connect(self.add_finding)
        self.own_button.clicked.connect(self.add_own_option)
        self.plan_box.activated.connect(self._on_plan_chosen)
        self.form.changed.connect(self._on_plan_changed)

    def _build_layout(self) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        top_layout.addLayout(row)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.detail)
        heading = QLabel(_("Options"), body)
        heading.setObjectName("panelTitle")
        body_layout.addWidget(heading)
        body_layout.addWidget(self.options_box)
        own = QHBoxLayout()
        own.addWidget(self.own_button)
        own.addStretch(1)
        body_layout.addLayout(own)
        chosen = QLabel(_("C&hosen option:"), body)  # Alt+O is "option of our own"
        chosen.setBuddy(self.plan_box)
        body_layout.addWidget(chosen)
        body_layout.addWidget(self.plan_box)
        body_layout.addWidget(self.form)
        body_layout.addStretch(1)
        scroll = FitScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setSizes([170, 430])
        splitter.setChildrenCollapsible(False)
        title = QLabel(_("Advise"), self)
        title.setObjectName("viewTitle")
        self.check_in_banner = CheckInBanner(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.check_in_banner)
        layout.addWidget(splitter, 1)

    # -- StagePage -----------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._case, self._visit = case, visit
        assert self.context is not None
        self.model.protocols = self.context.protocols
        self.form.set_questions(self.context.protocols.guide("safety-planning", current_language()))
        self.check_in_banner.follow(visit)
        self._reload()

    def clear(self) -> None:
        self._case = self._visit = self._finding = None
        self.check_in_banner.hide()
        self.model.set_case(None)
        self._show_finding(None)

    def refresh(self) -> None:
        """The check-in banner follows the visit; findings added elsewhere (a checklist
        concern, a phone check) join the table without resetting the chosen one."""
        if self._case is None:
            return
        self.check_in_banner.follow(self._visit)
        if {f.id for f in self._case.findings} != set(self.model.finding_ids()):
            self._reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._case is not None:
            self._reload()

    def _reload(self) -> None:
        keep = self._finding.id if self._finding else None
        self.model.set_case(self._case)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._show_finding(None)

    # -- findings ------------------------------------------------------------------------
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        self._show_finding(self.model.finding(min(rows)) if rows else None)

    def _item(self, finding: Finding | None) -> Item | None:
        if finding is None or not finding.protocol_id or not finding.item_id or not self.context:
            return None
        return self.context.protocols.item(finding.protocol_id, finding.item_id, current_language())

    def _show_finding(self, finding: Finding | None) -> None:
        self._finding = finding
        for row in self.option_rows:
            row.deleteLater()
        self.option_rows, self.option_buttons, self.option_status = [], [], []
        self.own_button.setEnabled(finding is not None)
        if finding is None:
            self.detail.setText(
                _(
                    "No finding chosen. Findings come from checklist concerns and phone"
                    " checks, or add one by hand."
                )
            )
            self._show_plans(None)
            return
        protocols = self.context.protocols if self.context else None
        lines = [finding_title(finding, None, protocols)]
        if detail := finding_detail(finding):
            lines.append(detail)
        lines.extend(f"• {line_text(line)}" for line in finding.evidence)
        item = self._item(finding)
        if item is not None:
            lines.append(_("What a concern looks like: {text}").format(text=item.concern))
        if not item or not item.options:
            lines.append(_("The checklist has no options for this finding: add one of your own."))
        self.detail.setText("\n".join(lines))
        for option in item.options if item else []:
            self._add_option_row(option)
        self._show_plans(None)

    def _add_option_row(self, option: Option) -> None:
        row = QWidget(self.options_box)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 4)
        title = SafeLabel(option.title, row)
        title.setObjectName("panelTitle")
        detail = SafeLabel(option.detail, row)
        badges = RiskBadges(row)
        badges.set_tags(option.risk_tags)
        chosen = self._plan_for(option.id) is not None
        button = QPushButton(_("Chosen") if chosen else _("Choose this option"), row)
        button.setAccessibleName(_("Choose: {title}").format(title=option.title))
        button.setEnabled(not chosen)
        button.clicked.connect(lambda _c=False, o=option: self.choose_option(o))
        status = SafeLabel(
            _("Chosen: answer the three questions and record the decision below.")
            if chosen
            else "",
            row,
        )
        status.setObjectName("muted")
        status.setAccessibleName(_("Option status"))
        for widget in (title, detail, badges):
            layout.addWidget(widget)
        line = QHBoxLayout()
        line.addWidget(button)
        line.addWidget(status, 1)
        layout.addLayout(line)
        self.options_layout.addWidget(row)
        self.option_buttons.append(button)
        self.option_status.append(status)
        self.option_rows.append(row)

    def add_finding(self) -> None:
        if self._case is None:
            return
        title = prompts.ask_text(self, _("Add a finding"), _("What was found (a short title):"))
        if not title or not title.strip():
            return
        finding = Finding(
            visit_id=self._visit.id if self._visit else None, source="manual", title=title.strip()
        )
        self._case.findings.append(finding)
        self.edited.emit("findings", finding)
        self.model.set_case(self._case)
        self.table.selectRow(self.model.row_of(finding.id))
        self.table.setFocus()

    # -- plan items ----------------------------------------------------------------------
    def _plans(self) -> list[PlanItem]:
        if self._case is None or self._finding is None:
            return []
        return [p for p in self._case.plan_items if p.finding_id == self._finding.id]

    def _plan_for(self, option_id: str) -> PlanItem | None:
        return next((p for p in self._plans() if p.option_id == option_id), None)

    def choose_option(self, option: Option) -> None:
        item = self._item(self._finding)
        tags = list(dict.fromkeys([*option.risk_tags, *(item.risk_tags if item else [])]))
        self._add_plan(PlanItem(title=option.title, option_id=option.id, risk_tags=tags))

    def add_own_option(self) -> None:
        """A title, its risks and the three questions in one dialog (OwnOptionDialog)."""
        if self._finding is None:
            return
        item = self._item(self._finding)
        questions = [label.text().split(". ", 1)[-1] for label in self.form.question_labels]
        dialog = OwnOptionDialog(self, questions, item.risk_tags if item else [])
        plan = prompts.ask_with(dialog, dialog.plan)
        if isinstance(plan, PlanItem):
            self._add_plan(plan)

    def _add_plan(self, plan: PlanItem) -> None:
        if self._case is None or self._finding is None:
            return
        plan.finding_id = self._finding.id
        self._case.plan_items.append(plan)
        self.edited.emit("plan_items", plan)
        self._show_finding(self._finding)
        self._show_plans(plan.id)
        self.model.refresh_row(self._finding.id)

    def _show_plans(self, plan_id: str | None) -> None:
        plans = self._plans()
        self.plan_box.clear()
        for plan in plans:
            self.plan_box.addItem(plan.title, plan.id)
        self.plan_box.setEnabled(bool(plans))
        index = max(self.plan_box.findData(plan_id), 0) if plan_id else len(plans) - 1
        self.plan_box.setCurrentIndex(index)
        self._on_plan_chosen(index)

    def _on_plan_chosen(self, index: int) -> None:
        plans = self._plans()
        plan = plans[index] if 0 <= index < len(plans) else None
        item = self._item(self._finding)
        self.form.show_plan(plan, item.caution if item else "")

    def _on_plan_changed(self, plan: object) -> None:
        if isinstance(plan, PlanItem):
            self.edited.emit("plan_items", plan)
            if plan.finding_id:
                self.model.refresh_row(plan.finding_id)
