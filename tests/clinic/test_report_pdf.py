"""Survivor summaries and handoff reports as real PDFs, read back with pypdf and poppler."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from clinic.i18n import translation
from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.report.discreet import FORBIDDEN_WORDS, DiscreetRefused, find_forbidden
from clinic.report.export import ExportOptions, PrintMode, export, render_pdf
from clinic.report.referrals import ReferralDirectory, load_directory

DAY = dt.date(2026, 11, 27)
SURVIVOR_HEADINGS = (
    "What we looked at",
    "What we found",
    "What we did together",
    "Options you may consider next",
    "What you chose to leave for now",
    "Next steps",
    "Help and resources",
    "A few words we used",
    "Nothing was found by this check.",
    "No check can find everything.",
)
HANDOFF_HEADINGS = (
    "CONFIDENTIAL",
    "Chief concerns, in the client's words",
    "Situation",
    "Devices, accounts and who can reach them",
    "Checklist results",
    "Findings and decisions",
    "Open risks",
    "Follow-ups",
    "Referrals",
    "Handoff notes and team",
)


@pytest.fixture(scope="module")
def directory() -> ReferralDirectory:
    return load_directory()


def opts(kind: str, lang: str, mode: PrintMode = PrintMode.STANDARD) -> ExportOptions:
    return ExportOptions(
        kind, lang, mode, clinic_name="Birch Street Clinic", created=DAY, invariant=True
    )  # type: ignore[arg-type]


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def poppler_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["survivor", "handoff"])
def test_sections_in_both_languages(
    tmp_path: Path,
    demo_case: Case,
    protocol_set: ProtocolSet,
    directory: ReferralDirectory,
    kind: str,
    lang: str,
) -> None:
    out = tmp_path / "r.pdf"
    result = export(demo_case, out, opts(kind, lang), protocol_set, directory)
    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]
    _ = translation(lang).gettext
    expected = SURVIVOR_HEADINGS if kind == "survivor" else HANDOFF_HEADINGS
    for text in (pypdf_text(result.data), poppler_text(out)):
        flat = squash(text)
        for heading in expected:
            assert squash(_(heading)) in flat, (kind, lang, heading)
    if lang == "es":
        assert _("What we found") != "What we found"
    assert any("National Domestic Violence Hotline" in w for w in result.warnings)  # unconfirmed


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["survivor", "handoff"])
def test_discreet_output_holds_no_listed_word_or_identifier(
    tmp_path: Path,
    demo_case: Case,
    protocol_set: ProtocolSet,
    directory: ReferralDirectory,
    kind: str,
    lang: str,
) -> None:
    result = export(
        demo_case,
        tmp_path / "Device notes.pdf",
        opts(kind, lang, PrintMode.DISCREET),
        protocol_set,
        directory,
    )
    assert result.file_name == ("Device notes.pdf" if lang == "en" else "Notas del dispositivo.pdf")
    text = pypdf_text(result.data)
    assert find_forbidden(text) is None
    folded = text.casefold()
    for word in FORBIDDEN_WORDS:
        assert word.casefold() not in folded
    poc = next(p for p in demo_case.people if p.role.value == "person_of_concern")
    for hidden in (
        "Birch Street Clinic",
        poc.label,
        "Apple Account (Maple)",
        "blue umbrella",
        "Domestic",
        "Hotline",
        "J.'s email",
    ):
        assert hidden.casefold() not in folded, hidden
    reader = pypdf.PdfReader(io.BytesIO(result.data))
    assert reader.metadata is not None
    assert reader.metadata.title == result.file_name[:-4]
    entry = directory.get("us-national-hotline")
    assert entry is not None
    assert squash(entry.label(lang)) in squash(text)  # the referral, under its neutral label


def _with(case: Case, **changes: object) -> Case:
    data = case.model_dump(mode="json")
    for path, value in changes.items():
        target = data
        parts = path.split("__")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        target[parts[-1]] = value
    return Case.model_validate(data)


@pytest.mark.parametrize(
    ("field", "value", "lang", "place"),
    [
        (
            "plan_items__0__note",
            "He was abusive last week.",
            "en",
            "Advise > Note about this option",
        ),
        ("follow_ups__0__what", "Ask about the stalker app.", "en", "Hand off > Follow-up"),
        ("follow_ups__0__what", "Hablar de la otra persona.", "es", "Hand off > Follow-up"),
        (
            "plan_items__0__note",
            "Check the Gmail recovery.",
            "en",
            "Advise > Note about this option",
        ),
    ],
)
def test_volunteer_word_is_refused_with_its_field(
    tmp_path: Path,
    demo_case: Case,
    protocol_set: ProtocolSet,
    directory: ReferralDirectory,
    field: str,
    value: str,
    lang: str,
    place: str,
) -> None:
    case = _with(demo_case, **{field: value})
    out = tmp_path / "x.pdf"
    with pytest.raises(DiscreetRefused) as info:
        export(case, out, opts("survivor", lang, PrintMode.DISCREET), protocol_set, directory)
    a, b, c = field.split("__")
    assert info.value.field == f"{a}[{b}].{c}"
    assert info.value.place.startswith(place)  # where a volunteer typed it, as the GUI says
    assert info.value.word
    assert info.value.word in str(info.value)
    assert not out.exists()
    # The same text prints in a standard document.
    export(case, out, opts("survivor", lang), protocol_set, directory)
    assert out.exists()


def test_what_was_found_never_refuses_a_discreet_copy(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    """A finding, or a protocol text, with a listed word is left out, not refused."""
    run = demo_case.checklist_runs[0]
    item_id = run.results[0].item_id
    proto = protocol_set.get(run.protocol_id, "en")
    assert proto is not None
    items = [
        i.model_copy(update={"survivor_text": "We looked for spyware."}) if i.id == item_id else i
        for i in proto.items
    ]
    broken = ProtocolSet(
        protocols={run.protocol_id: {"en": proto.model_copy(update={"items": items})}}
    )
    case = _with(demo_case, findings__1__detail="Hubo maltrato antes.")
    result = render_pdf(case, opts("survivor", "en", PrintMode.DISCREET), broken, directory)
    text = pypdf_text(result.data)
    assert find_forbidden(text) is None
    assert "spyware" not in text.casefold()
    assert "maltrato" not in text.casefold()


def test_advocate_only_gives_no_survivor_copy(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    from clinic.errors import Refused

    with pytest.raises(Refused, match="Advocate only"):
        render_pdf(
            demo_case, opts("survivor", "en", PrintMode.ADVOCATE_ONLY), protocol_set, directory
        )
    handoff = render_pdf(
        demo_case, opts("handoff", "en", PrintMode.ADVOCATE_ONLY), protocol_set, directory
    )
    assert handoff.data.startswith(b"%PDF")


def test_metadata_is_neutral_and_output_reproducible(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    import sys

    a = render_pdf(demo_case, opts("handoff", "en"), protocol_set, directory)
    assert "reportlab.lib.fontfinder" not in sys.modules  # its cache unpickles from /tmp
    b = render_pdf(demo_case, opts("handoff", "en"), protocol_set, directory)
    assert a.data == b.data
    meta = pypdf.PdfReader(io.BytesIO(a.data)).metadata
    assert meta is not None
    assert meta.title == "Handoff report"
    for key in ("/Author", "/Subject", "/Keywords", "/Creator", "/Producer"):
        assert meta.get(key, "") == ""
    assert meta["/CreationDate"].startswith("D:20261127000000")
    raw = a.data
    assert b"Maple" not in raw.split(b"/Info")[0][-2000:]  # not in the info dictionary region
    for marker in (b"Maple", b"Birch"):
        assert marker not in _info_dict(raw)


def _info_dict(raw: bytes) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(raw))
    return repr(dict(reader.metadata or {})).encode()


def test_pages_are_not_blank(
    tmp_path: Path, demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    from PIL import Image

    out = tmp_path / "s.pdf"
    export(demo_case, out, opts("survivor", "es", PrintMode.DISCREET), protocol_set, directory)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-png", str(out), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("p*.png"))
    assert len(pages) >= 2
    for page in pages:
        with Image.open(page) as img:
            histogram = img.convert("L").histogram()
            dark = sum(histogram[:200])
        assert dark > 500, page.name
