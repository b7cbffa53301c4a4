"""The phone check's results as a tree: the five groups with their exact labels, each hit
with its family, the evidence lines and the sources behind it. A group that did not run
says "Not checked" and why; a group that ran and found nothing says so."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from clinic.i18n import _, current_language, translation
from clinic.model import PhoneCheck
from clinic.model.work import legacy_not_checked
from clinic.phonecheck import texts
from clinic.phonecheck.results import SOURCE_LINE, device_line


def _cell(text: str) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    return cell


def group_status(check: PhoneCheck, group: str) -> str | None:
    """The not-checked reason of a group (None: it ran). A check stored before 0.2 has no
    `sources`: its missing groups are worked out from what it stored."""
    if group in check.not_checked:
        return check.not_checked[group]
    if check.sources:
        return None
    return legacy_not_checked(check.method, check.indicators_version).get(group)


def fill(model: QStandardItemModel, check: PhoneCheck | None) -> str:
    """Fill the tree with the groups; returns the phone line ("Phone: ...") or ""."""
    model.clear()
    model.setHorizontalHeaderLabels([_("Phone check results")])
    if check is None:
        return ""
    lang = current_language()
    tr = translation(lang).gettext
    for group in texts.GROUP_ORDER:
        hits = [h for h in check.hits if h.group == group]
        label = texts.group_label(group, lang)
        reason = group_status(check, group)
        head = _cell(f"{label} ({len(hits)})" if reason is None else label)
        if reason is not None:
            head.appendRow(_cell(texts.not_checked_line(reason, lang)))
        elif not hits:
            head.appendRow(_cell(tr(texts.NOTHING_FOUND)))
        if note := texts.group_note(check.group_notes.get(group, ""), lang):
            head.appendRow(_cell(note))
        for hit in hits:
            name = f"{hit.subject} ({hit.family})" if hit.family else hit.subject
            row = _cell(name)
            for line in hit.evidence:
                row.appendRow(_cell(texts.render(line, lang)))
            if hit.sources:
                row.appendRow(_cell(tr(SOURCE_LINE).format(sources=", ".join(hit.sources))))
            head.appendRow(row)
        model.appendRow(head)
    return device_line(dict(check.device), lang)
