"""Hostile case files (issue 15, finding 3): refused with exit 5, one line, nothing echoed.

Each test builds its file from a real exported case (the rich demo case) and changes one
thing. The import door is `clinic.model.case_file.parse_case_bytes`; a few tests go through
the real `clinic case import` too, for the exit code and the one stderr line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.error_catalogue import message_for
from clinic.errors import InvalidInput
from clinic.model import Case
from clinic.model.case_file import dump_case, parse_case_bytes, read_case_file
from clinic.model.limits import MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES, MAX_ITEMS
from tests.cli_helpers import ROOT

PW = "a passphrase for hostile files\n"


@pytest.fixture(scope="module")
def base(protocol_set: Any) -> dict[str, Any]:
    from clinic.services.demo import generate

    case = generate(3, 0, False, None, protocol_set)[0]
    data: dict[str, Any] = json.loads(dump_case(case))
    assert data["visits"][0]["concerns"], "the rich case has concerns"
    assert data["checklist_runs"][0]["results"], "and checklist results"
    return data


def _bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _refused(raw: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        parse_case_bytes(raw)
    return info.value


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(data))
    return out


def _one_line_no_echo(message: str, *secrets: str) -> None:
    assert "\n" not in message
    assert "\x1b" not in message
    assert len(message) < 400
    for secret in secrets:
        assert secret not in message


# -- nesting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000, b'{"a":' * 1_000, b"[" * 100_000 + b"]" * 100_000, b'{"a":[' * 20],
    ids=["open-brackets", "open-objects", "balanced", "mixed"],
)
def test_deep_nesting_is_refused_not_a_recursion_error(raw: bytes) -> None:
    err = _refused(raw)
    assert err.code == "case_file_too_deep"
    assert err.params == {"max": MAX_DEPTH}


def test_nesting_inside_a_known_field_is_refused(base: dict[str, Any]) -> None:
    data = _copy(base)
    nested: Any = "x"
    for _ in range(MAX_DEPTH):
        nested = [nested]
    data["visits"][0]["notes"] = nested
    assert _refused(_bytes(data)).code == "case_file_too_deep"


def test_brackets_inside_strings_do_not_count(base: dict[str, Any]) -> None:
    data = _copy(base)
    data["visits"][0]["notes"] = '[[[[[[[[[[[[[[[[[[[[[[[[[[[["{{{{{{{{{{{{{{{{{{{{{{,,,,\\'
    case = parse_case_bytes(_bytes(data))
    assert case.visits[0].notes == data["visits"][0]["notes"]


# -- unknown fields ----------------------------------------------------------------------

HOSTILE_KEYS = ["\x1b[31mred", "x\nclinic: ok: imported", "k" * 20_000, "\u202eevil", "\x00"]


def test_unknown_fields_are_never_echoed(base: dict[str, Any]) -> None:
    data = _copy(base)
    for key in HOSTILE_KEYS:
        data["visits"][0][key] = 1
    err = _refused(_bytes(data))
    assert err.code == "case_file_unknown_field"
    assert err.params == {"field": "visits[0]", "unknown": 5, "count": 5}
    message = message_for(err, "en")
    assert "visits[0]" in message
    assert "Unknown fields: 5" in message
    _one_line_no_echo(message, "red", "clinic: ok", "kkkk", "evil")


def test_unknown_field_at_the_top_and_in_a_nested_record(base: dict[str, Any]) -> None:
    data = _copy(base)
    data["surprise"] = True
    assert _refused(_bytes(data)).params["field"] == "$"
    data = _copy(base)
    data["checklist_runs"][0]["results"][1]["why"] = "x"
    assert _refused(_bytes(data)).params["field"] == "checklist_runs[0].results[1]"


def test_unknown_fields_through_the_cli_give_one_line(tmp_path: Path, base: dict[str, Any]) -> None:
    data = _copy(base)
    for key in HOSTILE_KEYS:
        data["visits"][0][key] = 1
    src = tmp_path / "hostile.json"
    src.write_bytes(_bytes(data))
    proc = _import(tmp_path, src)
    assert proc.returncode == 5
    err = proc.stderr.decode()
    assert err.count("\n") == 1
    assert "visits[0]" in err
    _one_line_no_echo(err.strip(), "red", "clinic: ok", "kkkk", "evil")


# -- strict types, duplicate keys, exact round trip ---------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("devices", 0, "os_major"), "17"),
        (("devices", 0, "os_major"), True),
        (("devices", 0, "os_major"), 17.5),
        (("devices", 0, "brought_today"), "true"),
        (("devices", 0, "brought_today"), 1),
        (("devices", 0, "brought_today"), "yes"),
        (("visits", 0, "pre_session"), []),
        (("pseudonym",), 17),
        (("opened",), 20260101),
        (("opened",), "2026-1-01"),
        (("opened",), "2026-01-01T00:00:00"),
        (("status",), "OPEN"),
        (("people", 0, "id"), "7E62AA0A-1DF9-4D78-9C65-39382B0537E6"),
        (("format",), "1"),
    ],
)
def test_types_are_never_coerced(base: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    data = _copy(base)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    if path[-1] == "os_major" and node.get("os_major") is None:
        node["os_major"] = 17
    node[path[-1]] = value
    err = _refused(_bytes(data))
    assert err.code in {"case_file_field", "case_file_bad_format"}


def test_duplicate_keys_are_refused(base: dict[str, Any]) -> None:
    raw = dump_case(Case.model_validate_json(_bytes(base)))
    twice = raw.replace('"pseudonym": ', '"pseudonym": "Other", "pseudonym": ', 1)
    assert _refused(twice.encode()).code == "case_file_duplicate_key"
    inner = raw.replace('"notes": ', '"notes": "", "notes": ', 3)
    assert _refused(inner.encode()).code == "case_file_duplicate_key"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_are_refused(base: dict[str, Any], constant: str) -> None:
    raw = _bytes(base).replace(b'"os_major": null', f'"os_major": {constant}'.encode(), 1)
    assert _refused(raw).code == "case_file_not_number"


def test_a_missing_field_is_refused_not_defaulted(base: dict[str, Any]) -> None:
    data = _copy(base)
    del data["visits"][0]["notes"]
    err = _refused(_bytes(data))
    assert (err.code, err.params["field"], err.params["problem"]) == (
        "case_file_field",
        "visits[0].notes",
        "missing",
    )


def test_a_whole_number_written_17_0_is_17_as_json_schema_counts_it(
    base: dict[str, Any],
) -> None:
    data = _copy(base)
    data["devices"][0]["os_major"] = 17
    raw = _bytes(data).replace(b'"os_major": 17', b'"os_major": 17.0', 1)
    assert b"17.0" in raw
    case = parse_case_bytes(raw)
    assert case.devices[0].os_major == 17
    assert json.loads(dump_case(case))["devices"][0]["os_major"] == 17


def test_exporting_twice_gives_the_same_bytes(base: dict[str, Any]) -> None:
    raw = dump_case(parse_case_bytes(_bytes(base))).encode()
    assert dump_case(parse_case_bytes(raw)).encode() == raw


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30)
_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 120),
    st.floats(allow_nan=False, allow_infinity=False),
    _TEXT,
    st.lists(_TEXT, max_size=3),
    st.dictionaries(_TEXT, st.booleans(), max_size=3),
)
_PLACES = [
    ("pseudonym",),
    ("status",),
    ("closed",),
    ("language",),
    ("devices", 0, "os_major"),
    ("devices", 0, "label"),
    ("devices", 0, "passcode_known_by"),
    ("visits", 0, "date"),
    ("visits", 0, "topics"),
    ("visits", 0, "pre_session"),
    ("visits", 0, "concerns", 0, "text"),
    ("visits", 0, "concerns", 0, "categories"),
    ("checklist_runs", 0, "protocol_version"),
    ("checklist_runs", 0, "results", 0, "status"),
    ("safe_contact", "voicemail_ok"),
    ("follow_ups", 0, "due"),
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(place=st.sampled_from(_PLACES), value=_VALUE)
def test_every_accepted_file_comes_back_the_same(
    base: dict[str, Any], place: tuple[Any, ...], value: Any
) -> None:
    """export(import(x)) == x as JSON values (bool is not a number) for any accepted file."""
    data = _copy(base)
    node: Any = data
    for part in place[:-1]:
        node = node[part]
    node[place[-1]] = value
    raw = _bytes(data)
    try:
        case = parse_case_bytes(raw)
    except InvalidInput as exc:
        _one_line_no_echo(message_for(exc, "en"))
        return
    again = json.loads(dump_case(case))
    assert _same_json(again, json.loads(raw))


def _same_json(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b  # one JSON number: 17 and 17.0 are the same value
    return type(a) is type(b) and a == b


# -- ids -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    ["concerns", "results", "across", "case_and_record"],
)
def test_every_id_in_a_case_is_unique(base: dict[str, Any], where: str) -> None:
    data = _copy(base)
    if where == "concerns":
        concerns = data["visits"][0]["concerns"]
        concerns.append(_copy(concerns[0]))
        concerns[-1]["text"] = "Another concern."
    elif where == "results":
        results = data["checklist_runs"][0]["results"]
        results.append(_copy(results[0]))
    elif where == "across":
        data["checklist_runs"][0]["results"][0]["id"] = data["visits"][0]["concerns"][0]["id"]
    else:
        data["people"][0]["id"] = data["id"]
    err = _refused(_bytes(data))
    assert err.params["problem"] == "unique"


# -- keys of topics, pre_session, end_session --------------------------------------------


@pytest.mark.parametrize("field", ["topics", "pre_session", "end_session"])
@pytest.mark.parametrize(
    "key", ["\x00", "\x1b[2J", "a\nb", "k" * 100_000, "", "   ", "\u2028"], ids=repr
)
def test_mapping_keys_obey_the_text_rules(base: dict[str, Any], field: str, key: str) -> None:
    data = _copy(base)
    data["visits"][0][field] = {key: "discussed" if field == "topics" else True}
    err = _refused(_bytes(data))
    assert err.params["field"] == f"visits[0].{field}"
    _one_line_no_echo(message_for(err, "en"), "kkkk", "\x1b")


def test_200000_keys_are_refused_before_parsing(base: dict[str, Any]) -> None:
    data = _copy(base)
    data["visits"][0]["pre_session"] = {f"k{n}": True for n in range(200_000)}
    assert _refused(_bytes(data)).code == "case_file_too_many_items"


# -- caps --------------------------------------------------------------------------------


def test_three_million_evidence_items_are_refused_quickly(base: dict[str, Any]) -> None:
    head = _bytes({**base, "findings": []})[:-1]
    raw = head + b', "x": [' + b'"e",' * 3_000_000 + b'"e"]}'
    started = time.monotonic()
    err = _refused(raw)
    took = time.monotonic() - started
    assert err.code == "case_file_too_many_items"
    assert err.params == {"max": MAX_ITEMS}
    assert took < 5, "the scan stops at the cap (measured, not a budget: a sanity bound)"


def test_a_list_at_the_cap_is_accepted_and_one_more_is_not(base: dict[str, Any]) -> None:
    data = _copy(base)
    data["findings"][0]["evidence"] = ["line"] * MAX_ITEMS
    parse_case_bytes(_bytes(data))
    data["findings"][0]["evidence"].append("line")
    assert _refused(_bytes(data)).code == "case_file_too_many_items"


def test_too_many_entries_in_all_are_refused(base: dict[str, Any]) -> None:
    data = _copy(base)
    per = MAX_ITEMS - 10
    data["findings"] = [
        {**_copy(base["findings"][0]), "evidence": ["e"] * per}
        for _ in range(MAX_ENTRIES // per + 1)
    ]
    assert _refused(_bytes(data)).code == "case_file_too_many_entries"


def test_a_file_past_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 10)  # sparse: nothing to parse, only its size
    err = pytest.raises(InvalidInput, read_case_file, big).value
    assert err.code == "case_file_too_large"


# -- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe{}", b'{"pseudonym": "\xc3"}', b"\xed\xa0\x80", "\ufeff{}".encode()]
)
def test_invalid_utf8_is_refused_in_one_line(raw: bytes) -> None:
    assert _refused(raw).code in {"case_file_not_utf8", "case_file_bom"}


def test_invalid_utf8_through_the_cli(tmp_path: Path) -> None:
    src = tmp_path / "bad.json"
    src.write_bytes(b'{"pseudonym": "\xff"}')
    proc = _import(tmp_path, src)
    assert proc.returncode == 5
    assert proc.stderr.decode().count("\n") == 1


def test_invalid_utf8_on_stdin_is_exit_2(tmp_path: Path) -> None:
    proc = _clinic(
        "vault", "init", str(tmp_path / "v.db"), "--passphrase-stdin", stdin=b"ab\xffcdefghijkl\n"
    )
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1
    assert "UTF-8" in err
    assert not (tmp_path / "v.db").exists()


# -- helpers -----------------------------------------------------------------------------


def _clinic(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    entry = "tests.cli_runner" if (ROOT / "tests" / "cli_runner.py").exists() else "ui.main"
    return subprocess.run(
        [sys.executable, "-m", entry, *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _import(tmp_path: Path, src: Path) -> subprocess.CompletedProcess[bytes]:
    vault = tmp_path / "v.db"
    if not vault.exists():
        proc = _clinic("vault", "init", str(vault), "--passphrase-stdin", stdin=PW.encode())
        assert proc.returncode == 0, proc.stderr
    return _clinic("case", "import", str(vault), str(src), "--passphrase-stdin", stdin=PW.encode())
