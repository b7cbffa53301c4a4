"""One plan item: its risks, the three safety-planning questions, the survivor's decision,
who acts, and "Did you document this before changing it?" when the option is so tagged.

Choosing to do a change the other person could notice first shows the caution, and a
document-first change asks whether it was documented, both through the prompts seam.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from clinic import vocabulary
from clinic.i18n import N_, _
from clinic.model import PlanItem
from clinic.model.vocab import Decision, RiskTag
from clinic.protocols.schema import Guide
from ui import prompts
from ui.stages.investigate_parts.choice_row import ChoiceRow
from ui.stages.investigate_parts.risk import RiskBadges, is_noticeable
from ui.widgets import SafeLabel

DECISIONS: dict[Decision, str] = vocabulary.DECISION_CHOICE
DOCUMENT_QUESTION = N_("Did you document this before changing it?")
QUESTION_IDS = ("notice", "lose-access", "react")
FALLBACK_QUESTIONS = (
    N_("What would the other person notice?"),
    N_("What access would the other person lose?"),
    N_("How might the other person react?"),
)
DOCUMENTED: tuple[tuple[bool | None, str], ...] = (
    (None, N_("not asked yet")),
    (True, N_("yes, documented first")),
    (False, N_("no")),
)


def _text_box(name: str, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(54)
    return box


class PlanForm(QWidget):
    changed = Signal(object)
    """The shown plan item changed; payload: the PlanItem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: PlanItem | None = None
        self._caution = ""
        self._loading = False
        self.title = SafeLabel("", self)
        self.title.setObjectName("panelTitle")
        self.badges = RiskBadges(self)
        self.notice = _text_box(_(FALLBACK_QUESTIONS[0]), self)
        self.lose = _text_box(_(FALLBACK_QUESTIONS[1]), self)
        self.react = _text_box(_(FALLBACK_QUESTIONS[2]), self)
        self.decision = ChoiceRow(
            [(d, _(words)) for d, words in DECISIONS.items()], _("The survivor's decision"), self
        )
        self.who = QLineEdit(self)
        self.who.setAccessibleName(_("Who acts"))
        self.documented = QComboBox(self)
        self.documented.setAccessibleName(_(DOCUMENT_QUESTION))
        for documented, words in DOCUMENTED:
            self.documented.addItem(_(words), documented)
        self.note = _text_box(_("Note about this option"), self)
        self.form = QFormLayout(self)
        self.form.addRow(self.title)
        self.form.addRow(self.badges)
        self.question_labels = [QLabel(self) for _n in range(3)]
        for label, box in zip(
            self.question_labels, (self.notice, self.lose, self.react), strict=True
        ):
            label.setWordWrap(True)
            label.setBuddy(box)
            self.form.addRow(label)
            self.form.addRow(box)
        self._buddy_row(_("&Decision:"), self.decision)
        self._buddy_row(_("&Who acts:"), self.who)
        self.documented_label = self._buddy_row(_(DOCUMENT_QUESTION), self.documented)
        self._buddy_row(_("Not&e:"), self.note)
        self.note_prints = QLabel(_("Prints on the survivor's summary."), self)
        self.note_prints.setObjectName("muted")
        self.form.addRow("", self.note_prints)
        self.set_questions(None)
        for box in (self.notice, self.lose, self.react, self.note):
            box.textChanged.connect(self._on_text)
        self.who.textEdited.connect(lambda _t: self._on_text())
        self.decision.chosen.connect(self._on_decision)
        self.documented.activated.connect(self._on_documented)
        self.setEnabled(False)

    def _buddy_row(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setBuddy(field)
        self.form.addRow(label, field)
        return label

    def set_questions(self, guide: Guide | None) -> None:
        """The three questions from the safety-planning guide (fallback: built-in words)."""
        entries = {e.id: e.text for e in guide.entries} if guide else {}
        for n, (qid, label) in enumerate(zip(QUESTION_IDS, self.question_labels, strict=True)):
            text = entries.get(qid) or _(FALLBACK_QUESTIONS[n])
            label.setText(f"{n + 1}. {text.replace('&', '&&')}")

    def show_plan(self, plan: PlanItem | None, caution: str = "") -> None:
        self._loading = True
        self._plan, self._caution = plan, caution
        self.setEnabled(plan is not None)
        self.title.setText(plan.title if plan else "")
        self.badges.set_tags(plan.risk_tags if plan else [])
        self.notice.setPlainText(plan.would_notice if plan else "")
        self.lose.setPlainText(plan.access_lost if plan else "")
        self.react.setPlainText(plan.reaction if plan else "")
        self.who.setText(plan.who_acts if plan else "")
        self.note.setPlainText(plan.note if plan else "")
        self._show_decision()
        tagged = plan is not None and RiskTag.DOCUMENT_FIRST in plan.risk_tags
        self.documented.setVisible(tagged)
        self.documented_label.setVisible(tagged)
        self._loading = False

    def _show_decision(self) -> None:
        plan = self._plan
        self.decision.set_value(plan.decision if plan else Decision.UNDECIDED)
        documented = plan.documented_first if plan else None
        self.documented.setCurrentIndex([v for v, _l in DOCUMENTED].index(documented))

    def _on_text(self) -> None:
        if self._loading or self._plan is None:
            return
        self._plan.would_notice = self.notice.toPlainText()
        self._plan.access_lost = self.lose.toPlainText()
        self._plan.reaction = self.react.toPlainText()
        self._plan.who_acts = self.who.text()
        self._plan.note = self.note.toPlainText()
        self.changed.emit(self._plan)

    def _on_documented(self, index: int) -> None:
        if self._plan is not None and not self._loading:
            self._plan.documented_first = DOCUMENTED[index][0]
            self.changed.emit(self._plan)

    def _on_decision(self, value: object) -> None:
        plan = self._plan
        if plan is None or self._loading:
            return
        decision = Decision(str(value))
        if decision == Decision.DONE_TOGETHER and not self._confirm_change(plan):
            self._show_decision()
            return
        plan.decision = decision
        self.changed.emit(plan)
        self._show_decision()

    def _confirm_change(self, plan: PlanItem) -> bool:
        """The caution for a noticeable change, then the document-first question."""
        if is_noticeable(plan.risk_tags):
            text = self._caution or _("The other person may notice this change.")
            question = _("{caution}\n\nHas the survivor decided to do this now?").format(
                caution=text
            )
            if not prompts.confirm(self, _("Before this change"), question, yes=_("Yes, do it")):
                return False
        if RiskTag.DOCUMENT_FIRST in plan.risk_tags and plan.documented_first is None:
            plan.documented_first = prompts.confirm(
                self, _("Document first"), _(DOCUMENT_QUESTION), yes=_("Yes, documented")
            )
        return True
