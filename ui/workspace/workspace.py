"""The workspace frame for one case: header, stage navigation, stage pages, guidance, notes.

Stages are free to move between (not a wizard). Each navigation entry shows a small
done/left count from clinic.services.progress. The guidance panel collapses with Ctrl+G.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _, current_language
from clinic.model import Case, Visit
from clinic.protocols.loader import ProtocolSet
from clinic.protocols.select import coverage, select
from clinic.services.editing import OpenItems, open_items
from clinic.services.progress import Scope, StageProgress, stage_progress
from clinic.vocabulary import finding_title
from ui.cases.case_model import MASK
from ui.stages.base import STAGES, StageContext, StagePage, page_for
from ui.stages.session_parts.forms import UNSAVED_PROPERTY
from ui.table_fit import fit_headers
from ui.widgets import SafeLabel
from ui.workspace.guidance import GuidancePanel
from ui.workspace.visit_notes import VisitNotes


def progress_text(progress: StageProgress, unit: str = "steps") -> str:
    """ "N of M <unit>" by the stage table's definition of done; "done" only when it is."""
    if progress.total == 0:
        return _("nothing to count yet")
    counted = _("{done} of {total} {unit}").format(
        done=progress.done, total=progress.total, unit=_(unit)
    )
    if progress.complete:
        return _("done: {counted}").format(counted=counted)
    return counted


CHECK_KINDS = frozenset({"checklist_runs", "people", "devices", "accounts", "phone_checks"})
"""Edits that can change which checklist items are selected or have a result."""


class WorkspaceView(QWidget):
    back_requested = Signal()
    new_visit_requested = Signal()
    edited = Signal(str, object)
    """A stage page or the notes changed a record; payload: (kind, entity)."""
    position_changed = Signal()
    """The visible visit or stage changed."""
    unsaved_changed = Signal()
    """A field's "not stored" line appeared or went: see unsaved_fields()."""

    def __init__(
        self,
        protocols: ProtocolSet,
        parent: QWidget | None = None,
        context: StageContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("workspace")
        self._case: Case | None = None
        self._visit: Visit | None = None
        self.masked = False
        self._protocols = protocols
        self._checks: StageProgress | None = None
        self._build(protocols)
        self._connect()
        self._watch_unsaved()

    def _build(self, protocols: ProtocolSet) -> None:
        self.back_button = QPushButton(_("Back to cases"), self)
        self.back_button.setAccessibleName(_("Back to the case list"))
        self.case_label = SafeLabel("", self)
        self.case_label.setObjectName("caseTitle")
        self.case_label.setWordWrap(False)
        self.visit_box = QComboBox(self)
        self.visit_box.setAccessibleName(_("Visit"))
        self.new_visit_button = QPushButton(_("New visit"), self)
        self.new_visit_button.setAccessibleName(_("Start a new visit for this case"))
        self.guidance_button = QPushButton(_("Guidance"), self)
        self.guidance_button.setCheckable(True)
        self.guidance_button.setChecked(True)
        self.guidance_button.setAccessibleName(_("Show or hide the guidance panel"))
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.case_label, 1)
        header.addWidget(self.visit_box)
        header.addWidget(self.new_visit_button)
        header.addWidget(self.guidance_button)

        self.open_banner = QFrame(self)
        self.open_banner.setObjectName("openBanner")
        self.open_text = SafeLabel("", self.open_banner)
        self.open_text.setAccessibleName(_("Still open from earlier visits"))
        QVBoxLayout(self.open_banner).addWidget(self.open_text)
        self.open_banner.hide()

        self.nav = QListWidget(self)
        self.nav.setObjectName("stageNav")
        self.nav.setAccessibleName(_("Stages"))
        for stage in STAGES:
            self.nav.addItem(QListWidgetItem(_(stage.title)))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(230)
        self.pages: list[StagePage] = [page_for(stage.id, self.context) for stage in STAGES]
        self.stack = QStackedWidget(self)
        for page in self.pages:
            self.stack.addWidget(page)
        self.notes = VisitNotes(self)
        centre = QSplitter(Qt.Orientation.Vertical, self)
        centre.addWidget(self.stack)
        centre.addWidget(self.notes)
        centre.setStretchFactor(0, 1)
        centre.setStretchFactor(1, 0)
        centre.setSizes([520, 90])  # the stage gets the room; notes stay one drag away
        self.guidance = GuidancePanel(protocols, self)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.nav)
        body.addWidget(centre)
        body.addWidget(self.guidance)
        body.setStretchFactor(1, 3)
        body.setStretchFactor(2, 2)
        body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.open_banner)
        layout.addWidget(body, 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.new_visit_button.clicked.connect(self.new_visit_requested)
        self.guidance_button.toggled.connect(self.guidance.setVisible)
        self.nav.currentRowChanged.connect(self._on_stage_row)
        self.visit_box.activated.connect(self._on_visit_chosen)
        self.notes.edited.connect(self._on_edited)
        for page in self.pages:
            page.edited.connect(self._on_edited)
        if self.context is not None:
            self.context.session.case_edited.connect(self._on_case_edited)
        QShortcut(QKeySequence("Ctrl+G"), self, self.guidance_button.toggle)
        for number in range(1, len(STAGES) + 1):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self.set_stage(n - 1))

    # -- content ---------------------------------------------------------------------
    def show_case(self, case: Case, visit_id: str | None, stage_id: str) -> None:
        self._case = case
        self._refresh_case_label()
        self.visit_box.clear()
        for visit in sorted(case.visits, key=lambda v: v.date):
            self.visit_box.addItem(
                _("Visit of {date}").format(date=visit.date.isoformat()), visit.id
            )
        chosen = next((v for v in case.visits if v.id == visit_id), None) or case.latest_visit()
        self._show_visit(chosen)
        index = next((i for i, s in enumerate(STAGES) if s.id == stage_id), 0)
        self.set_stage(index)

    def clear(self) -> None:
        """Drop every reference to case data (lock, or back to the list)."""
        self._case = None
        self._visit = None
        for page in self.pages:
            page.clear()
        self.notes.clear()
        self.case_label.clear()
        self.visit_box.clear()
        self.open_text.clear()
        self.open_banner.hide()

    def set_masked(self, masked: bool) -> None:
        self.masked = masked
        self._refresh_case_label()

    def show_open_items(self, items: OpenItems) -> None:
        lines = [_("Still open from earlier visits:")]
        lines += [
            _("Finding without a decision: {title}").format(title=finding_title(f))
            for f in items.findings
        ]
        lines += [_("Follow-up not done: {what}").format(what=f.what) for f in items.follow_ups]
        self.open_text.setText("\n".join(lines))
        self.open_banner.setVisible(bool(items))

    @property
    def visit_id(self) -> str | None:
        return self._visit.id if self._visit else None

    @property
    def stage_id(self) -> str:
        return STAGES[max(self.nav.currentRow(), 0)].id

    def set_stage(self, index: int) -> None:
        if 0 <= index < len(STAGES):
            self.nav.setCurrentRow(index)

    def refresh_progress(self) -> None:
        if self._case is None:
            return
        progress = stage_progress(self._case, self._visit, self._scope())
        for row, stage in enumerate(STAGES):
            item = self.nav.item(row)
            item.setText(f"{_(stage.title)}\n{progress_text(progress[stage.id], stage.unit)}")

    def _scope(self) -> Scope:
        """The guides' entries and the checklist items selected for this inventory (the
        coverage is computed again only after an edit that can change it)."""
        assert self._case is not None
        lang = current_language()
        guides = {
            gid: self._protocols.guide(gid, lang) for gid in ("pre-session", "end-of-session")
        }
        if self._checks is None:
            cover = coverage(self._case, self._protocols, select(self._case, self._protocols))
            self._checks = StageProgress(cover.done_count, cover.item_count)
        return Scope(
            pre_session=tuple(e.id for e in guides["pre-session"].entries)
            if guides["pre-session"]
            else (),
            end_session=tuple(e.id for e in guides["end-of-session"].entries)
            if guides["end-of-session"]
            else (),
            checks=self._checks,
        )

    def unsaved_fields(self) -> list[str]:
        """Where an edit was refused and is NOT stored (a red line is shown): stage titles,
        or "Visit notes"."""
        out: list[str] = []
        for label in self._unsaved_labels:
            if label.isHidden():
                continue
            page = next((p for p in self.pages if p.isAncestorOf(label)), None)
            where = _("Visit notes")
            if page is not None:
                where = _(STAGES[self.pages.index(page)].title)
            out.append(where)
        return list(dict.fromkeys(out))

    def _watch_unsaved(self) -> None:
        self._unsaved_labels = [
            w for w in self.findChildren(QLabel) if w.property(UNSAVED_PROPERTY) is True
        ]
        for label in self._unsaved_labels:
            label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ShowToParent,
            QEvent.Type.HideToParent,
        ):
            self.unsaved_changed.emit()
        return False

    # -- internals -------------------------------------------------------------------
    def _refresh_case_label(self) -> None:
        if self._case is None:
            return
        name = MASK if self.masked else self._case.pseudonym
        status = _("Open") if self._case.status == "open" else _("Closed")
        self.case_label.setText(_("Case {name} ({status})").format(name=name, status=status))

    def _show_visit(self, visit: Visit | None) -> None:
        assert self._case is not None
        self._visit = visit
        self._checks = None
        if visit is not None:
            self.visit_box.setCurrentIndex(self.visit_box.findData(visit.id))
        for page in self.pages:
            page.load(self._case, visit)
        self.notes.load(visit)
        latest = self._case.latest_visit()
        earlier = len(self._case.visits) > 1 and visit is not None and visit is latest
        items = open_items(self._case, before=visit)
        if earlier and items:
            self.show_open_items(items)
        else:
            self.open_banner.hide()
        self.refresh_progress()
        self.position_changed.emit()

    def _on_visit_chosen(self, row: int) -> None:
        if self._case is None:
            return
        visit_id = self.visit_box.itemData(row)
        self._show_visit(next((v for v in self._case.visits if v.id == visit_id), None))

    def _on_stage_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        fit_headers(self.pages[row])
        self.guidance.show_stage(STAGES[row])
        self.position_changed.emit()

    def _on_edited(self, kind: str, entity: object) -> None:
        """Every edit goes through the session: the autosaver stores it (via `edited`), and
        `case_edited` refreshes every view derived from the case."""
        self.edited.emit(kind, entity)
        if self.context is not None:
            self.context.session.note_edit(kind, entity)
        else:
            self._on_case_edited(kind, entity)

    def _on_case_edited(self, kind: str, _entity: object) -> None:
        if self._case is None:
            return
        if kind in CHECK_KINDS:
            self._checks = None
        for page in self.pages:
            page.refresh()
        self.refresh_progress()
