"""Understand stage: concerns, situation with its caution banner, safe contact and topics."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.model.vocab import ConcernCategory, TopicState
from clinic.storage import KeySettings
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui import prompts
from ui.stages.understand import UnderstandPage


def _page(window: object) -> UnderstandPage:
    page = window.workspace.pages[1]  # type: ignore[attr-defined]
    assert isinstance(page, UnderstandPage)
    return page


def test_concerns_added_edited_and_removed(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "understand")
    page = _page(window)
    editor = page.concerns
    assert editor.model.rowCount() == 3

    # Alt+A asks for the words through the prompt seam; the new concern is selected.
    prompts.set_next_answer("Strange texts from numbers I don't know.")
    qtbot.keyClick(page, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.model.rowCount() == 4, timeout=2000)  # mnemonic: animated
    assert editor.text.toPlainText() == "Strange texts from numbers I don't know."
    unknown = editor.category_boxes[ConcernCategory.UNKNOWN_CALLERS]
    unknown.setFocus()
    qtbot.keyClick(unknown, Qt.Key.Key_Space)
    assert "Unknown calls" in editor.model.index(3, 1).data()

    # Remove the first concern (confirmed through the seam).
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(0, 0))
    assert "know where I am" in editor.text.toPlainText()
    prompts.set_next_answer(True)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 3

    concerns = stored_case(demo_vault, fast_key, demo_case.id).visits[0].concerns
    assert [c.text for c in concerns][-1] == "Strange texts from numbers I don't know."
    assert concerns[-1].categories == [ConcernCategory.UNKNOWN_CALLERS]
    assert not any("know where I am" in c.text for c in concerns)


def test_situation_caution_contact_and_topics(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "understand")
    page = _page(window)
    # Maple's children visit the person of concern: the banner is up.
    assert page.caution.isVisible()

    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    situation = page.situation
    visits = situation.choices["children_visitation"]
    assert visits.currentData() == "yes"
    visits.setFocus()
    qtbot.keyClick(visits, Qt.Key.Key_Down)  # "yes" -> "no"
    assert visits.currentData() == "no"
    assert not page.caution.isVisible()
    lives = situation.choices["lives_with_poc"]
    lives.setFocus()
    qtbot.keyClick(lives, Qt.Key.Key_Up)  # "no" -> "yes"
    assert lives.currentData() == "yes"
    assert page.caution.isVisible()

    qtbot.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    times = page.contact.texts["times"]
    times.setFocus()
    times.selectAll()
    qtbot.keyClicks(times, "Tuesdays only")

    # Topics (Alt+T): R marks raised, D declined.
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    page.topics.setFocus()
    page.topics.setCurrentIndex(page.topic_model.index(0, 0))
    qtbot.keyClick(page.topics, Qt.Key.Key_R)
    page.topics.setCurrentIndex(page.topic_model.index(1, 0))
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClick(page.topics, Qt.Key.Key_D)
    assert page.topic_model.index(1, 1).data() == "declined"

    stored = stored_case(demo_vault, fast_key, demo_case.id)
    assert stored.situation.lives_with_poc == "yes"
    assert stored.situation.children_visitation == "no"
    assert stored.situation.high_caution
    assert stored.safe_contact.times == "Tuesdays only"
    assert stored.safe_contact.method == "Through the advocate only"
    topics = stored.visits[0].topics
    assert topics["chief-concerns"] == TopicState.RAISED
    assert topics["knows-things"] == TopicState.DECLINED
    assert topics["money"] == TopicState.DECLINED  # set earlier, left as it was
