"""Report building blocks: text cleaning, the discreet word rule, referrals, vault settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clinic.errors import InvalidInput
from clinic.report.discreet import DiscreetRefused, check_text, find_forbidden
from clinic.report.referrals import load_directory
from clinic.report.text import PLACEHOLDER, clean, markup, split_chunks
from clinic.storage import KeySettings, Vault
from clinic.storage.settings_store import (
    confirm_referral,
    get_setting,
    referral_confirmations,
    set_setting,
)
from tests.conftest import PASSPHRASE

COVERED = frozenset(range(0x20, 0x3000))  # a font-like set without CJK ideographs


def test_clean_strips_controls_and_marks_missing_glyphs() -> None:
    text, missing = clean("a\x00b\x07c\td\r\ne\u4e2d", COVERED)
    assert text == "abc    d\ne" + PLACEHOLDER
    assert missing == 1


def test_markup_escapes_every_tag_and_entity() -> None:
    out = markup('<img src="/etc/passwd"/> & <a href="x">')
    assert "<img" not in out
    assert "<a " not in out
    assert out.startswith("&lt;img")
    assert "&amp;" in out


def test_split_chunks_is_bounded_and_lossless_for_a_long_word() -> None:
    word = "x" * 20_000
    chunks = split_chunks(word)
    assert all(len(c) <= 2000 for c in chunks)
    assert "".join(chunks) == word
    prose = ("word " * 30_000).strip()
    pieces = split_chunks(prose)
    assert max(len(p) for p in pieces) <= 2000
    assert " ".join(pieces).split() == prose.split()


@pytest.mark.parametrize(
    "text",
    [
        "This is abuse.",
        "ABUSIVE partner",
        "the stalker",
        "Violencia doméstica",
        "violencia DOMESTICA",
        "un acosador",
        "app espía",
        "app espia",
        "ab\u200buse hidden by a zero-width space",
        "IPV",
    ],
)
def test_forbidden_words_found(text: str) -> None:
    assert find_forbidden(text) is not None


@pytest.mark.parametrize(
    "text", ["Device notes", "Notas del dispositivo", "acostumbrada", "especial", "a bus"]
)
def test_ordinary_words_pass(text: str) -> None:
    assert find_forbidden(text) is None


def test_refusal_names_the_field_and_carries_it() -> None:
    with pytest.raises(DiscreetRefused) as info:
        check_text("He is violent.", "plan_items[2].note", "eid")
    assert info.value.field == "plan_items[2].note"
    assert info.value.entity_id == "eid"
    assert info.value.exit_code == 6
    assert "Advise > Note about this option" in str(info.value)
    with pytest.raises(DiscreetRefused, match="email"):
        check_text("write to maple@example.org", "notes")
    with pytest.raises(DiscreetRefused, match="person of concern"):
        check_text("Ask J. Smith first", "notes", avoid=("j. smith",))


def test_bundled_directory_is_neutral_and_unverified() -> None:
    directory = load_directory()
    ids = set(directory.entries)
    assert {"us-national-hotline", "us-nnedv-safety-net", "us-womenslaw", "us-988", "us-911"} <= ids
    for entry in directory.entries.values():
        assert entry.verified_on is None
        assert entry.source.startswith("https://")
        for lang in ("en", "es"):
            assert find_forbidden(entry.label(lang)) is None
            assert find_forbidden(entry.contact_for(lang)) is None


def test_local_file_adds_and_overrides(tmp_path: Path) -> None:
    local = tmp_path / "local.toml"
    local.write_text(
        'region = "Our town"\n[[entries]]\nid = "town-shelter"\nname = "Town help centre"\n'
        'neutral_label = { en = "Local help", es = "Ayuda local" }\n'
        'contact = { en = "555-0100", es = "555-0100" }\nsource = "Called them"\n',
        encoding="utf-8",
    )
    directory = load_directory([local])
    assert directory.entries["town-shelter"].label("es") == "Ayuda local"
    assert "us-911" in directory.entries
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'region = "X"\n[[entries]]\nid = "x"\nname = "X"\n'
        'neutral_label = { en = "Abuse line", es = "Línea" }\n'
        'contact = { en = "1", es = "1" }\nsource = "s"\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match="bad.toml"):
        load_directory([bad])


def test_settings_store_round_trip(vault_path: Path, fast_key: KeySettings) -> None:
    vault = Vault.create(vault_path, PASSPHRASE, fast_key)
    try:
        assert get_setting(vault, "clinic-name") is None
        set_setting(vault, "clinic-name", "A")
        set_setting(vault, "clinic-name", "B")
        assert get_setting(vault, "clinic-name") == "B"
        confirm_referral(vault, "us-988", dt.date(2026, 11, 1))
    finally:
        vault.close()
    with Vault.open(vault_path, PASSPHRASE, fast_key) as again:
        assert referral_confirmations(again) == {"us-988": dt.date(2026, 11, 1)}
