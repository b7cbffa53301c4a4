"""The case file (`clinic case export|import`): strict, bounded, and never echoing its input.

Reading a file, in order, each refusal an `InvalidInput` (exit 5) with one line that says
where, never what:

1. size: at most `MAX_FILE_BYTES`, checked before anything is read into memory;
2. UTF-8 (no byte-order mark), then a scan of the brackets, before any parsing:
   nesting at most `MAX_DEPTH`, at most `MAX_ITEMS` items in any one list or object, at
   most `MAX_ENTRIES` items in the whole file;
3. JSON: no duplicate key in any object, no NaN/Infinity;
4. the format's upgrade chain (`clinic.model.upgrade`) for files of an older release;
5. the model, in pydantic strict mode: "17" is not 17, "true" and 1 are not true;
6. exactness: every field present, each in the form the app writes, so that exporting
   what was imported gives back the same JSON values (and exporting twice, the same bytes).

Error locations name model fields and list positions only (`visits[0].notes`). Unknown
fields and the keys of `topics`, `pre_session` and `end_session` are never printed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from clinic.errors import InvalidInput
from clinic.model.case import Case
from clinic.model.limits import MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES, MAX_ITEMS

# A JSON string (escapes included) or one structural character; strings are skipped.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]', re.DOTALL)


def dump_case(case: Case) -> str:
    """The interchange format: stable key order, two-space indent, no export timestamp."""
    return json.dumps(case.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def read_case_file(path: Path) -> Case:
    """Read, check and validate a case file (see the module docstring)."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"cannot read the case file ({exc.strerror})") from None
    return parse_case_bytes(raw)


def parse_case_bytes(raw: bytes) -> Case:
    """Validate the bytes of a case file; raises InvalidInput with one line."""
    from clinic.model.upgrade import upgrade_case_data

    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"the case file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB;"
            " no real case is this large"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"the case file is not UTF-8 text (bad byte at offset {exc.start})"
        ) from None
    if text.startswith("\ufeff"):
        raise InvalidInput("the case file starts with a byte-order mark; save it as plain UTF-8")
    _scan_structure(text)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"the case file is not valid JSON (line {exc.lineno})") from None
    except RecursionError:  # the scan bounds nesting; this is a last guard
        raise InvalidInput("the case file is nested too deeply") from None
    if not isinstance(data, dict):
        raise InvalidInput("the case file must hold one JSON object (a case)")
    data = upgrade_case_data(data)
    try:
        case = Case.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        raise InvalidInput(describe_errors(exc)) from None
    _check_exact(data, case.model_dump(mode="json"), [])
    return case


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InvalidInput(
                "the case file has the same key twice in one object; each key may appear once"
            )
        out[key] = value
    return out


def _no_constant(_: str) -> Any:
    raise InvalidInput("the case file holds NaN or Infinity, which JSON does not allow")


def _scan_structure(text: str) -> None:
    """Bound nesting, items per list/object and total items before the parser runs."""
    stack: list[int] = []
    total = 0
    for match in _TOKEN.finditer(text):
        char = match.group()[0]
        if char == '"':
            continue
        if char in "[{":
            if len(stack) >= MAX_DEPTH:
                raise InvalidInput(
                    f"the case file is nested more than {MAX_DEPTH} levels deep; no real case is"
                )
            stack.append(1)
            total += 1
        elif char in "]}":
            if not stack:
                return  # unbalanced: the JSON parser reports it
            stack.pop()
        elif stack:  # a comma: one more item in the innermost container
            stack[-1] += 1
            total += 1
            if stack[-1] > MAX_ITEMS:
                raise InvalidInput(
                    f"the case file has a list or object of more than {MAX_ITEMS:,} items;"
                    " no real case has"
                )
        if total > MAX_ENTRIES:
            raise InvalidInput(
                f"the case file has more than {MAX_ENTRIES:,} items in all; no real case has"
            )


# -- error messages that say where, never what -----------------------------------------


def _known_names() -> frozenset[str]:
    from pydantic import BaseModel

    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Case]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            names.add(name)
            todo.extend(_models_in(field.annotation))
    return frozenset(names)


def _models_in(annotation: Any) -> list[Any]:
    from typing import get_args

    from pydantic import BaseModel

    out: list[Any] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.append(annotation)
    for arg in get_args(annotation):
        out.extend(_models_in(arg))
    return out


_NAMES: frozenset[str] | None = None

# The fields whose keys come from the file (they are never printed).
_KEYED = frozenset({"topics", "pre_session", "end_session", "params"})


def _where(loc: tuple[int | str, ...]) -> tuple[str, bool]:
    """A printable location (model names and positions only) and whether it was cut short."""
    global _NAMES
    if _NAMES is None:
        _NAMES = _known_names()
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        if part not in _NAMES:
            return out or "(top level)", True
        out += f".{part}" if out else part
        if part in _KEYED:
            return out, True
    return out or "(top level)", False


def describe_errors(exc: ValidationError) -> str:
    """One line: the first problem's place and reason, and how many problems in all."""
    errors = exc.errors(include_input=False, include_url=False, include_context=False)
    unknown = [e for e in errors if e["type"] == "extra_forbidden"]
    first = errors[0]
    where, cut = _where(tuple(first["loc"]))
    if first["type"] == "extra_forbidden":
        reason = "an unknown field"
    elif cut:
        reason = f"a key or value is not allowed ({_reason(first)})"
    else:
        reason = _reason(first)
    counts = []
    if len(errors) > 1:
        counts.append(f"{len(errors)} problems in all")
    if len(unknown) > 1 or (unknown and first["type"] != "extra_forbidden"):
        counts.append(f"{len(unknown)} unknown fields")
    more = f" ({'; '.join(counts)})" if counts else ""
    return f"invalid case file: {where}: {reason}{more}"


def _reason(error: Any) -> str:
    msg = str(error["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if error["type"] == "missing":
        return "this field is missing"
    return msg


def _check_exact(given: Any, written: Any, path: list[int | str]) -> None:
    """Refuse a file whose values would not come back the same from an export."""
    if isinstance(written, dict):
        assert isinstance(given, dict)  # validated as an object
        for key in written:
            if key not in given:
                where, _ = _where((*path, key))
                raise InvalidInput(
                    f"invalid case file: {where}: this field is missing"
                    " (a case file holds every field, as `clinic case export` writes it)"
                )
            _check_exact(given[key], written[key], [*path, key])
        return
    if isinstance(written, list):
        assert isinstance(given, list)
        for n, (a, b) in enumerate(zip(given, written, strict=True)):
            _check_exact(a, b, [*path, n])
        return
    same_type = isinstance(given, bool) == isinstance(written, bool)
    if not same_type or given != written:
        where, _ = _where(tuple(path))
        raise InvalidInput(
            f"invalid case file: {where}: not written the way the app writes it"
            " (for dates: YYYY-MM-DD)"
        )
