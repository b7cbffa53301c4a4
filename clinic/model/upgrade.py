"""The case JSON format's upgrade chain: format N -> N+1, one pure function per step.

An export made by any earlier release imports: `upgrade_case_data` reads the file's
`format`, applies `UPGRADES[format]`, `UPGRADES[format + 1]`, ... up to `CASE_FORMAT`, and
the current model validates the result. The vault migration `upgrade_case_documents`
(clinic/storage/schema.py) runs the same chain over every stored case.

A field ADDED with a default needs no code here: in a file of an older format, the fields
added since take their model defaults (a file of the current format must hold every
field). A field renamed, removed, re-typed or given a value other than its default needs a
step. To change the case JSON: bump `CASE_FORMAT` (clinic/model/case.py) once per release
(while the new format is unreleased, extend its step rather than bumping again) and add
`UPGRADES[old] = _from_<old>` here, a function that takes a case dict of format `old` and
returns it in format `old + 1` (it must not set `format`: the chain does). Example:

    def _from_1(case: dict[str, Any]) -> dict[str, Any]:
        for finding in case.get("findings", []):
            finding.setdefault("code", None)
        return case

    UPGRADES[1] = _from_1
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from clinic.errors import InvalidInput
from clinic.model.case import CASE_FORMAT

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

# UPGRADES[n] turns a case of format n into format n + 1.
UPGRADES: dict[int, Upgrade] = {}


def upgrade_case_data(
    data: dict[str, Any],
    *,
    target: int = CASE_FORMAT,
    steps: Mapping[int, Upgrade] | None = None,
) -> dict[str, Any]:
    """Bring a parsed case dict up to the `target` format (default: the current one)."""
    chain = UPGRADES if steps is None else steps
    found = data.get("format")
    if type(found) is not int or found < 1:
        raise InvalidInput("case_file_bad_format")
    if found > target:
        raise InvalidInput("case_file_too_new")
    while found < target:
        step = chain.get(found)
        if step is None:
            raise InvalidInput("case_file_bad_format")
        data = step(data)
        found += 1
        data["format"] = found
    return data


def _from_1(case: dict[str, Any]) -> dict[str, Any]:
    """Format 2: a case says whether it is fictional (made by `clinic demo`)."""
    case.setdefault("fictional", False)
    _coded_findings(case)
    _drop_bidi_controls(case)
    return case


# Format 1 kept a phone-check finding's title and detail as sentences in the interface's
# language of the day; from format 2 a finding keeps a code and parameters, rendered in each
# document's language (clinic.vocabulary). The hit's group tells which message it was.
_GROUP_REASON = {
    "known_stalkerware": "known",
    "review_together": "power",
    "context": "offstore",
    "possible_match": "possible",
}
_PHONE_SETTINGS = ("Phone settings", "Ajustes del teléfono")


def _coded_findings(case: dict[str, Any]) -> None:
    hits = {
        hit.get("id"): hit
        for check in case.get("phone_checks", [])
        for hit in check.get("hits", [])
        if isinstance(hit, dict)
    }
    for finding in case.get("findings", []):
        hit = hits.get(finding.get("phone_check_hit_id"))
        if finding.get("source") != "phone_check" or finding.get("code") or hit is None:
            continue
        reason = _GROUP_REASON.get(str(hit.get("group")))
        if reason is None:
            continue
        if reason == "offstore" and hit.get("subject") in _PHONE_SETTINGS:
            reason = "device"
        params = {"group": str(hit["group"]), "subject": str(hit.get("subject", ""))}
        if hit.get("family"):
            params["family"] = str(hit["family"])
        finding.update(code=f"phone_check.{reason}", params=params, title=None, detail="")
        hit.setdefault("code", reason)


_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _drop_bidi_controls(value: Any) -> Any:
    """Format 2 refuses bidi embedding, override and isolate controls in short text (they can
    make a label display in a misleading order); a format 1 case loses them everywhere."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _drop_bidi_controls(item)
    elif isinstance(value, list):
        value[:] = [_drop_bidi_controls(item) for item in value]
    elif isinstance(value, str):
        return value.translate(_BIDI_CONTROLS)
    return value


UPGRADES[1] = _from_1


def _from_2(case: dict[str, Any]) -> dict[str, Any]:
    """Format 3: a practice case names its training scenario (None for every real case)."""
    case.setdefault("practice_scenario", None)
    # Format 2 files written before `origin` moved out of the case (received cases are a
    # vault table now) still hold it: resources/demo/maple.json, vaults of this cycle.
    case.pop("origin", None)
    return case


UPGRADES[2] = _from_2


def _from_3(case: dict[str, Any]) -> dict[str, Any]:
    """Format 4: the situation keeps the month of the separation, not a day ("Known" used to
    store today's date), and whether children have visits is yes, no or not asked (an
    unticked box of format 3 means "not asked", never "no")."""
    situation = case.get("situation")
    if isinstance(situation, dict):
        visits = situation.get("children_visitation")
        situation["children_visitation"] = "yes" if visits is True else "unknown"
        day = situation.pop("date_separated", None)
        situation["separated_month"] = day[:7] if isinstance(day, str) and len(day) >= 7 else None
    return case


UPGRADES[3] = _from_3
