"""The phone check's fixed sentences (group labels, standing notes, neutral wording).

The English msgids are in clinic.vocabulary; they are translated with the case's catalog at
use time.
No sentence says a phone is clean or safe: no match means nothing was found by this check.
"""

from __future__ import annotations

from clinic import vocabulary as v
from clinic.i18n import N_, translation
from clinic.model.work import Line, PhoneCheckGroup, Phrase

# The words themselves live in clinic.vocabulary; these names are kept for the phone check.
GROUP_ORDER: tuple[PhoneCheckGroup, ...] = v.PHONE_CHECK_GROUP_ORDER
GROUP_LABELS: dict[PhoneCheckGroup, str] = v.PHONE_CHECK_GROUP
NEUTRAL: dict[PhoneCheckGroup, str] = v.PHONE_CHECK_NEUTRAL
NO_MATCH_NOTE = v.NO_MATCH_NOTE
DEV_OPTIONS_REMINDER = v.DEV_OPTIONS_REMINDER
NO_INDICATORS = v.NO_INDICATORS
NOTHING_FOUND = v.NOTHING_FOUND
TITLES: dict[str, str] = v.PHONE_CHECK_TITLE
EVIDENCE: dict[str, str] = v.PHONE_CHECK_EVIDENCE
NOT_CHECKED: dict[str, str] = v.PHONE_CHECK_NOT_CHECKED
# Groups whose Android apps get install, permission and recent-use evidence.
EVIDENCE_GROUPS: frozenset[str] = frozenset(
    {"known_stalkerware", "monitoring_app", "review_together"}
)


def group_label(group: PhoneCheckGroup, lang: str = "en") -> str:
    return translation(lang).gettext(GROUP_LABELS[group])


def neutral_wording(group: PhoneCheckGroup, lang: str = "en") -> str:
    """The discreet survivor-summary words for a hit: never a family or app name."""
    return translation(lang).gettext(NEUTRAL[group])


def standing_notes(lang: str = "en") -> list[str]:
    """The notes shown with every result: no-match caveat, and the developer-options reminder."""
    tr = translation(lang).gettext
    return [tr(NO_MATCH_NOTE), tr(DEV_OPTIONS_REMINDER)]


def phrase(key: str, **params: str) -> Phrase:
    """An evidence line kept as a code and its parameters (rendered in the document's language)."""
    return Phrase(code=f"phone_check.evidence.{key}", params=params)


def render(line: Line, lang: str = "en") -> str:
    return v.line_text(line, lang)


def not_checked_line(reason: str, lang: str = "en") -> str:
    """ "Not checked: <why>" for a group that did not run."""
    tr = translation(lang).gettext
    why = tr(NOT_CHECKED.get(reason, NOT_CHECKED["legacy"]))
    return tr(v.PHONE_CHECK_NOT_CHECKED_LINE).format(why=why)


def group_note(code: str, lang: str = "en") -> str:
    words = v.PHONE_CHECK_GROUP_NOTE.get(code)
    return translation(lang).gettext(words) if words else ""


def text(key: str, lang: str = "en", table: dict[str, str] = EVIDENCE, **values: str) -> str:
    return translation(lang).gettext(table[key]).format(**values)


PAIRING_PROMPT = N_(
    'Unlock the iPhone and keep it unlocked. If it asks "Trust This Computer?", the survivor'
    " decides; Trust and the passcode let this laptop read it. Nothing is changed on the phone."
)
PAIRING_REMOVED = N_("The pairing record pymobiledevice3 wrote on this laptop was removed.")
PAIRING_NOT_FOUND = N_("No pairing record of pymobiledevice3 was found on this laptop.")
SYSTEM_RECORD = N_(
    "The system may keep its own pairing record in {folder}: an administrator can remove the"
    " file named after this iPhone."
)
TRUST_REMOVAL = N_(
    "To take this laptop's trust off the iPhone later: Settings > General > Transfer or"
    " Reset iPhone > Reset > Reset Location & Privacy. Caution: this also removes the trust"
    " of every other computer and resets every app's location and privacy choices; someone"
    " whose computer loses access may notice. Write down what you found first; the survivor"
    " decides."
)


def iphone_after_lines(pairing_removed: bool | None, lang: str = "en") -> list[str]:
    """What the volunteer is told after an iPhone check: the pairing records, the trust."""
    from clinic.phonecheck.iphone import system_record_dir

    tr = translation(lang).gettext
    first = tr(PAIRING_REMOVED) if pairing_removed else tr(PAIRING_NOT_FOUND)
    return [first, tr(SYSTEM_RECORD).format(folder=system_record_dir()), tr(TRUST_REMOVAL)]
