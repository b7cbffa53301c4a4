"""The checklist tree: device, account and whole-case groups, their protocols and items.

A QStandardItemModel for a QTreeView. Each item row carries a ChecklistKey in KEY_ROLE;
the second column shows the item's result, or the protocol's done count.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from clinic.i18n import N_, _
from clinic.model import Case
from clinic.model.vocab import ItemStatus
from clinic.protocols.loader import ProtocolSet
from clinic.protocols.select import Selection, Target, TargetCoverage
from clinic.services.checklist import current_result
from clinic.vocabulary import DEVICE_KIND, PLATFORM, SERVICE

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.NOT_CHECKED: N_("not checked"),
    ItemStatus.NO_CONCERN_FOUND: N_("no concern found by this check"),
    ItemStatus.CONCERN: N_("concern"),
    ItemStatus.DECLINED: N_("declined"),
    ItemStatus.NOT_APPLICABLE: N_("not applicable"),
}


def status_label(status: ItemStatus) -> str:
    return _(STATUS_LABELS[status])


@dataclass(frozen=True)
class ChecklistKey:
    """Which protocol item (for which target) a tree row stands for."""

    protocol_id: str
    target: Target
    item_id: str


def target_title(case: Case, target: Target) -> str:
    if target.kind == "case":
        return _("Whole case")
    if target.kind == "device":
        device = next((d for d in case.devices if d.id == target.id), None)
        if device is None:
            return target.label
        parts = [_(DEVICE_KIND[device.kind]), PLATFORM[device.platform]]
        if device.os_major is not None and PLATFORM[device.platform]:
            parts[-1] += f" {device.os_major}"
        kind = ", ".join(p for p in parts if p)
        return _("Device: {label} ({kind})").format(label=device.label, kind=kind)
    account = next((a for a in case.accounts if a.id == target.id), None)
    service = _(SERVICE[account.service]) if account is not None else ""
    return _("Account: {label} ({service})").format(label=target.label, service=service)


def _row(text: str, second: str = "") -> list[QStandardItem]:
    first = QStandardItem(text)
    other = QStandardItem(second)
    for cell in (first, other):
        cell.setEditable(False)
    return [first, other]


def build_model(
    model: QStandardItemModel,
    case: Case,
    protocols: ProtocolSet,
    selection: Selection,
    entries: list[TargetCoverage],
    visit_id: str | None,
    lang: str,
) -> None:
    """Fill the model: one top-level row per target, protocols below, items below those."""
    model.clear()
    model.setHorizontalHeaderLabels([_("Checklist"), _("Result")])
    done = {(e.protocol_id, e.target.id): e for e in entries}
    for target, apps in selection.by_target():
        group = _row(target_title(case, target))
        for app in apps:
            protocol = protocols.get(app.id, lang) or app.protocol
            cover = done.get((app.id, target.id))
            count = len(cover.done) if cover else 0
            title = protocol.title
            if protocol.review.is_draft:
                title += " " + _("(draft)")
            progress = _("{done} of {total} done").format(done=count, total=len(protocol.items))
            head = _row(title, progress)
            for item in protocol.items:
                result = current_result(case, app.id, target.id, item.id, visit_id)
                status = result.status if result else ItemStatus.NOT_CHECKED
                cells = _row(item.title, status_label(status))
                cells[0].setData(ChecklistKey(app.id, target, item.id), KEY_ROLE)
                head[0].appendRow(cells)
            group[0].appendRow(head)
        model.appendRow(group)
