"""The survivor panel of practice mode: what the fictional survivor says.

Shown beside the workspace while a practice case is open. The trainee picks a question of
the current stage (the safety check-in, the consent script, the questionnaire topics, the
remote-session checks) or a follow-up; marking a topic "raised" in Understand also shows the
survivor's answer to it. "End practice: debrief" opens the debrief screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _
from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.training.scenario import Scenario

# Which guides the survivor answers at each stage (the remote-session guide leads when remote).
STAGE_GUIDES: dict[str, tuple[str, ...]] = {
    "before": ("remote-session", "safety-check-in", "consent"),
    "understand": ("questionnaire",),
}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PREPARATION_GUIDE = "volunteer-preparation"


class SurvivorPanel(QWidget):
    debrief_requested = Signal()
    phone_check_requested = Signal()
    """Check the fictional survivor's phone (the scenario's app list) with the phone check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("survivorPanel")
        self._scenario: Scenario | None = None
        self._protocols: ProtocolSet | None = None
        self._lang = "en"
        self._topics: dict[str, str] = {}
        self.banner = QLabel(_("Practice: fictional case"), self)
        self.banner.setObjectName("practiceBanner")
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.situation = QLabel(self)
        self.situation.setWordWrap(True)
        self.situation.setObjectName("muted")
        self.questions = QListWidget(self)
        self.questions.setAccessibleName(_("Ask the survivor"))
        self.questions.setWordWrap(True)
        self.reply = QLabel(self)
        self.reply.setObjectName("survivorReply")
        self.reply.setWordWrap(True)
        self.reply.setTextFormat(Qt.TextFormat.PlainText)
        self.reply.setAccessibleName(_("What the survivor says"))
        self.reply.setStyleSheet(
            "background: #f3eefa; border: 1px solid #b9a6d6; border-radius: 4px; padding: 8px;"
        )
        self.reply.setMinimumHeight(60)
        self.debrief_button = QPushButton(_("End practice: debrief"), self)
        self.phone_button = QPushButton(_("Check the fictional phone"), self)
        self.phone_button.setAccessibleName(
            _("Run the phone check on the fictional survivor's app list")
        )
        self.guide_button = QPushButton(_("Preparation guide"), self)
        self.guide_button.setAccessibleName(_("Read the volunteer preparation guide"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.who)
        layout.addWidget(self.situation)
        layout.addWidget(QLabel(_("Ask the survivor:"), self))
        layout.addWidget(self.questions, 1)
        layout.addWidget(self.reply)
        layout.addWidget(self.phone_button)
        layout.addWidget(self.guide_button)
        layout.addWidget(self.debrief_button)
        self.questions.currentItemChanged.connect(self._asked)
        self.debrief_button.clicked.connect(self.debrief_requested)
        self.guide_button.clicked.connect(self.show_preparation_guide)
        self.phone_button.clicked.connect(self.phone_check_requested)
        self.guide_dialog: QDialog | None = None

    @property
    def scenario(self) -> Scenario | None:
        return self._scenario

    def show_scenario(self, scenario: Scenario, protocols: ProtocolSet, lang: str) -> None:
        self._scenario, self._protocols, self._lang = scenario, protocols, lang
        self.who.setText(scenario.survivor.pseudonym)
        self.situation.setText(scenario.survivor.situation)
        self.reply.setText(
            _("{name} says: {words}").format(
                name=scenario.survivor.pseudonym, words=scenario.survivor.opening
            )
        )
        self.phone_button.setVisible(bool(scenario.truth.phone_apps))
        self.show_stage("before")

    def clear(self) -> None:
        self._scenario = None
        self.questions.clear()
        for label in (self.who, self.situation, self.reply):
            label.clear()

    def show_preparation_guide(self) -> None:
        """The volunteer preparation guide (forms of abuse, limits, self-care), read-only."""
        guide = self._protocols.guide(PREPARATION_GUIDE, self._lang) if self._protocols else None
        if guide is None:
            return
        lines = [guide.title, "", guide.intro, ""] if guide.intro else [guide.title, ""]
        for entry in guide.entries:
            lines.append(f"- {entry.text}")
            if entry.hint:
                lines.append(f"  {entry.hint}")
        dialog = QDialog(self)
        dialog.setObjectName("preparationGuide")
        dialog.setWindowTitle(guide.title)
        text = QPlainTextEdit("\n".join(lines), dialog)
        text.setReadOnly(True)
        close = QPushButton(_("Close"), dialog)
        close.clicked.connect(dialog.accept)
        box = QVBoxLayout(dialog)
        box.addWidget(text)
        box.addWidget(close)
        dialog.resize(760, 600)
        self.guide_dialog = dialog
        dialog.open()

    def show_stage(self, stage_id: str) -> None:
        """The questions the survivor answers at this stage, then the follow-ups."""
        scenario, protocols = self._scenario, self._protocols
        self.questions.clear()
        if scenario is None or protocols is None:
            return
        for guide_id in STAGE_GUIDES.get(stage_id, ()):
            if guide_id == "remote-session" and not scenario.remote:
                continue
            guide = protocols.guide(guide_id, self._lang)
            if guide is None:
                continue
            for entry in guide.entries:
                if scenario.answer(guide_id, entry.id) is not None:
                    self._add(f"{guide_id}/{entry.id}", entry.text)
        for follow_up in scenario.follow_ups:
            self._add(f"follow-up/{follow_up.id}", follow_up.prompt)

    def _add(self, key: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(KEY_ROLE, key)
        self.questions.addItem(item)

    def _asked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.say(str(item.data(KEY_ROLE)))

    def say(self, key: str) -> None:
        """Show the survivor's words for `guide/entry` or `follow-up/id`."""
        scenario = self._scenario
        if scenario is None:
            return
        group, _sep, entry = key.partition("/")
        if group == "follow-up":
            words = next((f.reply for f in scenario.follow_ups if f.id == entry), None)
        else:
            words = scenario.answer(group, entry)
        name = scenario.survivor.pseudonym
        self.reply.setText(
            _("{name} says: {words}").format(name=name, words=words)
            if words
            else _("{name} has nothing to add about this.").format(name=name)
        )

    def topics_changed(self, case: Case) -> None:
        """A topic newly marked raised in Understand: show what the survivor says about it."""
        visit = case.latest_visit()
        if visit is None:
            return
        now = {topic: str(state) for topic, state in visit.topics.items()}
        for topic, state in now.items():
            if state == "raised" and self._topics.get(topic) != "raised":
                self.say(f"questionnaire/{topic}")
        self._topics = now
