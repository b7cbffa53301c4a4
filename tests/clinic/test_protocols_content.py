"""The shipped protocols and guides: complete, in English and Spanish, and safe to print.

These are the acceptance criteria for the content in protocols/: they fail until it is
complete, and again whenever an edit breaks a rule.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clinic.model.vocab import RiskTag
from clinic.paths import protocols_dir
from clinic.protocols.lint import lint_set
from clinic.protocols.loader import FINDINGS_FOLDER, ProtocolSet, load_protocols

PROTOCOL_IDS = {
    "ios-device", "android-device", "apple-id", "google-account", "microsoft-windows", "mac",
    "email", "facebook", "instagram", "messengers", "snapchat", "carrier-family-plan",
    "trackers-cars", "smart-home-router", "children-devices", "banking-finances",
    "harassment-images", "chromeos",
}  # fmt: skip
GUIDE_IDS = {
    "pre-session", "consent", "safety-check-in", "questionnaire", "safety-planning",
    "principles", "end-of-session", "remote-session",
}  # fmt: skip
LOCALES = ("en", "es")
NOTICEABLE = {RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS}


@pytest.fixture(scope="module")
def shipped() -> ProtocolSet:
    return load_protocols()


def test_every_shipped_file_loads_without_problems(shipped: ProtocolSet) -> None:
    assert [str(p) for p in shipped.problems] == []


def test_every_protocol_and_guide_is_shipped(shipped: ProtocolSet) -> None:
    assert set(shipped.protocols) >= PROTOCOL_IDS
    assert set(shipped.guides) >= GUIDE_IDS
    for pid, by_locale in shipped.protocols.items():
        assert set(by_locale) >= set(LOCALES), pid
    for gid, guide_locales in shipped.guides.items():
        assert set(guide_locales) >= set(LOCALES), gid
    assert set(shipped.findings) >= set(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_at_least_18_protocols_and_200_items(shipped: ProtocolSet, locale: str) -> None:
    present = [p[locale] for p in shipped.protocols.values() if locale in p]
    assert len(present) >= 18
    assert sum(len(p.items) for p in present) >= 200


def test_ids_are_unique_and_match_their_folders(shipped: ProtocolSet) -> None:
    folders = sorted(
        p.name
        for p in protocols_dir().iterdir()
        if (p / "en.toml").is_file() and p.name != FINDINGS_FOLDER
    )
    assert sorted(shipped.protocols) == folders
    for pid, folder in shipped.origin.items():
        assert folder.name == pid
    for pid in shipped.protocols:
        items = [i.id for i in shipped.protocols[pid]["en"].items]
        assert len(items) == len(set(items)), pid


def test_locales_have_the_same_items_options_and_tags(shipped: ProtocolSet) -> None:
    for pid, by_locale in shipped.protocols.items():
        en = by_locale["en"]
        shape = [(i.id, set(i.risk_tags), [(o.id, set(o.risk_tags)) for o in i.options])
                 for i in en.items]  # fmt: skip
        for locale, proto in by_locale.items():
            other = [(i.id, set(i.risk_tags), [(o.id, set(o.risk_tags)) for o in i.options])
                     for i in proto.items]  # fmt: skip
            assert other == shape, f"{pid}/{locale}"
    for gid, guides in shipped.guides.items():
        ids = [e.id for e in guides["en"].entries]
        for locale, guide in guides.items():
            assert [e.id for e in guide.entries] == ids, f"guides/{gid}/{locale}"


def test_shipped_content_is_draft_until_an_advocate_reviews_it(shipped: ProtocolSet) -> None:
    reviews = [p.review for by in shipped.protocols.values() for p in by.values()]
    reviews += [g.review for by in shipped.guides.values() for g in by.values()]
    for review in reviews:
        if review.is_draft:
            assert review.reviewed_by is None
        else:  # a real review: who and when, never in the future
            assert review.reviewed_by
            assert review.reviewed_on is not None
            assert review.reviewed_on <= dt.date.today()


def test_survivor_texts_pass_the_safety_lint(shipped: ProtocolSet) -> None:
    assert [str(p) for p in lint_set(shipped)] == []


def test_noticeable_items_have_a_caution_and_options(shipped: ProtocolSet) -> None:
    checked = 0
    for by_locale in shipped.protocols.values():
        for proto in by_locale.values():
            for item in proto.items:
                if NOTICEABLE & set(item.risk_tags):
                    checked += 1
                    assert item.caution.strip(), f"{proto.id}: {item.id}"
                    assert item.options, f"{proto.id}: {item.id}"
    assert checked > 0


def test_safety_planning_asks_the_three_questions(shipped: ProtocolSet) -> None:
    for locale in LOCALES:
        guide = shipped.guide("safety-planning", locale)
        assert guide is not None
        assert {"notice", "lose-access", "react"} <= {e.id for e in guide.entries}
