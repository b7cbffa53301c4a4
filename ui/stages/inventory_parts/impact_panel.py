"""Impact preview: pick a planned change and see which routes it cuts and what may be noticed.

Nothing is changed: this only reads the inventory. Explanations use the case language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QListWidget, QVBoxLayout, QWidget

from clinic.i18n import N_, _
from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.technograph import ChangeKind, ImpactPreview, PlannedChange, preview
from ui.widgets import SafeLabel

CHANGES: tuple[tuple[ChangeKind, str], ...] = (
    (ChangeKind.CHANGE_PASSWORD, N_("Change the password of an account")),
    (ChangeKind.REMOVE_DEVICE_FROM_ACCOUNT, N_("Remove a device from an account")),
    (ChangeKind.LEAVE_FAMILY_PLAN, N_("Leave the family plan")),
    (ChangeKind.CHANGE_PASSCODE, N_("Change a device passcode")),
    (ChangeKind.CHANGE_RECOVERY, N_("Change the recovery email or phone")),
)


class ImpactPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case: Case | None = None
        self._protocols: ProtocolSet | None = None
        self.result: ImpactPreview | None = None
        intro = SafeLabel(
            _("Preview a change before making it. Nothing is changed here. The survivor decides."),
            self,
        )
        intro.setObjectName("muted")
        self.change = QComboBox(self)
        for kind, text in CHANGES:
            self.change.addItem(_(text), kind)
        self.change.setAccessibleName(_("Planned change"))
        self.target = QComboBox(self)
        self.target.setAccessibleName(_("Account or device to change"))
        self.device = QComboBox(self)
        self.device.setAccessibleName(_("Device to remove from the account"))
        self.cut = QListWidget(self)
        self.cut.setAccessibleName(_("Routes this change cuts"))
        self.cut.setWordWrap(True)
        self.notices = QListWidget(self)
        self.notices.setAccessibleName(_("What the other person may notice or lose"))
        self.notices.setWordWrap(True)
        for box in (self.cut, self.notices):
            box.setMinimumHeight(48)
        form = QFormLayout()
        form.addRow(_("Change"), self.change)
        form.addRow(_("Of"), self.target)
        form.addRow(_("Device"), self.device)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(SafeLabel(_("Routes this change cuts"), self))
        layout.addWidget(self.cut, 1)
        layout.addWidget(SafeLabel(_("What the other person may notice or lose"), self))
        layout.addWidget(self.notices, 1)
        self.change.currentIndexChanged.connect(lambda _i: self._fill_targets())
        self.target.currentIndexChanged.connect(lambda _i: self._fill_devices())
        self.device.currentIndexChanged.connect(lambda _i: self.update_preview())

    def set_case(self, case: Case | None, protocols: ProtocolSet | None) -> None:
        self._case = case
        self._protocols = protocols
        self._fill_targets()

    def clear(self) -> None:
        self.set_case(None, None)

    def _fill_targets(self) -> None:
        keep = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        kind = self.change.currentData()
        case = self._case
        if case is not None:
            if kind == ChangeKind.CHANGE_PASSCODE:
                items = [(d.id, d.label) for d in case.devices]
            elif kind == ChangeKind.REMOVE_DEVICE_FROM_ACCOUNT:
                items = [(a.id, a.label) for a in case.accounts if a.signed_in_on]
            elif kind == ChangeKind.LEAVE_FAMILY_PLAN:
                items = [(a.id, a.label) for a in case.accounts if a.family_plan]
            else:
                items = [(a.id, a.label) for a in case.accounts]
            for item_id, label in items:
                self.target.addItem(label, item_id)
        self.target.setCurrentIndex(max(self.target.findData(keep), 0))
        self.target.blockSignals(False)
        self._fill_devices()

    def _fill_devices(self) -> None:
        keep = self.device.currentData()
        self.device.blockSignals(True)
        self.device.clear()
        case, target = self._case, self.target.currentData()
        wanted = self.change.currentData() == ChangeKind.REMOVE_DEVICE_FROM_ACCOUNT
        account = next((a for a in case.accounts if a.id == target), None) if case else None
        if wanted and case is not None and account is not None:
            for device in case.devices:
                if device.id in account.signed_in_on:
                    self.device.addItem(device.label, device.id)
        self.device.setCurrentIndex(max(self.device.findData(keep), 0))
        self.device.setEnabled(wanted)
        self.device.blockSignals(False)
        self.update_preview()

    def update_preview(self) -> None:
        self.cut.clear()
        self.notices.clear()
        self.result = None
        case, target = self._case, self.target.currentData()
        if case is None or target is None:
            return
        kind = self.change.currentData()
        device = self.device.currentData()
        if kind == ChangeKind.REMOVE_DEVICE_FROM_ACCOUNT and device is None:
            return
        lang = case.language.value
        result = preview(case, PlannedChange(kind, target, device), self._protocols, lang)
        self.result = result
        report = result.report
        assert report is not None
        for route in result.cut:
            chain = " \u2192 ".join(report.chain(route))
            self.cut.addItem(f"{chain}\n{report.explain(route, lang)}")
        if not result.cut:
            self.cut.addItem(_("This change cuts none of the routes found."))
        for node_id in result.lost_targets:
            label = report.graph.label(node_id)
            self.notices.addItem(
                _("{label}: every route found would be cut. Other ways may still exist.").format(
                    label=label
                )
            )
        for text in result.notices:
            self.notices.addItem(text)
