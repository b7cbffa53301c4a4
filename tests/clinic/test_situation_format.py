"""Case format 4: the month of a separation (never a made-up day) and children's visits as
yes / no / not asked, through the upgrade chain and on the printed handoff report."""

from __future__ import annotations

import io
from typing import Any

import pypdf

from clinic.model import Case, SituationContext
from clinic.model.upgrade import UPGRADES
from clinic.protocols.loader import ProtocolSet
from clinic.report.export import ExportOptions, render_pdf
from clinic.report.referrals import load_directory
from tests.conftest import FIXED_TODAY


def test_format_3_situation_becomes_a_month_and_a_tri_state() -> None:
    ticked: dict[str, Any] = {
        "situation": {"children_visitation": True, "date_separated": "2026-10-14"}
    }
    unticked: dict[str, Any] = {"situation": {"children_visitation": False, "date_separated": None}}
    assert UPGRADES[3](ticked)["situation"] == {
        "children_visitation": "yes",
        "separated_month": "2026-10",
    }
    assert UPGRADES[3](unticked)["situation"] == {
        "children_visitation": "unknown",  # an unticked box was never a "no"
        "separated_month": None,
    }


def _text(case: Case, protocol_set: ProtocolSet, lang: str) -> str:
    options = ExportOptions(kind="handoff", lang=lang, created=FIXED_TODAY, invariant=True)
    raw = render_pdf(case, options, protocol_set, load_directory()).data
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(raw)).pages)
    return " ".join(text.split())


def test_the_report_prints_the_month_and_not_asked(protocol_set: ProtocolSet) -> None:
    case = Case(
        pseudonym="Ash",
        opened=FIXED_TODAY,
        situation=SituationContext(separated_month="2026-10"),
    )
    text = _text(case, protocol_set, "en")
    assert "Separated since: October 2026" in text or "Separated since October 2026" in text
    assert "December 1" not in text  # never the day the box was ticked
    visits = text.split("Children's visits with the other person", 1)[1][:20]
    assert "not asked" in visits
    assert "octubre de 2026" in _text(case, protocol_set, "es")
