"""Fictional, realistic training cases (`clinic demo`). Deterministic for a seed and day.

The first case listed is the richest: a person of concern with direct and indirect access
routes, common platforms, concerns, checklist results, findings, plan items, referrals, a
follow-up and text in every free-text field. It is data, `resources/demo/maple.json`
(clinic/services/demo_data.py loads it: fresh ids from the seed, dates moved to today); the
plain and the large cases are generated here. No demo text uses a word that discreet mode
forbids, so its survivor summary prints in discreet mode as it is.
"""

from __future__ import annotations

import datetime as dt
import random

from clinic.model import (
    Account,
    Case,
    ChecklistRun,
    Device,
    FollowUp,
    ItemResult,
    Person,
)
from clinic.model.vocab import (
    CaseStatus,
    DeviceKind,
    ItemStatus,
    Language,
    PersonRole,
    Platform,
    Service,
)
from clinic.protocols.loader import ProtocolSet
from clinic.services.demo_data import DemoIds, rich_case

_NAMES = [
    "Maple",
    "Birch",
    "Cedar",
    "Willow",
    "Aspen",
    "Rowan",
    "Hazel",
    "Juniper",
    "Laurel",
    "Linden",
    "Alder",
    "Elm",
    "Olive",
    "Sage",
    "Fern",
    "Iris",
    "Ivy",
    "Jasmine",
    "Lily",
    "Marigold",
    "Poppy",
    "Rose",
    "Violet",
    "Wren",
    "Robin",
    "Finch",
    "Lark",
    "Heron",
    "Dove",
    "Kestrel",
]


def generate(
    seed: int = 1,
    extra_cases: int = 0,
    large: bool = False,
    today: dt.date | None = None,
    protocols: ProtocolSet | None = None,
) -> list[Case]:
    """The rich demo case, then `extra_cases` plain ones, then the large one if asked."""
    rng = random.Random(seed)
    ids = DemoIds(rng)
    day = today or dt.date.today()
    cases = [rich_case(ids, day, protocols)]
    cases.extend(plain_case(ids, rng, day, n) for n in range(extra_cases))
    if large:
        cases.append(large_case(ids, rng, day, protocols))
    # Demo cases are fictional examples: statistics leave them out unless asked.
    return [case.model_copy(update={"fictional": True}) for case in cases]


def plain_case(ids: DemoIds, rng: random.Random, day: dt.date, n: int) -> Case:
    """A small, ordinary case for scale tests."""
    opened = day - dt.timedelta(days=3 + rng.randrange(900))
    closed = opened + dt.timedelta(days=rng.randrange(1, 60)) if rng.random() < 0.4 else None
    client = Person(id=ids(), role=PersonRole.CLIENT, label="Client")
    poc = Person(id=ids(), role=PersonRole.PERSON_OF_CONCERN, label="Person of concern")
    phone = Device(
        id=ids(),
        kind=DeviceKind.PHONE,
        platform=rng.choice([Platform.IOS, Platform.ANDROID]),
        label="Phone",
        owner_id=client.id,
        paid_by_id=rng.choice([client.id, poc.id]),
    )
    follow_ups = []
    if closed is None and rng.random() < 0.3:
        follow_ups.append(
            FollowUp(
                id=ids(),
                what="Check in about the plan.",
                who="CD",
                due=day + dt.timedelta(days=rng.randrange(1, 30)),
            )
        )
    return Case(
        id=ids(),
        pseudonym=f"{rng.choice(_NAMES)} {n + 1}",
        language=rng.choice([Language.EN, Language.ES]),
        status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
        opened=opened,
        closed=closed,
        people=[client, poc],
        devices=[phone],
        follow_ups=follow_ups,
    )


def large_case(
    ids: DemoIds, rng: random.Random, day: dt.date, protocols: ProtocolSet | None
) -> Case:
    """One case with 60 devices and accounts and 300 checklist results."""
    client = Person(id=ids(), role=PersonRole.CLIENT, label="Large case client")
    poc = Person(id=ids(), role=PersonRole.PERSON_OF_CONCERN, label="Person of concern")
    devices = [
        Device(
            id=ids(),
            kind=DeviceKind.PHONE,
            platform=rng.choice([Platform.IOS, Platform.ANDROID]),
            label=f"Device {n + 1}",
            owner_id=client.id,
            passcode_known_by=[poc.id] if n % 7 == 0 else [],
            notes=f"Device note {n + 1}.",
        )
        for n in range(30)
    ]
    services = list(Service)
    accounts = [
        Account(
            id=ids(),
            service=services[n % len(services)],
            label=f"Account {n + 1}",
            owner_id=client.id,
            password_known_by=[poc.id] if n % 5 == 0 else [],
            signed_in_on=[devices[n].id],
            notes=f"Account note {n + 1}.",
        )
        for n in range(30)
    ]
    item_ids = [(p.id, i.id) for p in (protocols.all() if protocols else []) for i in p.items] or [
        ("manual", f"item-{n}") for n in range(50)
    ]
    runs = []
    for r in range(10):
        pid = item_ids[(r * 30) % len(item_ids)][0]
        results = [
            ItemResult(
                id=ids(),
                item_id=item_ids[(r * 30 + k) % len(item_ids)][1],
                status=rng.choice(list(ItemStatus)),
                note=f"Result note {r}-{k}.",
            )
            for k in range(30)
        ]
        runs.append(
            ChecklistRun(id=ids(), protocol_id=pid, target_id=devices[r].id, results=results)
        )
    return Case(
        id=ids(),
        pseudonym="Large case",
        opened=day - dt.timedelta(days=400),
        people=[client, poc],
        devices=devices,
        accounts=accounts,
        checklist_runs=runs,
    )
