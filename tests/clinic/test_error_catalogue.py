"""The error catalogue: one code per error, English and Spanish for each, both doors use it."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import clinic
from clinic import error_catalogue, i18n
from clinic.error_catalogue import CATALOGUE, Entry, placeholders, render
from clinic.errors import ClinicError, InvalidInput, PassphraseRejected
from clinic.storage import check_new_passphrase
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE
from tests.fake_adb import install_fake_adb

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "translations" / "es" / "LC_MESSAGES" / "clinic.po"
# Classes whose __init__ takes data, not a code: their codes are checked by building them.
CUSTOM_INIT = {"UnlockDelayed", "DiscreetRefused"}


@pytest.fixture(scope="module")
def spanish() -> dict[str, str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="es")
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str)}


def _error_classes() -> list[type[ClinicError]]:
    for info in pkgutil.walk_packages(clinic.__path__, "clinic."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found: list[type[ClinicError]] = []
    todo: list[type[ClinicError]] = [ClinicError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("clinic.")]


def _fields(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def _sample(entry: Entry) -> dict[str, str | int]:
    params: dict[str, str | int] = {name: 3 for name in entry.params}
    for name in placeholders(entry) - set(params):
        params[name] = 3
    if entry.variants is not None:
        params[entry.variants[0]] = next(iter(entry.variants[1]))
    return params


def _each_message() -> Iterator[tuple[str, str]]:
    for code, entry in CATALOGUE.items():
        for message in entry.messages():
            yield code, message


# -- (a) completeness -----------------------------------------------------------------------
def test_every_message_has_its_parameters_declared() -> None:
    for code, entry in CATALOGUE.items():
        used = placeholders(entry)
        declared = set(entry.params) - ({entry.variants[0]} if entry.variants else set())
        assert used == declared, code


def test_every_message_has_spanish_with_the_same_parameters(spanish: dict[str, str]) -> None:
    missing = [(code, m) for code, m in _each_message() if not spanish.get(m)]
    assert not missing, f"add these to {PO.name} (tools/translations.py): {missing}"
    for code, message in _each_message():
        assert _fields(spanish[message]) == _fields(message), code


def test_every_error_class_has_a_catalogue_entry() -> None:
    classes = _error_classes()
    assert len(classes) > 15
    missing = [cls.__qualname__ for cls in classes if cls.code not in CATALOGUE]
    assert not missing, f"add a catalogue entry for {missing}"


def _raise_sites() -> Iterator[tuple[str, int, str, ast.Call]]:
    names = {cls.__name__ for cls in _error_classes()}
    for folder in ("clinic", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                    if name in names and name not in CUSTOM_INIT:
                        yield str(path.relative_to(ROOT)), node.lineno, name, node


def test_every_raise_names_a_catalogue_code_and_its_parameters() -> None:
    """`raise X("code", param=...)`: a literal code from the catalogue, never a sentence."""
    problems = []
    count = 0
    for where, line, name, call in _raise_sites():
        count += 1
        if not call.args:
            continue
        first = call.args[0]
        if isinstance(first, ast.Subscript) and where == "clinic/phonecheck/scan.py":
            continue  # _LIST_REFUSED maps a reason to a code: checked below
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            problems.append(f"{where}:{line} {name}(...) takes a literal code")
            continue
        entry = CATALOGUE.get(first.value)
        if entry is None:
            problems.append(f"{where}:{line} {name}({first.value!r}): not in the catalogue")
            continue
        given = {kw.arg for kw in call.keywords}
        if given != set(entry.params):
            problems.append(f"{where}:{line} {first.value}: parameters {sorted(given)}")
    assert count > 80
    assert not problems, "\n".join(problems)


def test_codes_chosen_at_run_time_are_in_the_catalogue() -> None:
    from clinic.phonecheck import scan
    from clinic.report.discreet import DiscreetRefused

    assert all(code in CATALOGUE for code in scan._LIST_REFUSED.values())
    for reason in ("word", "email", "person"):
        exc = DiscreetRefused("plan_items[0].note", "tracker", None, reason)
        assert exc.code in CATALOGUE, reason
        assert error_catalogue.entry_for(exc)[0] is CATALOGUE[exc.code]


def test_no_gettext_of_exception_text_anywhere() -> None:
    """Translating an exception's own text looks up a string not in the catalogue (English)."""
    needle = "_(" + "str("
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("clinic", "ui", "tools", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in text.replace(" ", "")
    ]
    assert not hits


# -- (b) every message renders in Spanish ---------------------------------------------------
def test_the_whole_catalogue_renders_in_spanish(spanish: dict[str, str]) -> None:
    es = i18n.translation("es").gettext
    for code, entry in CATALOGUE.items():
        params = _sample(entry)
        exc = ClinicError(code, **params)
        english = str(exc)
        text = render(exc, es)
        assert text == spanish[entry.pick(params)].format(**params), code
        assert text != english, code
        for value, message in entry.variants[1].items() if entry.variants else []:
            variant = ClinicError(code, **{**params, entry.variants[0]: value})
            assert render(variant, es) == spanish[message].format(**variant.params), code


def test_render_follows_the_interface_language() -> None:
    try:
        check_new_passphrase("short")
    except PassphraseRejected as caught:
        exc = caught
    assert str(exc).startswith("Use at least 10 characters")
    i18n.set_language("es")
    try:
        assert render(exc).startswith("Use al menos 10 caracteres")
        assert str(exc).startswith("Use at least")  # logs and tests stay English
    finally:
        i18n.set_language("en")
    assert render(exc) == str(exc)


def test_unknown_code_or_missing_parameter_shows_the_family_message() -> None:
    es = i18n.translation("es").gettext
    sentence = InvalidInput("the file at /home/maria/case.json is broken")
    assert render(sentence, es) == es(CATALOGUE["invalid_input"].message)
    assert "maria" not in render(sentence, es)
    assert render(PassphraseRejected("passphrase_too_short"), es) == es(
        CATALOGUE["passphrase_rejected"].message
    )
    assert render(ValueError("secret text"), es) == es(CATALOGUE["error"].message)


# -- (c) the CLI says it in the chosen language ---------------------------------------------
def _es(code: str, spanish: dict[str, str], **params: str | int) -> str:
    return "clinic: " + spanish[CATALOGUE[code].message].format(**params)


def test_cli_errors_in_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spanish: dict[str, str]
) -> None:
    monkeypatch.setenv("CLINIC_LANGUAGE", "es")
    target = tmp_path / "v.vault"
    proc = run_cli("vault", "init", str(target), "--passphrase-stdin", stdin="short\n")
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == _es("passphrase_too_short", spanish, min=10)
    assert "Use al menos 10 caracteres" in proc.stderr.decode()
    assert not target.exists()

    vault = tmp_path / "demo.vault"
    made = run_cli("demo", str(vault), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert made.returncode == 0, made.stderr
    wrong = run_cli("case", "list", str(vault), "--passphrase-stdin", stdin="not it at all\n")
    assert wrong.returncode == 3
    assert wrong.stderr.decode().strip() == _es("wrong_passphrase", spanish)

    listed = run_cli("case", "list", str(vault), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    case_id = listed.stdout.decode().splitlines()[0].split("\t")[0]
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "devices_-l.txt").write_text("List of devices attached\n\n", encoding="utf-8")
    proc = run_cli(
        "phone-check", str(vault), case_id, "--adb", "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert proc.returncode == 6
    assert proc.stderr.decode().strip() == _es("no_device", spanish)
    assert proc.stderr.decode().startswith("clinic: No se encontró ningún teléfono.")


def test_cli_language_comes_from_environment_then_settings(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    absent = tmp_path / "none.json"
    assert i18n.cli_language({}, absent) == "en"
    assert i18n.cli_language({"LANG": "es_MX.UTF-8"}, absent) == "es"
    assert i18n.cli_language({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, absent) == "es"
    assert i18n.cli_language({"LANG": "de_DE.UTF-8"}, absent) == "en"
    settings.write_text(json.dumps({"language": "es"}), encoding="utf-8")
    assert i18n.cli_language({"LANG": "en_US.UTF-8"}, settings) == "es"
    assert i18n.cli_language({"CLINIC_LANGUAGE": "en"}, settings) == "en"
    settings.write_text("{not json", encoding="utf-8")
    assert i18n.cli_language({}, settings) == "en"
