"""The whole clinic session on a new case, from the keyboard alone, then exported with the CLI.

Mnemonics, shortcuts and Tab reach every field (tab_to fails when a field cannot be reached);
the prompts seam answers the modal questions; the exported JSON holds what was entered.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clinic.model.vocab import ConcernCategory, Decision, ItemStatus
from clinic.protocols.schema import Item
from clinic.storage import KeySettings, Vault
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.main_window import MainWindow
from ui.stages.advise import AdvisePage
from ui.stages.before import BeforePage
from ui.stages.handoff import HandoffPage
from ui.stages.inventory import InventoryPage
from ui.stages.investigate import InvestigatePage
from ui.stages.investigate_parts.checklist_tree import KEY_ROLE, ChecklistKey
from ui.stages.investigate_parts.risk import is_noticeable
from ui.stages.understand import UnderstandPage

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CONCERN_WORDS = "He always knows where I am, even when I did not tell anyone."
ITEM_NOTE = "Two devices she does not know are listed"
ANSWERS = ("A sign-in alert on his phone", "Photos and location", "He may come to the house")
FOLLOW_UP = "Call the advocate about the phone plan"
DUE = dt.date(2026, 12, 4)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(
    qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press sent to the widget that has the focus, as a person would."""
    qtbot.keyClick(focused(), k, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 60) -> None:
    """Press Tab until `target` has the focus; fails when Tab never reaches it."""
    for _n in range(limit):
        if focused() is target:
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab does not reach {target.accessibleName()!r}")


def pick_item(investigate: InvestigatePage) -> Item:
    """The first iOS checklist item for the phone that shows a caution and has options."""
    protocol = investigate.checklists.protocols.get("ios-device")
    assert protocol is not None
    items = [i for i in protocol.items if is_noticeable(i.risk_tags) and i.caution and i.options]
    assert items, "the iOS checklist has no item with a caution and options"
    return items[0]


def open_case_id(window: MainWindow) -> str | None:
    case = window.session.case
    return case.id if case is not None else None


def test_full_session_on_a_new_case_from_the_keyboard(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, fast_key: KeySettings
) -> None:
    vault_path = tmp_path / "clinic.vault"
    with Vault.create(vault_path, PASSPHRASE, fast_key):
        pass
    window = make_window(vault_path)
    unlock(qtbot, window)
    space = window.workspace

    # A new case (Ctrl+N on the case list) opens its first visit at Before.
    prompts.set_next_answer("Juniper")
    assert window.cases_view.isAncestorOf(focused())
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert window.stack.currentWidget() is space
    case = window.session.case
    assert case is not None
    assert case.pseudonym == "Juniper"
    assert space.stage_id == "before"
    visit_id = space.visit_id
    assert visit_id is not None

    _before(qtbot, window)
    _understand(qtbot, window)
    device_id, poc_id = _inventory(qtbot, window)
    item = _investigate(qtbot, window, device_id)
    _advise(qtbot, window, item)
    entry_id = _handoff(qtbot, window)

    # Lock (Ctrl+L) and unlock: back on the same case, visit and stage.
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert not window.session.is_unlocked
    assert open_case_id(window) is None
    handoff = space.pages[5]
    assert isinstance(handoff, HandoffPage)
    assert handoff.follow_ups.model.rowCount() == 0  # the views were emptied
    unlock(qtbot, window)
    assert window.stack.currentWidget() is space
    assert open_case_id(window) == case.id
    assert space.visit_id == visit_id
    assert space.stage_id == "handoff"
    assert handoff.follow_ups.model.rowCount() == 1

    window.close()
    assert not window.session.is_unlocked
    done = run_cli(
        "case", "export", str(vault_path), case.id, "--passphrase-stdin", stdin=PASSPHRASE
    )
    assert done.returncode == 0, done.stderr.decode()
    ids = {"visit": visit_id, "device": device_id, "poc": poc_id, "entry": entry_id}
    _check_export(json.loads(done.stdout), ids, item)


# -- the stages, each from the keyboard -------------------------------------------------------
def _before(qtbot: QtBot, window: MainWindow) -> None:
    page = window.workspace.pages[0]
    assert isinstance(page, BeforePage)
    key(qtbot, Qt.Key.Key_O, ALT)  # Consent
    assert page.tabs.currentIndex() == 1
    assert page.script.text().strip()
    for field in (
        "script_read",
        "may_check_devices",
        "may_check_accounts",
        "may_share_with_advocate",
    ):
        tab_to(qtbot, page.consent_boxes[field])
        key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_S, ALT)  # Safety check-in
    assert page.tabs.currentIndex() == 2
    tab_to(qtbot, page.check_in_boxes["safe_to_talk"])
    key(qtbot, Qt.Key.Key_Down)  # not asked -> yes
    tab_to(qtbot, page.check_in_boxes["others_have_access"])
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)  # -> no
    tab_to(qtbot, page.check_in_texts["if_interrupted"])
    type_text(qtbot, "We talk about the printer")
    tab_to(qtbot, page.check_in_texts["code_word"])
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        type_text(qtbot, "green kettle")


def _understand(qtbot: QtBot, window: MainWindow) -> None:
    key(qtbot, Qt.Key.Key_2, ALT)
    page = window.workspace.pages[1]
    assert isinstance(page, UnderstandPage)
    key(qtbot, Qt.Key.Key_C, ALT)  # Concerns
    editor = page.concerns
    prompts.set_next_answer(CONCERN_WORDS)
    key(qtbot, Qt.Key.Key_A, ALT)  # Add concern (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: editor.model.rowCount() == 1, timeout=2000)
    assert focused() is editor.text
    tab_to(qtbot, editor.category_boxes[ConcernCategory.LOCATION])
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        key(qtbot, Qt.Key.Key_Space)
    assert "Location tracking" in editor.model.index(0, 1).data()


def _inventory(qtbot: QtBot, window: MainWindow) -> tuple[str, str]:
    key(qtbot, Qt.Key.Key_3, ALT)
    page = window.workspace.pages[2]
    assert isinstance(page, InventoryPage)

    # People: the first quick-add kind is "Person of concern"; Ctrl+N adds, focus on the label.
    key(qtbot, Qt.Key.Key_P, ALT)
    tab_to(qtbot, page.people.preset)
    assert page.people.preset.currentText() == "Person of concern"
    key(qtbot, Qt.Key.Key_N, CTRL)
    label = page.people.form.widgets["label"]
    assert focused() is label
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "J. (ex-partner)")
    poc = page.people.current()
    assert poc is not None

    # Devices: quick-add "iPhone", system version 17, brought today.
    key(qtbot, Qt.Key.Key_D, ALT)
    tab_to(qtbot, page.devices.preset)
    assert page.devices.preset.currentText() == "iPhone"
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = page.devices.form.widgets
    assert focused() is form["label"]
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Juniper's iPhone")
    tab_to(qtbot, form["os_major"])
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "17")
    tab_to(qtbot, form["brought_today"])
    key(qtbot, Qt.Key.Key_Space)
    phone = page.devices.current()
    assert phone is not None

    # Accounts: quick-add "Apple Account"; J. knows the password; signed in on the iPhone.
    key(qtbot, Qt.Key.Key_C, ALT)
    tab_to(qtbot, page.accounts.preset)
    assert page.accounts.preset.currentText() == "Apple Account"
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = page.accounts.form.widgets
    tab_to(qtbot, form["password_known_by"])
    _tick(qtbot, form["password_known_by"], poc.id)
    tab_to(qtbot, form["signed_in_on"])
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        _tick(qtbot, form["signed_in_on"], phone.id)
    return phone.id, poc.id


def _tick(qtbot: QtBot, box: QWidget, wanted: str) -> None:
    """Move down a checkable list to the entry with id `wanted` and tick it with Space."""
    from PySide6.QtWidgets import QListWidget

    assert isinstance(box, QListWidget)
    for _n in range(box.count() + 1):
        item = box.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == wanted:
            key(qtbot, Qt.Key.Key_Space)
            assert item.checkState() == Qt.CheckState.Checked
            return
        key(qtbot, Qt.Key.Key_Down)
    raise AssertionError("the entry is not in the list")


def _investigate(qtbot: QtBot, window: MainWindow, device_id: str) -> Item:
    key(qtbot, Qt.Key.Key_4, ALT)
    page = window.workspace.pages[3]
    assert isinstance(page, InvestigatePage)
    view = page.checklists
    item = pick_item(page)
    tab_to(qtbot, view.tree)
    for _n in range(200):  # arrow down the tree to the item; Right opens a closed branch
        current = view.tree.currentIndex()
        data = current.data(KEY_ROLE)
        if isinstance(data, ChecklistKey) and data.item_id == item.id:
            assert data.protocol_id == "ios-device"
            assert data.target.id == device_id
            break
        closed = view.model.hasChildren(current) and not view.tree.isExpanded(current)
        key(qtbot, Qt.Key.Key_Right if closed else Qt.Key.Key_Down)
    panel = view.panel
    assert panel.title.text() == item.title
    assert panel.caution.isVisibleTo(page)

    key(qtbot, Qt.Key.Key_O, ALT)  # Note
    assert focused() is panel.note
    type_text(qtbot, ITEM_NOTE)
    key(qtbot, Qt.Key.Key_R, ALT)  # Result: the current one has the focus
    order = list(ItemStatus)
    for _n in range(order.index(ItemStatus.CONCERN)):
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.status_buttons[ItemStatus.CONCERN]
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        key(qtbot, Qt.Key.Key_Space)  # an observation: recorded without a question
    assert "A finding was added" in panel.feedback.text()
    return item


def _advise(qtbot: QtBot, window: MainWindow, item: Item) -> None:
    key(qtbot, Qt.Key.Key_5, ALT)
    page = window.workspace.pages[4]
    assert isinstance(page, AdvisePage)
    assert page.model.rowCount() == 1
    # The option rows are built when the finding is shown, and shown by the event loop.
    qtbot.waitUntil(lambda: page.option_buttons[0].isVisible(), timeout=2000)
    tab_to(qtbot, page.option_buttons[0])
    key(qtbot, Qt.Key.Key_Space)
    form = page.form
    assert form.isEnabled()
    key(qtbot, Qt.Key.Key_H, ALT)  # the chosen option, then Tab to the three questions
    assert focused() is page.plan_box
    assert page.plan_box.currentText() == item.options[0].title
    for box, words in zip((form.notice, form.lose, form.react), ANSWERS, strict=True):
        tab_to(qtbot, box)
        type_text(qtbot, words)
    key(qtbot, Qt.Key.Key_W, ALT)  # Who acts
    assert focused() is form.who
    type_text(qtbot, "Juniper, with the advocate")
    key(qtbot, Qt.Key.Key_D, ALT)  # Decision: the current one has the focus
    order = list(form.decision.buttons)
    for _n in range(order.index(Decision.LATER) - order.index(form.decision.value())):
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.decision.buttons[Decision.LATER]
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        key(qtbot, Qt.Key.Key_Space)
    assert form.decision.value() == Decision.LATER


def _handoff(qtbot: QtBot, window: MainWindow) -> str:
    key(qtbot, Qt.Key.Key_6, ALT)
    page = window.workspace.pages[5]
    assert isinstance(page, HandoffPage)
    key(qtbot, Qt.Key.Key_N, ALT)  # Note to the advocate
    tab_to(qtbot, page.note)
    type_text(qtbot, "Location concern on the iPhone; password change later.")

    key(qtbot, Qt.Key.Key_R, ALT)  # Referrals: the first directory entry
    referrals = page.referrals
    tab_to(qtbot, referrals.picker)
    assert referrals.picker.count() > 0
    entry_id = str(referrals.picker.currentData())
    key(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: referrals.model.rowCount() == 1, timeout=2000)

    key(qtbot, Qt.Key.Key_F, ALT)  # Follow-ups: what (prompt), who, due date
    follow = page.follow_ups
    prompts.set_next_answer(FOLLOW_UP)
    key(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: follow.model.rowCount() == 1, timeout=2000)
    assert focused() is follow.who
    type_text(qtbot, "EF")
    tab_to(qtbot, follow.due)
    assert follow.due.text() == ""  # no date until one is typed
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        type_text(qtbot, f"{DUE.year}-{DUE.month}-{DUE.day}")  # one-digit parts are fine
    assert follow.model.index(0, 2).data() == DUE.isoformat()
    return entry_id


# -- the export ----------------------------------------------------------------------------------
def _check_export(data: dict[str, Any], ids: dict[str, str], item: Item) -> None:
    visit_id, device_id, poc_id = ids["visit"], ids["device"], ids["poc"]
    assert data["pseudonym"] == "Juniper"
    [visit] = data["visits"]
    assert visit["id"] == visit_id
    consent = visit["consent"]
    for field in (
        "script_read",
        "may_check_devices",
        "may_check_accounts",
        "may_share_with_advocate",
    ):
        assert consent[field] is True, field
    assert consent["may_keep_app_list"] is False
    check_in = visit["check_in"]
    assert check_in["safe_to_talk"] == "yes"
    assert check_in["others_have_access"] == "no"
    assert check_in["if_interrupted"] == "We talk about the printer"
    assert check_in["code_word"] == "green kettle"
    [concern] = visit["concerns"]
    assert concern["text"] == CONCERN_WORDS
    assert concern["categories"] == ["location"]

    [person] = data["people"]
    assert person["id"] == poc_id
    assert (person["role"], person["label"]) == ("person_of_concern", "J. (ex-partner)")
    [phone] = data["devices"]
    assert phone["id"] == device_id
    assert (phone["label"], phone["platform"], phone["kind"]) == (
        "Juniper's iPhone",
        "ios",
        "phone",
    )
    assert phone["os_major"] == 17
    assert phone["brought_today"] is True
    [account] = data["accounts"]
    assert account["service"] == "apple_id"
    assert account["password_known_by"] == [poc_id]
    assert account["signed_in_on"] == [device_id]

    [run] = data["checklist_runs"]
    assert (run["protocol_id"], run["target_id"], run["visit_id"]) == (
        "ios-device",
        device_id,
        visit_id,
    )
    [result] = run["results"]
    assert (result["item_id"], result["status"], result["note"]) == (item.id, "concern", ITEM_NOTE)
    [finding] = data["findings"]
    assert (finding["item_id"], finding["target_id"], finding["source"]) == (
        item.id,
        device_id,
        "checklist",
    )
    assert finding["detail"] == ITEM_NOTE
    [plan] = data["plan_items"]
    assert plan["finding_id"] == finding["id"]
    assert plan["option_id"] == item.options[0].id
    assert (plan["would_notice"], plan["access_lost"], plan["reaction"]) == ANSWERS
    assert plan["decision"] == "later"
    assert plan["who_acts"] == "Juniper, with the advocate"

    [referral] = data["referrals"]
    assert referral["entry_id"] == ids["entry"]
    assert referral["name"]
    [follow_up] = data["follow_ups"]
    assert (follow_up["what"], follow_up["who"], follow_up["due"]) == (
        FOLLOW_UP,
        "EF",
        DUE.isoformat(),
    )
    assert follow_up["done"] is False
    [note] = data["handoff_notes"]
    assert note["visit_id"] == visit_id
    assert note["text"] == "Location concern on the iPhone; password change later."
