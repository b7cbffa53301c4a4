"""The one table from error code to message: both the GUI and the CLI render errors here.

Every `clinic.errors.ClinicError` carries a `code` and its parameters as data. This module
maps each code to an English message marked with `N_` (extracted to the gettext catalogue,
translated in resources/translations/<lang>/LC_MESSAGES/clinic.po) and names the parameters
the message uses. `render(exc)` gives the message in the interface language; `str(exc)` is
the English one, for logs and tests. An error this table does not know is shown as its
family's message (the class's own code), never as raw exception text.

A message may have whole-sentence variants chosen by one parameter (`variants`), so a
translator always sees full sentences (e.g. "The backup file is empty." next to "The vault
file is empty."), never a noun spliced into a sentence.

Parameters are counts, positions, field names or fixed words, never case data or anything a
person typed. Adding an error: docs/ARCHITECTURE.md, "Errors".
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from clinic import error_entries, error_entries_storage
from clinic.error_entries import Entry, Gettext
from clinic.errors import ClinicError
from clinic.i18n import current_language, translation

__all__ = ["CATALOGUE", "UNEXPECTED", "Entry", "english", "message_for", "render"]

UNEXPECTED = "error"
"""The code shown for anything that is not a ClinicError (never its text)."""

CATALOGUE: dict[str, Entry] = {**error_entries.ENTRIES, **error_entries_storage.ENTRIES}
assert len(CATALOGUE) == len(error_entries.ENTRIES) + len(error_entries_storage.ENTRIES)


def entry_for(exc: BaseException) -> tuple[Entry, Mapping[str, object]]:
    """The catalogue entry and parameters for `exc` (its family's, if its code is unknown)."""
    if not isinstance(exc, ClinicError):
        return CATALOGUE[UNEXPECTED], {}
    params: Mapping[str, object] = getattr(exc, "params", {})
    entry = CATALOGUE.get(exc.code)
    if entry is not None and _fits(entry, params):
        return entry, params
    for cls in type(exc).__mro__:  # an unknown or ill-formed code: the nearest family
        family = CATALOGUE.get(str(getattr(cls, "code", "")))
        if family is not None and _fits(family, params):
            return family, params
    return CATALOGUE[UNEXPECTED], {}


def _fits(entry: Entry, params: Mapping[str, object]) -> bool:
    return all(name in params for name in placeholders(entry))


def placeholders(entry: Entry) -> set[str]:
    """The parameter names that the message and its variants use."""
    names: set[str] = set()
    for message in entry.messages():
        names |= {name for _, name, _, _ in string.Formatter().parse(message) if name}
    return names


def render(exc: BaseException, gettext: Gettext | None = None) -> str:
    """The message for `exc`, translated by `gettext` (default: the interface language)."""
    entry, params = entry_for(exc)
    text = (gettext or translation(current_language()).gettext)(entry.pick(params))
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: fall back to English
        return entry.pick(params).format(**params)


def message_for(exc: BaseException, lang: str | None = None) -> str:
    """`render` in `lang` (default: the interface language)."""
    return render(exc, translation(lang or current_language()).gettext)


def english(exc: ClinicError) -> str:
    """The English message (what `str(exc)` gives); an unknown code is shown as itself."""
    entry = CATALOGUE.get(exc.code)
    if entry is None or not _fits(entry, exc.params):
        return exc.code
    return entry.pick(exc.params).format(**exc.params)
