"""The published JSON Schema says what the model enforces (issue 12, #7).

A case is built from the schema alone (every field, every optional value present); then,
one field at a time, values at and past each limit are put in, and the schema (validated
with `jsonschema`) and the import door (`parse_case_bytes`) must accept and refuse the same.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from typing import Any

import jsonschema

from clinic.errors import InvalidInput
from clinic.model import CASE_FORMAT
from clinic.model.case_file import case_json_schema, parse_case_bytes
from clinic.model.limits import MAX_FILE_BYTES, MAX_ITEMS
from tests.cli_helpers import ROOT

SCHEMA = case_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
OPENED = "2000-01-01"
OTHER_DATE = "2026-06-15"


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _non_null(node: dict[str, Any]) -> dict[str, Any]:
    node = _resolve(node)
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if _resolve(b).get("type") != "null"]
        return _non_null(branches[0])
    return node


def _nullable(node: dict[str, Any]) -> bool:
    node = _resolve(node)
    return any(_resolve(b).get("type") == "null" for b in node.get("anyOf", []))


def _string(node: dict[str, Any], at_limit: bool) -> str:
    if node.get("format") == "date":
        return OTHER_DATE
    pattern = node.get("pattern", "")
    if "[89ab]" in pattern:
        return str(uuid.uuid4())
    if pattern.startswith("^[0-9]{4}-"):  # a month, YYYY-MM
        return "2026-10"
    low, high = node.get("minLength", 0), node.get("maxLength", 20)
    size = high if at_limit else max(low, min(high, 5))
    return "ñ" * size  # visible, one line, two bytes in UTF-8


def build(node: dict[str, Any], at_limit: bool, name: str = "") -> Any:
    """An instance of `node` from the schema alone: every property, non-null branches."""
    node = _non_null(node)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][-1]  # for CaseStatus: "closed", so `closed` is a date
    kind = node.get("type")
    if kind == "object":
        if "properties" in node:
            out = {key: build(sub, at_limit, key) for key, sub in node["properties"].items()}
            if "opened" in out:
                out["opened"] = OPENED
            return out
        names = _resolve(node.get("propertyNames", {}))
        key = names["enum"][0] if "enum" in names else _string(names, at_limit)
        return {key: build(node["additionalProperties"], at_limit)}
    if kind == "array":
        return [build(node["items"], at_limit)]
    if kind == "string":
        return _string(node, at_limit)
    if kind == "integer":
        return node.get("maximum", node.get("minimum", 1))
    if kind == "boolean":
        return True
    raise AssertionError(f"schema node not handled by the test: {node}")


def _raw(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=True).encode("ascii")


def _model_accepts(doc: Any) -> bool:
    try:
        parse_case_bytes(_raw(doc))
    except InvalidInput:
        return False
    return True


def test_a_case_built_from_the_schema_alone_at_every_limit_imports() -> None:
    doc = build(SCHEMA, at_limit=True)
    raw = _raw(doc)
    assert len(raw) < MAX_FILE_BYTES
    VALIDATOR.validate(doc)
    case = parse_case_bytes(raw)
    assert case.format == CASE_FORMAT
    assert len(case.pseudonym) == SCHEMA["properties"]["pseudonym"]["maxLength"]


def test_the_schema_states_each_field_rule() -> None:
    pseudonym = SCHEMA["properties"]["pseudonym"]
    assert pseudonym["maxLength"] == 200
    assert pseudonym["minLength"] == 1
    assert "pattern" in pseudonym
    visit = SCHEMA["$defs"]["Visit"]["properties"]
    assert visit["topics"]["maxProperties"] == MAX_ITEMS
    assert visit["topics"]["propertyNames"]["maxLength"] == 200
    assert visit["concerns"]["maxItems"] == MAX_ITEMS
    for name, model in SCHEMA["$defs"].items():
        if "properties" in model:
            assert model["required"] == list(model["properties"]), name
            assert model["additionalProperties"] is False, name


# -- one field at a time -----------------------------------------------------------------

_BAD_CHARS = [
    "\x00",
    "\t",
    "\n",
    "\r",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
    "\u2028",
    "\u2029",
    "\ud800",
]
_OK_CHARS = [" ", "\u00a0", "\u200b", "é", "\U0001f600", "\u00a0\u3000"]


def _string_candidates(node: dict[str, Any]) -> list[Any]:
    if node.get("format") == "date":
        return [
            OPENED,
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "20260101",
            "2026-01-01T00:00:00",
            "2026-01-01\n",
            "0000-01-01",
            "٢٠٢٦-٠١-٠١",
            "",
            17,
        ]
    if "[89ab]" in node.get("pattern", ""):
        good = str(uuid.uuid4())
        return [
            good,
            good.upper(),
            good + "\n",
            good[:-1],
            good + "0",
            str(uuid.uuid1()),
            good.replace("-", ""),
            "",
            17,
        ]
    low, high = node.get("minLength", 0), node.get("maxLength", 0)
    out: list[Any] = ["a" * high, "a" * (high + 1), "é" * high, "a" * low, 17, True]
    if low:
        out += ["a" * (low - 1), " " * low, "\u3000" * max(low, 3), " \u00a0 "]
    for ch in _BAD_CHARS + _OK_CHARS:
        out += [f"a{ch}b", ch, f"a{ch}"]
    return out


def _candidates(node: dict[str, Any]) -> list[Any]:
    nullable = _nullable(node)
    node = _non_null(node)
    out: list[Any]
    if "const" in node:
        out = [node["const"], node["const"] + 1, str(node["const"])]
    elif "enum" in node:
        out = list(node["enum"]) + [str(v).upper() for v in node["enum"]] + ["", 0, True]
    elif node.get("type") == "string":
        out = _string_candidates(node)
    elif node.get("type") == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        out = [0, 1, 17, 17.0, 1e1, -1, "17", True, 17.5, 2**40, 1e400]
        out += [low - 1, low] if low is not None else []
        out += [high, high + 1] if high is not None else []
    elif node.get("type") == "boolean":
        out = [True, False, 1, 0, "true", "false"]
    else:
        return []
    return [*out, None, [], {}] if not nullable else [*out, [], {}]


def _leaves(doc: Any, node: dict[str, Any], path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """(path, schema node) of every scalar, and of every list and mapping, in `doc`."""
    branch = _non_null(node)
    if isinstance(doc, dict) and "properties" in branch:
        for key, sub in branch["properties"].items():
            yield from _leaves(doc[key], sub, (*path, key))
        return
    if isinstance(doc, dict):
        yield (path, node)
        for key in doc:
            yield from _leaves(doc[key], branch["additionalProperties"], (*path, key))
        return
    if isinstance(doc, list):
        yield (path, node)
        yield from _leaves(doc[0], branch["items"], (*path, 0))
        return
    yield (path, node)


def _put(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(doc)
    target = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return out


def _container_candidates(doc: Any, path: tuple[Any, ...], node: dict[str, Any]) -> list[Any]:
    current: Any = doc
    for part in path:
        current = current[part]
    branch = _non_null(node)
    if isinstance(current, list):
        item = current[0]
        if isinstance(item, dict):
            return [[], "x", [item, _fresh_ids(item)]]
        return [[], [item] * branch["maxItems"], [item] * (branch["maxItems"] + 1), "x", None]
    names = _resolve(branch.get("propertyNames", {}))
    value = next(iter(current.values()))
    if "enum" in names:
        return [{}, {k: value for k in names["enum"]}, {"unknown": value}]
    keys = ["a" * 200, "a" * 201, "", " ", "a\nb", "\x00", "\x1b[2J", "é", "a\u2028"]
    out: list[Any] = [{}, {k: value for k in keys[:1]}, [], "x"]
    out += [{k: value} for k in keys]
    many = {f"k{n}": value for n in range(branch["maxProperties"])}
    out += [many, {**many, "one more": value}]
    return out


def _fresh_ids(item: Any) -> Any:
    if isinstance(item, dict):
        return {k: str(uuid.uuid4()) if k == "id" else _fresh_ids(v) for k, v in item.items()}
    if isinstance(item, list):
        return [_fresh_ids(v) for v in item]
    return item


def test_schema_and_model_agree_one_field_at_a_time() -> None:
    base = build(SCHEMA, at_limit=False)
    assert _model_accepts(base)
    assert VALIDATOR.is_valid(base)
    disagreements: list[str] = []
    tried = 0
    for path, node in _leaves(base, SCHEMA, ()):
        if path == ("format",):
            continue  # an older format is upgraded on import (test_formats.py), by design
        current: Any = base
        for part in path:
            current = current[part]
        if isinstance(current, (dict, list)):
            cap = "maxItems" if isinstance(current, list) else "maxProperties"
            enum_keys = "enum" in _resolve(_non_null(node).get("propertyNames", {}))
            if cap not in _non_null(node) and not enum_keys:
                disagreements.append(f"{'.'.join(map(str, path))}: no {cap} in the schema")
                continue
            values = _container_candidates(base, path, node)
        else:
            values = _candidates(node)
        for value in values:
            doc = _put(base, path, value)
            tried += 1
            schema_ok = VALIDATOR.is_valid(doc)
            if schema_ok != _model_accepts(doc):
                shown = repr(value)[:40]
                disagreements.append(f"{'.'.join(map(str, path))} = {shown}: schema {schema_ok}")
    assert tried > 1000
    assert disagreements == [], "\n".join(disagreements)


def test_a_record_list_at_its_cap_agrees() -> None:
    base = build(SCHEMA, at_limit=False)
    person = base["people"][0]
    for count, ok in ((MAX_ITEMS, True), (MAX_ITEMS + 1, False)):
        doc = dict(base, people=[_fresh_ids(person) for _ in range(count)])
        assert VALIDATOR.is_valid(doc) is ok
        assert _model_accepts(doc) is ok


# -- the published copy --------------------------------------------------------------------


def test_docs_case_schema_json_is_current() -> None:
    published = (ROOT / "docs" / "case-schema.json").read_text(encoding="utf-8")
    assert json.loads(published) == SCHEMA, "run: clinic case schema > docs/case-schema.json"


def test_the_schema_itself_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_release_0_1_0_export_imports_and_exports_valid_against_the_schema() -> None:
    """An older file may lack fields added since (they take defaults); what it becomes is valid."""
    from clinic.model.case_file import dump_case

    raw = (ROOT / "tests" / "fixtures" / "release-0.1.0" / "maple-export.json").read_bytes()
    VALIDATOR.validate(json.loads(dump_case(parse_case_bytes(raw))))
