"""An option of our own for a finding: a title, its risks and the three safety-planning
questions, asked together so an option made up at the table is weighed like the
protocol's own (the survivor still decides in the plan form)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _
from clinic.model import PlanItem
from clinic.model.vocab import RiskTag
from ui.prompts import fit_title
from ui.stages.investigate_parts.risk import badge_text, meaning
from ui.text_rules import short_text_problem
from ui.widgets import SafeLabel


class OwnOptionDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        questions: list[str],
        tags: Iterable[RiskTag] = (),
    ) -> None:
        super().__init__(parent)
        fit_title(self, _("An option of our own"))
        self.setMinimumWidth(max(self.minimumWidth(), 560))
        layout = QVBoxLayout(self)
        title_label = QLabel(_("&What could be done (a short title):"), self)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(_("What could be done"))
        title_label.setBuddy(self.title)
        self.problem = SafeLabel("", self)
        self.problem.setObjectName("errorText")
        self.problem.hide()
        for widget in (title_label, self.title, self.problem):
            layout.addWidget(widget)
        heading = QLabel(_("Its risks (tick each that applies):"), self)
        heading.setObjectName("panelTitle")
        layout.addWidget(heading)
        chosen = set(tags)
        self.tag_boxes: dict[RiskTag, QCheckBox] = {}
        for tag in RiskTag:
            box = QCheckBox(f"{badge_text(tag)}: {meaning(tag)}", self)
            box.setAccessibleName(badge_text(tag))
            box.setChecked(tag in chosen)
            self.tag_boxes[tag] = box
            layout.addWidget(box)
        heading = QLabel(_("The three safety-planning questions:"), self)
        heading.setObjectName("panelTitle")
        layout.addWidget(heading)
        self.answers: list[QPlainTextEdit] = []
        for question in questions:
            label = SafeLabel(question, self)
            answer = QPlainTextEdit(self)
            answer.setAccessibleName(question)
            answer.setTabChangesFocus(True)
            answer.setFixedHeight(48)
            layout.addWidget(label)
            layout.addWidget(answer)
            self.answers.append(answer)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(
            _("Add this option"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(self._on_title)
        self._on_title("")

    def _on_title(self, text: str) -> None:
        problem = short_text_problem(text)
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem) and bool(text))
        self.ok.setEnabled(problem is None)

    def accept(self) -> None:
        if short_text_problem(self.title.text()) is None:
            super().accept()

    def plan(self) -> PlanItem | None:
        """The option as a plan item (None while the title breaks the rule)."""
        if short_text_problem(self.title.text()) is not None:
            return None
        texts = [box.toPlainText() for box in self.answers] + ["", "", ""]
        try:
            return PlanItem(
                title=self.title.text().strip(),
                risk_tags=[t for t, box in self.tag_boxes.items() if box.isChecked()],
                would_notice=texts[0],
                access_lost=texts[1],
                reaction=texts[2],
            )
        except ValueError:
            return None
