"""Hostile text in every field still gives a valid PDF holding the literal text (T32-T35)."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pypdf
import pytest

from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.report.export import ExportOptions, render_pdf
from clinic.report.referrals import load_directory
from clinic.report.text import PLACEHOLDER
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE

HOSTILE = (
    "<b>bold</b> & <i>",
    '<img src="/etc/passwd"/>',
    '<a href="file:///etc/passwd">link</a>',
    '<font color="[[[1+1]]]">x</font>',
    "]]> &amp; &#65; &lt;",
    "RTL \u202eoverride",
    "zalgo Z\u0335\u0321a\u0336l\u0337g\u0338o",
    "Ti\u1ebfng Vi\u1ec7t",
    "Greek \u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac",
    "Cyrillic \u041a\u0438\u0440\u0438\u043b\u043b\u0438\u0446\u0430",
)
CJK = "CJK \u4e2d\u6587 emoji \U0001f600"
LONG_EXTRA = "tab\there and\nline break"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(raw: bytes) -> str:
    """All pages' text without whitespace and without each page's footer line."""
    pages = pypdf.PdfReader(io.BytesIO(raw)).pages
    return "".join(
        re.sub(r"^(CONFIDENTIAL|Keepthesenoteswhereyouchoose\.)\d+", "", squash(p.extract_text()))
        for p in pages
    )


def hostile_case(base: Case, n: int) -> Case:
    """Every text field of the rich case gets corpus entry n (short fields) or all of it."""
    short = HOSTILE[n % len(HOSTILE)]
    long = " | ".join(HOSTILE) + " " + LONG_EXTRA + " " + CJK
    data = base.model_dump(mode="json")
    data["pseudonym"] = short
    data["situation"]["notes"] = long
    data["safe_contact"]["notes"] = long
    for person in data["people"]:
        person["label"], person["notes"] = short, long
    for kind in ("devices", "accounts"):
        for row in data[kind]:
            row["label"], row["notes"] = short, long
    for visit in data["visits"]:
        visit["check_in"]["if_interrupted"] = long
        for concern in visit["concerns"]:
            concern["text"] = long
    for finding in data["findings"]:
        finding["title"], finding["detail"], finding["evidence"] = short, long, [long]
    for plan in data["plan_items"]:
        plan["title"] = short
        for attr in ("would_notice", "access_lost", "reaction", "who_acts", "note"):
            plan[attr] = long
    for ref in data["referrals"]:
        ref["entry_id"] = None
        ref["name"], ref["neutral_label"], ref["contact"], ref["note"] = short, short, long, long
    for note in data["handoff_notes"]:
        note["text"] = long
    for follow in data["follow_ups"]:
        follow["what"], follow["who"] = long, long
    return Case.model_validate(data)


def _links_and_images(raw: bytes) -> tuple[int, int]:
    reader = pypdf.PdfReader(io.BytesIO(raw))
    links = images = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            links += annot.get_object().get("/Subtype") == "/Link"
        images += len(page.images)
    return links, images


@pytest.mark.parametrize("kind", ["survivor", "handoff"])
def test_hostile_text_everywhere(demo_case: Case, protocol_set: ProtocolSet, kind: str) -> None:
    case = hostile_case(demo_case, 2)
    result = render_pdf(case, ExportOptions(kind), protocol_set, load_directory())  # type: ignore[arg-type]
    links, images = _links_and_images(result.data)
    assert (links, images) == (0, 0)
    assert b"/URI" not in result.data
    text = pdf_text(result.data)
    for piece in HOSTILE:
        # A bidi override is dropped in print: the words stay in the order they were typed.
        assert squash(piece.replace("\u202e", "")) in text, piece
    assert "\u202e" not in text
    assert squash(LONG_EXTRA) in text
    # No bundled font draws CJK; emoji would extract as garbage: both get a visible placeholder.
    assert squash(f"CJK {PLACEHOLDER * 2} emoji {PLACEHOLDER}") in text
    assert any("cannot be printed" in w for w in result.warnings)


def test_a_note_at_the_cap_and_a_huge_word(demo_case: Case, protocol_set: ProtocolSet) -> None:
    word = "W" * 20_000
    note = ("Plain words in a long note. " * 4000)[: 100_000 - len(word) - 1] + " " + word
    data = demo_case.model_dump(mode="json")
    data["plan_items"][0]["note"] = note
    data["situation"]["notes"] = word
    case = Case.model_validate(data)
    start = time.perf_counter()
    result = render_pdf(case, ExportOptions("handoff"), protocol_set, load_directory())
    elapsed = time.perf_counter() - start
    assert elapsed < 20
    text = pdf_text(result.data)
    assert word in text
    assert text.count("Plainwordsinalongnote.") == 79_999 // 28


def test_cli_report_and_refusal(tmp_path: Path) -> None:
    vault = tmp_path / "v.vault"
    pw = PASSPHRASE + "\n"
    proc = run_cli("demo", str(vault), "--today", "2026-11-27", "--passphrase-stdin", stdin=pw)
    assert proc.returncode == 0, proc.stderr
    listing = run_cli("case", "list", str(vault), "--passphrase-stdin", stdin=pw)
    case_id = listing.stdout.decode().split("\t")[0]
    out = tmp_path / "Device notes.pdf"
    args = [
        "report",
        str(vault),
        case_id,
        "--kind",
        "survivor",
        "--lang",
        "es",
        "--discreet",
        "--out",
        str(out),
        "--created",
        "2026-11-27",
        "--passphrase-stdin",
    ]
    proc = run_cli(*args, stdin=pw)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o777 == 0o600
    assert b"warning: " in proc.stderr  # the hotline entry is not confirmed yet
    assert (
        run_cli(
            "referrals",
            "confirm",
            str(vault),
            "us-national-hotline",
            "--passphrase-stdin",
            stdin=pw,
        ).returncode
        == 0
    )
    proc = run_cli(*args, stdin=pw)
    assert b"warning: " not in proc.stderr
    advocate_only = [a if a != "--discreet" else "--advocate-only" for a in args]
    proc = run_cli(*advocate_only, stdin=pw)
    assert proc.returncode == 6
    assert proc.stderr.decode().startswith("clinic: Advocate only")


def test_cli_discreet_refusal_names_the_field(tmp_path: Path, demo_case: Case) -> None:
    import json

    data = demo_case.model_dump(mode="json")
    data["plan_items"][1]["note"] = "Talked about the violence. \u4e2d"
    src = tmp_path / "case.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    vault = tmp_path / "v.vault"
    pw = PASSPHRASE + "\n"
    assert run_cli("demo", str(vault), "--passphrase-stdin", stdin=pw).returncode == 0
    assert (
        run_cli(
            "case",
            "import",
            str(vault),
            str(src),
            "--replace",
            "--passphrase-stdin",
            stdin=pw,
        ).returncode
        == 0
    )
    out = tmp_path / "n.pdf"
    proc = run_cli(
        "report",
        str(vault),
        demo_case.id,
        "--kind",
        "survivor",
        "--discreet",
        "--out",
        str(out),
        "--passphrase-stdin",
        stdin=pw,
    )
    assert proc.returncode == 6
    assert "Advise > Note about this option" in proc.stderr.decode()
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "v.vault"]
    proc = run_cli(
        "report",
        str(vault),
        demo_case.id,
        "--kind",
        "survivor",
        "--out",
        str(out),
        "--passphrase-stdin",
        stdin=pw,
    )
    assert proc.returncode == 0
    assert "Advise > Note about this option cannot be printed" in proc.stderr.decode()
