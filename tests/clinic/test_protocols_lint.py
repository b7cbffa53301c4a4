"""The safety word lists and the protocol lint that uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.protocols.lint import lint_set, text_problems
from clinic.protocols.loader import load_protocols
from clinic.safety_words import discreet_words_in, redact_discreet, safety_claims_in
from tests.clinic.protocol_samples import edit, write_protocol


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Your phone is clean now.", ["is clean"]),
        ("The account is  SECURE.", ["is secure"]),
        ("It\u2019s safe to stop here.", ["it's safe"]),
        ("Both devices are completely safe.", ["are completely safe"]),
        ("Su teléfono está limpio.", ["esta limpio"]),
        ("La cuenta es segura.", ["es segura"]),
        ("Ahora está SEGURA.", ["esta segura"]),
        ("Sus cuentas están protegidas.", ["estan protegidas"]),
        ("Nothing was found by this check.", []),
        ("We can secure it together. Safety first. Keep this in a safe place.", []),
        ("This is cleaner than before; unsafe; the island is safely away.", []),
    ],
)
def test_safety_claims(text: str, found: list[str]) -> None:
    assert safety_claims_in(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Signs of STALKERWARE or spyware.", ["stalkerware", "spyware"]),
        ("An abuser; abusive; abuse.", ["abuser", "abusive", "abuse"]),
        ("Violencia DOMÉSTICA y maltrato.", ["violencia", "domestica", "maltrato"]),
        ("violencia domestica (sin tilde)", ["violencia", "domestica"]),
        ("Una app espía; espionaje; acoso.", ["espia", "espionaje", "acoso"]),
        ("IPV clinic", ["ipv"]),
        ("Domesticated plants, nonviolent, abusea, ipvx, espiar.", []),
        ("A shared account; location; photos.", []),
    ],
)
def test_discreet_words_are_whole_word_and_accent_aware(text: str, found: list[str]) -> None:
    assert discreet_words_in(text) == found


def test_redact_keeps_everything_else_exactly() -> None:
    assert redact_discreet("Straße: Violencia Doméstica, not Domesticated.") == (
        "Straße: ... ..., not Domesticated."
    )
    assert redact_discreet("Nothing here.", "[x]") == "Nothing here."


def test_text_problems_explain_each_finding() -> None:
    problems = text_problems("Your phone is safe from spyware. It is safe.")
    assert len(problems) == 2
    assert problems[0].startswith('claims "is safe"')
    assert problems[1].startswith('uses "spyware"')


def test_lint_names_file_item_and_field(tmp_path: Path) -> None:
    folder = write_protocol(tmp_path, "wordy")
    edit(folder / "en.toml", 'survivor_text = "We looked at first together."',
         'survivor_text = "We looked. Your phone is clean."')  # fmt: skip
    edit(folder / "es.toml", 'title = "Leave it for now"', 'title = "Ignorar la app espía"')
    edit(folder / "es.toml", 'title = "es check second"', 'title = "Violencia"')
    pset = load_protocols([tmp_path], builtin=False)
    assert pset.problems == []
    found = {(p.file, p.item, p.field) for p in lint_set(pset)}
    assert found == {
        ("wordy/en.toml", "first", "survivor_text"),
        ("wordy/es.toml", "first", "options.leave.title"),
        ("wordy/es.toml", "second", "title"),
    }
