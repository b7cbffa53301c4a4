"""What the printed plans say, read back from real PDFs: a discreet copy gives nothing away,
a Spanish summary is Spanish all through (whatever language the interface had)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from clinic import i18n, vocabulary
from clinic.model import Case, PlanItem
from clinic.model.vocab import Decision
from clinic.paths import resource
from clinic.protocols.loader import ProtocolSet
from clinic.report.discreet import BRAND_NAMES, DiscreetRefused, find_forbidden, fold_label
from clinic.report.export import ExportOptions, PrintMode, render_pdf
from clinic.report.referrals import ReferralDirectory, load_directory
from clinic.safety_words import discreet_mode_words_in
from tests.conftest import IOC_YAML

DAY = dt.date(2026, 11, 27)
STALKERWARE_PACKAGE = "com.mspy.lite"


@pytest.fixture(scope="module")
def directory() -> ReferralDirectory:
    return load_directory()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def opts(kind: str, lang: str, mode: PrintMode = PrintMode.STANDARD) -> ExportOptions:
    return ExportOptions(kind, lang, mode, created=DAY, invariant=True)  # type: ignore[arg-type]


def with_stalkerware(case: Case, interface_lang: str = "en") -> Case:
    """The demo case plus a phone check that found known stalkerware (real Echap data),
    recorded while the interface was in `interface_lang`, and a plan item on it."""
    from clinic.phonecheck import match, parse_ioc, snapshot_from_list, to_records

    if not IOC_YAML.exists():
        pytest.skip("shared ioc.yaml not present")
    indicators = parse_ioc(IOC_YAML.read_bytes(), DAY)
    snap = snapshot_from_list(f"{STALKERWARE_PACKAGE}\norg.example.notes\n")
    result = match(snap, indicators, lang=interface_lang)
    device = next(d for d in case.devices if d.platform.value in ("android", "ios"))
    check, findings = to_records(result, snap, DAY, device_id=device.id)
    assert any(h.group == "known_stalkerware" for h in check.hits)
    out = case.model_copy(deep=True)
    out.phone_checks.append(check)
    out.findings.extend(findings)
    out.plan_items.append(
        PlanItem(finding_id=findings[0].id, title="Remove mSpy later", decision=Decision.LATER)
    )
    return out


def hidden_words(case: Case) -> list[str]:
    """App names, families, package ids and finding titles a discreet copy must not hold."""
    words = [STALKERWARE_PACKAGE, "mspy", *BRAND_NAMES]
    for check in case.phone_checks:
        for hit in check.hits:
            words += [hit.subject, *(hit.family.split(", ") if hit.family else [])]
    for finding in case.findings:
        for lang in ("en", "es"):
            words.append(vocabulary.finding_title(finding, lang))
    words += [a.label for a in case.accounts]
    return [w for w in words if len(w) >= 4]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("stalkerware", [False, True], ids=["demo", "stalkerware"])
def test_discreet_copy_holds_no_finding_no_name_no_listed_word(
    demo_case: Case,
    protocol_set: ProtocolSet,
    directory: ReferralDirectory,
    lang: str,
    stalkerware: bool,
) -> None:
    case = with_stalkerware(demo_case) if stalkerware else demo_case
    for kind in ("survivor", "handoff"):
        result = render_pdf(case, opts(kind, lang, PrintMode.DISCREET), protocol_set, directory)
        text = pdf_text(result.data)
        flat = squash(text)
        assert find_forbidden(text) is None, kind
        assert discreet_mode_words_in(text) == [], kind
        for word in hidden_words(case):
            assert squash(word) not in flat, (kind, word)
        assert squash(vocabulary.say("What we found", lang)) not in flat
        # What was looked at, in device-care words, and the steps chosen, neutrally.
        assert squash(vocabulary.say("What we looked at", lang)) in flat
        assert squash(vocabulary.say(vocabulary.ACCOUNT_DISCREET, lang)) in flat
        if stalkerware:
            assert squash(vocabulary.say("We looked at the list of apps together.", lang)) in flat
        entry = directory.get("us-national-hotline")
        assert entry is not None
        assert squash(entry.label(lang)) in flat


def test_a_volunteer_word_is_refused_with_the_place_a_volunteer_knows(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    case = with_stalkerware(demo_case)
    case.plan_items[-1].note = "Quitar la app de rastreo."
    with pytest.raises(DiscreetRefused) as info:
        render_pdf(case, opts("survivor", "es", PrintMode.DISCREET), protocol_set, directory)
    assert info.value.place == "Advise > Note about this option"
    assert info.value.word == "rastreo"
    assert "Advise > Note about this option" in str(info.value)
    assert '"rastreo"' in str(info.value)
    # The same note prints in a standard copy.
    assert render_pdf(case, opts("survivor", "es"), protocol_set, directory).data


def english_sentences() -> list[str]:
    """Every catalogue msgid of three words or more whose Spanish differs."""
    from babel.messages.pofile import read_po

    with resource("translations", "es", "LC_MESSAGES", "clinic.po").open("rb") as fh:
        catalog = read_po(fh)
    return [
        m.id
        for m in catalog
        if isinstance(m.id, str) and m.string and m.string != m.id and len(m.id.split()) >= 3
    ]


def english_protocol_texts(protocols: ProtocolSet, case: Case) -> list[str]:
    texts: list[str] = []
    for pid in {r.protocol_id for r in case.checklist_runs} | {
        f.protocol_id for f in case.findings if f.protocol_id
    }:
        en, es = protocols.get(pid, "en"), protocols.get(pid, "es")
        if en is None or es is None:
            continue
        texts.append(en.title)
        for item, es_item in zip(en.items, es.items, strict=True):
            texts += [t for t, s in ((item.title, es_item.title),) if t != s]
            for option, es_option in zip(item.options, es_item.options, strict=True):
                if option.title != es_option.title:
                    texts.append(option.title)
    return [t for t in texts if len(t.split()) >= 3]


@pytest.mark.parametrize("kind", ["survivor", "handoff"])
def test_spanish_summary_is_spanish_all_through(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory, kind: str
) -> None:
    # Findings recorded while the interface was English still print in Spanish.
    case = with_stalkerware(demo_case, interface_lang="en")
    i18n.set_language("en")
    result = render_pdf(case, opts(kind, "es"), protocol_set, directory)
    flat = squash(pdf_text(result.data))
    typed = squash(case.model_dump_json())  # what volunteers typed prints as typed
    leaks = [
        s
        for s in english_sentences()
        if squash(s) in flat and _not_spanish_too(s) and squash(s) not in typed
    ]
    assert leaks == []
    leaks = [t for t in english_protocol_texts(protocol_set, case) if squash(t) in flat]
    assert leaks == []
    assert "pseudonym" not in flat
    known = case.findings[-1]
    assert squash(vocabulary.finding_title(known, "es")) in flat
    assert squash(vocabulary.finding_title(known, "en")) not in flat


def _not_spanish_too(msgid: str) -> bool:
    """A msgid whose Spanish contains the English words (a name) is not a leak."""
    spanish = i18n.translation("es").gettext(msgid)
    return squash(msgid) not in squash(spanish)


def test_the_phone_check_hit_texts_render_in_the_document_language(demo_case: Case) -> None:
    case = with_stalkerware(demo_case, interface_lang="en")
    known = next(f for f in case.findings if f.code == "phone_check.known")
    assert known.title is None  # a code and parameters, never a rendered sentence
    assert known.params["subject"] == STALKERWARE_PACKAGE
    assert vocabulary.finding_title(known, "es") != vocabulary.finding_title(known, "en")
    assert vocabulary.finding_detail(known, "es").startswith(
        vocabulary.say(vocabulary.PHONE_CHECK_GROUP["known_stalkerware"], "es")
    )
    assert fold_label("mSpy") == "mspy"


def test_release_0_1_0_phone_check_findings_become_codes_and_print_in_spanish(
    protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    from clinic.model.case_file import parse_case_bytes
    from tests.clinic.test_formats import FIXTURES

    case = parse_case_bytes((FIXTURES / "maple-export.json").read_bytes())
    known = next(f for f in case.findings if f.source == "phone_check")
    assert known.code == "phone_check.known"
    assert known.title is None
    assert known.params["family"] == "ExampleWatcher"
    assert vocabulary.finding_title(known, "en") == "Known stalkerware found: ExampleWatcher"
    spanish = vocabulary.finding_title(known, "es")
    assert spanish != vocabulary.finding_title(known, "en")
    flat = squash(pdf_text(render_pdf(case, opts("survivor", "es"), protocol_set, directory).data))
    assert squash(spanish) in flat
    assert squash("Known stalkerware found") not in flat


def test_survivor_wording_says_each_thing_once(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    from clinic.model.vocab import RiskTag

    case = demo_case.model_copy(deep=True)
    run = next(r for r in case.checklist_runs if r.protocol_id == "ios-device")
    device = next(d for d in case.devices if d.id == run.target_id)
    device.label = "iPhone"
    plan = case.plan_items[0]
    plan.decision = Decision.REFERRED
    plan.risk_tags = [RiskTag.NEEDS_ADVOCATE]
    for lang in ("en", "es"):
        flat = squash(
            pdf_text(render_pdf(case, opts("survivor", lang), protocol_set, directory).data)
        )
        title = protocol_set.get("ios-device", lang)
        assert title is not None
        assert squash(title.title) in flat
        assert squash("iPhone: " + title.title) not in flat  # not "iPhone: iPhone and iPad"
        will = squash(vocabulary.say("An advocate will help you with this.", lang))
        can = squash(vocabulary.say("An advocate can help you with this.", lang))
        referred = sum(p.decision == Decision.REFERRED for p in case.plan_items)
        assert flat.count(will) == referred  # once per option, never followed by "can help"
        assert can not in flat


def test_a_generic_account_label_does_not_block_everyday_words(
    demo_case: Case, protocol_set: ProtocolSet, directory: ReferralDirectory
) -> None:
    case = demo_case.model_copy(deep=True)
    case.accounts[0].label = "Email"
    case.plan_items[0].note = "Check your email together next week."
    result = render_pdf(case, opts("survivor", "en", PrintMode.DISCREET), protocol_set, directory)
    assert squash("Check your email together") in squash(pdf_text(result.data))
    case.accounts[0].label = "maple.tree.wanderer"
    case.plan_items[0].note = "Sign out of maple.tree.wanderer on the laptop."
    with pytest.raises(DiscreetRefused) as info:
        render_pdf(case, opts("survivor", "en", PrintMode.DISCREET), protocol_set, directory)
    assert info.value.word == "maple.tree.wanderer"
