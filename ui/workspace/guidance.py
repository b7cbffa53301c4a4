"""The guidance panel: the stage's script and the volunteer principles from protocols/guides/.

Guide text is content, not case data; it is still escaped before display. Draft guides
say so plainly.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from clinic.i18n import _, current_language
from clinic.protocols.loader import ProtocolSet
from clinic.protocols.schema import Guide
from ui.stages.base import PRINCIPLES_GUIDE, StageInfo


def guide_html(guide: Guide) -> str:
    parts = [f"<h3>{html.escape(guide.title)}</h3>"]
    if guide.review.is_draft:
        note = html.escape(_("Draft: not yet reviewed by an advocate."))
        parts.append(f'<p style="color:#8a4b00"><b>{note}</b></p>')
    if guide.intro:
        parts.append(f"<p>{html.escape(guide.intro)}</p>")
    parts.append("<ul>")
    for entry in guide.entries:
        hint = f"<br/><i>{html.escape(entry.hint)}</i>" if entry.hint else ""
        parts.append(f"<li>{html.escape(entry.text)}{hint}</li>")
    parts.append("</ul>")
    return "".join(parts)


class GuidancePanel(QWidget):
    def __init__(self, protocols: ProtocolSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        self._protocols = protocols
        title = QLabel(_("Guidance"), self)
        title.setObjectName("panelTitle")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("Guidance for this stage"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.browser, 1)

    def show_stage(self, stage: StageInfo) -> None:
        lang = current_language()
        guides = [self._protocols.guide(gid, lang) for gid in stage.guides]
        found = [g for g in guides if g is not None]
        parts = [guide_html(g) for g in found]
        if stage.guides and not found:
            parts.append(
                f"<p>{html.escape(_('The script for this stage is not written yet.'))}</p>"
            )
        principles = self._protocols.guide(PRINCIPLES_GUIDE, lang)
        if principles is not None:
            parts.append(guide_html(principles))
        if not parts:
            parts.append(f"<p>{html.escape(_('No guidance for this stage yet.'))}</p>")
        self.browser.setHtml("".join(parts))
