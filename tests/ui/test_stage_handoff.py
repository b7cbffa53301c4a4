"""Hand off stage: the note to the advocate, referrals, follow-ups, end-of-session checklist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import KeySettings, Vault
from clinic.storage.settings_store import confirm_referral
from tests.conftest import FIXED_TODAY, PASSPHRASE
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui import prompts
from ui.main_window import MainWindow
from ui.stages.base import STAGES
from ui.stages.handoff import HandoffPage


def _page(window: MainWindow) -> HandoffPage:
    page = window.workspace.pages[[s.id for s in STAGES].index("handoff")]
    assert isinstance(page, HandoffPage)
    return page


def test_referrals_show_confirmation_and_are_added_and_removed(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    with Vault.open(demo_vault, PASSPHRASE, fast_key) as vault:
        confirm_referral(vault, "us-nnedv-safety-net", FIXED_TODAY)
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "handoff")
    page = _page(window)
    refs = page.referrals

    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is refs
    # Maple's hotline referral: the clinic has not confirmed that entry.
    qtbot.waitUntil(lambda: "us-nnedv-safety-net" in refs.model.confirmed, timeout=5000)
    assert refs.model.index(0, 3).data() == "not yet confirmed by your clinic"

    # Choose "NNEDV Safety Net project" with the arrow key; it says it is confirmed.
    refs.picker.setFocus()
    qtbot.keyClick(refs.picker, Qt.Key.Key_Down)
    assert refs.picker.currentData() == "us-nnedv-safety-net"
    assert "confirmed by your clinic on 2026-11-27" in refs.picked.text()
    qtbot.keyClick(page, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: refs.model.rowCount() == 2, timeout=2000)
    assert refs.model.index(1, 3).data() == "confirmed by your clinic on 2026-11-27"

    # Remove the hotline referral (confirmed through the seam).
    refs.table.setFocus()
    refs.table.setCurrentIndex(refs.model.index(0, 0))
    prompts.set_next_answer(True)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.mouseClick(refs.remove_button, Qt.MouseButton.LeftButton)
    assert refs.model.rowCount() == 1

    stored = stored_case(demo_vault, fast_key, demo_case.id).referrals
    assert [(r.entry_id, r.neutral_label, r.contact) for r in stored] == [
        ("us-nnedv-safety-net", "Technology help website", "techsafety.org")
    ]


def test_note_follow_ups_and_end_of_session_on_a_new_visit(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "handoff")
    prompts.set_next_answer(True)
    window.new_visit()
    window.workspace.set_stage([s.id for s in STAGES].index("handoff"))
    page = _page(window)
    assert page.note.toPlainText() == ""  # no note for the new visit yet
    assert page.share_warning.isVisible()  # consent not recorded for this visit

    page.note.setFocus()
    qtbot.keyClicks(page.note, "Wants to plan the number move with CD.")

    # Follow-ups (Alt+F): add one, set who and a due date from the keyboard.
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    editor = page.follow_ups
    assert editor.model.rowCount() == 1
    prompts.set_next_answer("Send the carrier's family-plan steps to CD.")
    qtbot.keyClick(page, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.model.rowCount() == 2, timeout=2000)
    qtbot.keyClicks(editor.who, "AB")  # focus moved to "who" after adding
    editor.due.setFocus()
    qtbot.keyClicks(editor.due, "2026-13-01")  # not a date: named, nothing stored
    assert editor.error.isVisibleTo(page)
    assert "YYYY-MM-DD" in editor.error.text()
    assert editor.due.text() == "2026-13-01"  # the text stays
    editor.due.clear()
    qtbot.keyClicks(editor.due, "-")  # a typed "-": no date, not an error
    assert not editor.error.isVisibleTo(page)
    assert editor.model.index(1, 2).data() == "no date"
    editor.due.clear()
    qtbot.keyClicks(editor.due, FIXED_TODAY.isoformat())
    assert not editor.error.isVisibleTo(page)
    # Mark Maple's earlier follow-up done.
    editor.table.setCurrentIndex(editor.model.index(0, 0))
    editor.done.setFocus()
    qtbot.keyClick(editor.done, Qt.Key.Key_Space)
    assert editor.model.index(0, 3).data() == "done"

    # End of session (Alt+E): tick the first entry with Space.
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    page.end_list.setFocus()
    page.end_list.setCurrentIndex(page.end_model.index(0))
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClick(page.end_list, Qt.Key.Key_Space)

    stored = stored_case(demo_vault, fast_key, demo_case.id)
    new_visit = max(stored.visits, key=lambda v: (v.date, v.id != demo_case.visits[0].id))
    assert new_visit.id == window.workspace.visit_id
    notes = [n for n in stored.handoff_notes if n.visit_id == new_visit.id]
    assert [(n.text, n.written_on) for n in notes] == [
        ("Wants to plan the number move with CD.", FIXED_TODAY)
    ]
    assert len(stored.handoff_notes) == 2  # the earlier visit's note is untouched
    added = stored.follow_ups[-1]
    assert (added.what, added.who, added.due, added.done) == (
        "Send the carrier's family-plan steps to CD.",
        "AB",
        FIXED_TODAY,
        False,
    )
    assert stored.follow_ups[0].done is True
    assert new_visit.end_session == {"developer-options-off": True}
