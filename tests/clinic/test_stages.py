"""The one stage table (clinic/stages.py): complete, consistent, and read by everything."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from clinic.i18n import translation
from clinic.model import ENTITY_LISTS, Case, Visit
from clinic.protocols.loader import ProtocolSet
from clinic.services.progress import stage_progress
from clinic.stages import PRINCIPLES_GUIDE, STAGE_IDS, STAGES, stage, stage_of_field

ROOT = Path(__file__).resolve().parents[2]


def test_ids_are_unique_and_in_consultation_order() -> None:
    assert STAGE_IDS == (
        "before",
        "understand",
        "inventory",
        "investigate",
        "advise",
        "handoff",
        "print",
    )
    assert stage("advise").title == "Advise"
    with pytest.raises(KeyError):
        stage("nope")


def test_every_record_list_and_visit_part_is_edited_by_exactly_one_stage() -> None:
    edits = [key for s in STAGES for key in s.edits]
    assert len(edits) == len(set(edits))
    visit_parts = {f"visits.{name}" for name in Visit.model_fields} - {
        "visits.id",
        "visits.date",
        "visits.mode",
        "visits.notes",
    }
    assert set(ENTITY_LISTS) | visit_parts <= set(edits)
    assert {"situation", "safe_contact"} <= set(edits)
    assert set(edits) - {"situation", "safe_contact"} <= set(ENTITY_LISTS) | visit_parts | {
        "visits"
    }
    assert {f for f in Case.model_fields if f in ENTITY_LISTS} == set(ENTITY_LISTS)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("findings[2].notes", "investigate"),
        ("plan_items[1].note", "advise"),
        ("visits[0].concerns[1].text", "understand"),
        ("visits[0].check_in.code_word", "before"),
        ("visits[0].notes", "before"),
        ("visits[1].end_session", "handoff"),
        ("devices[0].label", "inventory"),
        ("follow_ups[0].what", "handoff"),
        ("the file name", None),
    ],
)
def test_a_report_field_points_to_the_stage_that_edits_it(field: str, expected: str) -> None:
    found = stage_of_field(field)
    assert (found.id if found else None) == expected


def test_guides_exist_in_the_protocols(protocol_set: ProtocolSet) -> None:
    for entry in STAGES:
        for guide_id in entry.guides:
            assert protocol_set.guide(guide_id) is not None, (entry.id, guide_id)
    assert protocol_set.guide(PRINCIPLES_GUIDE) is not None


def test_titles_and_units_have_spanish() -> None:
    es = translation("es").gettext
    for entry in STAGES:
        for text in (entry.title, entry.unit):
            assert es(text) != text, text


def test_progress_follows_the_table(demo_case: Case) -> None:
    progress = stage_progress(demo_case, demo_case.latest_visit())
    assert tuple(progress) == STAGE_IDS
    assert progress["print"].total == 0


def test_no_other_module_lists_the_stages() -> None:
    """The ids appear as a sequence literal only in clinic/stages.py."""
    ids = set(STAGE_IDS)
    for path in [*(ROOT / "clinic").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        if path == ROOT / "clinic" / "stages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List):
                values = {
                    e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in ids
                }
                assert len(values) < 4, f"{path.relative_to(ROOT)} lists the stages"
