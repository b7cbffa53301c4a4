"""The Spanish catalog: complete, placeholder-safe, compiled and in step with the source."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "translations" / "es" / "LC_MESSAGES" / "clinic.po"
MO = PO.with_suffix(".mo")
POT = ROOT / "resources" / "translations" / "clinic.pot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")


def _tool() -> ModuleType:
    path = ROOT / "tools" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations_tool", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def _forms(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return _read(PO, "es")


@pytest.fixture(scope="module")
def spanish(catalog: Catalog) -> list[Message]:
    return _messages(catalog)


def test_every_message_has_a_spanish_translation(spanish: list[Message]) -> None:
    assert len(spanish) > 100
    empty = [m.id for m in spanish if not all(form.strip() for form in _forms(m.string))]
    assert empty == []


def test_plural_messages_have_every_spanish_form(catalog: Catalog) -> None:
    plurals = [m for m in _messages(catalog) if m.pluralizable]
    assert plurals
    assert all(len(_forms(m.string)) == catalog.num_plurals for m in plurals)


def test_placeholders_match_between_english_and_spanish(spanish: list[Message]) -> None:
    bad = []
    for m in spanish:
        ids = _forms(m.id)
        expected = [_placeholders(text) for text in ids]
        for form in _forms(m.string):
            if _placeholders(form) not in expected:
                bad.append((m.id, form))
    assert bad == []


def test_mnemonics_are_kept(spanish: list[Message]) -> None:
    def mnemonics(text: str) -> int:
        return len(re.findall(r"&(?!&)\S", text))

    single = [m for m in spanish if isinstance(m.id, str)]
    bad = [m.id for m in single if mnemonics(m.id) != mnemonics(m.string)]
    assert bad == []


def test_committed_mo_is_compiled_from_the_po() -> None:
    assert MO.read_bytes() == _tool().compiled("es")


def test_template_is_current_with_the_source(spanish: list[Message]) -> None:
    source = {m.id for m in _messages(_tool().extract())}
    template = {m.id for m in _messages(_read(POT))}
    assert sorted(map(str, source - template)) == []
    assert sorted(map(str, template - source)) == []
    assert {m.id for m in spanish} == template


def test_a_translated_ui_string_reads_in_spanish() -> None:
    from clinic import i18n

    i18n.set_language("es")
    try:
        assert i18n._("Unlock the vault") == "Desbloquear la bóveda"
        assert i18n.ngettext("{count} page", "{count} pages", 3) == "{count} páginas"
    finally:
        i18n.set_language("en")
    assert i18n._("Unlock the vault") == "Unlock the vault"
