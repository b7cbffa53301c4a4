"""Translations: gettext catalogs in resources/translations, English as the source.

The UI calls `_()` for the app's current language; reports ask `translation(lang)` for
the case's own language, which can differ from the UI's.
"""

from __future__ import annotations

import gettext
import json
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "clinic"
LANGUAGES: tuple[str, ...] = ("en", "es")
_current = "en"


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`; English (and any unknown language) is the identity."""
    if lang == "en" or lang not in LANGUAGES:
        return gettext.NullTranslations()
    from clinic.paths import resource

    path = resource("translations", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:
        return gettext.NullTranslations()


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return translation(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def _known(value: str) -> str | None:
    """'es', 'es_MX.UTF-8', 'es:en' -> 'es'; None for a language the app does not have."""
    for part in value.split(":"):
        code = part.split(".")[0].split("_")[0].split("-")[0].strip().lower()
        if code in LANGUAGES:
            return code
    return None


def _settings_language(path: Path | None) -> str | None:
    if path is None:
        import platformdirs

        from clinic.paths import APP_NAME, SETTINGS_FILENAME

        path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILENAME
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value in LANGUAGES else None


def cli_language(
    environ: Mapping[str, str] | None = None, settings_file: Path | None = None
) -> str:
    """The language of the command line's messages, first found of:
    `CLINIC_LANGUAGE`; the language chosen in the app's settings; the locale variables
    (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`); English."""
    env = os.environ if environ is None else environ
    chosen = _known(env.get("CLINIC_LANGUAGE", ""))
    if chosen:
        return chosen
    saved = _settings_language(settings_file)
    if saved:
        return saved
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = _known(env.get(name, ""))
        if found:
            return found
    return "en"
