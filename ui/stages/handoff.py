"""The Hand off stage: the note to the advocate, referrals, follow-ups, end-of-session checklist.

The note is this visit's HandoffNote (created on first words); referrals and follow-ups are
case records; the checklist is stored in Visit.end_session by guide entry id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _, current_language
from clinic.model import Case, HandoffNote, Visit
from ui import prompts
from ui.stages.base import StageContext, StagePage, register
from ui.stages.session_parts.follow_ups import FollowUpsEditor
from ui.stages.session_parts.forms import assign, error_line
from ui.stages.session_parts.guide_lists import GuideCheckModel, wrapped_list
from ui.stages.session_parts.referrals import ReferralsEditor, confirmations_job
from ui.widgets import SafeLabel


@register
class HandoffPage(StagePage):
    stage_id = "handoff"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._case: Case | None = None
        self._visit: Visit | None = None
        protocols = context.protocols if context else None
        lang = current_language()
        self._end_guide = protocols.guide("end-of-session", lang) if protocols else None
        title = QLabel(_("Hand off"), self)
        title.setObjectName("viewTitle")
        self.referrals = ReferralsEditor(self)
        self.follow_ups = FollowUpsEditor(self)
        self.end_model = GuideCheckModel(self._on_end_session)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Hand off"))
        self.tabs.addTab(self._build_note(), _("&Note to the advocate"))
        self.tabs.addTab(self.referrals, _("&Referrals"))
        self.tabs.addTab(self.follow_ups, _("&Follow-ups"))
        self.end_list = wrapped_list(self.end_model, _("End-of-session checklist"), self)
        self.tabs.addTab(self.end_list, _("&End of session"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.referrals.added.connect(lambda ref: self.edited.emit("referrals", ref))
        self.referrals.removed.connect(lambda rid: self._delete("referrals", rid))
        self.follow_ups.changed.connect(lambda item: self.edited.emit("follow_ups", item))
        self.follow_ups.removed.connect(lambda fid: self._delete("follow_ups", fid))

    def _build_note(self) -> QWidget:
        box = QWidget(self)
        hint = SafeLabel(
            _(
                "Write only with the survivor's permission. Facts, decisions and what is "
                "left; no more detail than the advocate needs."
            ),
            box,
        )
        hint.setObjectName("muted")
        self.share_warning = SafeLabel(
            _("The consent record does not say the survivor agreed to share with the advocate."),
            box,
        )
        self.share_warning.setObjectName("warningBox")
        self.note = QPlainTextEdit(box)
        self.note.setAccessibleName(_("Note to the advocate"))
        self.note.setTabChangesFocus(True)
        self.note_error = error_line(box)
        self.remove_note_button = QPushButton(_("Remove this note"), box)
        self.remove_note_button.setAccessibleName(_("Remove this visit's note to the advocate"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_note_button)
        layout = QVBoxLayout(box)
        layout.addWidget(hint)
        layout.addWidget(self.share_warning)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.note_error)
        layout.addLayout(row)
        self.note.textChanged.connect(self._on_note)
        self.remove_note_button.clicked.connect(self.remove_note)
        return box

    def remove_note(self) -> None:
        """Delete this visit's note (asked first: it is erased from the vault)."""
        case, visit = self._case, self._visit
        note = self._note_for(case, visit)
        if note is None or case is None or self.context is None:
            return
        if not prompts.confirm(
            self,
            _("Remove the note"),
            _(
                "Remove this visit's note to the advocate? It is erased from the vault and"
                " leaves the handoff report."
            ),
            yes=_("Remove"),
        ):
            return
        self.context.session.delete_record("handoff_notes", note.id)
        with QSignalBlocker(self.note):
            self.note.clear()
        self.note_error.hide()
        self.remove_note_button.setEnabled(False)

    # -- StagePage -------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._show(case, visit)
        if self.context is not None:
            self.context.session.run_with_vault(confirmations_job(), self._got_confirmations)

    def clear(self) -> None:
        self._show(None, None)

    def _show(self, case: Case | None, visit: Visit | None) -> None:
        self._case, self._visit = None, None
        note = self._note_for(case, visit)
        with QSignalBlocker(self.note):
            self.note.setPlainText(note.text if note else "")
        self.note.setEnabled(visit is not None)
        self.remove_note_button.setEnabled(note is not None)
        self.note_error.hide()
        self.share_warning.setVisible(
            visit is not None and not visit.consent.may_share_with_advocate
        )
        self.referrals.load(case)
        self.follow_ups.load(case, self._today())
        entries = self._end_guide.entries if self._end_guide and visit else []
        self.end_model.reset(entries, visit.end_session if visit else {})
        self._case, self._visit = case, visit

    def refresh(self) -> None:
        """The consent may have changed on Before: the share warning follows it."""
        visit = self._visit
        self.share_warning.setVisible(
            visit is not None and not visit.consent.may_share_with_advocate
        )

    def _got_confirmations(self, confirmations: Any) -> None:
        if self._case is not None and isinstance(confirmations, dict):
            self.referrals.set_confirmations(confirmations)

    # -- edits -----------------------------------------------------------------------
    def _today(self) -> dt.date:
        return self.context.session.clock.today() if self.context else dt.date.today()

    @staticmethod
    def _note_for(case: Case | None, visit: Visit | None) -> HandoffNote | None:
        if case is None or visit is None:
            return None
        return next((n for n in case.handoff_notes if n.visit_id == visit.id), None)

    def _on_note(self) -> None:
        case, visit = self._case, self._visit
        if case is None or visit is None:
            return
        text = self.note.toPlainText()
        note = self._note_for(case, visit)
        if not text.strip():
            if note is not None:
                self.note_error.setText(_("An empty note is not saved. The last words are kept."))
                self.note_error.show()
            return
        if note is None:
            try:
                note = HandoffNote(visit_id=visit.id, written_on=self._today(), text=text)
            except ValueError:
                self.note_error.setText(_("This text holds a character that cannot be stored."))
                self.note_error.show()
                return
            case.handoff_notes.append(note)
            self.note_error.hide()
            self.remove_note_button.setEnabled(True)
        elif not assign(note, "text", text, self.note_error):
            return
        self.edited.emit("handoff_notes", note)

    def _on_end_session(self, entry_id: str, checked: bool) -> None:
        if self._visit is not None:
            self._visit.end_session = {**self._visit.end_session, entry_id: checked}
            self.edited.emit("visits", self._visit)

    def _delete(self, kind: str, entity_id: str) -> None:
        if self.context is not None and self._case is not None:
            self.context.session.delete_record(kind, entity_id)
        self.referrals.refresh()
        self.follow_ups.refresh()
