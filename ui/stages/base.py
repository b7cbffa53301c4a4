"""The stage-page interface, the list of stages and the registry of their pages.

A stage editor subclasses StagePage, sets `stage_id`, implements `load(case, visit)` and
`clear()`, and emits `edited(kind, entity)` after every change (kind is a
clinic.model.ENTITY_LISTS name, or "case" for the case's own fields; the autosaver stores
it). Decorate the class with `@register` and import its module in `_load_editors`. The
stages themselves (id, order, title, guides, what counts as done) are the one table in
clinic/stages.py. Pages are built with a StageContext: the session (background work, the
open case), the loaded protocols and the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic.i18n import _
from clinic.model import Case, Visit
from clinic.stages import PRINCIPLES_GUIDE, STAGES, Stage

if TYPE_CHECKING:
    from clinic.protocols.loader import ProtocolSet
    from clinic.settings import AppSettings
    from ui.session import VaultSession


@dataclass(frozen=True)
class StageContext:
    """What a stage page may use besides the case: never storage directly."""

    session: VaultSession
    protocols: ProtocolSet
    settings: AppSettings


StageInfo = Stage
"""The stage table's entry (clinic.stages.Stage); STAGES is that table."""
__all__ = ["PRINCIPLES_GUIDE", "STAGES", "StageContext", "StageInfo", "StagePage", "page_for"]


class StagePage(QWidget):
    """One stage's editor, shown in the workspace's centre."""

    stage_id: ClassVar[str] = ""
    edited = Signal(str, object)
    """A record changed; payload: (kind, entity). The autosaver stores it."""

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def load(self, case: Case, visit: Visit | None) -> None:
        """Show this case and visit. Keep references only until clear()."""
        raise NotImplementedError

    def clear(self) -> None:
        """Drop every reference to case data and empty the widgets (lock)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """The case changed in memory (this stage or another: session.case_edited): update
        what this page derives from it (warnings, defaults, counts, routes). Never reset an
        editor the volunteer may be typing in. Default: nothing is derived."""


_REGISTRY: dict[str, type[StagePage]] = {}


def register(cls: type[StagePage]) -> type[StagePage]:
    """Class decorator: the page class for `cls.stage_id`."""
    if cls.stage_id not in {s.id for s in STAGES}:
        raise ValueError(f"unknown stage id {cls.stage_id!r}")
    _REGISTRY[cls.stage_id] = cls
    return cls


def page_for(stage_id: str, context: StageContext | None = None) -> StagePage:
    """A new page for the stage: its registered editor, else "not built yet"."""
    _load_editors()
    cls = _REGISTRY.get(stage_id)
    return cls(context) if cls is not None else NotBuiltPage(stage_id)


def _load_editors() -> None:
    """Import every stage editor module (each registers its page); explicit, so a missing
    or misspelt module fails at once. tests/ui/test_frame.py checks every stage has one."""
    from ui.stages import (  # noqa: F401
        advise,
        before,
        handoff,
        inventory,
        investigate,
        print_stage,
        understand,
    )


class NotBuiltPage(StagePage):
    """A plain placeholder for a stage whose editor is not built yet."""

    def __init__(self, stage_id: str, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.stage_id_value = stage_id
        title = next(_(s.title) for s in STAGES if s.id == stage_id)
        heading = QLabel(title, self)
        heading.setObjectName("viewTitle")
        text = QLabel(
            _(
                "This part of the app is not built yet. Use the guidance on the right "
                "and keep notes in the visit notes below."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAccessibleName(_("Not built yet"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def load(self, case: Case, visit: Visit | None) -> None:
        """Nothing to show: this page holds no case data."""

    def clear(self) -> None:
        """Nothing to drop."""
