"""Translations: gettext catalogs in resources/translations, English as the source.

The UI calls `_()` for the app's current language; reports ask `translation(lang)` for
the case's own language, which can differ from the UI's.
"""

from __future__ import annotations

import gettext
from functools import cache

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
