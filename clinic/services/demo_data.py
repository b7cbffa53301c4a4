"""Demo cases kept as data: case files under `resources/demo/`, loaded by `clinic demo`.

`resources/demo/index.json` lists the files and how they were written:

- `anchor`: the day the file's dates are relative to. On load every date moves by
  (today - anchor), so a visit "two days ago" stays two days ago.
- `id_seed`: the file's ids are the first ids drawn by `DemoIds(random.Random(id_seed))`,
  in the order the case was built. On load each is replaced, in that order, by the next id
  of the demo's own generator, so a seed gives the same ids it always gave.
- Checklist results belong to the first items of their protocol: on load they take the
  item ids of the protocols in use (a protocol with fewer items keeps fewer results; with
  no protocols, runs have no results), and a finding that named a result's item follows it.

Each file is a case file in the current format (`clinic case import` reads it as it is;
tests/clinic/test_demo_data.py checks it against the published schema). After a change to
the case format, rewrite them with `python tools/demo_cases.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from typing import Any

from clinic.model import Case
from clinic.model.upgrade import upgrade_case_data
from clinic.paths import resource
from clinic.protocols.loader import ProtocolSet

INDEX = "index.json"


class DemoIds:
    """Deterministic UUID4 strings from the demo's random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def index() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("demo", INDEX).read_text(encoding="utf-8"))
    return data


def raw_case(name: str) -> dict[str, Any]:
    """One demo file as stored (its own ids and dates), upgraded to the current format."""
    text = resource("demo", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return upgrade_case_data(data)


def load_case(name: str, ids: DemoIds, day: dt.date, protocols: ProtocolSet | None) -> Case:
    """The demo case `name`, with fresh ids from `ids`, dates moved to `day`, and protocols."""
    meta = index()
    data = raw_case(name)
    drawn = _drawn_ids(data, int(meta["id_seed"]))
    dropped = _fit_to_protocols(data, protocols)
    _move_dates(data, day - dt.date.fromisoformat(meta["anchor"]))
    # each stored id, in the order it was drawn, takes the next id of `ids`
    _swap(data, {old: ids() for old in drawn if old not in dropped})
    return Case.model_validate_json(json.dumps(data), strict=True)


def rich_case(ids: DemoIds, day: dt.date, protocols: ProtocolSet | None) -> Case:
    """The rich demo case ("Maple"): the first file of the index."""
    return load_case(index()["cases"][0], ids, day, protocols)


# -- internals ---------------------------------------------------------------------------

_DATE_FIELDS = frozenset({"opened", "closed", "date", "written_on", "due", "ran_on"})
_MONTH_FIELDS = frozenset({"separated_month"})


def _move_dates(node: Any, shift: dt.timedelta) -> None:
    if isinstance(node, list):
        for item in node:
            _move_dates(item, shift)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in _DATE_FIELDS and isinstance(value, str):
                node[key] = (dt.date.fromisoformat(value) + shift).isoformat()
            elif key in _MONTH_FIELDS and isinstance(value, str):
                node[key] = (dt.date.fromisoformat(value + "-15") + shift).isoformat()[:7]
            else:
                _move_dates(value, shift)


def _fit_to_protocols(data: dict[str, Any], protocols: ProtocolSet | None) -> set[str]:
    """Results follow the first items of their protocol; returns the ids of those dropped."""
    dropped: set[str] = set()
    renamed: dict[tuple[str, str], str | None] = {}
    for run in data["checklist_runs"]:
        proto = protocols.get(run["protocol_id"]) if protocols else None
        items = [item.id for item in proto.items] if proto else []
        kept = []
        for n, result in enumerate(run["results"]):
            new = items[n] if n < len(items) else None
            renamed[(run["protocol_id"], result["item_id"])] = new
            if new is None:
                dropped.add(result["id"])
                continue
            result["item_id"] = new
            kept.append(result)
        run["results"] = kept
    for finding in data["findings"]:
        key = (finding.get("protocol_id"), finding.get("item_id"))
        if key in renamed:
            finding["item_id"] = renamed[key]
    return dropped


def _drawn_ids(data: dict[str, Any], seed: int) -> list[str]:
    """The file's ids in the order they were drawn from `DemoIds(random.Random(seed))`."""
    reference = DemoIds(random.Random(seed))
    drawn = [reference() for _ in range(_count_ids(data))]
    if set(drawn) != set(_all_ids(data)):
        raise ValueError("a demo file's ids do not follow its id_seed")
    return drawn


def _all_ids(node: Any) -> list[str]:
    if isinstance(node, list):
        return [i for item in node for i in _all_ids(item)]
    if isinstance(node, dict):
        own = [node["id"]] if isinstance(node.get("id"), str) else []
        return own + [i for value in node.values() for i in _all_ids(value)]
    return []


def _count_ids(node: Any) -> int:
    if isinstance(node, list):
        return sum(_count_ids(item) for item in node)
    if isinstance(node, dict):
        own = 1 if isinstance(node.get("id"), str) else 0
        return own + sum(_count_ids(value) for value in node.values())
    return 0


def _swap(node: Any, mapping: dict[str, str]) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = _swap(value, mapping)
        return node
    if isinstance(node, list):
        for n, value in enumerate(node):
            node[n] = _swap(value, mapping)
        return node
    if isinstance(node, str):
        return mapping.get(node, node)
    return node
