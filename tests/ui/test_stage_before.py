"""Before stage: checklist, consent, safety check-in and team, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import KeySettings
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui.stages.before import BeforePage


def test_checklist_consent_check_in_and_team_are_stored(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "before")
    space = window.workspace
    page = space.pages[0]
    assert isinstance(page, BeforePage)
    assert page.isVisible()

    # Checklist: move to "room" and tick it with Space.
    ids = page.checklist_model.entry_ids()
    assert "laptop-offline" in ids
    assert "room" in ids
    page.checklist.setFocus()
    page.checklist.setCurrentIndex(page.checklist_model.index(ids.index("room")))
    qtbot.keyClick(page.checklist, Qt.Key.Key_Space)

    # Consent (Alt+O): the script is shown; tick "may keep the app list" with Space.
    qtbot.keyClick(space, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == 1
    assert "We do not read your messages" in page.script.text()
    app_list = page.consent_boxes["may_keep_app_list"]
    assert not app_list.isChecked()
    app_list.setFocus()
    qtbot.keyClick(app_list, Qt.Key.Key_Space)

    # Safety check-in (Alt+S): "others have access" -> No, with the arrow keys.
    qtbot.keyClick(space, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == 2
    access = page.check_in_boxes["others_have_access"]
    access.setFocus()
    assert access.currentData() == "unsure"
    qtbot.keyClick(access, Qt.Key.Key_Up)
    assert access.currentData() == "no"
    code = page.check_in_texts["code_word"]
    code.setFocus()
    code.selectAll()
    qtbot.keyClicks(code, "green kettle")

    # Team (Alt+T): type initials and press Enter.
    qtbot.keyClick(space, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    page.team.initials.setFocus()
    qtbot.keyClicks(page.team.initials, "EF")
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClick(page.team.initials, Qt.Key.Key_Return)
    assert page.team.model.rowCount() == 3

    visit = stored_case(demo_vault, fast_key, demo_case.id).visits[0]
    assert visit.pre_session["room"] is True
    assert visit.pre_session["laptop-offline"] is True  # kept as it was
    assert visit.consent.may_keep_app_list is True
    assert visit.consent.may_check_devices is True
    assert visit.check_in.others_have_access == "no"
    assert visit.check_in.code_word == "green kettle"
    assert [(m.initials, m.role) for m in visit.team][-1] == ("EF", "technologist")
    # The shared in-memory case sees the same edits.
    assert window.session.case is not None
    assert window.session.case.visits[0].check_in.code_word == "green kettle"


def test_lock_clears_the_page(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "before")
    page = window.workspace.pages[0]
    assert isinstance(page, BeforePage)
    assert page.check_in_texts["code_word"].text() == "blue umbrella"
    window.lock_now()
    assert page.check_in_texts["code_word"].text() == ""
    assert page.checklist_model.rowCount() == 0
    assert page.team.model.rowCount() == 0
    assert not page.consent_boxes["script_read"].isChecked()
