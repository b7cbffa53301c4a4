"""The Investigate stage: the checklists selected for this inventory, and the phone check.

Two tabs: "Checklists" (grouped by device, account and whole case, with coverage of what
is left) and "Phone check". The page rebuilds when shown, since the inventory may have
changed on another stage.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from clinic.i18n import _, current_language
from clinic.model import Case, Visit
from ui.stages.base import StageContext, StagePage, register
from ui.stages.investigate_parts.checklists import ChecklistsView
from ui.stages.investigate_parts.phone_panel import PhoneCheckPanel
from ui.stages.session_parts.check_in_banner import CheckInBanner


@register
class InvestigatePage(StagePage):
    stage_id = "investigate"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        assert context is not None
        self._case: Case | None = None
        self._visit: Visit | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Investigate"))
        self.checklists = ChecklistsView(context.protocols, self)
        self.phone = PhoneCheckPanel(context.session, self)
        phone_scroll = QScrollArea(self)
        phone_scroll.setWidgetResizable(True)
        phone_scroll.setWidget(self.phone)
        self.tabs.addTab(self.checklists, _("&Checklists"))
        self.tabs.addTab(phone_scroll, _("&Phone check"))
        title = QLabel(_("Investigate"), self)
        title.setObjectName("viewTitle")
        self.check_in_banner = CheckInBanner(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.check_in_banner)
        layout.addWidget(self.tabs, 1)
        self.checklists.edited.connect(self.edited)
        self.phone.edited.connect(self.edited)

    def load(self, case: Case, visit: Visit | None) -> None:
        self._case, self._visit = case, visit
        self.checklists.load(case, visit, current_language())
        self.phone.load(case, visit)
        self.check_in_banner.follow(visit)

    def clear(self) -> None:
        self._case = self._visit = None
        self.check_in_banner.hide()
        self.checklists.clear()
        self.phone.clear()

    def refresh(self) -> None:
        """A result here or elsewhere: the group counts and the coverage line follow."""
        if self._case is not None:
            self.checklists.refresh_counts()
            self.check_in_banner.follow(self._visit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._case is not None:
            self.checklists.refresh()
            self.phone.refresh_devices()
