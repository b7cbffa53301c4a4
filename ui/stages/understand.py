"""The Understand stage: concerns in the survivor's words, situation, safe contact, topics.

Concerns and topics belong to the visit (edited("visits")); situation and safe contact are
the case's own fields (edited("case")). Living with the person of concern, or children's
visits with them, show a caution banner: changes are more likely to be noticed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _, current_language
from clinic.model import Case, Visit
from clinic.model.vocab import TopicState
from ui.stages.base import StageContext, StagePage, register
from ui.stages.session_parts.concerns import ConcernsEditor
from ui.stages.session_parts.context_forms import SafeContactForm, SituationForm
from ui.stages.session_parts.forms import scrolled
from ui.stages.session_parts.guide_lists import TopicModel, topic_label
from ui.widgets import SafeLabel

TOPIC_KEYS = ((TopicState.RAISED, "R"), (TopicState.DECLINED, "D"), (TopicState.NOT_YET, "N"))


def caution_text() -> str:
    return _(
        "Extra caution: the survivor lives with the person of concern, or children visit "
        "them. Changes to devices and accounts are more likely to be noticed. Plan every "
        "change with the survivor and the advocate first."
    )


@register
class UnderstandPage(StagePage):
    stage_id = "understand"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._case: Case | None = None
        self._visit: Visit | None = None
        protocols = context.protocols if context else None
        lang = current_language()
        self._topics_guide = protocols.guide("questionnaire", lang) if protocols else None
        title = QLabel(_("Understand"), self)
        title.setObjectName("viewTitle")
        self.caution = QFrame(self)
        self.caution.setObjectName("warningBox")
        self.caution_text = SafeLabel(caution_text(), self.caution)
        self.caution_text.setAccessibleName(_("Caution"))
        QVBoxLayout(self.caution).addWidget(self.caution_text)
        self.caution.hide()
        self.concerns = ConcernsEditor(self)
        self.situation = SituationForm(self)
        self.contact = SafeContactForm(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Understand the situation"))
        self.tabs.addTab(scrolled(self.concerns, self), _("&Concerns"))
        self.tabs.addTab(scrolled(self.situation, self), _("&Situation"))
        self.tabs.addTab(scrolled(self.contact, self), _("Safe c&ontact"))
        self.tabs.addTab(self._build_topics(), _("&Topics"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.caution)
        layout.addWidget(self.tabs, 1)
        self.concerns.changed.connect(self._visit_changed)
        self.situation.changed.connect(self._case_changed)
        self.contact.changed.connect(self._case_changed)

    def _build_topics(self) -> QWidget:
        box = QWidget(self)
        self.topic_model = TopicModel()
        self.topics = QTableView(box)
        self.topics.setModel(self.topic_model)
        self.topics.setTabKeyNavigation(False)  # Tab leaves the table; arrows move
        self.topics.setAccessibleName(_("Topics to cover"))
        self.topics.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.topics.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.topics.setWordWrap(True)
        header = self.topics.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.topics.verticalHeader().hide()
        self.topics.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QHBoxLayout()
        hint = SafeLabel(_("Mark the selected topic:"), box)
        buttons.addWidget(hint)
        self.topic_buttons: dict[TopicState, QPushButton] = {}
        for state, key in TOPIC_KEYS:
            button = QPushButton(f"{topic_label(state)} ({key})", box)
            button.setAccessibleName(_("Mark the topic {state}").format(state=topic_label(state)))
            button.clicked.connect(lambda _c=False, s=state: self._set_topic(s))
            buttons.addWidget(button)
            self.topic_buttons[state] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.topics, 1)
        layout.addLayout(buttons)
        self.topics.installEventFilter(self)
        return box

    # -- StagePage -------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._show(case, visit)

    def clear(self) -> None:
        self._show(None, None)

    def _show(self, case: Case | None, visit: Visit | None) -> None:
        self._case, self._visit = None, None
        today = self.context.session.clock.today() if self.context else dt.date.today()
        self.concerns.load(visit)
        self.situation.load(case, today)
        self.contact.load(case)
        entries = self._topics_guide.entries if self._topics_guide and visit else []
        self.topic_model.reset(entries, visit.topics if visit else {})
        for button in self.topic_buttons.values():
            button.setEnabled(visit is not None)
        self._case, self._visit = case, visit
        self._refresh_caution()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """R, D and N mark the selected topic raised, declined or not yet."""
        if watched is self.topics and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            state = next((s for s, key in TOPIC_KEYS if event.text().upper() == key), None)
            if state is not None and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
                self._set_topic(state)
                return True
        return super().eventFilter(watched, event)

    # -- edits -----------------------------------------------------------------------
    def _refresh_caution(self) -> None:
        self.caution.setVisible(self._case is not None and self._case.situation.high_caution)

    def _visit_changed(self) -> None:
        if self._visit is not None:
            self.edited.emit("visits", self._visit)

    def _case_changed(self) -> None:
        if self._case is not None:
            self._refresh_caution()
            self.edited.emit("case", self._case)

    def _set_topic(self, state: TopicState) -> None:
        row = self.topics.currentIndex().row()
        if self._visit is None or row < 0:
            return
        entry_id = self.topic_model.entry_id(row)
        self._visit.topics = {**self._visit.topics, entry_id: state}
        self.topic_model.set_state(row, state)
        self._visit_changed()
