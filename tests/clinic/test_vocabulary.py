"""One vocabulary module: every coded value has words, in English and Spanish, in one place."""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path

import pytest

from clinic import vocabulary as v
from clinic.i18n import translation
from clinic.model.vocab import (
    ConcernCategory,
    Decision,
    DeviceKind,
    ItemStatus,
    PersonRole,
    Platform,
    RiskTag,
    Service,
)

ROOT = Path(__file__).resolve().parents[2]
TABLES: list[tuple[dict[object, str], type[Enum]]] = [
    (v.PERSON_ROLE, PersonRole),  # type: ignore[list-item]
    (v.DEVICE_KIND, DeviceKind),  # type: ignore[list-item]
    (v.DEVICE_KIND_DISCREET, DeviceKind),  # type: ignore[list-item]
    (v.PLATFORM_CHOICE, Platform),  # type: ignore[list-item]
    (v.SERVICE, Service),  # type: ignore[list-item]
    (v.CONCERN_CATEGORY, ConcernCategory),  # type: ignore[list-item]
    (v.STATUS_SURVIVOR, ItemStatus),  # type: ignore[list-item]
    (v.STATUS_HANDOFF, ItemStatus),  # type: ignore[list-item]
    (v.DECISION, Decision),  # type: ignore[list-item]
    (v.RISK_SURVIVOR, RiskTag),  # type: ignore[list-item]
    (v.RISK_HANDOFF, RiskTag),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("table", "enum"), TABLES)
def test_every_code_has_words_in_both_languages(table: dict[object, str], enum: type[Enum]) -> None:
    from babel.messages.pofile import read_po

    from clinic.paths import resource

    assert set(table) == set(enum)
    with resource("translations", "es", "LC_MESSAGES", "clinic.po").open("rb") as fh:
        catalog = read_po(fh, locale="es")
    for words in table.values():
        assert words
        entry = catalog.get(words)
        assert entry is not None, words
        assert entry.string, words  # Spanish written (it may equal a brand or system name)
        assert translation("es").gettext(words) == entry.string


def test_the_gui_and_the_phone_check_read_the_same_tables() -> None:
    from clinic.phonecheck import texts
    from ui.stages.inventory_parts import labels

    assert labels.KINDS is v.DEVICE_KIND
    assert labels.SERVICES is v.SERVICE
    assert labels.ROLES is v.PERSON_ROLE
    assert texts.GROUP_LABELS is v.PHONE_CHECK_GROUP
    assert texts.TITLES is v.PHONE_CHECK_TITLE


def test_no_other_module_keeps_its_own_label_table() -> None:
    """A table of short labels keyed by a model vocabulary lives only in clinic/vocabulary.py
    (explanatory sentences, such as the technograph's, may live with their feature)."""
    names = {"DeviceKind", "Service", "PersonRole", "ConcernCategory", "RiskTag", "Decision"}
    owners = []
    for path in [*ROOT.glob("clinic/**/*.py"), *ROOT.glob("ui/**/*.py")]:
        if path.name == "vocabulary.py" or "model" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict) or len(node.keys) < 4:
                continue
            keyed = all(
                isinstance(k, ast.Attribute)
                and isinstance(k.value, ast.Name)
                and k.value.id in names
                for k in node.keys
            )
            labels = [_label(value) for value in node.values]
            if keyed and all(label is not None and len(label.split()) <= 5 for label in labels):
                owners.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert owners == []


def _label(node: ast.expr) -> str | None:
    """The words of a translatable label (`N_("...")` or `_("...")`), else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return None
    if node.func.id not in ("N_", "_") or not node.args:
        return None
    arg = node.args[0]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def test_a_refused_field_is_named_as_a_volunteer_knows_it() -> None:
    assert v.field_place("handoff_notes[0].text") == "Hand off > Note to the advocate"
    assert v.field_place("plan_items[3].note") == "Advise > Note about this option"
    assert v.field_place("pseudonym") == "Cases > Case name"
    assert v.field_place("devices[1] (people's names)") == "Inventory > Devices"
    assert "pseudonym" not in (v.field_place("pseudonym", "es") or "")
    assert v.field_place(
        "follow_ups[0].what", "es"
    ) == "Entregar > Seguimiento: qué hay que hacer" or (
        v.field_place("follow_ups[0].what", "es") or ""
    ).endswith("Seguimiento: qué hay que hacer")
