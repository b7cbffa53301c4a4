"""The Inventory stage: people, devices and accounts with their access facts, and the technograph.

Every edit changes the shared in-memory case and is emitted for the autosaver. Removing an
entry asks first, clears every id that points at it, stores those records, then deletes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from clinic.i18n import _
from clinic.model import Case, Entity, Person, Visit
from clinic.model.vocab import PersonRole
from ui import prompts
from ui.stages.base import StageContext, StagePage, register
from ui.stages.inventory_parts import labels
from ui.stages.inventory_parts.editors import account_form, device_form, person_form
from ui.stages.inventory_parts.entity_tab import EntityTab
from ui.stages.inventory_parts.table_model import account_columns, device_columns, person_columns
from ui.stages.inventory_parts.technograph_tab import TechnographTab

RECOMPUTE_MS = 150
ROLE_ORDER = (PersonRole.PERSON_OF_CONCERN, PersonRole.CLIENT, PersonRole.CHILD, PersonRole.OTHER)


@register
class InventoryPage(StagePage):
    stage_id = "inventory"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._case: Case | None = None
        self.people = EntityTab(
            "people",
            person_columns(),
            person_form(),
            [_(labels.ROLES[r]) for r in ROLE_ORDER],
            lambda row: Person(role=ROLE_ORDER[row], label=_(labels.ROLES[ROLE_ORDER[row]])),
            _texts(
                _("People"),
                _("Kind of person to add"),
                _("Add a person"),
                _("Remove the chosen person"),
            ),
            self,
        )
        self.devices = EntityTab(
            "devices",
            device_columns(),
            device_form(),
            [_(p.label) for p in labels.DEVICE_PRESETS],
            lambda row: labels.new_device(labels.DEVICE_PRESETS[row], self._client_id()),
            _texts(
                _("Devices"),
                _("Kind of device to add"),
                _("Add a device"),
                _("Remove the chosen device"),
            ),
            self,
        )
        self.accounts = EntityTab(
            "accounts",
            account_columns(),
            account_form(),
            [_(p.label) for p in labels.ACCOUNT_PRESETS],
            lambda row: labels.new_account(labels.ACCOUNT_PRESETS[row], self._client_id()),
            _texts(
                _("Accounts"),
                _("Kind of account to add"),
                _("Add an account"),
                _("Remove the chosen account"),
            ),
            self,
        )
        self.technograph = TechnographTab(self)
        self._recompute = QTimer(self)
        self._recompute.setSingleShot(True)
        self._recompute.setInterval(RECOMPUTE_MS)
        self._recompute.timeout.connect(self.technograph.recompute)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Inventory parts"))
        self.tabs.addTab(self.people, _("&People"))
        self.tabs.addTab(self.devices, _("&Devices"))
        self.tabs.addTab(self.accounts, _("A&ccounts"))
        self.tabs.addTab(self.technograph, _("&Technograph"))
        title = QLabel(_("Inventory"), self)
        title.setObjectName("viewTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        for tab in self.entity_tabs:
            tab.added.connect(self._on_added)
            tab.changed.connect(self._on_changed)
            tab.remove_requested.connect(self._on_remove)
            context_ = Qt.ShortcutContext.WidgetWithChildrenShortcut
            QShortcut(QKeySequence("Ctrl+N"), tab, tab.add_button.click, context=context_)
            delete = QShortcut(QKeySequence.StandardKey.Delete, tab.table, tab.remove_button.click)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)
            tab.add_button.setToolTip(_("Ctrl+N"))
            tab.remove_button.setToolTip(_("Delete key in the table"))

    @property
    def entity_tabs(self) -> tuple[EntityTab, EntityTab, EntityTab]:
        return (self.people, self.devices, self.accounts)

    # -- StagePage -------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._case = case
        for tab in self.entity_tabs:
            tab.set_case(case)
        self._refresh_choices()
        self.technograph.set_case(case, self.context.protocols if self.context else None)

    def clear(self) -> None:
        self._case = None
        self._recompute.stop()
        for tab in self.entity_tabs:
            tab.set_case(None)
            tab.form.show_record(None)
        self.technograph.clear()

    # -- edits -----------------------------------------------------------------------
    def _client_id(self) -> str | None:
        if self._case is None:
            return None
        clients = self._case.people_with_role(PersonRole.CLIENT)
        return clients[0].id if clients else None

    def _on_added(self, kind: str, record: Entity) -> None:
        if self._case is None:
            return
        getattr(self._case, kind).append(record)
        self.edited.emit(kind, record)
        self._inventory_changed(kind)

    def _on_changed(self, kind: str, record: Entity) -> None:
        self.edited.emit(kind, record)
        self._inventory_changed(kind)

    def _on_remove(self, kind: str, record: Entity) -> None:
        case = self._case
        if case is None or self.context is None:
            return
        label = str(getattr(record, "label", ""))
        if not prompts.confirm(
            self,
            _("Remove from the inventory"),
            _("Remove {label}? Links to it in other entries are removed too.").format(label=label),
            yes=_("Remove"),
        ):
            return
        for ref_kind, changed in self.context.session.remove_entry(kind, record.id):
            self.edited.emit(ref_kind, changed)
        tab = next(t for t in self.entity_tabs if t.kind == kind)
        tab.rows_changed()
        self._inventory_changed(kind)

    def _inventory_changed(self, kind: str) -> None:
        if kind in ("people", "devices"):
            self._refresh_choices()
        for tab in self.entity_tabs:
            tab.model.refresh_all()
        self._recompute.start()

    def _refresh_choices(self) -> None:
        case = self._case
        people = [(p.id, p.label) for p in case.people] if case else []
        devices = [(d.id, d.label) for d in case.devices] if case else []
        for tab in self.entity_tabs:
            tab.form.set_choices(people, devices)


def _texts(table: str, preset: str, add_name: str, remove_name: str) -> dict[str, str]:
    return {
        "table": table,
        "preset": preset,
        "add": _("Add"),
        "add_name": add_name,
        "remove": _("Remove"),
        "remove_name": remove_name,
    }
