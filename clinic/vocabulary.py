"""Every label and fixed phrase shown to people, in one place (English msgids, gettext catalogs).

Tables map the model's codes to English words marked with N_; `say(words, lang)` renders
them in a language (the interface's with lang=None, a document's with its own). The reports,
the GUI and the phone check all read these tables, so one concept has one wording.

Survivor-facing wording follows the safety rules: "nothing was found by this check", never
"clean" or "safe"; risks in plain words, without blame or promises.

Stored sentences are codes: a `Phrase` (code + parameters) or a `Finding.code` names a
message here and is rendered when shown, so a Spanish document is Spanish all through
whatever language the interface had when the record was made.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from clinic.i18n import N_, current_language, translation
from clinic.model.vocab import (
    ConcernCategory,
    Decision,
    DeviceKind,
    ItemStatus,
    PersonRole,
    Platform,
    RiskTag,
    Service,
)

if TYPE_CHECKING:
    from clinic.model.work import Finding, Line, PhoneCheckGroup

K = TypeVar("K")


def say(words: str, lang: str | None = None) -> str:
    """`words` (an English msgid) in `lang`, or in the interface's language when None."""
    if not words:
        return ""
    return translation(lang or current_language()).gettext(words)


def label(table: Mapping[K, str], key: K, lang: str | None = None) -> str:
    """One table entry in a language ("" when the table has no words for it)."""
    return say(table.get(key, ""), lang)


# -- people, devices, accounts ---------------------------------------------------------------
PERSON_ROLE: dict[PersonRole, str] = {
    PersonRole.CLIENT: N_("Client"),
    PersonRole.PERSON_OF_CONCERN: N_("Person of concern"),
    PersonRole.CHILD: N_("Child"),
    PersonRole.OTHER: N_("Other person"),
}
DEVICE_KIND: dict[DeviceKind, str] = {
    DeviceKind.PHONE: N_("Phone"),
    DeviceKind.TABLET: N_("Tablet"),
    DeviceKind.LAPTOP: N_("Laptop"),
    DeviceKind.DESKTOP: N_("Desktop computer"),
    DeviceKind.WATCH: N_("Watch"),
    DeviceKind.SMART_HOME: N_("Smart home device"),
    DeviceKind.ROUTER: N_("Router"),
    DeviceKind.CAR: N_("Car"),
    DeviceKind.TRACKER: N_("Tracker tag"),
    DeviceKind.GAME_CONSOLE: N_("Game console"),
    DeviceKind.OTHER: N_("Other device"),
}
# A discreet document names a device by words that say nothing about why it was looked at.
DEVICE_KIND_DISCREET: dict[DeviceKind, str] = {
    **DEVICE_KIND,
    DeviceKind.TRACKER: N_("Small Bluetooth item"),
}
# Printed after a device kind: "Phone (iOS)". Unknown and other print nothing.
PLATFORM: dict[Platform, str] = {
    Platform.IOS: "iOS",
    Platform.IPADOS: "iPadOS",
    Platform.ANDROID: "Android",
    Platform.MACOS: "macOS",
    Platform.WINDOWS: "Windows",
    Platform.CHROMEOS: "ChromeOS",
    Platform.LINUX: "Linux",
    Platform.OTHER: "",
    Platform.UNKNOWN: "",
}
# The same systems as a volunteer picks them in the GUI, with the device they run on.
PLATFORM_CHOICE: dict[Platform, str] = {
    Platform.UNKNOWN: N_("Not known"),
    Platform.IOS: N_("iOS (iPhone)"),
    Platform.IPADOS: N_("iPadOS (iPad)"),
    Platform.ANDROID: N_("Android"),
    Platform.MACOS: N_("macOS (Mac)"),
    Platform.WINDOWS: N_("Windows"),
    Platform.CHROMEOS: N_("ChromeOS"),
    Platform.LINUX: N_("Linux"),
    Platform.OTHER: N_("Other"),
}
SERVICE: dict[Service, str] = {
    Service.APPLE_ID: N_("Apple Account"),
    Service.GOOGLE: N_("Google account"),
    Service.MICROSOFT: N_("Microsoft account"),
    Service.SAMSUNG: N_("Samsung account"),
    Service.EMAIL: N_("Email account"),
    Service.FACEBOOK: N_("Facebook"),
    Service.INSTAGRAM: N_("Instagram"),
    Service.WHATSAPP: N_("WhatsApp"),
    Service.MESSENGER_OTHER: N_("Messaging app"),
    Service.SNAPCHAT: N_("Snapchat"),
    Service.TIKTOK: N_("TikTok"),
    Service.X_TWITTER: N_("X (Twitter)"),
    Service.CARRIER: N_("Phone plan"),
    Service.BANK: N_("Bank account"),
    Service.SMART_HOME: N_("Smart home account"),
    Service.CAR_APP: N_("Car app account"),
    Service.CLOUD_STORAGE: N_("Cloud storage"),
    Service.STREAMING: N_("Streaming account"),
    Service.SHOPPING: N_("Shopping account"),
    Service.OTHER: N_("Other account"),
}
# A discreet document never names an app or an account: every service is "an online account".
ACCOUNT_DISCREET = N_("An online account")
TWO_FACTOR: dict[str, str] = {"unknown": N_("Not known"), "yes": N_("On"), "no": N_("Off")}
TRI_STATE: dict[str, str] = {
    "yes": N_("yes"),
    "no": N_("no"),
    "unknown": N_("unknown"),
    "unsure": N_("unsure"),
    "not_asked": N_("not asked"),
}
TEAM_ROLE: dict[str, str] = {
    "technologist": N_("technologist"),
    "advocate": N_("advocate"),
    "note_taker": N_("note taker"),
    "other": N_("other"),
}
CONCERN_CATEGORY: dict[ConcernCategory, str] = {
    ConcernCategory.SPYWARE: N_("Spyware or monitoring"),
    ConcernCategory.HACKED_ACCOUNTS: N_("Accounts broken into"),
    ConcernCategory.LOCATION: N_("Location tracking"),
    ConcernCategory.GLITCHY_DEVICE: N_("Device acting oddly"),
    ConcernCategory.UNKNOWN_CALLERS: N_("Unknown calls or messages"),
    ConcernCategory.SOCIAL_MEDIA: N_("Social media"),
    ConcernCategory.HARASSMENT: N_("Harassment"),
    ConcernCategory.INTIMATE_IMAGES: N_("Intimate images"),
    ConcernCategory.CHILD_DEVICES: N_("Children's devices"),
    ConcernCategory.FINANCIAL: N_("Money"),
    ConcernCategory.SMART_HOME: N_("Smart home"),
    ConcernCategory.CURIOUS: N_("A general check-up"),
    ConcernCategory.OTHER: N_("Other"),
}

# -- results, decisions, risks ---------------------------------------------------------------
# What a check's result means, said to the survivor.
STATUS_SURVIVOR: dict[ItemStatus, str] = {
    ItemStatus.NO_CONCERN_FOUND: N_("Nothing was found by this check."),
    ItemStatus.CONCERN: N_("We found something here to think about."),
    ItemStatus.DECLINED: N_("You chose to skip this check."),
    ItemStatus.NOT_APPLICABLE: N_("This check did not apply."),
    ItemStatus.NOT_CHECKED: N_("We did not get to this check."),
}
STATUS_HANDOFF: dict[ItemStatus, str] = {
    ItemStatus.NO_CONCERN_FOUND: N_("nothing found by this check"),
    ItemStatus.CONCERN: N_("concern"),
    ItemStatus.DECLINED: N_("declined"),
    ItemStatus.NOT_APPLICABLE: N_("not applicable"),
    ItemStatus.NOT_CHECKED: N_("not checked"),
}
DECISION: dict[Decision, str] = {
    Decision.UNDECIDED: N_("not decided yet"),
    Decision.DONE_TOGETHER: N_("done together"),
    Decision.LATER: N_("later"),
    Decision.DECLINED: N_("declined"),
    Decision.REFERRED: N_("referred to the advocate"),
}
# The same decisions as a volunteer records them in Advise (said while it happens).
DECISION_CHOICE: dict[Decision, str] = {
    **DECISION,
    Decision.DONE_TOGETHER: N_("done together now"),
}
# What to think about first, in plain words.
RISK_SURVIVOR: dict[RiskTag, str] = {
    RiskTag.NOTIFIES_OTHER_PERSON: N_("The other person may notice this change."),
    RiskTag.OTHER_PERSON_LOSES_ACCESS: N_(
        "The other person would lose access to something. They may notice."
    ),
    RiskTag.DOCUMENT_FIRST: N_(
        "You may want to keep a record first, like photos of the screens, before changing anything."
    ),
    RiskTag.MAY_LOCK_CLIENT_OUT: N_(
        "This could lock you out if something goes wrong. Make sure you have a way back in first."
    ),
    RiskTag.NEEDS_SAFETY_PLAN: N_(
        "It may help to make a plan with an advocate before you do this."
    ),
    RiskTag.NEEDS_ADVOCATE: N_("An advocate can help you with this."),
}
RISK_HANDOFF: dict[RiskTag, str] = {
    RiskTag.NOTIFIES_OTHER_PERSON: N_("may notify the other person"),
    RiskTag.OTHER_PERSON_LOSES_ACCESS: N_("the other person loses access"),
    RiskTag.DOCUMENT_FIRST: N_("document first"),
    RiskTag.MAY_LOCK_CLIENT_OUT: N_("may lock the client out"),
    RiskTag.NEEDS_SAFETY_PLAN: N_("needs a safety plan"),
    RiskTag.NEEDS_ADVOCATE: N_("needs the advocate"),
}

# -- the phone check -------------------------------------------------------------------------
PHONE_CHECK_GROUP_ORDER: tuple[PhoneCheckGroup, ...] = (
    "known_stalkerware",
    "monitoring_app",
    "review_together",
    "context",
    "possible_match",
)
PHONE_CHECK_GROUP: dict[PhoneCheckGroup, str] = {
    "known_stalkerware": N_("Known stalkerware"),
    "monitoring_app": N_("Monitoring or location-sharing app"),
    "review_together": N_("Review together"),
    "context": N_("Context"),
    "possible_match": N_("Possible match"),
}
# What a discreet survivor summary would say instead of the app, the family or the group.
PHONE_CHECK_NEUTRAL: dict[PhoneCheckGroup, str] = {
    "known_stalkerware": N_("an app to look at together"),
    "monitoring_app": N_("an app that can share your location or activity"),
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
# Finding titles by the reason of the hit (Finding.code is "phone_check." + the reason).
PHONE_CHECK_TITLE: dict[str, str] = {
    "known": N_("Known stalkerware found: {family}"),
    "power": N_("An app has strong access to the phone"),
    "offstore": N_("An app was installed from outside an app store"),
    "possible": N_("An app may match a monitoring app"),
    "device": N_("A phone setting to look at"),
    "phone_settings": N_("Phone settings"),
    "monitoring": N_("A monitoring or location-sharing app: {family}"),
    "profile": N_("A profile or setting gives control of the phone"),
    "signed": N_("An app was installed outside the App Store"),
    "profile_subject": N_("Profile: {name}"),
}
# Evidence lines (a Phrase's code is "phone_check.evidence." + the key).
PHONE_CHECK_EVIDENCE: dict[str, str] = {
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
    # Phone check v2 (monitoring apps, evidence of recent use, iPhones).
    "also_parental": N_("Also sold as a parental app."),
    "watchware": N_("Listed in Echap's watchware data as {family}."),
    "dual_use_location_sharing": N_(
        "Listed in the project's dual-use list as {family} (location sharing)."
    ),
    "dual_use_remote_control": N_(
        "Listed in the project's dual-use list as {family} (remote control)."
    ),
    "dual_use_call_recording": N_(
        "Listed in the project's dual-use list as {family} (call recording)."
    ),
    "dual_use_message_forwarding": N_(
        "Listed in the project's dual-use list as {family} (message forwarding)."
    ),
    "dual_use_family_controls": N_(
        "Listed in the project's dual-use list as {family} (family controls)."
    ),
    "sold_openly": N_(
        "Apps like this are sold openly, for families or friends. They can still be used"
        " to watch a partner."
    ),
    "name_monitoring": N_("App name matches {family}, an app sold for monitoring or location."),
    "certificate": N_("Signing certificate matches {family} (SHA-1 {sha1})."),
    "installed_on": N_("Installed {first}; last updated {last}."),
    "version": N_("Version {version}."),
    "installer": N_("Installed by: {installer}."),
    "granted": N_("Allowed to use: {what}."),
    "used_lately": N_("Used lately: {what}."),
    "no_recent_use": N_(
        "No recent use of location, camera, microphone, SMS, call log or notifications was"
        " recorded."
    ),
    "adb_tcp": N_("adb over Wi-Fi is on."),
    "old_patch": N_("The security patch is more than a year old ({patch})."),
    "adb_keys": N_(
        "USB debugging is allowed for {count} computer(s) other than this laptop: {hosts}."
    ),
    "ios_enterprise": N_(
        "Installed with an enterprise certificate, not from the App Store. This is a known"
        " way to install monitoring apps."
    ),
    "ios_developer": N_(
        "Installed with a developer certificate, not from the App Store. This is a known way"
        " to install monitoring apps."
    ),
    "ios_testflight": N_("Installed from TestFlight (test versions), not the App Store."),
    "ios_developer_mode": N_("Developer Mode is on."),
    "ios_supervised": N_(
        "The iPhone is supervised: an organisation or another person can manage it."
    ),
    "ios_profile": N_(
        "A configuration profile is installed: {name}. A profile can give another person"
        " control of settings, traffic or apps."
    ),
    "ios_mdm_profile": N_(
        "A device management (MDM) profile is installed: {name}. It can let another person"
        " manage the iPhone."
    ),
    "ios_profile_locked": N_("This profile cannot be removed from the phone's settings."),
    "component": N_("Component: {component}"),
}
# Why a phone-check group did not run (PhoneCheck.not_checked holds the code).
PHONE_CHECK_NOT_CHECKED: dict[str, str] = {
    "no_stalkerware_data": N_("no indicator data (ioc.yaml) is imported."),
    "names_only": N_("app names alone cannot be matched exactly; see Possible match."),
    "no_ios_ids": N_("the indicator data lists no iPhone app ids."),
    "list_only": N_("a package list cannot show this; check the phone itself."),
    "legacy": N_("this check was stored before this group existed."),
}
PHONE_CHECK_NOT_CHECKED_LINE = N_("Not checked: {why}")
PHONE_CHECK_GROUP_NOTE: dict[str, str] = {
    "no_watchware": N_(
        "watchware.yaml is not imported: checked against the project's dual-use list only."
    ),
}
PHONE_CHECK_DETAIL = N_("{group}: {subject}")

# Every coded message a Phrase or a Finding may name, by code.
MESSAGES: dict[str, str] = {
    **{f"phone_check.{k}": v for k, v in PHONE_CHECK_TITLE.items()},
    **{f"phone_check.evidence.{k}": v for k, v in PHONE_CHECK_EVIDENCE.items()},
}


def render_message(code: str, params: Mapping[str, str], lang: str | None = None) -> str:
    """A coded message in `lang` with its parameters; an unknown code prints its parameters."""
    words = MESSAGES.get(code)
    if words is None:
        return ", ".join(v for v in params.values() if v)
    try:
        return say(words, lang).format(**params)
    except (KeyError, IndexError, ValueError):  # a catalogue entry with a broken placeholder
        return words.format_map(_Blank(params))


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def line_text(line: Line, lang: str | None = None) -> str:
    """One evidence or setting line: typed text as it is, a Phrase in `lang`."""
    if isinstance(line, str):
        return line
    return render_message(line.code, line.params, lang)


class _Items(Protocol):
    def item(self, protocol_id: str, item_id: str, lang: str) -> _Titled | None: ...


class _Titled(Protocol):
    @property
    def title(self) -> str: ...


def finding_title(
    finding: Finding, lang: str | None = None, protocols: _Items | None = None
) -> str:
    """A finding's title in `lang`: its code's message, its protocol item's title, or as typed."""
    if finding.code:
        return render_message(finding.code, finding.params, lang)
    if protocols is not None and finding.protocol_id and finding.item_id:
        item = protocols.item(finding.protocol_id, finding.item_id, lang or current_language())
        if item is not None:
            return item.title
    return finding.title or ""


def finding_detail(finding: Finding, lang: str | None = None) -> str:
    """A finding's detail line: "{group}: {subject}" for a phone-check hit, else as typed."""
    group = finding.params.get("group")
    if finding.code and group in PHONE_CHECK_GROUP:
        subject = finding.params.get("subject", "")
        if subject in (
            PHONE_CHECK_TITLE["phone_settings"],
            say(PHONE_CHECK_TITLE["phone_settings"], "es"),
        ):
            subject = say(PHONE_CHECK_TITLE["phone_settings"], lang)  # a sentence, not a name
        return say(PHONE_CHECK_DETAIL, lang).format(
            group=say(PHONE_CHECK_GROUP[group], lang), subject=subject
        )
    return finding.detail


# -- volunteer words for where a text was typed ----------------------------------------------
# A report run's source ("plan_items[2].note") -> the stage and the field as the GUI names them.
FIELD_PLACES: dict[str, tuple[str, str]] = {
    "pseudonym": (N_("Cases"), N_("Case name")),
    "people": (N_("Inventory"), N_("People")),
    "devices.label": (N_("Inventory"), N_("Device name")),
    "devices.notes": (N_("Inventory"), N_("Device notes")),
    "devices": (N_("Inventory"), N_("Devices")),
    "accounts.label": (N_("Inventory"), N_("Account name")),
    "accounts.notes": (N_("Inventory"), N_("Account notes")),
    "accounts": (N_("Inventory"), N_("Accounts")),
    "checklist_runs": (N_("Investigate"), N_("Checklist")),
    "checklist_runs.results.note": (N_("Investigate"), N_("Note on a checklist item")),
    "findings.title": (N_("Advise"), N_("Finding")),
    "findings.detail": (N_("Advise"), N_("Finding")),
    "findings.evidence": (N_("Advise"), N_("Finding")),
    "phone_checks": (N_("Investigate"), N_("Phone check")),
    "plan_items.title": (N_("Advise"), N_("Option")),
    "plan_items.note": (N_("Advise"), N_("Note about this option")),
    "plan_items.who_acts": (N_("Advise"), N_("Who acts")),
    "plan_items.would_notice": (N_("Advise"), N_("What would the other person notice?")),
    "plan_items.access_lost": (N_("Advise"), N_("What access would the other person lose?")),
    "plan_items.reaction": (N_("Advise"), N_("How might the other person react?")),
    "follow_ups.what": (N_("Hand off"), N_("Follow-up: what needs to happen")),
    "follow_ups.who": (N_("Hand off"), N_("Follow-up: who will do it")),
    "referrals.note": (N_("Hand off"), N_("Note on a resource")),
    "referrals": (N_("Hand off"), N_("Resources")),
    "handoff_notes.text": (N_("Hand off"), N_("Note to the advocate")),
    "visits.concerns.text": (N_("Understand"), N_("Concerns")),
    "visits.check_in.if_interrupted": (N_("Before"), N_("If interrupted")),
    "situation.notes": (N_("Understand"), N_("Situation notes")),
    "safe_contact": (N_("Understand"), N_("Safe way to reach the client")),
    "clinic name": (N_("Settings"), N_("Clinic name")),
    "the file name": (N_("Print"), N_("File name")),
}


CHECKLIST_WORDING = N_("Checklist wording")
REFERRAL_DIRECTORY = N_("Referral directory")


def field_place(source: str | None, lang: str | None = None) -> str | None:
    """'Stage > Field' for a report source, or None for a protocol, directory or fixed text."""
    if not source:
        return None
    import re

    if source.startswith(("option ", "protocols/")):
        return say(CHECKLIST_WORDING, lang)
    if source.startswith("referral directory"):
        return say(REFERRAL_DIRECTORY, lang)

    path = re.sub(r"\[\d+\]", "", source.split(" (")[0])
    while path:
        place = FIELD_PLACES.get(path)
        if place is not None:
            return f"{say(place[0], lang)} > {say(place[1], lang)}"
        path = path.rpartition(".")[0]
    return None


# -- clinic statistics (clinic/stats, the Statistics view) -----------------------------------
STATS_MEASURE: dict[str, str] = {
    "cases_opened": N_("Cases opened"),
    "cases_closed": N_("Cases closed"),
    "visits_by_mode": N_("Visits by kind"),
    "concern_categories": N_("Concerns by category"),
    "device_platforms": N_("Devices by platform"),
    "account_services": N_("Accounts by service"),
    "finding_kinds": N_("Findings by kind"),
    "access_routes": N_("Access routes"),
    "plan_decisions": N_("Decisions on options"),
    "referral_kinds": N_("Referrals"),
    "follow_ups_done": N_("Follow-ups done"),
}
STATS_CATEGORY: dict[str, str] = {
    "all": N_("All"),
    "total": N_("Total"),
    "in_person": N_("In person"),
    "phone": N_("Phone call"),
    "video": N_("Video call"),
    "direct": N_("Direct"),
    "indirect": N_("Indirect"),
    "manual": N_("Added by hand"),
    "checklist": N_("From a checklist"),
    "checklist_concern": N_("Checklist item of concern"),
    "phone_check": N_("From the phone check"),
    "phone_check_known_stalkerware": N_("Phone check: known stalkerware"),
    "phone_check_monitoring_app": N_("Phone check: monitoring or location-sharing app"),
    "phone_check_review_together": N_("Phone check: review together"),
    "phone_check_context": N_("Phone check: context"),
    "phone_check_possible_match": N_("Phone check: possible match"),
    "own": N_("Added by hand"),
    "other_directory": N_("From a clinic's own directory"),
}


def stats_category(measure: str, category: str, lang: str | None = None) -> str:
    """A statistics category in words (a referral shows its directory id)."""
    tables: dict[str, Mapping[Any, str]] = {
        "device_platforms": {str(k): v for k, v in PLATFORM.items()},
        "account_services": {str(k): v for k, v in SERVICE.items()},
        "concern_categories": {str(k): v for k, v in CONCERN_CATEGORY.items()},
        "plan_decisions": {str(k): v for k, v in DECISION.items()},
    }
    words = tables.get(measure, {}).get(category) or STATS_CATEGORY.get(category)
    return say(words, lang) if words else category
