"""One case session: an edit in one stage shows at once in every other, with no relock.

Each test changes something in one stage through its widgets and asserts what another stage
derives from it (a warning, a default, a count), in the same unlocked session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.model.vocab import ItemStatus
from clinic.report.export import PrintMode
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.main_window import MainWindow
from ui.stages.advise import AdvisePage
from ui.stages.base import STAGES
from ui.stages.before import BeforePage
from ui.stages.handoff import HandoffPage
from ui.stages.investigate import InvestigatePage
from ui.stages.investigate_parts.checklist_tree import KEY_ROLE
from ui.stages.print_stage import PrintStage

STAGE_IDS = [s.id for s in STAGES]


def _fresh_visit(qtbot: QtBot, make_window: WindowFactory, vault: Path, case: Case) -> MainWindow:
    """Wren (one device, no visit yet) with a new visit of today: nothing recorded yet."""
    window = make_window(vault)
    unlock(qtbot, window)
    window.open_case(case.id)
    prompts.set_next_answer(True)
    window.new_visit()
    assert prompts.pending_answers() == 0
    return window


def _go(qtbot: QtBot, window: MainWindow, stage_id: str) -> object:
    number = STAGE_IDS.index(stage_id) + 1
    qtbot.keyClick(
        window.workspace.nav, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier
    )
    page = window.workspace.stack.currentWidget()
    assert page is window.workspace.pages[number - 1]
    return page


def test_consent_tick_clears_the_hand_off_warning_at_once(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    window = _fresh_visit(qtbot, make_window, demo_vault, demo_cases[1])
    handoff = _go(qtbot, window, "handoff")
    assert isinstance(handoff, HandoffPage)
    assert handoff.share_warning.isVisibleTo(handoff)  # nothing agreed yet
    before = _go(qtbot, window, "before")
    assert isinstance(before, BeforePage)
    before.tabs.setCurrentIndex(1)
    check = before.consent_boxes["may_share_with_advocate"]
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert check.isChecked()
    handoff = _go(qtbot, window, "handoff")
    assert isinstance(handoff, HandoffPage)
    assert not handoff.share_warning.isVisibleTo(handoff)
    # and back: unticking brings the warning back, still without a relock
    before = _go(qtbot, window, "before")
    qtbot.keyClick(check, Qt.Key.Key_Space)
    handoff = _go(qtbot, window, "handoff")
    assert handoff.share_warning.isVisibleTo(handoff)
    assert window.session.is_unlocked


def test_check_in_no_to_a_printed_summary_makes_print_default_to_advocate_only(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    window = _fresh_visit(qtbot, make_window, demo_vault, demo_cases[1])
    page = _go(qtbot, window, "print")
    assert isinstance(page, PrintStage)
    assert page.print_mode == PrintMode.STANDARD
    assert page.suggestion.text() == ""
    before = _go(qtbot, window, "before")
    assert isinstance(before, BeforePage)
    before.tabs.setCurrentIndex(2)
    combo: QComboBox = before.check_in_boxes["summary_safe_to_take_home"]
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("no"))  # what a keyboard choice does
    page = _go(qtbot, window, "print")
    assert isinstance(page, PrintStage)
    assert page.print_mode == PrintMode.ADVOCATE_ONLY
    assert "Advocate only is suggested" in page.suggestion.text()
    assert not page.kind.isEnabled()
    assert window.session.is_unlocked


def test_print_keeps_a_mode_chosen_by_hand(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    window = _fresh_visit(qtbot, make_window, demo_vault, demo_cases[1])
    page = _go(qtbot, window, "print")
    assert isinstance(page, PrintStage)
    page.mode.activated.emit(page.mode.findData(PrintMode.DISCREET.value))
    page.mode.setCurrentIndex(page.mode.findData(PrintMode.DISCREET.value))
    before = _go(qtbot, window, "before")
    assert isinstance(before, BeforePage)
    combo = before.check_in_boxes["summary_safe_to_take_home"]
    combo.setCurrentIndex(combo.findData("no"))
    page = _go(qtbot, window, "print")
    assert page.print_mode == PrintMode.DISCREET  # the hint says it; the choice stays
    assert "Advocate only is suggested" in page.suggestion.text()


def _head_counts(page: InvestigatePage) -> dict[str, str]:
    model = page.checklists.model
    out: dict[str, str] = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for p in range(model.rowCount(group)):
            head = model.index(p, 0, group)
            key = model.index(0, 0, head).data(KEY_ROLE)
            out[key.protocol_id] = head.siblingAtColumn(1).data()
    return out


def test_investigate_group_counts_follow_each_result(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    window = _fresh_visit(qtbot, make_window, demo_vault, demo_cases[1])
    page = _go(qtbot, window, "investigate")
    assert isinstance(page, InvestigatePage)
    view = page.checklists
    counts = _head_counts(page)
    protocol_id = next(iter(counts))
    total = int(counts[protocol_id].split(" of ")[1].split()[0])
    assert counts[protocol_id] == f"0 of {total} done"
    keys = [
        i.data(KEY_ROLE)
        for i in view._item_indexes()
        if i.data(KEY_ROLE).protocol_id == protocol_id
    ]
    for key, status in zip(
        keys[:2], (ItemStatus.NO_CONCERN_FOUND, ItemStatus.NOT_APPLICABLE), strict=True
    ):
        assert view.select_key(key)
        view.panel.status_buttons[status].click()  # an observation: no question asked
    assert prompts.pending_answers() == 0
    assert _head_counts(page)[protocol_id] == f"2 of {total} done"
    assert "(2 have a result)" in view.coverage_label.text()
    # the workspace's navigation counts follow too, of every check selected, not "done"
    nav = window.workspace.nav.item(STAGE_IDS.index("investigate")).text()
    total_checks = int(view.coverage_label.text().split(" of ")[1].split()[0])
    assert total_checks > 2
    assert nav.split("\n")[1] == f"2 of {total_checks} checks"


def test_before_progress_counts_every_step_and_says_done_only_when_done(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    window = _fresh_visit(qtbot, make_window, demo_vault, demo_cases[1])
    before = _go(qtbot, window, "before")
    assert isinstance(before, BeforePage)
    entries = before.checklist_model.rowCount()
    assert entries > 3
    total = entries + 4  # every pre-session entry, the script read, three check-in answers
    nav = window.workspace.nav.item(0)
    assert nav.text().split("\n")[1] == f"0 of {total} steps"
    for row in range(3):
        before.checklist_model.setData(
            before.checklist_model.index(row, 0),
            Qt.CheckState.Checked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    assert nav.text().split("\n")[1] == f"3 of {total} steps"  # not "done"


def test_advise_banner_until_the_check_in_is_recorded(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_cases: list[Case]
) -> None:
    window = _fresh_visit(qtbot, make_window, demo_vault, demo_cases[1])
    investigate = _go(qtbot, window, "investigate")
    assert isinstance(investigate, InvestigatePage)
    assert investigate.check_in_banner.isVisibleTo(investigate)
    advise = _go(qtbot, window, "advise")
    assert isinstance(advise, AdvisePage)
    assert advise.check_in_banner.isVisibleTo(advise)
    assert advise.add_button.isEnabled()  # nothing is blocked
    before = _go(qtbot, window, "before")
    assert isinstance(before, BeforePage)
    for combo in before.check_in_boxes.values():
        combo.setCurrentIndex(combo.findData("yes"))
    advise = _go(qtbot, window, "advise")
    assert not advise.check_in_banner.isVisibleTo(advise)
    investigate = _go(qtbot, window, "investigate")
    assert not investigate.check_in_banner.isVisibleTo(investigate)
