"""Advise stage: options become plan items, three answers, caution and document-first
questions before "done together now", and a finding added by hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic.model import Case, PlanItem
from clinic.model.vocab import Decision, RiskTag
from clinic.storage import KeySettings
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui import prompts
from ui.stages.advise import AdvisePage


def _page(window: object) -> AdvisePage:
    page = window.workspace.pages[4]  # type: ignore[attr-defined]
    assert isinstance(page, AdvisePage)
    return page


def _decide(qtbot: QtBot, page: AdvisePage, decision: Decision) -> None:
    """Alt+D goes to the decision; Tab to the one wanted; Space chooses it."""
    row = page.form.decision
    qtbot.keyClick(page.form, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    order = list(row.buttons)
    current = row.value()
    assert QApplication.focusWidget() is row.buttons[current]
    for _n in range(order.index(decision) - order.index(current)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(row.buttons[decision], Qt.Key.Key_Space)


def test_option_to_plan_item_with_answers_and_decision(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "advise")
    page = _page(window)
    finding = next(f for f in demo_case.findings if f.item_id == "aid-password")
    page.table.selectRow(page.model.row_of(finding.id))
    titles = [b.accessibleName() for b in page.option_buttons]
    assert any("Choose a new password" in t for t in titles)
    plan_count = len(demo_case.plan_items)
    qtbot.keyClick(page.option_buttons[1], Qt.Key.Key_Space)  # a second option, not chosen yet
    form = page.form
    assert form.isEnabled()
    assert form.question_labels[0].text().startswith("1. What would the other person notice")
    qtbot.keyClicks(form.notice, "A sign-in alert on J.'s phone")
    qtbot.keyClicks(form.lose, "Location and photos")
    qtbot.keyClicks(form.react, "May call repeatedly")
    qtbot.keyClicks(form.who, "Maple, with the advocate")
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        _decide(qtbot, page, Decision.LATER)
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    assert len(stored.plan_items) == plan_count + 1
    plan = next(p for p in stored.plan_items if p.id not in {q.id for q in demo_case.plan_items})
    assert plan.finding_id == finding.id
    assert plan.option_id
    assert plan.would_notice == "A sign-in alert on J.'s phone"
    assert plan.access_lost == "Location and photos"
    assert plan.reaction == "May call repeatedly"
    assert plan.who_acts == "Maple, with the advocate"
    assert plan.decision == Decision.LATER
    assert RiskTag.NOTIFIES_OTHER_PERSON in plan.risk_tags  # the item's tags come along


def test_done_together_asks_caution_and_document_first(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "advise")
    page = _page(window)
    # A manual finding, and an option of our own tagged by nothing: no questions.
    prompts.set_next_answer("Unknown trusted device on the account")
    with qtbot.waitSignal(page.add_button.clicked, timeout=2000):
        qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert prompts.pending_answers() == 0
    assert page.model.finding(page.table.currentIndex().row()) is not None
    prompts.set_next_answer(PlanItem(title="Remove the device together"))
    page.own_button.click()
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        _decide(qtbot, page, Decision.DONE_TOGETHER)
    assert prompts.pending_answers() == 0

    # A checklist finding whose item is tagged document-first and noticeable.
    finding = next(f for f in demo_case.findings if f.item_id == "ios-safety-check")
    page.table.selectRow(page.model.row_of(finding.id))
    free = next(b for b in page.option_buttons if b.isEnabled())
    free.click()
    assert page.form.documented.isVisibleTo(page)
    prompts.set_next_answer(False)  # caution: not now
    _decide(qtbot, page, Decision.DONE_TOGETHER)
    assert page.form.decision.value() == Decision.UNDECIDED
    prompts.set_next_answer(True)  # caution heard, go ahead
    prompts.set_next_answer(True)  # yes, documented first
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        _decide(qtbot, page, Decision.DONE_TOGETHER)
    assert prompts.pending_answers() == 0

    stored = stored_case(demo_vault, fast_key, demo_case.id)
    manual = next(f for f in stored.findings if f.title == "Unknown trusted device on the account")
    assert manual.source == "manual"
    own = next(p for p in stored.plan_items if p.finding_id == manual.id)
    assert own.title == "Remove the device together"
    assert own.decision == Decision.DONE_TOGETHER
    chosen = [p for p in stored.plan_items if p.finding_id == finding.id and p.documented_first]
    assert len(chosen) == 1
    assert chosen[0].decision == Decision.DONE_TOGETHER
