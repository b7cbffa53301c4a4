"""Field rules in words, for the place where the text is typed.

The model refuses a bad value with a message that never echoes it; at the field the
volunteer needs to know what to change ("at most 200 characters: 212 now"; "holds a
control character at position 17"), and the typed text stays.
"""

from __future__ import annotations

from clinic.i18n import _
from clinic.model.text import SHORT_MAX, short_text_issue


def short_text_problem(text: str) -> str | None:
    """What is wrong with one line of short text (a pseudonym, a label), or None."""
    issue = short_text_issue(text)
    if issue is None:
        return None
    kind, number = issue
    if kind == "too_long":
        return _("At most {limit} characters: {count} now.").format(limit=SHORT_MAX, count=number)
    if kind == "control":
        return _(
            "Holds a control character at position {position}: remove it (it may have come"
            " with a paste)."
        ).format(position=number)
    return _("Type at least one letter or number.")
