"""Right-to-left notes print in visual order with joined Arabic forms; bidi controls are
refused in short text and neutralised in print. Read back with `pdftotext -bbox`."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError

from clinic.model import Case, Person
from clinic.model.vocab import PersonRole
from clinic.protocols.loader import ProtocolSet
from clinic.report.export import ExportOptions, render_pdf
from clinic.report.referrals import load_directory

HEBREW = "שלום עולם טוב"
ARABIC = "مرحبا بالعالم الجميل"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')


def words(pdf: Path) -> list[tuple[float, float, str]]:
    """(xMin, page * 10000 + yMin, text) of every word as drawn, glyphs left to right."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return [
        (float(x), n * 10_000 + float(y), html.unescape(t))
        for n, page in enumerate(out.split("<page ")[1:])
        for x, y, t in WORD.findall(page)
    ]


def line_of(drawn: list[tuple[float, float, str]], letter: str) -> list[tuple[float, str]]:
    """The words on the line holding `letter`, right to left (how they are read)."""
    y = next(y for _x, y, t in drawn if letter in unicodedata.normalize("NFKC", t))
    return sorted(((x, t) for x, yy, t in drawn if abs(yy - y) < 1), reverse=True)


@pytest.fixture
def printed(tmp_path: Path, demo_case: Case, protocol_set: ProtocolSet) -> Path:
    case = demo_case.model_copy(deep=True)
    case.plan_items[0].note = HEBREW
    case.follow_ups[0].what = ARABIC
    case.plan_items[1].note = "one \u202eowt\u202c three \u2067four\u2069"
    options = ExportOptions("survivor", "en", created=dt.date(2026, 11, 27), invariant=True)
    result = render_pdf(case, options, protocol_set, load_directory())
    assert not [w for w in result.warnings if "character" in w]  # every glyph drawn
    out = tmp_path / "rtl.pdf"
    out.write_bytes(result.data)
    return out


def test_hebrew_prints_in_visual_order(printed: Path) -> None:
    line = line_of(words(printed), "ש")
    # Read right to left, each word's glyphs reversed, the words are the logical ones.
    read = [t[::-1] for _x, t in line]
    assert read == HEBREW.split()


def test_arabic_prints_joined_and_in_visual_order(printed: Path) -> None:
    line = line_of(words(printed), "م")
    drawn = "".join(t for _x, t in line)
    # Joined forms: presentation forms only, no unjoined base letters.
    assert all(0xFE70 <= ord(c) <= 0xFEFC for c in drawn)
    read = [unicodedata.normalize("NFKC", t[::-1]) for _x, t in line]
    assert read == ARABIC.split()


def test_bidi_controls_are_neutralised_in_print(printed: Path) -> None:
    drawn = words(printed)
    texts = [t for _x, _y, t in drawn]
    assert "owt" in texts  # kept in typed order, never flipped
    assert "four" in texts
    raw = printed.read_bytes().decode("latin-1")
    assert all(ch not in raw for ch in ("\u202e", "\u2067"))
    line = sorted(
        (x, t) for x, y, t in drawn if abs(y - next(yy for _x, yy, tt in drawn if tt == "owt")) < 1
    )
    assert [t for _x, t in line] == ["one", "owt", "three", "four"]


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
def test_short_text_refuses_a_bidi_control(control: str) -> None:
    with pytest.raises(ValidationError):
        Person(role=PersonRole.OTHER, label=f"J{control}.")


@pytest.mark.parametrize("control", ["\u2066", "\u2067", "\u2068", "\u2069"])
def test_short_text_refuses_a_bidi_isolate(control: str) -> None:
    with pytest.raises(ValidationError):
        Person(role=PersonRole.OTHER, label=f"J{control}.")
    assert Person(role=PersonRole.OTHER, label="שלום").label == "שלום"


def test_a_release_0_1_0_case_with_a_bidi_control_still_imports() -> None:
    import json

    from clinic.model.case_file import parse_case_bytes
    from tests.clinic.test_formats import FIXTURES

    data = json.loads((FIXTURES / "maple-export.json").read_bytes())
    assert data["format"] == 1
    data["people"][0]["label"] = "J\u202e.\u2066x\u2069"
    case = parse_case_bytes(json.dumps(data).encode())
    assert case.people[0].label == "J.x"
