"""The flow beside a survivor: feedback where you click, an option of our own weighed like
the protocol's, a hand-off note that can be removed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.model.vocab import RiskTag
from clinic.storage import KeySettings
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui import prompts
from ui.stages.advise import AdvisePage
from ui.stages.advise_parts.own_option import OwnOptionDialog
from ui.stages.handoff import HandoffPage


def _advise(window: object) -> AdvisePage:
    page = window.workspace.pages[4]  # type: ignore[attr-defined]
    assert isinstance(page, AdvisePage)
    return page


def test_choose_this_option_answers_beside_the_button(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "advise")
    page = _advise(window)
    finding = next(f for f in demo_case.findings if f.item_id == "aid-password")
    page.table.selectRow(page.model.row_of(finding.id))
    row = next(n for n, b in enumerate(page.option_buttons) if b.isEnabled())
    assert page.option_status[row].text() == ""
    page.option_buttons[row].click()
    # the rows are rebuilt: the same option's row now says so, beside its button
    assert page.option_buttons[row].text() == "Chosen"
    assert not page.option_buttons[row].isEnabled()
    assert page.option_status[row].text().startswith("Chosen: answer the three questions")
    qtbot.waitUntil(lambda: page.option_status[row].isVisibleTo(page), timeout=2000)


def test_an_option_of_our_own_has_risks_and_the_three_questions(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "advise")
    page = _advise(window)
    finding = demo_case.findings[0]
    page.table.selectRow(page.model.row_of(finding.id))
    seen: list[tuple[int, str]] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OwnOptionDialog)
        seen.append((len(dialog.answers), dialog.windowTitle()))
        assert not dialog.ok.isEnabled()  # a title first
        dialog.title.setText("Ask the carrier to add a port-out PIN")
        dialog.tag_boxes[RiskTag.NEEDS_ADVOCATE].setChecked(True)
        for box, words in zip(dialog.answers, ("Nothing", "None", "Calm"), strict=True):
            box.setPlainText(words)
        dialog.ok.click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        page.own_button.click()
    assert seen == [(3, "An option of our own")]
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    own = next(p for p in stored.plan_items if p.title == "Ask the carrier to add a port-out PIN")
    assert own.finding_id == finding.id
    assert RiskTag.NEEDS_ADVOCATE in own.risk_tags
    assert (own.would_notice, own.access_lost, own.reaction) == ("Nothing", "None", "Calm")
    assert page.form.title.text() == own.title  # shown in the plan form at once


def test_a_hand_off_note_can_be_removed(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "handoff")
    page = window.workspace.pages[5]
    assert isinstance(page, HandoffPage)
    visit_id = window.workspace.visit_id
    assert [n for n in demo_case.handoff_notes if n.visit_id == visit_id]
    assert page.remove_note_button.isEnabled()
    prompts.set_next_answer(True)
    page.remove_note_button.click()
    assert prompts.pending_answers() == 0
    assert page.note.toPlainText() == ""
    assert not page.remove_note_button.isEnabled()
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    assert not [n for n in stored.handoff_notes if n.visit_id == visit_id]


def test_separated_known_asks_for_the_month_and_stores_it(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_cases: list[Case],
    fast_key: KeySettings,
) -> None:
    case = demo_cases[1]
    window = open_stage(qtbot, make_window, demo_vault, case.id, "understand")
    form = window.workspace.pages[1].situation  # type: ignore[attr-defined]
    assert not form.separated_month.isEnabled()  # nothing known, nothing stored
    form.separated_known.setFocus()
    form.separated_known.click()
    assert form.separated_month.isEnabled()
    assert form.separated_month.hasFocus()  # ticking Known asks for the month
    form.separated_year.setValue(2026)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        form.separated_month.setCurrentIndex(9)  # October
    assert stored_case(demo_vault, fast_key, case.id).situation.separated_month == "2026-10"
    visits = form.choices["children_visitation"]
    assert visits.currentData() == "unknown"
    assert visits.currentText() == "Not asked yet"
