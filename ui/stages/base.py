"""The stage-page interface, the list of stages and the registry of their pages.

A stage editor subclasses StagePage, sets `stage_id`, implements `load(case, visit)` and
`clear()`, and emits `edited(kind, entity)` after every change (kind is a
clinic.model.ENTITY_LISTS name, or "case" for the case's own fields; the autosaver stores
it). Decorate the class with `@register` and add its module to EDITOR_MODULES. Pages are
built with a StageContext: the session (background work, the open case), the loaded
protocols and the settings.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clinic.i18n import N_, _
from clinic.model import Case, Visit

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
EDITOR_MODULES: tuple[str, ...] = (
    "ui.stages.before",
    "ui.stages.understand",
    "ui.stages.inventory",
    "ui.stages.investigate",
    "ui.stages.advise",
    "ui.stages.handoff",
    "ui.stages.print_stage",
)
"""Modules holding @register-ed stage editors; a module not written yet is skipped."""


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


_REGISTRY: dict[str, type[StagePage]] = {}


def register(cls: type[StagePage]) -> type[StagePage]:
    """Class decorator: the page class for `cls.stage_id`."""
    if cls.stage_id not in {s.id for s in STAGES}:
        raise ValueError(f"unknown stage id {cls.stage_id!r}")
    _REGISTRY[cls.stage_id] = cls
    return cls


def page_for(stage_id: str, context: StageContext | None = None) -> StagePage:
    """A new page for the stage: its editor if one is registered, else "not built yet"."""
    for module in EDITOR_MODULES:
        if module not in _IMPORTED and importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
            _IMPORTED.add(module)
    cls = _REGISTRY.get(stage_id)
    return cls(context) if cls is not None else NotBuiltPage(stage_id)


_IMPORTED: set[str] = set()


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
