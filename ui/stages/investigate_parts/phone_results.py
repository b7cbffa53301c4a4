"""The phone check's results as a tree: the four groups with their exact labels, each hit
with its family and the evidence lines behind it; empty groups say nothing was found."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from clinic.i18n import _, current_language, translation
from clinic.model import PhoneCheck
from clinic.phonecheck import texts
from clinic.vocabulary import line_text


def _cell(text: str) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    return cell


def fill(model: QStandardItemModel, check: PhoneCheck | None) -> None:
    model.clear()
    model.setHorizontalHeaderLabels([_("Phone check results")])
    if check is None:
        return
    lang = current_language()
    for group in texts.GROUP_ORDER:
        hits = [h for h in check.hits if h.group == group]
        label = texts.group_label(group, lang)
        head = _cell(f"{label} ({len(hits)})")
        if not hits:
            head.appendRow(_cell(translation(lang).gettext(texts.NOTHING_FOUND)))
        for hit in hits:
            name = f"{hit.subject} ({hit.family})" if hit.family else hit.subject
            row = _cell(name)
            for line in hit.evidence:
                row.appendRow(_cell(line_text(line, lang)))
            head.appendRow(row)
        model.appendRow(head)
