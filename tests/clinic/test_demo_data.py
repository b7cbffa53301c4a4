"""Demo cases are data (issue 12, #6): resources/demo/*.json, valid against the schema."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import jsonschema
import pytest

from clinic.model.case_file import case_json_schema, dump_case, parse_case_bytes
from clinic.model.upgrade import UPGRADES
from clinic.services.demo import generate
from clinic.services.demo_data import DemoIds, index, load_case, rich_case
from tests.cli_helpers import ROOT

DEMO = ROOT / "resources" / "demo"
VALIDATOR = jsonschema.Draft202012Validator(
    case_json_schema(), format_checker=jsonschema.FormatChecker()
)
REWRITE = "the demo files are not current: run python tools/demo_cases.py"


@pytest.mark.parametrize("name", index()["cases"])
def test_each_demo_file_is_a_current_case_file_valid_against_the_schema(name: str) -> None:
    raw = (DEMO / name).read_bytes()
    VALIDATOR.validate(json.loads(raw))
    case = parse_case_bytes(raw)  # the strict import door: every field, exact, current
    assert dump_case(case).encode() == raw, REWRITE
    assert case.fictional


def test_every_demo_file_is_listed_and_the_python_copy_is_gone() -> None:
    assert sorted(p.name for p in DEMO.glob("*.json")) == sorted([*index()["cases"], "index.json"])
    assert not (ROOT / "clinic" / "services" / "demo_rich.py").exists()


@pytest.mark.parametrize("day", [dt.date(2026, 11, 27), dt.date(2031, 2, 28)])
def test_dates_follow_today(day: dt.date, protocol_set: Any) -> None:
    case = rich_case(DemoIds(random.Random(1)), day, protocol_set)
    assert case.visits[0].date == day - dt.timedelta(days=2)
    assert case.opened == case.visits[0].date
    assert case.follow_ups[0].due == day + dt.timedelta(days=12)
    separated = day - dt.timedelta(days=200)
    assert case.situation.separated_month == f"{separated.year:04d}-{separated.month:02d}"
    VALIDATOR.validate(json.loads(dump_case(case)))


def test_ids_come_from_the_seed(protocol_set: Any) -> None:
    day = dt.date(2026, 11, 27)
    one = rich_case(DemoIds(random.Random(7)), day, protocol_set)
    again = rich_case(DemoIds(random.Random(7)), day, protocol_set)
    other = rich_case(DemoIds(random.Random(8)), day, protocol_set)
    assert one == again
    assert one.id != other.id
    stored = json.loads((DEMO / index()["cases"][0]).read_text(encoding="utf-8"))
    assert one.id != stored["id"]
    # references follow their record
    poc = one.people[1]
    assert one.devices[0].paid_by_id == poc.id
    assert one.plan_items[0].finding_id == one.findings[0].id


def test_results_follow_the_protocols_in_use(protocol_set: Any) -> None:
    day = dt.date(2026, 11, 27)
    case = rich_case(DemoIds(random.Random(1)), day, protocol_set)
    for run in case.checklist_runs:
        proto = protocol_set.get(run.protocol_id)
        assert [r.item_id for r in run.results] == [i.id for i in proto.items[: len(run.results)]]
    finding = next(f for f in case.findings if f.protocol_id == "apple-id")
    apple = next(r for r in case.checklist_runs if r.protocol_id == "apple-id")
    assert finding.item_id == apple.results[0].item_id
    bare = rich_case(DemoIds(random.Random(1)), day, None)
    assert all(run.results == [] for run in bare.checklist_runs)
    assert all(f.item_id is None for f in bare.findings)


def test_generate_still_makes_plain_and_large_cases(protocol_set: Any) -> None:
    cases = generate(3, 4, True, dt.date(2026, 11, 27), protocol_set)
    assert [c.pseudonym for c in cases][0] == "Maple"
    assert len(cases) == 6
    assert cases[-1].pseudonym == "Large case"
    assert all(c.fictional for c in cases)
    for case in cases:
        parse_case_bytes(dump_case(case).encode())


def test_a_demo_file_with_foreign_ids_is_refused(tmp_path: Any, monkeypatch: Any) -> None:
    import clinic.services.demo_data as demo_data

    data = json.loads((DEMO / index()["cases"][0]).read_text(encoding="utf-8"))
    data["people"][0]["id"] = "11111111-1111-4111-8111-111111111111"
    monkeypatch.setattr(demo_data, "raw_case", lambda name: data)
    with pytest.raises(ValueError, match="id_seed"):
        load_case("maple.json", DemoIds(random.Random(1)), dt.date(2026, 1, 1), None)


def _only_old_keys(new: Any, old: Any) -> Any:
    """`new` without the fields added since `old` was written (nested records included)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {k: _only_old_keys(new[k], old[k]) for k in old if k in new}
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        return [_only_old_keys(n, o) for n, o in zip(new, old, strict=True)]
    return new


def test_the_demo_is_the_one_release_0_1_0_made(protocol_set: Any) -> None:
    """Seed 7 on the fixture's day gives release 0.1.0's Maple: same ids, same text, same dates.

    Left out: what the fixture's phone check added after `clinic demo`, the fields added to
    the case format since 0.1.0, and protocol item ids (they follow the shipped protocols).
    """
    old = json.loads(
        (ROOT / "tests" / "fixtures" / "release-0.1.0" / "maple-export.json").read_text()
    )
    old = UPGRADES[3](old)  # format 4: the month of the separation, visits as yes/no/not asked
    old.pop("phone_checks")
    old["findings"] = [f for f in old["findings"] if f["source"] != "phone_check"]
    old.pop("format")
    day = dt.date.fromisoformat(old["visits"][0]["date"]) + dt.timedelta(days=2)
    new = json.loads(dump_case(generate(7, 3, False, day, protocol_set)[0]))
    new = _only_old_keys(new, old)
    for case in (old, new):  # item ids follow the shipped protocols, which change
        for record in [
            *case["findings"],
            *(r for run in case["checklist_runs"] for r in run["results"]),
        ]:
            record.pop("item_id")
    assert new == old
