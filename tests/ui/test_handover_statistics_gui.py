"""The case list's "Hand over", "Receive a case" and Statistics, driven through the GUI."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic.i18n import set_language
from clinic.model import Case
from clinic.services.lifecycle import read_audit
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.cases.statistics_view import StatisticsView
from ui.main_window import MainWindow

BUNDLE_PASS = "bundle passphrase for the gui"


def _select(window: MainWindow, case_id: str) -> None:
    window.cases_view.select(case_id)
    assert window.cases_view.selected_id() == case_id


def test_hand_over_then_receive_in_another_vault(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    tmp_path: Path,
    fast_key: KeySettings,
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    _select(window, demo_case.id)
    out = tmp_path / "maple.bundle"
    for answer in (str(out), BUNDLE_PASS, BUNDLE_PASS, None):  # file, twice, the info
        prompts.set_next_answer(answer)
    assert window.cases_view.handover_action.isEnabled()
    with qtbot.waitSignal(window.handover.finished, timeout=20_000):
        window.cases_view.handover_action.trigger()
    assert out.is_file()
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    window.lock_now()
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5000)

    other = tmp_path / "other.vault"
    Vault.create(other, PASSPHRASE, fast_key).close()
    second = make_window(other)
    unlock(qtbot, second)
    assert second.cases_view.model.rowCount() == 0
    prompts.set_next_answer(str(out))
    prompts.set_next_answer(BUNDLE_PASS)
    with qtbot.waitSignal(second.handover.received, timeout=20_000) as got:
        second.cases_view.receive_action.trigger()
    assert got.args == [demo_case.id]
    qtbot.waitUntil(lambda: second.cases_view.selected_id() == demo_case.id, timeout=5000)
    # The same bundle again: the app asks before replacing, and "no" keeps the case as is.
    prompts.set_next_answer(str(out))
    prompts.set_next_answer(BUNDLE_PASS)
    prompts.set_next_answer(False)
    with qtbot.waitSignal(second.handover.finished, timeout=20_000, raising=False):
        second.cases_view.receive_action.trigger()
    qtbot.waitUntil(lambda: prompts.pending_answers() == 0, timeout=20_000)
    second.lock_now()
    qtbot.waitUntil(lambda: not second.session.is_unlocked, timeout=5000)
    with Vault.open(other, PASSPHRASE, fast_key) as vault:
        assert [c.id for c in CaseRepository(vault).list_cases()] == [demo_case.id]
        assert [e.action for e in read_audit(vault)].count("received") == 1


def _open_statistics(qtbot: QtBot, window: MainWindow) -> StatisticsView:
    window.cases_view.statistics_action.trigger()
    view = window.statistics_view
    qtbot.waitUntil(view.isVisible, timeout=5000)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.fictional.setChecked(True)  # the demo cases are fictional
    return view


def test_statistics_view_shows_the_counts_with_suppression(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    view = _open_statistics(qtbot, window)
    view.measure.setCurrentIndex(view.measure.findData("cases_opened"))
    assert view.chart.series()
    counts = [view.table.item(r, 2).text() for r in range(view.table.rowCount())]
    assert counts
    assert all(c == "hidden" for c in counts)  # a few demo cases: every count is below 5
    assert "hidden" in view.hidden_note.text()
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.min_count.setValue(3)
    with qtbot.waitSignal(window.session.locked, timeout=5000):
        window.lock_action.trigger()
    assert not view.isVisible()


def test_statistics_view_speaks_spanish(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text('{"language": "es"}', encoding="utf-8")
    try:
        window = make_window(demo_vault)
        unlock(qtbot, window)
        view = _open_statistics(qtbot, window)
        assert view.windowTitle() == "Estadísticas"
        assert view.measure.itemText(view.measure.findData("visits_by_mode")) != "Visits by kind"
        header = view.table.horizontalHeaderItem(0)
        assert header is not None
        assert header.text() == "Mes"
    finally:
        set_language("en")


def test_handover_needs_a_selected_case(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    unlock(qtbot, window)
    window.cases_view.table.clearSelection()
    assert not window.cases_view.handover_action.isEnabled()
    assert window.cases_view.more_button.menu() is not None
    assert window.cases_view.more_button.focusPolicy() != Qt.FocusPolicy.NoFocus
