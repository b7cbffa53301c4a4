"""Loading protocol folders: broken files are named precisely and skipped, the rest load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clinic.model.vocab import Platform
from clinic.protocols.loader import LoadProblem, ProtocolSet, load_protocols
from tests.clinic.protocol_samples import edit, write_guide, write_protocol


def _load(root: Path) -> ProtocolSet:
    return load_protocols([root], builtin=False)


def _only(problems: list[LoadProblem]) -> LoadProblem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_a_valid_folder_loads_both_locales(tmp_path: Path) -> None:
    write_protocol(tmp_path, "alpha")
    write_guide(tmp_path, "consent")
    pset = _load(tmp_path)
    assert pset.problems == []
    assert pset.get("alpha", "es") is not None
    assert pset.get("alpha", "es").title == "es sample"  # type: ignore[union-attr]
    assert pset.item("alpha", "second", "en").title == "en check second"  # type: ignore[union-attr]
    assert pset.item_count("en") == 2
    assert pset.guide("consent", "es").entries[1].text == "es two"  # type: ignore[union-attr]


def test_bad_toml_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    write_protocol(tmp_path, "good")
    bad = write_protocol(tmp_path, "bad")
    (bad / "en.toml").write_text('id = "bad"\ntitle = [unclosed\n', encoding="utf-8")
    pset = _load(tmp_path)
    assert "good" in pset.protocols
    assert "bad" not in pset.protocols
    files = {p.file for p in pset.problems}
    assert "bad/en.toml" in files
    assert any("not valid TOML" in p.message for p in pset.problems)


def test_missing_field_names_file_item_and_field(tmp_path: Path) -> None:
    write_protocol(tmp_path, "good")
    folder = write_protocol(tmp_path, "gap")
    edit(folder / "es.toml", 'concern = "A setting the survivor did not choose."\n', "")
    pset = _load(tmp_path)
    problem = _only(pset.problems)
    assert (problem.file, problem.item, problem.field) == ("gap/es.toml", "first", "concern")
    assert str(problem).startswith("gap/es.toml: item first: field concern: ")
    # The broken locale is skipped; English still loads, and the other protocol too.
    assert set(pset.protocols["gap"]) == {"en"}
    assert "good" in pset.protocols


def _en_broken(problems: list[LoadProblem], file: str) -> LoadProblem:
    """The problem in a broken en.toml, after checking the protocol is reported skipped."""
    assert len(problems) == 2, [str(p) for p in problems]
    assert str(problems[1]) == f"{file}: broken: protocol skipped"
    return problems[0]


def test_bad_risk_tag_names_the_option(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "tags")
    edit(folder / "en.toml", '"notifies-other-person", "needs-safety-plan"', '"tells-everyone"')
    pset = _load(tmp_path)
    assert "tags" not in pset.protocols
    problem = _en_broken(pset.problems, "tags/en.toml")
    assert problem.file == "tags/en.toml"
    assert problem.item == "first"
    assert problem.field is not None
    assert problem.field.startswith("options.change.risk_tags")


def test_es_with_different_item_ids_is_refused(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "drift")
    edit(folder / "es.toml", 'id = "second"', 'id = "segundo"')
    pset = _load(tmp_path)
    problem = _only(pset.problems)
    assert (problem.file, problem.item, problem.field) == ("drift/es.toml", "segundo", "id")
    assert "'second'" in problem.message
    # Spanish falls back to English rather than showing mismatched items.
    assert set(pset.protocols["drift"]) == {"en"}
    assert pset.get("drift", "es").title == "en sample"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            '"needs-safety-plan", "document-first"]',
            '"needs-advocate", "document-first"]',
            "options.change.risk_tags",
        ),  # fmt: skip
        ("leave_for_now = true\n", "", "options.leave.leave_for_now"),
        ('text = "Ask who set this up."', 'text = "Ask."\nos_min = 3', "steps"),
    ],
)
def test_es_must_keep_risk_tags_and_step_variants(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    folder = write_protocol(tmp_path, "drift")
    edit(folder / "es.toml", old, new)
    problem = _only(_load(tmp_path).problems)
    assert (problem.file, problem.item, problem.field) == ("drift/es.toml", "first", field)


def test_missing_locale_and_bad_file_names_are_reported(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "solo")
    (folder / "es.toml").rename(folder / "spanish.toml")
    pset = _load(tmp_path)
    assert {str(p) for p in pset.problems} == {
        "solo/spanish.toml: file name must be a language code, like en.toml or es.toml",
        "solo/es.toml: missing",
    }
    assert set(pset.protocols["solo"]) == {"en"}


def test_reviewed_needs_reviewer_and_a_past_date(tmp_path: Path) -> None:
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    write_protocol(tmp_path, "no-who", review='status = "reviewed"\nreviewed_on = 2025-01-02')
    write_protocol(
        tmp_path,
        "future",
        review=f'status = "reviewed"\nreviewed_by = "A. Advocate"\nreviewed_on = {future}',
    )
    write_protocol(
        tmp_path,
        "fine",
        review='status = "reviewed"\nreviewed_by = "A. Advocate"\nreviewed_on = 2025-01-02',
    )
    pset = _load(tmp_path)
    assert set(pset.protocols) == {"fine"}
    bad = {(p.file, p.field) for p in pset.problems}
    assert ("no-who/en.toml", "review") in bad
    assert ("future/es.toml", "review") in bad
    assert any("future" in p.message for p in pset.problems if p.file.startswith("future"))
    review = pset.get("fine").review  # type: ignore[union-attr]
    assert not review.is_draft
    assert review.reviewed_on == dt.date(2025, 1, 2)


def test_noticeable_item_needs_caution_and_option(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "risky")
    edit(folder / "en.toml", 'caution = "The other person may notice a change."\n', "")
    problem = _en_broken(_load(tmp_path).problems, "risky/en.toml")
    assert (problem.file, problem.item) == ("risky/en.toml", "first")
    assert "caution" in problem.message


def test_clinic_folder_overrides_a_builtin_protocol_by_id(tmp_path: Path) -> None:
    builtin = load_protocols()
    assert "ios-device" in builtin.protocols
    write_protocol(tmp_path, "ios-device", title="Our clinic's iPhone checks")
    write_protocol(tmp_path, "clinic-extra")
    merged = load_protocols([tmp_path])
    assert merged.get("ios-device").title == "en Our clinic's iPhone checks"  # type: ignore[union-attr]
    assert merged.get("ios-device", "es").title == "es Our clinic's iPhone checks"  # type: ignore[union-attr]
    assert merged.origin["ios-device"] == tmp_path / "ios-device"
    assert set(merged.protocols) == set(builtin.protocols) | {"clinic-extra"}


def test_duplicate_ids_and_folder_names(tmp_path: Path) -> None:
    write_protocol(tmp_path, "one")
    twin = write_protocol(tmp_path, "two")
    for lang in ("en", "es"):
        edit(twin / f"{lang}.toml", 'id = "two"', 'id = "one"')
    pset = _load(tmp_path)
    problem = _only(pset.problems)
    assert (problem.file, problem.field) == ("two/en.toml", "id")
    assert pset.origin["one"] == tmp_path / "one"


def test_a_single_protocol_folder_can_be_loaded(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "single")
    pset = _load(folder)
    assert pset.problems == []
    assert list(pset.protocols) == ["single"]


def test_steps_for_picks_the_os_version_variant(tmp_path: Path) -> None:
    write_protocol(tmp_path, "steps")
    item = _load(tmp_path).item("steps", "first")
    assert item is not None
    texts = [s.text for s in item.steps_for(17)]
    assert texts == ["Open Settings (version 16 and later).", "Ask who set this up."]
    assert [s.text for s in item.steps_for(15)][0] == "Open Settings (before version 16)."
    assert len(item.steps_for(None)) == 3
    assert len(item.steps_for(17, Platform.IOS)) == 2
