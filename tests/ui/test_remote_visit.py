"""A visit by phone or video: Before leads with the remote-session guide, and checklist
steps read as what the survivor does on their own device."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.model.vocab import VisitMode
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.stages.before import BeforePage
from ui.stages.investigate import InvestigatePage
from ui.stages.investigate_parts.checklist_tree import KEY_ROLE


def test_a_phone_visit_leads_with_the_remote_guide_and_survivor_steps(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    case = demo_cases[1]
    window = make_window(demo_vault)
    unlock(qtbot, window)
    window.open_case(case.id)
    prompts.set_next_answer(True)
    window.new_visit()
    before = window.workspace.pages[0]
    assert isinstance(before, BeforePage)
    assert before.tabs.indexOf(before.remote_page) < 0  # in person: no remote guide
    mode = before.team.mode
    mode.setCurrentIndex(mode.findData(VisitMode.PHONE.value))
    assert before.tabs.indexOf(before.remote_page) == 0  # at once, first
    assert before.tabs.tabText(0).replace("&", "") == "Remote session"
    assert "good time to talk" in before.remote_text.text()

    window.workspace.set_stage(3)
    page = window.workspace.pages[3]
    assert isinstance(page, InvestigatePage)
    view = page.checklists
    first = next(i for i in view._item_indexes() if i.data(KEY_ROLE) is not None)
    assert view.select_key(first.data(KEY_ROLE))
    assert view.panel.steps.text().startswith("Remote visit: read these to the survivor")

    # opened again: the Before stage leads with the guide
    window.open_case(case.id, window.workspace.visit_id, "before")
    assert before.tabs.currentIndex() == 0
    assert before.tabs.currentWidget() is before.remote_page
