"""Practice mode in the GUI: start from the first screen, talk to the fictional survivor,
end with the debrief screen and print it for the trainer."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.training.scenario import load_scenarios
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory
from ui import prompts
from ui.main_window import MainWindow
from ui.practice.survivor_panel import KEY_ROLE

SCENARIO = "android-set-up-by-partner"
PRACTICE_PASS = "practice passphrase for training"


def _start_practice(qtbot: QtBot, window: MainWindow) -> str:
    for answer in (SCENARIO, PRACTICE_PASS, PRACTICE_PASS):
        prompts.set_next_answer(answer)
    qtbot.waitUntil(lambda: window._rest_built, timeout=10_000)
    from ui.practice.controller import PracticeController

    window._practice_controller = controller = PracticeController(window)
    with qtbot.waitSignal(controller.started, timeout=30_000) as started:
        window.unlock_view.practice_button.click()
    return str(started.args[0])


def test_a_whole_practice_session_from_the_first_screen_to_the_debrief(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_cases: list[Case],
    tmp_path: Path,
    fast_key: KeySettings,
) -> None:
    scenario = load_scenarios().get(SCENARIO)
    assert scenario is not None
    window = make_window(demo_vault)
    case_id = _start_practice(qtbot, window)
    practice = window.practice
    assert window.session.path == demo_vault.with_name("practice.vault")
    assert window.windowTitle().startswith("Practice: fictional case")
    assert practice.banner.isVisible()
    assert practice.dock.isVisible()
    panel = practice.panel
    before = window.workspace.pages[0]
    assert not before.remote_page.isVisible()  # an in-person visit: no loose remote-guide box
    assert window.width() <= 1366 or window.minimumSizeHint().width() <= 1366
    assert panel.who.text() == scenario.survivor.pseudonym
    assert scenario.survivor.opening in panel.reply.text()

    # Before: asking a check-in question shows what the fictional survivor says.
    keys = [panel.questions.item(i).data(KEY_ROLE) for i in range(panel.questions.count())]
    row = keys.index("safety-check-in/good-time")
    panel.questions.setCurrentRow(row)
    assert scenario.answers["safety-check-in"]["good-time"] in panel.reply.text()
    # Understand: the questionnaire topics.
    window.workspace.set_stage(1)
    keys = [panel.questions.item(i).data(KEY_ROLE) for i in range(panel.questions.count())]
    assert "questionnaire/chief-concerns" in keys
    assert "safety-check-in/good-time" not in keys

    # The fictional phone goes through the real phone check (no indicator data imported).
    prompts.set_next_answer(None)  # the note saying what was checked
    panel.phone_button.click()
    qtbot.waitUntil(lambda: prompts.pending_answers() == 0, timeout=20_000)
    qtbot.waitUntil(lambda: window.workspace.stage_id == "investigate", timeout=10_000)
    case = window.session.case
    assert case is not None
    assert len(case.phone_checks) == 1
    assert case.phone_checks[0].method == "package_list"

    panel.guide_button.click()
    guide = panel.guide_dialog
    assert guide is not None
    qtbot.waitUntil(guide.isVisible, timeout=5000)
    assert "advocate" in guide.findChild(QPlainTextEdit).toPlainText()
    guide.accept()

    panel.debrief_button.click()
    qtbot.waitUntil(lambda: practice.debrief_view is not None, timeout=20_000)
    view = practice.debrief_view
    assert view is not None
    qtbot.waitUntil(view.isVisible, timeout=5000)
    assert view.table.rowCount() == len(scenario.goals)
    states = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert "Missed" in states  # nothing was done yet: consent and the rest are missed

    pdf = tmp_path / "debrief.pdf"
    prompts.set_next_answer(str(pdf))
    prompts.set_next_answer(None)  # the "printed" note
    view.print_button.click()
    qtbot.waitUntil(lambda: pdf.exists() and prompts.pending_answers() == 0, timeout=20_000)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "PRACTICE - fictional case" in text

    with qtbot.waitSignal(window.session.locked, timeout=5000):
        window.lock_action.trigger()
    assert not practice.banner.isVisible()
    assert window.windowTitle() == "Tech Safety Clinic"
    assert not view.isVisible()
    # The real vault holds no practice case; the practice vault holds only that one.
    with Vault.open(demo_vault, PASSPHRASE, fast_key) as vault:
        ids = {c.id for c in CaseRepository(vault).list_cases()}
        assert case_id not in ids
        assert ids == {c.id for c in demo_cases}
    with Vault.open(demo_vault.with_name("practice.vault"), PRACTICE_PASS, fast_key) as vault:
        assert [c.id for c in CaseRepository(vault).list_cases()] == [case_id]
