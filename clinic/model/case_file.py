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
   A file of an older format may lack the fields added since; they take their defaults.

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
from clinic.model.case import CASE_FORMAT, Case
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
    except OSError:
        raise InvalidInput("case_file_unreadable") from None
    return parse_case_bytes(raw)


def parse_case_bytes(raw: bytes) -> Case:
    """Validate the bytes of a case file; raises InvalidInput with one line."""
    from clinic.model.upgrade import upgrade_case_data

    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput("case_file_too_large", max_mib=MAX_FILE_BYTES // (1024 * 1024))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("case_file_not_utf8") from None
    if text.startswith("\ufeff"):
        raise InvalidInput("case_file_bom")
    _scan_structure(text)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
            parse_float=_number,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput("case_file_not_json", line=exc.lineno) from None
    except RecursionError:  # the scan bounds nesting; this is a last guard
        raise InvalidInput("case_file_too_deep", max=MAX_DEPTH) from None
    if not isinstance(data, dict):
        raise InvalidInput("case_file_not_object")
    older = data.get("format") != CASE_FORMAT
    data = upgrade_case_data(data)
    try:
        case = Case.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        raise describe_errors(exc) from None
    _check_exact(data, case.model_dump(mode="json"), [], allow_missing=older)
    return case


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InvalidInput("case_file_duplicate_key")
        out[key] = value
    return out


def _number(literal: str) -> int | float:
    """`17.0` and `1e1` are whole numbers, as JSON Schema counts them; `17.5` is not."""
    value = float(literal)
    return int(value) if value.is_integer() else value


def _no_constant(_: str) -> Any:
    raise InvalidInput("case_file_not_number")


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
                raise InvalidInput("case_file_too_deep", max=MAX_DEPTH)
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
                raise InvalidInput("case_file_too_many_items", max=MAX_ITEMS)
        if total > MAX_ENTRIES:
            raise InvalidInput("case_file_too_many_entries", max=MAX_ENTRIES)


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
            return out or "$", True
        out += f".{part}" if out else part
        if part in _KEYED:
            return out, True
    return out or "$", False


def describe_errors(exc: ValidationError) -> InvalidInput:
    """The first problem's place and kind (a code, never the value), and how many in all."""
    errors = exc.errors(include_input=False, include_url=False, include_context=False)
    unknown = sum(1 for e in errors if e["type"] == "extra_forbidden")
    first = errors[0]
    where, cut = _where(tuple(first["loc"]))
    if first["type"] == "extra_forbidden":
        return InvalidInput(
            "case_file_unknown_field", field=where, unknown=unknown, count=len(errors)
        )
    problem = "key" if cut else problem_kind(first["type"], str(first["msg"]))
    return InvalidInput("case_file_field", field=where, problem=problem, count=len(errors))


_TYPE_PROBLEMS = {
    "missing": "missing",
    "literal_error": "choice",
    "enum": "choice",
    "too_long": "too_many",
    "string_too_long": "text_long",
    "string_too_short": "empty",
    "greater_than_equal": "range",
    "less_than_equal": "range",
    "greater_than": "range",
    "less_than": "range",
}
_VALUE_PROBLEMS = (
    ("control characters", "text_lines"),
    ("characters", "text_long"),
    ("must not be empty", "empty"),
    ("UUID4", "id"),
    ("unique", "unique"),
    ("closed", "dates"),
)


def problem_kind(error_type: str, msg: str) -> str:
    """A pydantic error as one of the case-file problem kinds of the error catalogue."""
    if error_type in _TYPE_PROBLEMS:
        return _TYPE_PROBLEMS[error_type]
    if error_type.startswith(("date", "datetime")):
        return "date"
    if error_type == "value_error":
        for needle, kind in _VALUE_PROBLEMS:
            if needle in msg:
                return kind
        return "other"
    if error_type.endswith(("_type", "_parsing")) or error_type == "int_from_float":
        return "type"
    return "other"


def _check_exact(
    given: Any, written: Any, path: list[int | str], *, allow_missing: bool = False
) -> None:
    """Refuse a file whose values would not come back the same from an export.

    `allow_missing`: the file was of an older format, so fields added since then are
    absent and take their defaults (each value that is there must still be exact).
    """
    if isinstance(written, dict) and isinstance(given, dict):
        for key in written:
            if key not in given:
                if allow_missing:
                    continue
                where, _ = _where((*path, key))
                raise InvalidInput("case_file_field", field=where, problem="missing", count=1)
            _check_exact(given[key], written[key], [*path, key], allow_missing=allow_missing)
        return
    if isinstance(written, list) and isinstance(given, list) and len(given) == len(written):
        for n, (a, b) in enumerate(zip(given, written, strict=True)):
            _check_exact(a, b, [*path, n], allow_missing=allow_missing)
        return
    same_type = isinstance(given, bool) == isinstance(written, bool)
    if not same_type or given != written:
        where, _ = _where(tuple(path))
        raise InvalidInput("case_file_field", field=where, problem="exact", count=1)


# -- the published JSON Schema (`clinic case schema`, docs/case-schema.json) -------------

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def case_json_schema() -> dict[str, Any]:
    """The case file's JSON Schema: every rule the model checks on a field, in schema terms.

    On top of what pydantic writes: every field is required (a case file holds every field),
    keys of mappings obey the short-text rule (`propertyNames`), dates carry their exact
    form, and the top level says the rules JSON Schema cannot (unique ids, file caps).
    """
    schema = Case.model_json_schema()
    _tighten(schema)
    schema["allOf"] = [
        {
            "if": {"properties": {"status": {"const": "closed"}}},
            "then": {"properties": {"closed": {"type": "string"}}},
        },
        {
            "if": {"properties": {"status": {"const": "open"}}},
            "then": {"properties": {"closed": {"type": "null"}}},
        },
    ]
    schema["description"] = (
        "A Tech Safety Clinic case file, as `clinic case export` writes it and"
        " `clinic case import` reads it (UTF-8, no byte-order mark). Every field is present."
        " Rules JSON Schema cannot state: every `id` in a case is unique (records, concerns,"
        " checklist results and phone-check hits together); a closed date is not before the"
        " opened date; no key appears twice in one object. Limits no real case reaches:"
        f" the file is at most {MAX_FILE_BYTES // (1024 * 1024)} MiB, lists and objects are"
        f" nested at most {MAX_DEPTH} deep, any one list or object has at most"
        f" {MAX_ITEMS:,} items, and the whole file at most {MAX_ENTRIES:,} items."
        " Numbers are JSON numbers and true/false are JSON booleans: no quoted numbers."
    )
    return {"$schema": SCHEMA_DIALECT, **schema}


def _tighten(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _tighten(item)
        return
    if not isinstance(node, dict):
        return
    patterns = node.pop("patternProperties", None)
    if patterns:
        ((pattern, value),) = patterns.items()
        names = dict(node.get("propertyNames", {}))
        names.update({"type": "string", "pattern": pattern})
        node["propertyNames"] = names
        node["additionalProperties"] = value
    if node.get("format") == "date":
        node.update({"minLength": 10, "maxLength": 10, "pattern": DATE_PATTERN})
    if node.get("type") == "object" and "properties" in node:
        node["required"] = list(node["properties"])
    for value in node.values():
        _tighten(value)
