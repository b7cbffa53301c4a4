"""The content rules `clinic protocols check` enforces (issue 13), each shown failing on a
small sample protocol, and the shipped content that depends on them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clinic.model import Case, Device
from clinic.model.vocab import DeviceKind, Platform, RiskTag
from clinic.protocols.findings import FINDING_KINDS, finding_kind, phone_options
from clinic.protocols.glossary import glossary_problems
from clinic.protocols.lint import absolute_problems, discreet_problems, lint_set
from clinic.protocols.loader import ProtocolSet, load_protocols
from clinic.protocols.select import select
from clinic.technograph import ChangeKind, OptionRef, PlannedChange, preview
from clinic.technograph.impact import TAG_NOTICES
from tests.clinic.protocol_samples import edit, write_protocol

CHANGE_TAGS = 'risk_tags = ["notifies-other-person", "needs-safety-plan", "document-first"]'
ITEM_TAGS = 'risk_tags = ["notifies-other-person"]'
ITEM_SURVIVOR = 'survivor_text = "We looked at first together."'


def _problems(root: Path) -> list[tuple[str, str | None, str | None, str]]:
    pset = load_protocols([root], builtin=False)
    assert [str(p) for p in pset.problems] == []
    return [(p.file, p.item, p.field, p.message) for p in lint_set(pset)]


def _fields(root: Path) -> set[tuple[str, str | None, str | None]]:
    return {(f, i, d) for f, i, d, _m in _problems(root)}


def test_the_sample_protocol_passes(tmp_path: Path) -> None:
    write_protocol(tmp_path, "fine")
    assert _problems(tmp_path) == []


def test_a_noticeable_option_needs_document_first(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "nodoc")
    for lang in ("en", "es"):
        edit(folder / f"{lang}.toml", CHANGE_TAGS, CHANGE_TAGS.replace(', "document-first"', ""))
    assert _fields(tmp_path) == {
        ("nodoc/en.toml", "first", "options.change.risk_tags"),
        ("nodoc/es.toml", "first", "options.change.risk_tags"),
    }


def test_document_first_waiver_needs_a_reason(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "waived")
    for lang in ("en", "es"):
        edit(
            folder / f"{lang}.toml",
            CHANGE_TAGS,
            CHANGE_TAGS.replace(', "document-first"', "")
            + '\ndocument_first = "not-applicable"\ndocument_first_reason = "Nothing is erased."',
        )
    assert _problems(tmp_path) == []
    edit(folder / "es.toml", 'document_first_reason = "Nothing is erased."', "")
    pset = load_protocols([tmp_path], builtin=False)
    assert any("document_first_reason" in p.message for p in pset.problems)


def test_an_option_that_erases_needs_document_first(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "erase")
    edit(folder / "en.toml", 'title = "Change it"', 'title = "Delete the history"')
    edit(folder / "es.toml", 'title = "Change it"', 'title = "Borrar el historial"')
    for lang in ("en", "es"):
        edit(folder / f"{lang}.toml", CHANGE_TAGS, 'risk_tags = ["notifies-other-person"]')
        edit(folder / f"{lang}.toml", ITEM_TAGS, "risk_tags = []")
    # Not noticeable any more, but it erases: still needs document-first.
    for lang in ("en", "es"):
        edit(folder / f"{lang}.toml", 'risk_tags = ["notifies-other-person"]', "risk_tags = []")
    messages = [m for _f, _i, _d, m in _problems(tmp_path)]
    assert len([m for m in messages if m.startswith("it erases or removes")]) == 2


def test_a_noticeable_option_needs_a_leave_for_now_option(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "noleave")
    for lang in ("en", "es"):
        edit(folder / f"{lang}.toml", "leave_for_now = true\n", "")
    assert _fields(tmp_path) == {
        ("noleave/en.toml", "first", "options"),
        ("noleave/es.toml", "first", "options"),
    }


def test_an_item_tag_no_option_carries_is_an_error(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "orphan")
    for lang in ("en", "es"):
        tags = 'risk_tags = ["notifies-other-person", "needs-advocate"]'
        edit(folder / f"{lang}.toml", ITEM_TAGS, tags)
    found = _problems(tmp_path)
    assert {(f, i, d) for f, i, d, _m in found} == {
        ("orphan/en.toml", "first", "risk_tags"),
        ("orphan/es.toml", "first", "risk_tags"),
    }
    assert "needs-advocate" in found[0][3]


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "No one can see it now.", "no one"),
        ("en", "This means they cannot find you.", "cannot"),
        ("en", "It will never come back.", "never"),
        ("es", "Nadie puede verlo.", "nadie"),
        ("es", "La otra persona ya no puede entrar.", "no puede"),
        ("es", "Nunca vuelve.", "nunca"),
    ],
)
def test_absolute_words_are_flagged(lang: str, text: str, word: str) -> None:
    found = absolute_problems(text, lang)
    assert found
    assert f'"{word}"' in found[0]


def test_absolute_words_in_printed_text_need_a_waiver(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "absolute")
    edit(folder / "en.toml", ITEM_SURVIVOR, 'survivor_text = "No one can read it now."')
    assert _fields(tmp_path) == {("absolute/en.toml", "first", "survivor_text")}
    edit(
        folder / "en.toml",
        'survivor_text = "No one can read it now."',
        'survivor_text = "No one can read it now."\nabsolute_ok = "True for this setting."',
    )
    assert _problems(tmp_path) == []
    assert absolute_problems("It makes this harder. Nothing was found by this check.", "en") == []


def test_discreet_wording_passes_the_discreet_word_list(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "discreet")
    edit(folder / "en.toml", 'title = "Change it"', 'title = "Stop the tracking app"')
    edit(folder / "es.toml", 'title = "Change it"', 'title = "Quitar la app de rastreo"')
    assert _fields(tmp_path) == {
        ("discreet/en.toml", "first", "options.change.title"),
        ("discreet/es.toml", "first", "options.change.title"),
    }
    en_title, es_title = 'title = "Stop the tracking app"', 'title = "Quitar la app de rastreo"'
    edit(folder / "en.toml", en_title, en_title + '\ndiscreet_text = "Change an app"')
    edit(folder / "es.toml", es_title, es_title + '\ndiscreet_text = "Que la otra persona no vea"')
    assert _fields(tmp_path) == {("discreet/es.toml", "first", "options.change.discreet_text")}
    for text in ("The other person", "Monitoring", "hidden apps", "la otra persona", "vigilancia"):
        assert discreet_problems(text), text
    assert discreet_problems("Change an app on the phone") == []


@pytest.mark.parametrize(
    ("text", "survivor", "concept"),
    [
        ("Un reinicio de fábrica borra todo.", False, "factory reset"),
        ("Puede reiniciar el router a los valores de fábrica.", False, "factory reset"),
        ("Puede denunciar el mensaje a la plataforma.", False, "report to a platform"),
        ("Puede reportar lo ocurrido a la policía.", False, "report to a platform"),
        ("Revise la política de denuncia obligatoria.", False, "mandatory reporting"),
        ("Puede cerrar sesión en la computadora.", False, "sign out"),
        ("Abra Buscar/Encontrar.", False, "Find My"),
        ("Podría provocar una escalada.", False, "escalation"),
        ("El voluntariado nunca ve sus contraseñas.", False, "the volunteers"),
        ("Marque el tema como tratado o rechazado.", False, "declined topic"),
        ("Hable con su persona intercesora.", True, "advocate"),
    ],
)
def test_glossary_refuses_variants(text: str, survivor: bool, concept: str) -> None:
    found = glossary_problems(text, survivor)
    assert found, text
    assert concept in found[0]


@pytest.mark.parametrize(
    ("text", "survivor"),
    [
        ("Puede restablecer los valores de fábrica. Reinicie el teléfono.", True),
        ("Puede reportar el mensaje a la plataforma y denunciar ante la policía.", True),
        ('Toque "Cerrar sesión" y luego cerrar la sesión en la computadora.', True),
        ("Abra la app Encontrar.", True),
        ("Anote la pregunta para la persona intercesora.", False),
        ("Una solicitud de crédito rechazada puede aparecer en el informe.", True),
    ],
)
def test_glossary_accepts_the_chosen_terms(text: str, survivor: bool) -> None:
    assert glossary_problems(text, survivor) == []


def test_glossary_is_checked_in_spanish_files_only(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "glossary")
    edit(folder / "es.toml", 'caution = "The other person may notice a change."',
         'caution = "Un reinicio de fábrica se nota."')  # fmt: skip
    edit(folder / "en.toml", 'caution = "The other person may notice a change."',
         'caution = "Un reinicio de fábrica se nota."')  # fmt: skip
    assert _fields(tmp_path) == {("glossary/es.toml", "first", "caution")}


# -- the shipped content ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> ProtocolSet:
    return load_protocols()


def test_shipped_content_has_18_protocols_and_200_items_all_draft(shipped: ProtocolSet) -> None:
    for lang in ("en", "es"):
        protocols = [p[lang] for p in shipped.protocols.values()]
        assert len(protocols) >= 18
        assert sum(len(p.items) for p in protocols) >= 200
        assert all(p.review.is_draft for p in protocols)
    assert lint_set(shipped) == []


def test_every_noticeable_option_documents_first_and_has_a_leave_option(
    shipped: ProtocolSet,
) -> None:
    noticeable = {RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS}
    checked = 0
    for by_locale in shipped.protocols.values():
        for item in by_locale["en"].items:
            risky = [o for o in item.options if noticeable & set(o.risk_tags)]
            for option in risky:
                checked += 1
                assert RiskTag.DOCUMENT_FIRST in option.risk_tags or option.document_first, (
                    option.id
                )
            if risky:
                assert any(o.leave_for_now for o in item.options), item.id
    assert checked > 150


@pytest.mark.parametrize(
    ("pid", "iid"),
    [("trackers-cars", "trk-physical-search"), ("trackers-cars", "trk-obd-gps")],
)
def test_hidden_gps_devices_can_be_left_in_place(shipped: ProtocolSet, pid: str, iid: str) -> None:
    for lang in ("en", "es"):
        item = shipped.item(pid, iid, lang)
        assert item is not None
        assert any(o.leave_for_now for o in item.options)


def test_significant_locations_no_longer_says_only_the_phone_holder(shipped: ProtocolSet) -> None:
    for lang, word in (("en", "Apple Account"), ("es", "cuenta de Apple")):
        item = shipped.item("ios-device", "ios-significant-locations", lang)
        assert item is not None
        texts = [item.why, item.caution] + [o.survivor_text for o in item.options]
        assert not any("Only someone" in t or "Solo alguien" in t for t in texts)
        assert word in item.why


def test_spanish_location_cautions_name_who_notices(shipped: ProtocolSet) -> None:
    for pid, iid, oid in [
        ("android-device", "and-location", "stop-sharing"),
        ("apple-id", "aid-find-my", "stop-sharing"),
        ("google-account", "g-location-sharing", "stop"),
        ("ios-device", "ios-find-my", "stop-one-person"),
        ("apple-id", "aid-family-sharing", "stop-location"),
    ]:
        item = shipped.item(pid, iid, "es")
        assert item is not None
        text = next(o.survivor_text for o in item.options if o.id == oid)
        assert "Puede notar que usted" not in text
        assert "persona" in text or "personas" in text


def test_chromeos_protocol_is_selected_for_a_chromebook(shipped: ProtocolSet) -> None:
    device = Device(label="School laptop", kind=DeviceKind.LAPTOP, platform=Platform.CHROMEOS)
    case = Case(pseudonym="Sample", opened=dt.date(2026, 1, 1), devices=[device])
    chosen = select(case, shipped)
    assert "chromeos" in chosen.ids()
    assert "mac" not in chosen.ids()
    assert chosen.uncovered == ()


@pytest.mark.parametrize("pid", ["email", "facebook", "instagram", "snapchat", "messengers"])
def test_impact_preview_says_a_safety_plan_is_needed(
    demo_case: Case, shipped: ProtocolSet, pid: str
) -> None:
    protocol = shipped.get(pid)
    assert protocol is not None
    noticeable = {RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS}
    pairs = [
        (item, option)
        for item in protocol.items
        if RiskTag.NEEDS_SAFETY_PLAN in item.risk_tags
        for option in item.options
        if noticeable & set(option.risk_tags)
    ]
    assert pairs
    account = demo_case.accounts[0]
    for item, option in pairs:
        change = PlannedChange(
            ChangeKind.CHANGE_PASSWORD, account.id, option=OptionRef(pid, item.id, option.id)
        )
        result = preview(demo_case, change, shipped)
        assert RiskTag.NEEDS_SAFETY_PLAN in result.risk_tags, (item.id, option.id)
        assert TAG_NOTICES[RiskTag.NEEDS_SAFETY_PLAN] in result.notices


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", FINDING_KINDS)
def test_phone_finding_options_start_with_document_first(
    shipped: ProtocolSet, kind: str, lang: str
) -> None:
    options = phone_options(kind, lang, shipped)
    assert len(options) >= 4
    assert set(options[0].risk_tags) == {RiskTag.DOCUMENT_FIRST}
    assert RiskTag.NEEDS_ADVOCATE in options[1].risk_tags
    assert options[2].leave_for_now
    change = [o for o in options if RiskTag.OTHER_PERSON_LOSES_ACCESS in o.risk_tags]
    assert change
    assert all(options.index(o) >= 3 for o in change)
    item = shipped.finding_item(kind, lang)
    assert item is not None
    assert item.caution.strip()


def test_phone_finding_kinds_accept_the_phone_check_names(shipped: ProtocolSet) -> None:
    assert finding_kind("known_stalkerware") == "known-stalkerware"
    assert finding_kind("monitoring_app") == "monitoring-app"
    assert finding_kind("power") == "review-together"
    assert finding_kind("offstore") == "outside-store"
    assert finding_kind("nonsense") is None
    assert phone_options("nonsense", "en", shipped) == []
    es = [o.title for o in phone_options("offstore", "es", shipped)]
    assert es[0] == "Tomar fotos primero"


def test_the_phone_finding_order_is_enforced(tmp_path: Path, shipped: ProtocolSet) -> None:
    import shutil

    from clinic.paths import protocols_dir

    target = tmp_path / "phone-findings"
    shutil.copytree(protocols_dir() / "phone-findings", target)
    for lang in ("en", "es"):
        path = target / f"{lang}.toml"
        text = path.read_text(encoding="utf-8")
        # Move the change in front: swap the first option's tags with the change's.
        path.write_text(
            text.replace(
                'risk_tags = ["document-first"]\nsurvivor_text',
                'risk_tags = ["needs-safety-plan"]\nsurvivor_text',
                1,
            ),  # fmt: skip
            encoding="utf-8",
        )
    pset = load_protocols([tmp_path], builtin=False)
    assert pset.problems == []
    found = {(p.file, p.item) for p in lint_set(pset) if "first option" in p.message}
    assert found == {
        ("phone-findings/en.toml", "known-stalkerware"),
        ("phone-findings/es.toml", "known-stalkerware"),
    }


def test_remote_session_guide_covers_the_safety_questions(shipped: ProtocolSet) -> None:
    needed = {"safe-time", "safe-line", "anyone-nearby", "device-reachable", "code-word",
              "hang-up-plan", "call-back", "no-screen-share"}  # fmt: skip
    for lang in ("en", "es"):
        guide = shipped.guide("remote-session", lang)
        assert guide is not None
        assert needed <= {e.id for e in guide.entries}
    remote_steps = [
        s.remote for p in shipped.all("en") for i in p.items for s in i.steps if s.remote
    ]
    assert len(remote_steps) >= 8
    assert all(s.lower().startswith(("on ", "in ", "before ")) for s in remote_steps)


def test_spanish_guides_follow_the_glossary(tmp_path: Path) -> None:
    from tests.clinic.protocol_samples import write_guide

    folder = write_guide(tmp_path, "consent")
    edit(folder / "es.toml", 'text = "es one"', 'text = "Le contamos a su persona intercesora."')
    edit(folder / "es.toml", 'text = "es two"', 'text = "Repase la denuncia obligatoria."')
    edit(folder / "en.toml", 'text = "en one"', 'text = "Repase la denuncia obligatoria."')
    found = {(p.file, p.item, p.message.split(" for ")[1][:20]) for p in lint_set(
        load_protocols([tmp_path], builtin=False))}  # fmt: skip
    assert found == {
        ("guides/consent/es.toml", "one", "advocate (survivor t"),
        ("guides/consent/es.toml", "two", "mandatory reporting:"),
    }
