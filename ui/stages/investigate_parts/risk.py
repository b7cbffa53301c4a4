"""Risk tags as clear badges (short label + one-line meaning), and the caution question.

Shared by Investigate and Advise. Labels come from clinic.vocabulary so the app and
the reports use the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clinic.i18n import _
from clinic.model.vocab import RiskTag
from clinic.vocabulary import RISK_HANDOFF, RISK_SURVIVOR
from ui.widgets import SafeLabel

NOTICEABLE = frozenset({RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS})
BADGE_STYLE = (
    "background:#fde8d7; color:#7a3410; border:1px solid #e0a27a; border-radius:8px;"
    " padding:1px 8px; font-weight:600;"
)


def badge_text(tag: RiskTag) -> str:
    return _(RISK_HANDOFF[tag])


def meaning(tag: RiskTag) -> str:
    return _(RISK_SURVIVOR[tag])


def is_noticeable(tags: Iterable[RiskTag]) -> bool:
    return bool(NOTICEABLE & set(tags))


class RiskBadges(QWidget):
    """One row per risk tag: a coloured badge and its one-line meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self._badges: list[QLabel] = []
        self.setAccessibleName(_("Risks"))

    def set_tags(self, tags: Iterable[RiskTag]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._badges = []
        shown = list(dict.fromkeys(tags))
        for tag in shown:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            badge = QLabel(badge_text(tag), row)
            badge.setObjectName("riskBadge")
            badge.setStyleSheet(BADGE_STYLE)
            badge.setAccessibleName(_("Risk: {label}").format(label=badge_text(tag)))
            text = SafeLabel(meaning(tag), row)
            text.setAccessibleName(meaning(tag))
            self._badges.append(badge)
            line.addWidget(badge)
            line.addWidget(text, 1)
            self._layout.addWidget(row)
        self.setVisible(bool(shown))

    def labels(self) -> list[str]:
        """The badge texts shown (tests and accessibility checks)."""
        return [badge.text() for badge in self._badges]
