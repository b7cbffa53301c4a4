"""Access routes, impact preview and layout, on the demo case and on small sample inventories."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic.model import Account, Case, Device, Person
from clinic.model.vocab import DeviceKind, PersonRole, Platform, Service
from clinic.technograph import (
    ChangeKind,
    EdgeKind,
    OptionRef,
    PlannedChange,
    build_graph,
    find_routes,
    layout,
    preview,
)


def _case(people: list[Person], devices: list[Device], accounts: list[Account]) -> Case:
    return Case(
        pseudonym="Sample",
        opened=dt.date(2026, 1, 1),
        people=people,
        devices=devices,
        accounts=accounts,
    )


@pytest.fixture
def trio() -> tuple[Person, Person, Person]:
    return (
        Person(role=PersonRole.CLIENT, label="Client"),
        Person(role=PersonRole.PERSON_OF_CONCERN, label="Ex"),
        Person(role=PersonRole.PERSON_OF_CONCERN, label="Ex's brother"),
    )


def _kinds(route) -> list[EdgeKind]:  # type: ignore[no-untyped-def]
    return [e.kind for e in route.edges]


def test_demo_case_has_direct_and_indirect_routes(demo_case: Case, protocol_set) -> None:  # type: ignore[no-untyped-def]
    report = find_routes(demo_case, protocol_set)
    poc = demo_case.people_with_role(PersonRole.PERSON_OF_CONCERN)[0]
    iphone = next(d for d in demo_case.devices if d.platform == Platform.IOS)
    apple = next(a for a in demo_case.accounts if a.service == Service.APPLE_ID)
    google = next(a for a in demo_case.accounts if a.service == Service.GOOGLE)
    tablet = next(d for d in demo_case.devices if d.goes_to_visitation)
    routes = report.for_person(poc.id)
    assert any(r.direct for r in routes)
    indirect = [r for r in routes if not r.direct]
    assert len(routes) >= 2
    assert indirect
    # knows the Apple ID password -> Apple ID signed in on the iPhone: location and backups
    via_apple = [
        r
        for r in report.for_target(iphone.id)
        if _kinds(r) == [EdgeKind.KNOWS_PASSWORD, EdgeKind.ACCOUNT_ON_DEVICE]
    ]
    assert via_apple
    assert via_apple[0].edges[0].target == apple.id
    text = report.explain(via_apple[0])
    assert "password" in text
    assert "backups" in text
    assert poc.label in text
    assert "apple-id" in {c.protocol_id for c in via_apple[0].checks}
    assert "ios-device" in {c.protocol_id for c in via_apple[0].checks}
    # recovery email -> reset Google -> Google signed in on the child's tablet
    via_google = [r for r in report.for_target(tablet.id) if r.edges[0].target == google.id]
    assert via_google
    assert _kinds(via_google[0])[0] == EdgeKind.RECOVERY_EMAIL
    # the tablet goes to visitation; the plan gives carrier records
    assert any(_kinds(r) == [EdgeKind.GOES_TO_VISITATION] for r in report.for_target(tablet.id))
    assert any(EdgeKind.PLAN_LINE in _kinds(r) for r in report.for_target(iphone.id))
    # the poc's own email and speaker are not the client's: no route ends there
    owned = {d.id for d in demo_case.devices if d.owner_id == poc.id}
    assert owned
    assert not owned & {r.target_id for r in routes}
    assert report.people_without_routes == []


def test_route_lines_have_four_tab_fields(demo_case: Case) -> None:
    report = find_routes(demo_case)
    lines = [report.line(r) for r in report.routes]
    assert lines
    assert all(len(line.split("\t")) == 4 for line in lines)
    assert any("\tindirect\t" in line for line in lines)
    assert all("\n" not in line for line in lines)


def test_cycles_terminate_and_routes_are_simple(trio: tuple[Person, Person, Person]) -> None:
    client, ex, _ = trio
    phone = Device(kind=DeviceKind.PHONE, label="Phone", owner_id=client.id)
    laptop = Device(kind=DeviceKind.LAPTOP, label="Laptop", owner_id=client.id)
    google = Account(
        service=Service.GOOGLE,
        label="Google",
        owner_id=client.id,
        signed_in_on=[phone.id, laptop.id],
        password_known_by=[ex.id],
    )
    apple = Account(
        service=Service.APPLE_ID,
        label="Apple",
        owner_id=client.id,
        signed_in_on=[phone.id, laptop.id],
    )
    mail = Account(
        service=Service.EMAIL,
        label="Mail",
        owner_id=client.id,
        signed_in_on=[laptop.id],
        recovery_email_controlled_by=client.id,
    )
    # phone <-> google <-> laptop <-> apple <-> phone: several cycles
    report = find_routes(_case([client, ex], [phone, laptop], [google, apple, mail]))
    assert report.routes
    for route in report.routes:
        nodes = route.node_ids
        assert len(nodes) == len(set(nodes)), "a route never visits a node twice"
        assert route.edges[0].source == ex.id
    reached = report.reached(ex.id)
    assert reached == {phone.id, laptop.id, google.id, apple.id, mail.id}
    # Apple is reached only indirectly: through a device signed in to it
    assert all(not r.direct for r in report.for_target(apple.id))
    # the client's Google mailbox may be the recovery address of Mail
    assert any(EdgeKind.RECOVERY_EMAIL_ACCOUNT in _kinds(r) for r in report.for_target(mail.id))


def test_person_with_no_routes_and_dangling_ids(trio: tuple[Person, Person, Person]) -> None:
    client, ex, brother = trio
    ghost = "0b7c4b84-8d5e-4c53-9a51-0d6c0a3d2f11"
    phone = Device(
        kind=DeviceKind.PHONE, label="Phone", owner_id=client.id, passcode_known_by=[ex.id, ghost]
    )
    acct = Account(service=Service.OTHER, label="Shop", owner_id=client.id, signed_in_on=[ghost])
    report = find_routes(_case([client, ex, brother], [phone], [acct]))
    assert report.people_without_routes == [brother.id]
    assert report.for_person(brother.id) == []
    assert [r.target_id for r in report.for_person(ex.id)] == [phone.id]
    assert report.graph.dangling == 2


def test_case_without_person_of_concern_has_no_routes() -> None:
    client = Person(role=PersonRole.CLIENT, label="Client")
    phone = Device(
        kind=DeviceKind.PHONE, label="Phone", owner_id=client.id, passcode_known_by=[client.id]
    )
    report = find_routes(_case([client], [phone], []))
    assert report.routes == []
    assert report.people_without_routes == []


def test_detour_when_shortest_path_runs_through_the_target(
    trio: tuple[Person, Person, Person],
) -> None:
    client, ex, _ = trio
    phone = Device(
        kind=DeviceKind.PHONE, label="Phone", owner_id=client.id, passcode_known_by=[ex.id]
    )
    tablet = Device(kind=DeviceKind.TABLET, label="Tablet", owner_id=client.id)
    # Shortest way to Apple is through the phone; a second, longer way avoids it.
    apple = Account(
        service=Service.APPLE_ID, label="Apple", owner_id=client.id, signed_in_on=[phone.id]
    )
    google = Account(
        service=Service.GOOGLE,
        label="Google",
        owner_id=client.id,
        recovery_email_controlled_by=ex.id,
        signed_in_on=[tablet.id],
    )
    apple.signed_in_on.append(tablet.id)
    report = find_routes(_case([client, ex], [phone, tablet], [apple, google]))
    into_phone = [r for r in report.for_target(phone.id) if r.edges[-1].source == apple.id]
    assert into_phone, "Apple -> phone is reached through the tablet, not through the phone"
    assert phone.id not in into_phone[0].node_ids[:-1]


def test_impact_of_password_change_lists_the_routes_it_cuts(demo_case: Case, protocol_set) -> None:  # type: ignore[no-untyped-def]
    apple = next(a for a in demo_case.accounts if a.service == Service.APPLE_ID)
    iphone = next(d for d in demo_case.devices if d.platform == Platform.IOS)
    change = PlannedChange(ChangeKind.CHANGE_PASSWORD, apple.id)
    result = preview(demo_case, change, protocol_set)
    assert result.cut
    assert all(EdgeKind.KNOWS_PASSWORD in _kinds(r) for r in result.cut)
    assert {apple.id, iphone.id} <= {r.target_id for r in result.cut}
    # the iPhone is still reachable: the passcode is known, so the preview says so
    assert any(r.target_id == iphone.id for r in result.remaining)
    assert iphone.id not in result.lost_targets
    assert any("old password" in n for n in result.notices)
    assert any("still be reached" in n for n in result.notices)


def test_impact_uses_protocol_option_risk_tags(demo_case: Case, protocol_set) -> None:  # type: ignore[no-untyped-def]
    proto = next(
        (p for p in protocol_set.all() for i in p.items for o in i.options if o.risk_tags), None
    )
    if proto is None:
        pytest.skip("no protocol with option risk tags is loaded")
    item = next(i for i in proto.items if any(o.risk_tags for o in i.options))
    option = next(o for o in item.options if o.risk_tags)
    apple = next(a for a in demo_case.accounts if a.service == Service.APPLE_ID)
    change = PlannedChange(
        ChangeKind.CHANGE_PASSWORD, apple.id, option=OptionRef(proto.id, item.id, option.id)
    )
    result = preview(demo_case, change, protocol_set)
    assert result.risk_tags == list(option.risk_tags)
    assert len(result.notices) > len(
        preview(demo_case, PlannedChange(ChangeKind.CHANGE_PASSWORD, apple.id)).notices
    )


def test_impact_of_other_changes(demo_case: Case) -> None:
    carrier = next(a for a in demo_case.accounts if a.service == Service.CARRIER)
    iphone = next(d for d in demo_case.devices if d.platform == Platform.IOS)
    apple = next(a for a in demo_case.accounts if a.service == Service.APPLE_ID)
    plan = preview(demo_case, PlannedChange(ChangeKind.LEAVE_FAMILY_PLAN, carrier.id))
    assert plan.cut
    assert all(carrier.id in r.node_ids for r in plan.cut)
    assert carrier.id in plan.lost_targets
    removed = preview(
        demo_case,
        PlannedChange(ChangeKind.REMOVE_DEVICE_FROM_ACCOUNT, apple.id, device_id=iphone.id),
    )
    assert removed.cut
    assert all({apple.id, iphone.id} <= set(r.node_ids) for r in removed.cut)
    passcode = preview(demo_case, PlannedChange(ChangeKind.CHANGE_PASSCODE, iphone.id))
    assert any(_kinds(r)[0] == EdgeKind.KNOWS_PASSCODE for r in passcode.cut)
    # paid for / set up stay: changing the passcode does not undo those
    assert iphone.id not in passcode.lost_targets


def test_layout_three_columns_fewer_crossings() -> None:
    people = [Person(role=PersonRole.PERSON_OF_CONCERN, label=f"P{n}") for n in range(4)]
    people.insert(0, Person(role=PersonRole.CLIENT, label="Client"))
    devices = [
        Device(kind=DeviceKind.PHONE, label=f"D{n}", owner_id=people[0].id) for n in range(16)
    ]
    accounts = [
        Account(
            service=Service.OTHER,
            label=f"A{n}",
            owner_id=people[0].id,
            signed_in_on=[devices[15 - n].id],
        )
        for n in range(16)
    ]
    # Reverse wiring: P_k knows the passcode of the devices in the opposite order.
    for n, dev in enumerate(devices):
        dev.passcode_known_by.append(people[4 - n % 4].id)
    case = _case(people, devices, accounts)
    report = find_routes(case)
    result = layout(report)
    assert len(result.nodes) == 37
    assert {n.column for n in result.nodes} == {0, 1, 2}
    assert all(
        n.column == ["person", "device", "account"].index(n.kind.value) for n in result.nodes
    )
    naive = _naive_crossings(case)
    assert result.crossings < naive
    assert all(e.on_route for e in result.edges if e.source in {p.id for p in people[1:]})
    ys = [n.y for n in result.nodes if n.column == 1]
    assert len(set(ys)) == len(ys), "no two nodes share a place"


def _naive_crossings(case: Case) -> int:
    from clinic.technograph.layout import _crossings

    graph = build_graph(case)
    cols = [
        [p.id for p in case.people],
        [d.id for d in case.devices],
        [a.id for a in case.accounts],
    ]
    return _crossings(graph, cols)


def test_every_msgid_of_the_technograph_and_phone_check_has_spanish() -> None:
    """Each fixed string of technograph/ and phonecheck/ is translated in the one catalogue."""
    import re
    from pathlib import Path

    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with (root / "resources/translations/es/LC_MESSAGES/clinic.po").open("rb") as fh:
        catalog = read_po(fh, locale="es")
    keywords = {"_": None, "gettext": None, "N_": None}
    files = sorted((root / "clinic" / "technograph").glob("*.py")) + sorted(
        (root / "clinic" / "phonecheck").glob("*.py")
    )
    msgids = {m[1] for f in files for m in extract_from_file("python", str(f), keywords=keywords)}
    assert len(msgids) > 30  # the labels moved to clinic/vocabulary.py; these are what is left
    for en in msgids:
        entry = catalog.get(en)
        assert entry is not None, en
        es = entry.string
        assert es, en
        assert set(re.findall(r"\{\w+\}", en)) == set(re.findall(r"\{\w+\}", es)), en
