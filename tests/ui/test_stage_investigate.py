"""Investigate stage: checklists by target, steps for the OS version, the caution beside a
result recorded without a question, results stored in one run per protocol+target+visit,
concern -> finding."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.model.vocab import ItemStatus, RiskTag
from clinic.protocols.select import Target
from clinic.storage import KeySettings
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui import prompts
from ui.stages.investigate import InvestigatePage
from ui.stages.investigate_parts.checklist_tree import ChecklistKey


def _page(window: object) -> InvestigatePage:
    page = window.workspace.pages[3]  # type: ignore[attr-defined]
    assert isinstance(page, InvestigatePage)
    return page


def _iphone(case: Case) -> Target:
    phone = next(d for d in case.devices if d.platform == "ios")
    return Target("device", phone.id, phone.label)


def _choose_status(qtbot: QtBot, page: InvestigatePage, status: ItemStatus) -> None:
    """Alt+R goes to the current result; Tab to the one wanted; Space records it."""
    panel = page.checklists.panel
    qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    current = panel.current_status()
    assert QApplication.focusWidget() is panel.status_buttons[current]
    for _n in range(list(ItemStatus).index(status) - list(ItemStatus).index(current)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.status_buttons[status]
    qtbot.keyClick(panel.status_buttons[status], Qt.Key.Key_Space)


def test_caution_then_concern_is_stored_with_a_finding(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    page = _page(window)
    view = page.checklists
    groups = [view.model.item(r).text() for r in range(view.model.rowCount())]
    assert groups[0].startswith("Device: Maple's iPhone 13")
    assert groups[-1] == "Whole case" or groups[-1].startswith("Account:")
    assert "checks left" in view.coverage_label.text()
    left_before = view.coverage_label.text()

    target = _iphone(demo_case)
    done = {r.item_id for run in demo_case.checklist_runs for r in run.results}
    protocol = view.protocols.get("ios-device")
    assert protocol is not None
    item = next(
        i
        for i in protocol.items
        if i.id not in done
        and any(s.os_max for s in i.steps)
        and RiskTag.NOTIFIES_OTHER_PERSON in i.risk_tags
    )
    assert view.select_key(ChecklistKey("ios-device", target, item.id))
    panel = view.panel
    assert panel.title.text() == item.title
    assert panel.draft.isVisibleTo(page)
    assert "not yet reviewed" in panel.draft.text()
    assert panel.caution.isVisibleTo(page)
    assert panel.caution.text().startswith("Caution:")
    assert "may notify the other person" in panel.badges.labels()
    assert "the other person loses access" in panel.badges.labels()
    shown = panel.steps.text()
    for step in item.steps:  # iOS 17: not the steps for older versions
        fits = (step.os_max is None or step.os_max >= 17) and (
            step.os_min is None or step.os_min <= 17
        )
        assert (step.text in shown) == fits
    assert "iOS 17" in panel.steps_heading.text()

    # Recording what was seen is an observation, not a change: no question, even on an
    # item the other person could notice (the caution stays on screen beside it).
    _choose_status(qtbot, page, ItemStatus.NO_CONCERN_FOUND)
    assert "Recorded: no concern found by this check." in panel.feedback.text()
    assert panel.current_status() == ItemStatus.NO_CONCERN_FOUND
    _choose_status(qtbot, page, ItemStatus.CONCERN)
    assert panel.caution.isVisibleTo(page)
    qtbot.keyClick(panel, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClicks(panel.note, "Two unknown devices listed")
    assert "A finding was added" in panel.feedback.text()
    assert view.coverage_label.text() != left_before

    stored = stored_case(demo_vault, fast_key, demo_case.id)
    visit_id = page.checklists.visit_id
    runs = [
        r
        for r in stored.checklist_runs
        if r.protocol_id == "ios-device" and r.target_id == target.id and r.visit_id == visit_id
    ]
    assert len(runs) == 1
    result = next(r for r in runs[0].results if r.item_id == item.id)
    assert result.status == ItemStatus.CONCERN
    assert result.note == "Two unknown devices listed"
    findings = [f for f in stored.findings if f.item_id == item.id]
    assert len(findings) == 1
    assert findings[0].protocol_id == "ios-device"
    assert findings[0].target_id == target.id
    assert findings[0].source == "checklist"
    # the in-memory case (seen by other stages) holds the same
    assert window.session.case is not None
    assert len(window.session.case.findings) == len(stored.findings)


def test_item_without_caution_records_at_once_and_keeps_one_run(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    page = _page(window)
    target = _iphone(demo_case)
    view = page.checklists
    assert view.select_key(ChecklistKey("ios-device", target, "ios-significant-locations"))
    assert "may notify the other person" not in view.panel.badges.labels()
    assert "document first" in view.panel.badges.labels()
    _choose_status(qtbot, page, ItemStatus.DECLINED)
    assert view.select_key(ChecklistKey("ios-device", target, "ios-significant-locations"))
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        _choose_status(qtbot, page, ItemStatus.NOT_APPLICABLE)
    assert prompts.pending_answers() == 0
    row = view.tree.currentIndex().siblingAtColumn(1)
    assert row.data() == "not applicable"

    stored = stored_case(demo_vault, fast_key, demo_case.id)
    runs = [
        r
        for r in stored.checklist_runs
        if r.protocol_id == "ios-device"
        and r.target_id == target.id
        and r.visit_id == view.visit_id
    ]
    assert len(runs) == 1
    statuses = [r.status for r in runs[0].results if r.item_id == "ios-significant-locations"]
    assert statuses == [ItemStatus.NOT_APPLICABLE]
    assert not [f for f in stored.findings if f.item_id == "ios-significant-locations"]


def test_lock_clears_the_page(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    page = _page(window)
    assert page.checklists.model.rowCount() > 0
    window.session.lock()
    assert page.checklists.model.rowCount() == 0
    assert page.checklists.coverage_label.text() == ""
    assert page.phone.device_box.count() == 0
