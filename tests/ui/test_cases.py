"""The case list: Qt model checks, search and filters, masking, new / close / reopen, visits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import CaseSummary
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.cases.case_model import (
    MASK,
    OPEN_FU,
    PSEUDONYM,
    CaseFilterProxy,
    CaseTableModel,
)


def _summary(n: int, status: str = "open", follow_ups: int = 0) -> CaseSummary:
    opened = dt.date(2026, 1, 1) + dt.timedelta(days=n)
    return CaseSummary(
        id=f"id-{n}",
        pseudonym=f"Case {n}",
        status=status,
        opened=opened,
        closed=opened if status == "closed" else None,
        language="en",
        open_follow_ups=follow_ups,
        next_follow_up=opened if follow_ups else None,
    )


def test_case_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = CaseTableModel()
    rows = [_summary(n, "closed" if n % 3 == 0 else "open", n % 2) for n in range(50)]
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    kept = QPersistentModelIndex(proxy.index(7, PSEUDONYM))
    proxy.sort(OPEN_FU, Qt.SortOrder.DescendingOrder)
    assert model.index(0, OPEN_FU).data() == "1"
    assert model.index(49, OPEN_FU).data() == ""
    proxy.sort(OPEN_FU, Qt.SortOrder.AscendingOrder)
    assert model.index(0, OPEN_FU).data() == "1"  # empty cells stay last
    assert kept.data() == "Case 7"
    proxy.sort(PSEUDONYM, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, PSEUDONYM).data() for r in range(3)] == ["Case 0", "Case 1", "Case 10"]
    model.set_rows(list(reversed(rows)))  # a refresh keeps the chosen order
    assert model.index(0, PSEUDONYM).data() == "Case 0"
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters("case 1", "open", dt.date(2026, 1, 5))
    qtmodeltester.check(proxy, force_py=True)
    assert {proxy.index(r, PSEUDONYM).data() for r in range(proxy.rowCount())} == {
        f"Case {n}" for n in range(10, 20) if n % 3
    }


def test_masking_and_follow_up_highlight() -> None:
    model = CaseTableModel()
    model.set_rows([_summary(1, follow_ups=2), _summary(2)])
    assert model.index(0, PSEUDONYM).data() == "Case 1"
    model.set_masked(True)
    assert model.index(0, PSEUDONYM).data() == MASK
    assert model.index(0, OPEN_FU).data() == "2"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters("case 2")
    assert proxy.rowCount() == 1


def test_new_case_close_reopen_and_new_visit(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    cases = window.cases_view

    prompts.set_next_answer("Willow")
    qtbot.keyClick(cases, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.workspace
    assert window.session.case is not None
    assert window.session.case.pseudonym == "Willow"
    assert len(window.session.case.visits) == 1
    window.workspace.back_button.click()
    assert cases.model.rowCount() == 4
    willow = cases.selected_id()
    assert willow is not None
    assert cases.model.summary(cases.model.row_of(willow)).pseudonym == "Willow"

    prompts.set_next_answer(True)
    cases.close_button.click()
    assert window.session.repo.load(str(willow)).status == "closed"
    assert cases.reopen_button.isEnabled()
    cases.status.setCurrentIndex(cases.status.findData("closed"))
    assert cases.proxy.rowCount() == 1
    prompts.set_next_answer(False)
    cases.reopen_button.click()
    assert window.session.repo.load(str(willow)).status == "closed"
    prompts.set_next_answer(True)
    cases.reopen_button.click()
    assert window.session.repo.load(str(willow)).status == "open"
    assert cases.proxy.rowCount() == 0

    # A returning survivor: a new visit starts with what is still open.
    cases.status.setCurrentIndex(0)
    cases.select(demo_case.id)
    cases.open_selected()
    space = window.workspace
    prompts.set_next_answer(True)
    space.new_visit_button.click()
    stored = window.session.repo.load(demo_case.id)
    assert len(stored.visits) == len(demo_case.visits) + 1
    assert space.visit_id == max(stored.visits, key=lambda v: v.date).id
    assert space.open_banner.isVisible()
    assert demo_case.open_follow_ups()[0].what in space.open_text.text()


def test_mask_toggle_hides_pseudonyms_everywhere(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    cases = window.cases_view
    assert cases.mask_toggle.isChecked()
    shown = {cases.proxy.index(r, PSEUDONYM).data() for r in range(cases.proxy.rowCount())}
    assert shown == {MASK}
    cases.select(demo_case.id)
    cases.open_selected()
    assert demo_case.pseudonym not in window.workspace.case_label.text()
    assert MASK in window.workspace.case_label.text()
