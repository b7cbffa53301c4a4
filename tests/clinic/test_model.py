"""The case model: hostile text round-trips, field caps, errors that never echo input."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from clinic.model import (
    ENTITY_TYPES,
    Account,
    Case,
    Concern,
    Device,
    FollowUp,
    HandoffNote,
    Person,
    PlanItem,
    Visit,
)
from clinic.model.text import LONG_MAX, SHORT_MAX
from clinic.model.vocab import DeviceKind, PersonRole, Service
from clinic.storage import CaseRepository, KeySettings, Vault, dump_json
from tests.conftest import PASSPHRASE
from tests.factories import HOSTILE

# Text a person can type: any code point except surrogates and the refused controls.
_allowed_long = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in [*range(9), 11, 12, *range(14, 32), *range(127, 160)]],
)
_allowed_short = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in [*range(32), *range(127, 160), 0x2028, 0x2029]],
)
long_text = st.one_of(st.text(_allowed_long, max_size=300), st.sampled_from(HOSTILE))
short_text = st.text(_allowed_short, min_size=1, max_size=SHORT_MAX).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(label=short_text, notes=long_text, concern=long_text.filter(bool), pseudonym=short_text)
def test_models_round_trip_hostile_text_exactly(
    label: str, notes: str, concern: str, pseudonym: str
) -> None:
    person = Person(role=PersonRole.CLIENT, label=label, notes=notes)
    device = Device(kind=DeviceKind.PHONE, label=label, notes=notes, owner_id=person.id)
    account = Account(service=Service.EMAIL, label=label, notes=notes, signed_in_on=[device.id])
    visit = Visit(date=dt.date(2026, 1, 2), concerns=[Concern(text=concern)], notes=notes)
    case = Case(
        pseudonym=pseudonym,
        opened=dt.date(2026, 1, 1),
        people=[person],
        devices=[device],
        accounts=[account],
        visits=[visit],
        handoff_notes=[HandoffNote(written_on=dt.date(2026, 1, 2), text=concern)],
        follow_ups=[FollowUp(what=concern, who=notes)],
        plan_items=[PlanItem(title=label, would_notice=notes, access_lost=notes, reaction=notes)],
    )
    again = Case.model_validate_json(case.model_dump_json())
    assert again == case
    assert again.people[0].label == label
    assert again.visits[0].concerns[0].text == concern
    assert json.loads(dump_json(case))["pseudonym"] == pseudonym


def test_every_entity_kind_round_trips_through_the_vault(
    vault_path,
    fast_key: KeySettings,
    demo_case: Case,  # type: ignore[no-untyped-def]
) -> None:
    assert all(getattr(demo_case, kind) for kind in ENTITY_TYPES if kind != "phone_checks")
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        repo.add(demo_case)
        assert repo.load(demo_case.id) == demo_case


def test_long_text_keeps_line_breaks_tabs_and_the_cap(vault_path, fast_key: KeySettings) -> None:  # type: ignore[no-untyped-def]
    note = ("line\ttab\r\n" * (LONG_MAX // 10))[:LONG_MAX]
    person = Person(role=PersonRole.CLIENT, label="x", notes=note)
    case = Case(pseudonym="Cap", opened=dt.date(2026, 1, 1), people=[person])
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        repo.add(case)
        assert repo.load(case.id).people[0].notes == note
    with pytest.raises(ValidationError, match="at most 100,000"):
        Person(role=PersonRole.CLIENT, label="x", notes=note + "y")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * (SHORT_MAX + 1), "at most 200"),
        ("two\nlines", "one line"),
        ("tab\there", "one line"),
        ("bell\x07", "one line"),
        ("lone \ud800 surrogate", "one line"),
    ],
)
def test_short_text_rules(value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Person(role=PersonRole.CLIENT, label=value)


@pytest.mark.parametrize("value", ["nul\x00", "esc\x1b[31m", "del\x7f", "c1\x85", "lone \udfff"])
def test_long_text_refuses_other_controls(value: str) -> None:
    with pytest.raises(ValidationError, match="control characters"):
        Person(role=PersonRole.CLIENT, label="ok", notes=value)


def test_short_text_at_cap_is_kept() -> None:
    assert Person(role=PersonRole.CLIENT, label="é" * SHORT_MAX).label == "é" * SHORT_MAX


def test_validation_errors_never_echo_the_input() -> None:
    secret = "JANE-SECRET-DOE-123\n"
    with pytest.raises(ValidationError) as info:
        Person(role=PersonRole.CLIENT, label=secret)
    assert "JANE-SECRET" not in str(info.value)
    assert "JANE-SECRET" not in repr(info.value)
    assert "JANE-SECRET" not in repr(info.value.errors(include_input=False))


def test_ids_must_be_uuid4() -> None:
    with pytest.raises(ValidationError, match="UUID4"):
        Person(id="not-a-uuid", role=PersonRole.CLIENT, label="x")


def test_case_rules() -> None:
    with pytest.raises(ValidationError, match="closed date"):
        Case(pseudonym="x", opened=dt.date(2026, 1, 1), status="closed")
    person = Person(role=PersonRole.CLIENT, label="x")
    with pytest.raises(ValidationError, match="unique"):
        Case(pseudonym="x", opened=dt.date(2026, 1, 1), people=[person, person])
