"""Inventory stage: keyboard adds, removal cleans references, technograph routes and preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from clinic.model import Account, Case, Device, Person
from clinic.model.vocab import DeviceKind, PersonRole, Platform, Service
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.technograph import ChangeKind, EdgeKind
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.main_window import MainWindow
from ui.stages.inventory import InventoryPage
from ui.stages.inventory_parts.graph_view import EDGE_GROUPS


def _open_inventory(qtbot: QtBot, window: MainWindow, case: Case) -> InventoryPage:
    unlock(qtbot, window)
    window.open_case(case.id, None, "inventory")
    page = window.workspace.pages[2]
    assert isinstance(page, InventoryPage)
    return page


def _stored(path: Path, key: KeySettings, case_id: str) -> Case:
    with Vault.open(path, PASSPHRASE, key) as vault:
        return CaseRepository(vault).load(case_id)


LEGEND_TITLES = {title for title, _color, _kinds in EDGE_GROUPS}


def test_add_device_and_account_from_the_keyboard(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = make_window(demo_vault)
    page = _open_inventory(qtbot, window, demo_case)
    space = window.workspace

    # Alt+D opens the Devices tab; pick "Android phone" with the arrow key; Ctrl+N adds it.
    qtbot.keyClick(space, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.devices
    page.devices.preset.setFocus()
    qtbot.keyClick(page.devices.preset, Qt.Key.Key_Down)
    assert page.devices.preset.currentText() == "Android phone"
    qtbot.keyClick(page.devices.preset, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    device = page.devices.current()
    assert isinstance(device, Device)
    assert device.platform == Platform.ANDROID
    label = page.devices.form.widgets["label"]
    assert QApplication.focusWidget() is label
    qtbot.keyClick(label, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(label, "Work phone")
    brought = page.devices.form.widgets["brought_today"]
    brought.setFocus()
    qtbot.keyClick(brought, Qt.Key.Key_Space)

    # Accounts: the third preset is Email; it is signed in on the new phone (Space ticks it).
    qtbot.keyClick(space, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.accounts
    page.accounts.preset.setFocus()
    qtbot.keyClick(page.accounts.preset, Qt.Key.Key_Down)
    qtbot.keyClick(page.accounts.preset, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClick(page.accounts.preset, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    account = page.accounts.current()
    assert isinstance(account, Account)
    assert account.service == Service.EMAIL
    signed = page.accounts.form.widgets["signed_in_on"]
    signed.setFocus()
    row = next(
        r
        for r in range(signed.count())
        if signed.item(r).data(Qt.ItemDataRole.UserRole) == device.id
    )
    signed.setCurrentRow(row)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClick(signed, Qt.Key.Key_Space)

    stored = _stored(demo_vault, fast_key, demo_case.id)
    phone = next(d for d in stored.devices if d.id == device.id)
    assert phone.label == "Work phone"
    assert phone.brought_today
    assert phone.owner_id == stored.people_with_role(PersonRole.CLIENT)[0].id
    mail = next(a for a in stored.accounts if a.id == account.id)
    assert mail.label == "Email"
    assert mail.signed_in_on == [device.id]


def test_remove_person_cleans_references(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = make_window(demo_vault)
    page = _open_inventory(qtbot, window, demo_case)
    poc = demo_case.people_with_role(PersonRole.PERSON_OF_CONCERN)[0]
    page.tabs.setCurrentWidget(page.people)
    page.people.select_id(poc.id)
    page.people.table.setFocus()
    prompts.set_next_answer(False)  # cancelled: nothing changes
    qtbot.keyClick(page.people.table, Qt.Key.Key_Delete)
    assert window.session.case is not None
    assert window.session.case.person(poc.id) is not None
    prompts.set_next_answer(True)
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        qtbot.keyClick(page.people.table, Qt.Key.Key_Delete)
    assert prompts.pending_answers() == 0

    stored = _stored(demo_vault, fast_key, demo_case.id)
    assert stored.person(poc.id) is None
    text = stored.model_dump_json()
    assert poc.id not in text
    iphone = next(d for d in stored.devices if d.platform == Platform.IOS)
    assert iphone.passcode_known_by == []
    assert iphone.paid_by_id is None
    page.technograph.recompute()
    assert page.technograph.report is not None
    assert page.technograph.report.routes == []


def test_technograph_routes_and_impact_preview(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    page = _open_inventory(qtbot, window, demo_case)
    qtbot.keyClick(window.workspace, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    tab = page.technograph
    assert page.tabs.currentWidget() is tab
    report = tab.report
    assert report is not None
    assert len(report.routes) >= 2
    assert any(not r.direct for r in report.routes)
    # The indirect route Apple Account -> iPhone is drawn highlighted.
    apple = next(a for a in demo_case.accounts if a.service == Service.APPLE_ID)
    iphone = next(d for d in demo_case.devices if d.platform == Platform.IOS)
    edge = next(
        e
        for e in tab.view.edge_items
        if (e.edge.source, e.edge.target) == (apple.id, iphone.id)
        and e.edge.kind == EdgeKind.ACCOUNT_ON_DEVICE
    )
    assert edge.highlighted
    assert not all(e.highlighted for e in tab.view.edge_items)  # edges off routes stay faint
    # Edges from people to accounts pass between the device boxes, never behind one.
    device_ids = {d.id for d in demo_case.devices}
    people_ids = {p.id for p in demo_case.people}
    boxes = [tab.view.node_items[i].rect().adjusted(2, 2, -2, -2) for i in device_ids]
    skipping = [
        e
        for e in tab.view.edge_items
        if e.edge.source in people_ids and e.edge.target not in device_ids
    ]
    assert skipping
    for item in skipping:
        path = item.path()
        points = [path.pointAtPercent(n / 200) for n in range(201)]
        assert not [p for p in points for box in boxes if box.contains(p)]
    # The legend: each swatch sits right before its own label.
    legend = [w for w in tab.findChildren(QWidget) if w.accessibleName() in LEGEND_TITLES]
    assert len(legend) == len(LEGEND_TITLES)
    for pair in legend:
        swatch, label = pair.findChildren(QLabel)[:2]
        assert swatch.pixmap() is not None
        assert not swatch.pixmap().isNull()
        assert label.text() == pair.accessibleName()
        assert swatch.geometry().right() < label.geometry().left()

    # Table view: one row per route, with the explanation.
    qtbot.mouseClick(tab.table_button, Qt.MouseButton.LeftButton)
    assert tab.views.currentWidget() is tab.table.parentWidget()
    assert tab.routes.rowCount() == len(report.routes)
    # one line per route: a laptop screen shows many of them, the full text is below
    line = tab.table.fontMetrics().height()
    assert all(tab.table.rowHeight(r) < 2.5 * line for r in range(tab.routes.rowCount()))
    assert all("->" not in tab.routes.index(r, 0).data() for r in range(tab.routes.rowCount()))
    texts = [tab.routes.index(r, 2).data() for r in range(tab.routes.rowCount())]
    assert any("signed in on" in t and apple.label in t for t in texts)
    tab.table.selectRow(0)
    first = report.routes[0]
    strong = {
        (e.edge.source, e.edge.target, e.edge.kind.value)
        for e in tab.view.edge_items
        if e.highlighted
    }
    assert strong == set(first.key)
    assert tab.route_detail.text().startswith(tab.routes.index(0, 0).data())

    # Impact preview: changing the Apple Account password cuts its routes.
    qtbot.mouseClick(tab.impact_button, Qt.MouseButton.LeftButton)
    impact = tab.impact
    assert tab.views.currentWidget() is impact
    impact.change.setCurrentIndex(impact.change.findData(ChangeKind.CHANGE_PASSWORD))
    impact.target.setCurrentIndex(impact.target.findData(apple.id))
    assert impact.result is not None
    assert impact.result.cut
    lines = [impact.cut.item(r).text() for r in range(impact.cut.count())]
    assert any("knows the password of " + apple.label in line for line in lines)
    assert any(iphone.label in line for line in lines)
    notices = [impact.notices.item(r).text() for r in range(impact.notices.count())]
    assert any("old password" in n for n in notices)


def test_forty_node_inventory_draws(qtbot: QtBot) -> None:
    from datetime import date

    from ui.stages.inventory_parts.technograph_tab import TechnographTab

    people = [
        Person(role=PersonRole.CLIENT, label="Client"),
        Person(role=PersonRole.PERSON_OF_CONCERN, label="Ex"),
    ]
    people += [Person(role=PersonRole.CHILD, label=f"Child {n}") for n in range(2)]
    devices = [
        Device(
            kind=DeviceKind.PHONE,
            label=f"A very long device label that will not fit in its box {n}",
            owner_id=people[0].id,
            passcode_known_by=[people[1].id] if n % 3 == 0 else [],
        )
        for n in range(18)
    ]
    accounts = [
        Account(
            service=Service.GOOGLE,
            label=f"Account {n}",
            owner_id=people[0].id,
            password_known_by=[people[1].id] if n % 4 == 0 else [],
            signed_in_on=[devices[n].id, devices[(n + 5) % 18].id],
        )
        for n in range(18)
    ]
    case = Case(
        pseudonym="Big", opened=date(2026, 1, 1), people=people, devices=devices, accounts=accounts
    )
    tab = TechnographTab()
    qtbot.addWidget(tab)
    tab.resize(580, 600)
    tab.show()
    tab.set_case(case, None)
    assert len(tab.view.node_items) == 40
    assert len(tab.view.edge_items) >= 36 + 36
    box = tab.view.node_items[devices[0].id]
    shown = box.childItems()[0].text()
    assert shown.endswith("\u2026")
    assert len(shown) < len(devices[0].label)
    assert devices[0].label in box.toolTip()
    scale = tab.view.transform().m11()
    assert 0.5 <= scale <= 1.0
    tab.view.fit_all()
    rect = tab.view.mapToScene(tab.view.viewport().rect()).boundingRect()
    assert rect.contains(tab.view.sceneRect().adjusted(1, 1, -1, -1))
