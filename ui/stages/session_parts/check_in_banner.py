"""A calm banner for Investigate and Advise: advice waits for the safety check-in.

The seed's rule is a soft gate: until this visit's check-in is recorded the banner says so
and where to record it; nothing is blocked. It follows the case (StagePage.refresh).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clinic.i18n import _
from clinic.model import Visit
from ui.widgets import SafeLabel

CHECK_IN_QUESTIONS = ("safe_to_talk", "others_have_access", "summary_safe_to_take_home")


def check_in_recorded(visit: Visit | None) -> bool:
    """Every question of this visit's safety check-in has an answer (yes, no or unsure)."""
    if visit is None:
        return False
    return all(getattr(visit.check_in, f) != "not_asked" for f in CHECK_IN_QUESTIONS)


class CheckInBanner(SafeLabel):
    """Shown while the check-in of the shown visit is not recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _(
                "The safety check-in is not recorded for this visit yet. Advice waits for it:"
                " ask the questions in Before > Safety check-in first. Nothing here is blocked."
            ),
            parent,
        )
        self.setObjectName("calmBanner")
        self.setAccessibleName(_("Safety check-in not recorded"))
        self.hide()

    def follow(self, visit: Visit | None) -> None:
        self.setVisible(visit is not None and not check_in_recorded(visit))
