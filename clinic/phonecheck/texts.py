"""Every fixed phone-check sentence: group labels, standing notes, neutral survivor wording.

English msgids are marked with N_ and translated with the case's catalog at use time.
No sentence says a phone is clean or safe: no match means nothing was found by this check.
"""

from __future__ import annotations

from clinic.i18n import N_, translation
from clinic.model.work import PhoneCheckGroup

GROUP_ORDER: tuple[PhoneCheckGroup, ...] = (
    "known_stalkerware",
    "review_together",
    "context",
    "possible_match",
)
GROUP_LABELS: dict[PhoneCheckGroup, str] = {
    "known_stalkerware": N_("Known stalkerware"),
    "review_together": N_("Review together"),
    "context": N_("Context"),
    "possible_match": N_("Possible match"),
}
# What a discreet survivor summary says instead of the app, the family or the group.
NEUTRAL: dict[PhoneCheckGroup, str] = {
    "known_stalkerware": N_("a monitoring app"),
    "review_together": N_("an app with strong access to the phone"),
    "context": N_("an app or setting to look at"),
    "possible_match": N_("an app to look at together"),
}
NO_MATCH_NOTE = N_("No match does not mean no monitoring.")
DEV_OPTIONS_REMINDER = N_(
    "Before the phone leaves, turn USB debugging and Developer options off again, and revoke"
    " USB debugging authorisations."
)
NO_INDICATORS = N_(
    "No indicator data is imported, so known stalkerware could not be checked."
    " Import ioc.yaml first."
)
NOTHING_FOUND = N_("Nothing was found by this check.")

TITLES: dict[str, str] = {
    "known": N_("Known stalkerware found: {family}"),
    "power": N_("An app has strong access to the phone"),
    "offstore": N_("An app was installed from outside an app store"),
    "possible": N_("An app may match a monitoring app"),
    "device": N_("A phone setting to look at"),
    "phone_settings": N_("Phone settings"),
}
EVIDENCE: dict[str, str] = {
    "known": N_("Exact package id listed in the indicator data as {family}."),
    "folded": N_("Package id matches {family} only when ignoring upper and lower case."),
    "name": N_("App name matches {family}; check the package id."),
    "keyword": N_("The name suggests monitoring; this alone means little."),
    "accessibility": N_("Accessibility service turned on: it can read the screen."),
    "notification_listener": N_("Notification access turned on: it can read notifications."),
    "device_admin": N_("Device admin: it can lock or wipe the phone."),
    "device_owner": N_("Device owner: it can manage the whole phone."),
    "profile_owner": N_("Profile owner: it manages a work profile."),
    "offstore": N_("Installed outside a known app store (installer: {installer})."),
    "wireless_debugging": N_("Wireless debugging is on."),
    "unknown_sources": N_("Installing apps from unknown sources is allowed."),
    "verifier_off": N_("App scanning (Play Protect) may be off."),
    "extra_users": N_("The phone has another user or a work profile."),
    "root": N_("Signs that the phone was modified (rooted or unlocked): {signs}"),
    "could_not_check": N_("Could not check on this phone: {what}"),
}


def group_label(group: PhoneCheckGroup, lang: str = "en") -> str:
    return translation(lang).gettext(GROUP_LABELS[group])


def neutral_wording(group: PhoneCheckGroup, lang: str = "en") -> str:
    """The discreet survivor-summary words for a hit: never a family or app name."""
    return translation(lang).gettext(NEUTRAL[group])


def standing_notes(lang: str = "en") -> list[str]:
    """The notes shown with every result: no-match caveat, and the developer-options reminder."""
    tr = translation(lang).gettext
    return [tr(NO_MATCH_NOTE), tr(DEV_OPTIONS_REMINDER)]


def text(key: str, lang: str = "en", table: dict[str, str] = EVIDENCE, **values: str) -> str:
    return translation(lang).gettext(table[key]).format(**values)
