"""Selection and coverage: which protocols a case's inventory brings, and how far they are done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clinic.model import (
    Account,
    Case,
    ChecklistRun,
    Concern,
    Device,
    ItemResult,
    Person,
    SituationContext,
    Visit,
    new_id,
)
from clinic.model.vocab import (
    ConcernCategory,
    DeviceKind,
    ItemStatus,
    PersonRole,
    Platform,
    Service,
    Situation,
)
from clinic.protocols.loader import ProtocolSet, load_protocols
from clinic.protocols.select import (
    CASE_TARGET,
    Target,
    coverage,
    select,
    situations,
    steps_for_device,
)
from tests.clinic.protocol_samples import write_protocol

DAY = dt.date(2026, 3, 2)
SAMPLE_RULES = {
    "phone-ios": 'platforms = ["ios", "ipados"]',
    "apple": 'services = ["apple_id"]',
    "google": 'services = ["google"]',
    "plan": "family_plan = true",
    "kids": 'situations = ["children"]\nchildren_devices = true',
    "images": 'situations = ["harassment", "intimate_images"]',
    "home": 'device_kinds = ["smart_home", "router"]',
    "basics": "always = true",
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> ProtocolSet:
    root = tmp_path_factory.mktemp("sample-protocols")
    for pid, rule in SAMPLE_RULES.items():
        write_protocol(root, pid, applies=rule, items=("first", "second", "third"))
    pset = load_protocols([root], builtin=False)
    assert pset.problems == []
    return pset


def _people() -> tuple[Person, Person, Person]:
    return (
        Person(role=PersonRole.CLIENT, label="Client"),
        Person(role=PersonRole.PERSON_OF_CONCERN, label="Other person"),
        Person(role=PersonRole.CHILD, label="Child"),
    )


def _case(**fields: object) -> Case:
    return Case.model_validate({"pseudonym": "Test", "opened": DAY, **fields})


@pytest.fixture
def household() -> Case:
    client, poc, child = _people()
    devices = [
        Device(
            kind=DeviceKind.PHONE,
            platform=Platform.IOS,
            os_major=15,
            label="iPhone",
            owner_id=client.id,
        ),
        Device(
            kind=DeviceKind.TABLET, platform=Platform.ANDROID, label="Tablet", owner_id=child.id
        ),
        Device(kind=DeviceKind.LAPTOP, platform=Platform.WINDOWS, label="Laptop"),
        Device(kind=DeviceKind.SMART_HOME, platform=Platform.OTHER, label="Speaker"),
    ]
    accounts = [
        Account(service=Service.APPLE_ID, label="Apple", owner_id=client.id),
        Account(service=Service.GOOGLE, label="Google", owner_id=client.id),
        Account(service=Service.CARRIER, label="Plan", owner_id=poc.id, family_plan=True),
        Account(service=Service.BANK, label="Bank", owner_id=client.id),
    ]
    return _case(people=[client, poc, child], devices=devices, accounts=accounts)


def _target(case: Case, label: str) -> Target:
    for d in case.devices:
        if d.label == label:
            return Target("device", d.id, label)
    account = next(a for a in case.accounts if a.label == label)
    return Target("account", account.id, label)


def test_inventory_brings_protocols_for_each_entry(household: Case, samples: ProtocolSet) -> None:
    sel = select(household, samples)
    targets = {a.id: [t.label for t in a.targets] for a in sel.applicable}
    assert targets == {
        "phone-ios": ["iPhone"],
        "apple": ["Apple"],
        "google": ["Google"],
        "plan": ["Plan"],
        "kids": ["Tablet"],  # a device owned by a child, not the case as a whole
        "home": ["Speaker"],
        "basics": [""],  # always: the whole case
    }
    reasons = {a.id: a.reasons for a in sel.applicable}
    assert reasons["kids"] == ("children_devices", "situation:children")
    assert reasons["plan"] == ("family_plan",)
    assert reasons["basics"] == ("always",)
    assert [t.label for t in sel.uncovered] == ["Laptop", "Bank"]


def test_grouped_by_device_then_account_then_case(household: Case, samples: ProtocolSet) -> None:
    groups = select(household, samples).by_target()
    assert [(t.label, [a.id for a in apps]) for t, apps in groups] == [
        ("iPhone", ["phone-ios"]),
        ("Tablet", ["kids"]),
        ("Speaker", ["home"]),
        ("Apple", ["apple"]),
        ("Google", ["google"]),
        ("Plan", ["plan"]),
        ("", ["basics"]),
    ]
    assert groups[-1][0] == CASE_TARGET


def test_situations_come_from_context_and_concerns(samples: ProtocolSet) -> None:
    context = SituationContext(
        lives_with_poc="yes", order_of_protection="yes", separated_month="2025-05"
    )
    concerns = [
        Concern(text="Pictures", categories=[ConcernCategory.INTIMATE_IMAGES]),
        Concern(text="Speaker", categories=[ConcernCategory.SMART_HOME]),
        Concern(text="Kid", categories=[ConcernCategory.CHILD_DEVICES, ConcernCategory.FINANCIAL]),
    ]
    case = _case(situation=context, visits=[Visit(date=DAY, concerns=concerns)])
    assert situations(case) == {
        Situation.LIVES_WITH_POC,
        Situation.ORDER_OF_PROTECTION,
        Situation.SEPARATED,
        Situation.INTIMATE_IMAGES,
        Situation.CHILDREN,
        Situation.FINANCES,
    }
    sel = select(case, samples)
    # With no inventory, case-level matches apply to the whole case.
    assert {a.id: a.targets for a in sel.applicable} == {
        "images": (CASE_TARGET,),
        "kids": (CASE_TARGET,),
        "home": (CASE_TARGET,),
        "basics": (CASE_TARGET,),
    }
    assert "concern:smart_home" in next(a for a in sel.applicable if a.id == "home").reasons
    assert select(_case(), samples).ids() == ["basics"]


def test_children_situation_from_a_child_in_the_case(samples: ProtocolSet) -> None:
    _, _, child = _people()
    assert Situation.CHILDREN in situations(_case(people=[child]))
    assert Situation.CHILDREN not in situations(_case(situation=SituationContext(children="no")))
    assert Situation.CHILDREN in situations(
        _case(situation=SituationContext(children_visitation="yes"))
    )


def _runs(case: Case) -> list[ChecklistRun]:
    iphone, apple, laptop = (_target(case, n).id for n in ("iPhone", "Apple", "Laptop"))
    done = [ItemResult(item_id=i, status=ItemStatus.NO_CONCERN_FOUND) for i in ("first", "second")]
    return [
        ChecklistRun(
            protocol_id="phone-ios",
            target_id=iphone,
            results=[
                ItemResult(item_id="first", status=ItemStatus.CONCERN),
                ItemResult(item_id="second", status=ItemStatus.NOT_CHECKED),
                ItemResult(item_id="gone-from-protocol", status=ItemStatus.CONCERN),
            ],
        ),
        ChecklistRun(
            protocol_id="phone-ios",
            target_id=iphone,
            results=[
                ItemResult(item_id="third", status=ItemStatus.DECLINED),
            ],
        ),
        ChecklistRun(
            protocol_id="apple",
            target_id=apple,
            results=[
                *done,
                ItemResult(item_id="third", status=ItemStatus.NOT_APPLICABLE),
            ],
        ),
        ChecklistRun(protocol_id="google", target_id=laptop, results=done[:1]),
        ChecklistRun(protocol_id="unknown-protocol", target_id=iphone, results=done),
        ChecklistRun(protocol_id="apple", target_id=new_id(), results=done),
    ]


def test_coverage_counts_done_items(household: Case, samples: ProtocolSet) -> None:
    case = household.model_copy(update={"checklist_runs": _runs(household)})
    cov = coverage(case, samples)
    phone = cov.for_target(_target(case, "iPhone").id)
    assert [(e.protocol_id, sorted(e.done), e.not_done) for e in phone] == [
        ("phone-ios", ["first", "third"], ("second",))
    ]
    apple = cov.for_target(_target(case, "Apple").id)[0]
    assert apple.complete
    # A protocol the volunteer ran outside the selection still counts, marked as such.
    extra = cov.for_target(_target(case, "Laptop").id)
    assert [(e.protocol_id, e.suggested, len(e.done)) for e in extra] == [("google", False, 1)]
    # 7 suggested (protocol, target) pairs of 3 items, plus the extra run.
    assert cov.item_count == 8 * 3
    assert cov.done_count == 2 + 3 + 1
    assert [t.label for t in cov.uncovered] == ["Laptop", "Bank"]
    assert cov.for_target(None)[0].protocol_id == "basics"


def test_steps_follow_the_device_os(household: Case, samples: ProtocolSet) -> None:
    item = samples.item("phone-ios", "first")
    assert item is not None
    iphone = household.devices[0]
    assert [s.text for s in steps_for_device(item, iphone)] == [
        "Open Settings (before version 16).",
        "Ask who set this up.",
    ]
    newer = iphone.model_copy(update={"os_major": 18})
    assert steps_for_device(item, newer)[0].text == "Open Settings (version 16 and later)."
    assert len(steps_for_device(item, None)) == 3


# --- the shipped protocols (acceptance: these need the content to be complete) ---


@pytest.fixture(scope="module")
def shipped() -> ProtocolSet:
    return load_protocols()


def test_shipped_iphone_with_apple_id(shipped: ProtocolSet) -> None:
    client, _, _ = _people()
    case = _case(
        people=[client],
        devices=[
            Device(kind=DeviceKind.PHONE, platform=Platform.IOS, label="P", owner_id=client.id)
        ],
        accounts=[Account(service=Service.APPLE_ID, label="A", owner_id=client.id)],
    )
    ids = select(case, shipped).ids()
    assert {"ios-device", "apple-id"} <= set(ids)
    assert "android-device" not in ids


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        (Account(service=Service.GOOGLE, label="G"), "google-account"),
        (Account(service=Service.CARRIER, label="C", family_plan=True), "carrier-family-plan"),
    ],
)
def test_shipped_accounts_bring_their_protocol(
    shipped: ProtocolSet, account: Account, expected: str
) -> None:
    sel = select(_case(accounts=[account]), shipped)
    app = next((a for a in sel.applicable if a.id == expected), None)
    assert app is not None, sel.ids()
    assert [t.id for t in app.targets] == [account.id]
    assert sel.uncovered == ()


def test_shipped_childs_device_and_uncovered_entry(shipped: ProtocolSet) -> None:
    client, _, child = _people()
    tablet = Device(kind=DeviceKind.TABLET, platform=Platform.ANDROID, label="T", owner_id=child.id)
    odd = Device(kind=DeviceKind.OTHER, platform=Platform.OTHER, label="Odd", owner_id=client.id)
    sel = select(_case(people=[client, child], devices=[tablet, odd]), shipped)
    kids = next(a for a in sel.applicable if a.id == "children-devices")
    assert [t.id for t in kids.targets] == [tablet.id]
    assert "android-device" in sel.ids()
    assert [t.id for t in sel.uncovered] == [odd.id]


def test_demo_case_coverage(demo_case: Case, shipped: ProtocolSet) -> None:
    cov = coverage(demo_case, shipped)
    iphone = next(d for d in demo_case.devices if d.platform == Platform.IOS)
    entry = next(e for e in cov.for_target(iphone.id) if e.protocol_id == "ios-device")
    assert len(entry.done) == 4  # the demo records four results, none "not checked"
    assert len(entry.not_done) == len(entry.item_ids) - 4
    assert 0 < cov.done_count < cov.item_count


def test_select_in_spanish_uses_spanish_texts(tmp_path: Path, samples: ProtocolSet) -> None:
    sel = select(_case(), samples, "es")
    assert sel.applicable[0].protocol.title == "es sample"
