"""The Before stage: pre-session checklist, consent record, safety check-in, team and mode.

Everything here belongs to the visit (Visit.pre_session, .consent, .check_in, .team, .mode);
each change updates the shared visit object and emits edited("visits", visit).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import N_, _, current_language
from clinic.model import Case, Visit
from clinic.model.vocab import VisitMode
from clinic.protocols.schema import Guide
from ui.stages.base import StageContext, StagePage, register
from ui.stages.session_parts.forms import (
    assign,
    choice_box,
    error_line,
    heading,
    scrolled,
    set_choice,
    yes_no_unsure,
)
from ui.stages.session_parts.guide_lists import GuideCheckModel, wrapped_list
from ui.stages.session_parts.team import TeamEditor
from ui.widgets import SafeLabel

REMOTE_GUIDE = "remote-session"
CONSENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("script_read", N_("The script was read or explained")),
    ("may_check_devices", N_("We may check the devices brought today")),
    ("may_check_accounts", N_("We may check accounts together")),
    ("may_keep_notes", N_("We may keep notes (under the pseudonym)")),
    ("may_share_with_advocate", N_("We may share what we find with the advocate")),
    ("may_keep_app_list", N_("We may keep the list of apps from a phone check")),
)
CHECK_IN_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("safe_to_talk", "good-time", N_("Is it safe to talk now?")),
    ("others_have_access", "device-access", N_("Does anyone else have access to these devices?")),
    ("summary_safe_to_take_home", "printed-summary", N_("Is a printed summary safe to take home?")),
)
CHECK_IN_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("if_interrupted", "if-interrupted", N_("What do we do if we are interrupted?")),
    ("code_word", "code-word", N_("Code word (optional)")),
)


def guide_text(guide: Guide | None, entry_id: str, fallback: str) -> str:
    entry = next((e for e in guide.entries if e.id == entry_id), None) if guide else None
    return entry.text if entry else fallback


@register
class BeforePage(StagePage):
    stage_id = "before"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._visit: Visit | None = None
        lang = current_language()
        protocols = context.protocols if context else None
        self._guides = {
            gid: protocols.guide(gid, lang) if protocols else None
            for gid in ("pre-session", "consent", "safety-check-in", REMOTE_GUIDE)
        }
        title = QLabel(_("Before"), self)
        title.setObjectName("viewTitle")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Before the session"))
        self.tabs.addTab(self._build_checklist(), _("&Checklist"))
        self.tabs.addTab(scrolled(self._build_consent(), self), _("C&onsent"))
        self.tabs.addTab(scrolled(self._build_check_in(), self), _("&Safety check-in"))
        self.team = TeamEditor(self)
        self.team.changed.connect(self._changed)
        self.tabs.addTab(self.team, _("&Team and mode"))
        self.remote_page = scrolled(self._build_remote(), self)
        self.remote_page.hide()  # a tab only for phone and video visits; never loose on the page
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    # -- building --------------------------------------------------------------------
    def _build_remote(self) -> QWidget:
        """The remote-session guide, shown first when the visit is by phone or video."""
        box = QWidget(self)
        guide = self._guides[REMOTE_GUIDE]
        layout = QVBoxLayout(box)
        layout.addWidget(heading(guide.title if guide else _("Remote session"), box))
        if guide is not None and guide.intro:
            layout.addWidget(SafeLabel(guide.intro, box))
        lines = []
        for n, entry in enumerate(guide.entries if guide else [], start=1):
            lines.append(f"{n}. {entry.text}")
            if entry.hint:
                lines.append(f"    {entry.hint}")
        self.remote_text = SafeLabel(
            "\n".join(lines) or _("The remote-session guide is not written yet."), box
        )
        self.remote_text.setAccessibleName(_("Remote session: ask these first"))
        layout.addWidget(self.remote_text)
        layout.addStretch(1)
        return box

    def _sync_remote(self, lead: bool) -> None:
        """A phone or video visit leads with the remote-session guide (its own first tab);
        `lead` also shows it (when the visit is opened, not while the mode is edited)."""
        visit = self._visit
        remote = visit is not None and visit.mode != VisitMode.IN_PERSON
        index = self.tabs.indexOf(self.remote_page)
        if remote and index < 0:
            self.tabs.insertTab(0, self.remote_page, _("&Remote session"))
        elif not remote and index >= 0:
            self.tabs.removeTab(index)
            self.remote_page.hide()
        if remote and lead:
            self.tabs.setCurrentIndex(0)

    def refresh(self) -> None:
        """The mode may have changed on the Team and mode tab."""
        self._sync_remote(lead=False)

    def _build_checklist(self) -> QWidget:
        box = QWidget(self)
        self.checklist_model = GuideCheckModel(self._on_checklist)
        self.checklist = wrapped_list(self.checklist_model, _("Pre-session checklist"), box)
        hint = SafeLabel(_("Tick each entry when it is done. Space ticks the selected entry."), box)
        hint.setObjectName("muted")
        layout = QVBoxLayout(box)
        layout.addWidget(hint)
        layout.addWidget(self.checklist, 1)
        return box

    def _build_consent(self) -> QWidget:
        box = QWidget(self)
        guide = self._guides["consent"]
        lines = [f"\u2022 {e.text}" for e in guide.entries] if guide else []
        self.script = SafeLabel("\n".join(lines) or _("The consent script is not written yet."))
        self.script.setAccessibleName(_("Consent and transparency script"))
        layout = QVBoxLayout(box)
        layout.addWidget(heading(_("Say this in your own words"), box))
        layout.addWidget(self.script)
        layout.addWidget(heading(_("What the survivor agreed to"), box))
        self.consent_boxes: dict[str, QCheckBox] = {}
        for field, label in CONSENT_FIELDS:
            check = QCheckBox(_(label), box)
            check.setAccessibleName(_(label))
            check.toggled.connect(lambda on, f=field: self._on_consent(f, on))
            self.consent_boxes[field] = check
            layout.addWidget(check)
        layout.addWidget(QLabel(_("Consent notes"), box))
        self.consent_notes = QPlainTextEdit(box)
        self.consent_notes.setAccessibleName(_("Consent notes"))
        self.consent_notes.setTabChangesFocus(True)
        self.consent_notes.setFixedHeight(70)
        self.consent_notes.textChanged.connect(self._on_consent_notes)
        layout.addWidget(self.consent_notes)
        self.consent_error = error_line(box)
        layout.addWidget(self.consent_error)
        layout.addStretch(1)
        return box

    def _build_check_in(self) -> QWidget:
        box = QWidget(self)
        guide = self._guides["safety-check-in"]
        layout = QVBoxLayout(box)
        self.check_in_boxes: dict[str, QComboBox] = {}
        for field, entry_id, fallback in CHECK_IN_CHOICES:
            question = guide_text(guide, entry_id, _(fallback))
            layout.addWidget(SafeLabel(question, box))
            combo = choice_box(yes_no_unsure(), _(fallback), box)
            combo.currentIndexChanged.connect(lambda _i, f=field: self._on_check_in_choice(f))
            self.check_in_boxes[field] = combo
            layout.addWidget(combo)
        self.check_in_texts: dict[str, QLineEdit] = {}
        for field, entry_id, fallback in CHECK_IN_TEXTS:
            layout.addWidget(SafeLabel(guide_text(guide, entry_id, _(fallback)), box))
            edit = QLineEdit(box)
            edit.setAccessibleName(_(fallback))
            edit.textChanged.connect(lambda text, f=field: self._on_check_in_text(f, text))
            self.check_in_texts[field] = edit
            layout.addWidget(edit)
        self.check_in_error = error_line(box)
        layout.addWidget(self.check_in_error)
        layout.addStretch(1)
        return box

    # -- StagePage -------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._show(visit)

    def clear(self) -> None:
        self._show(None)

    def _show(self, visit: Visit | None) -> None:
        self._visit = None  # no edits are stored while widgets are filled
        guide = self._guides["pre-session"]
        self.checklist_model.reset(
            guide.entries if guide and visit else [], visit.pre_session if visit else {}
        )
        consent = visit.consent if visit else None
        for field, check in self.consent_boxes.items():
            with QSignalBlocker(check):
                check.setChecked(bool(consent and getattr(consent, field)))
        with QSignalBlocker(self.consent_notes):
            self.consent_notes.setPlainText(consent.notes if consent else "")
        check_in = visit.check_in if visit else None
        for field, combo in self.check_in_boxes.items():
            set_choice(combo, getattr(check_in, field) if check_in else "not_asked")
        for field, edit in self.check_in_texts.items():
            with QSignalBlocker(edit):
                edit.setText(getattr(check_in, field) if check_in else "")
        self.consent_error.hide()
        self.check_in_error.hide()
        self.team.load(visit)
        self.tabs.setEnabled(visit is not None)
        self._visit = visit
        self._sync_remote(lead=True)

    # -- edits -----------------------------------------------------------------------
    def _changed(self) -> None:
        if self._visit is not None:
            self.edited.emit("visits", self._visit)

    def _on_checklist(self, entry_id: str, checked: bool) -> None:
        if self._visit is not None:
            self._visit.pre_session = {**self._visit.pre_session, entry_id: checked}
            self._changed()

    def _on_consent(self, field: str, on: bool) -> None:
        if self._visit is not None:
            setattr(self._visit.consent, field, on)
            self._changed()

    def _on_consent_notes(self) -> None:
        if self._visit is not None:
            text = self.consent_notes.toPlainText()
            if assign(self._visit.consent, "notes", text, self.consent_error):
                self._changed()

    def _on_check_in_choice(self, field: str) -> None:
        if self._visit is not None:
            setattr(self._visit.check_in, field, self.check_in_boxes[field].currentData())
            self._changed()

    def _on_check_in_text(self, field: str, text: str) -> None:
        if self._visit is not None and assign(
            self._visit.check_in, field, text, self.check_in_error
        ):
            self._changed()
