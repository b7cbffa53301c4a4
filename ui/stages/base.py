"""The stage-page interface, the list of stages and the registry of their pages.

A stage editor subclasses StagePage, sets `stage_id`, implements `load(case, visit)` and
`clear()`, and emits `edited(kind, entity)` after every change (kind is a
clinic.model.ENTITY_LISTS name, or "case" for the case's own fields; the autosaver stores
it). Decorate the class with `@register` and add its module to EDITOR_MODULES.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic.i18n import N_, _
from clinic.model import Case, Visit


@dataclass(frozen=True)
class StageInfo:
    id: str
    title: str
    """English title, marked for extraction; show it with _(title)."""
    guides: tuple[str, ...]
    """Guide ids (protocols/guides/) shown beside the stage, before the principles."""


STAGES: tuple[StageInfo, ...] = (
    StageInfo("before", N_("Before"), ("pre-session", "consent", "safety-check-in")),
    StageInfo("understand", N_("Understand"), ("questionnaire",)),
    StageInfo("inventory", N_("Inventory"), ()),
    StageInfo("investigate", N_("Investigate"), ()),
    StageInfo("advise", N_("Advise"), ("safety-planning",)),
    StageInfo("handoff", N_("Hand off"), ("end-of-session",)),
    StageInfo("print", N_("Print"), ()),
)
PRINCIPLES_GUIDE = "principles"
EDITOR_MODULES: tuple[str, ...] = ()
"""Modules holding @register-ed stage editors (issue 5 adds them here)."""


class StagePage(QWidget):
    """One stage's editor, shown in the workspace's centre."""

    stage_id: ClassVar[str] = ""
    edited = Signal(str, object)
    """A record changed; payload: (kind, entity). The autosaver stores it."""

    def load(self, case: Case, visit: Visit | None) -> None:
        """Show this case and visit. Keep references only until clear()."""
        raise NotImplementedError

    def clear(self) -> None:
        """Drop every reference to case data and empty the widgets (lock)."""
        raise NotImplementedError


_REGISTRY: dict[str, type[StagePage]] = {}


def register(cls: type[StagePage]) -> type[StagePage]:
    """Class decorator: the page class for `cls.stage_id`."""
    if cls.stage_id not in {s.id for s in STAGES}:
        raise ValueError(f"unknown stage id {cls.stage_id!r}")
    _REGISTRY[cls.stage_id] = cls
    return cls


def page_for(stage_id: str) -> StagePage:
    """A new page for the stage: its editor if one is registered, else "not built yet"."""
    for module in EDITOR_MODULES:
        importlib.import_module(module)
    cls = _REGISTRY.get(stage_id)
    return cls() if cls is not None else NotBuiltPage(stage_id)


class NotBuiltPage(StagePage):
    """A plain placeholder for a stage whose editor is not built yet."""

    def __init__(self, stage_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
