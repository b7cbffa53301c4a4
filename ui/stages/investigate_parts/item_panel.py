"""One protocol item: steps for the device's OS version, why, what a concern looks like,
risk badges, the caution, and the result and note the volunteer records."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import N_, _
from clinic.model import Device
from clinic.model.vocab import ItemStatus
from clinic.protocols.schema import Item, Protocol
from clinic.protocols.select import steps_for_device
from clinic.vocabulary import PLATFORM
from ui.stages.investigate_parts.checklist_tree import status_label
from ui.stages.investigate_parts.choice_row import ChoiceRow
from ui.stages.investigate_parts.risk import RiskBadges
from ui.widgets import SafeLabel

DRAFT_TEXT = N_("Draft: not yet reviewed by an advocate.")


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("panelTitle")
    return label


class ItemPanel(QWidget):
    """Shows one item; emits status_chosen / note_edited for the page to record."""

    status_chosen = Signal(object)
    """The volunteer picked a result; payload: ItemStatus."""
    note_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.title = SafeLabel("", self)
        self.title.setObjectName("viewTitle")
        self.title.setAccessibleName(_("Checklist item"))
        self.where = SafeLabel("", self)
        self.where.setObjectName("muted")
        self.draft = SafeLabel(_(DRAFT_TEXT), self)
        self.draft.setObjectName("warningBox")
        self.draft.setAccessibleName(_(DRAFT_TEXT))
        self.badges = RiskBadges(self)
        self.caution = SafeLabel("", self)
        self.caution.setObjectName("warningBox")
        self.caution.setAccessibleName(_("Caution"))
        self.why = SafeLabel("", self)
        self.why.setAccessibleName(_("Why it matters"))
        self.steps_heading = _heading(_("Steps"), self)
        self.steps = SafeLabel("", self)
        self.steps.setAccessibleName(_("Steps"))
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.concern = SafeLabel("", self)
        self.concern.setAccessibleName(_("What a concern looks like"))

        self.status = ChoiceRow(
            [(s, status_label(s)) for s in ItemStatus], _("Result of this check"), self
        )
        self.status_buttons = self.status.buttons
        self.status.chosen.connect(self._on_status)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(_("Note for this check"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        form = QFormLayout()
        result_label = QLabel(_("&Result:"), self)
        # The buddy is the container (a label whose buddy is a button would click it).
        result_label.setBuddy(self.status)
        note_label = QLabel(_("N&ote:"), self)
        note_label.setBuddy(self.note)
        form.addRow(result_label, self.status)
        form.addRow(note_label, self.note)
        self.feedback = SafeLabel("", self)
        self.feedback.setObjectName("muted")
        self.feedback.setAccessibleName(_("What was recorded"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(self.draft)
        layout.addWidget(self.badges)
        layout.addWidget(self.caution)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(_heading(_("Why it matters"), self))
        layout.addWidget(self.why)
        layout.addWidget(self.steps_heading)
        layout.addWidget(self.steps)
        layout.addWidget(_heading(_("What a concern looks like"), self))
        layout.addWidget(self.concern)
        layout.addStretch(1)
        self.note.textChanged.connect(self._on_note)
        self.show_nothing()

    def show_nothing(self) -> None:
        self._loading = True
        for label in (self.where, self.why, self.steps, self.concern, self.caution, self.feedback):
            label.clear()
        self.title.setText(_("Choose a checklist item above."))
        self.draft.hide()
        self.caution.hide()
        self.badges.set_tags([])
        self.note.clear()
        self.set_status_quietly(ItemStatus.NOT_CHECKED)
        self._set_editable(False)
        self._loading = False

    def _set_editable(self, enabled: bool) -> None:
        self.status.setEnabled(enabled)
        self.note.setEnabled(enabled)

    def show_item(
        self,
        protocol: Protocol,
        item: Item,
        where: str,
        device: Device | None,
        status: ItemStatus,
        note: str,
        remote: bool = False,
    ) -> None:
        """`remote`: the visit is by phone or video, so the steps are read as what the
        survivor does on their own device (each step's `remote` wording when written)."""
        self._loading = True
        self.title.setText(item.title)
        self.where.setText(f"{where} · {protocol.title}")
        self.draft.setVisible(protocol.review.is_draft)
        self.badges.set_tags(item.risk_tags)
        self.caution.setText(_("Caution: {text}").format(text=item.caution) if item.caution else "")
        self.caution.setVisible(bool(item.caution))
        self.why.setText(item.why)
        steps = steps_for_device(item, device)
        texts = [s.remote_text() if remote else s.text for s in steps]
        lines = [f"{n}. {t}" for n, t in enumerate(texts, start=1)]
        if remote and lines:
            lines.insert(
                0,
                _(
                    "Remote visit: read these to the survivor as steps they follow on their own"
                    " device, at their pace. You do not touch or see the device."
                ),
            )
        self.steps.setText("\n\n".join(lines))
        version = ""
        if device is not None and device.os_major is not None and PLATFORM[device.platform]:
            version = f" ({PLATFORM[device.platform]} {device.os_major})"
        self.steps_heading.setText(_("Steps") + version)
        self.concern.setText(item.concern)
        self.set_status_quietly(status)
        self.note.setPlainText(note)
        self.feedback.clear()
        self._set_editable(True)
        self._loading = False

    def set_status_quietly(self, status: ItemStatus) -> None:
        self.status.set_value(status)

    def current_status(self) -> ItemStatus:
        return ItemStatus(self.status.value())

    def _on_status(self, status: object) -> None:
        if not self._loading:
            self.status_chosen.emit(ItemStatus(str(status)))

    def _on_note(self) -> None:
        if not self._loading:
            self.note_edited.emit(self.note.toPlainText())
