"""Words for the model's fixed vocabularies, as printed (English msgids, gettext catalogs).

Survivor-facing wording follows the safety rules: "nothing was found by this check",
never "clean" or "safe"; risks in plain words, without blame or promises.
"""

from __future__ import annotations

from clinic.i18n import N_
from clinic.model.vocab import (
    ConcernCategory,
    Decision,
    DeviceKind,
    ItemStatus,
    Platform,
    RiskTag,
    Service,
)

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

SERVICE: dict[Service, str] = {
    Service.APPLE_ID: N_("Apple Account"),
    Service.GOOGLE: N_("Google account"),
    Service.MICROSOFT: N_("Microsoft account"),
    Service.SAMSUNG: N_("Samsung account"),
    Service.EMAIL: N_("Email account"),
    Service.FACEBOOK: "Facebook",
    Service.INSTAGRAM: "Instagram",
    Service.WHATSAPP: "WhatsApp",
    Service.MESSENGER_OTHER: N_("Messaging app"),
    Service.SNAPCHAT: "Snapchat",
    Service.TIKTOK: "TikTok",
    Service.X_TWITTER: "X (Twitter)",
    Service.CARRIER: N_("Phone plan"),
    Service.BANK: N_("Bank account"),
    Service.SMART_HOME: N_("Smart home account"),
    Service.CAR_APP: N_("Car app account"),
    Service.CLOUD_STORAGE: N_("Cloud storage"),
    Service.STREAMING: N_("Streaming account"),
    Service.SHOPPING: N_("Shopping account"),
    Service.OTHER: N_("Other account"),
}

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

PHONE_CHECK_GROUP: dict[str, str] = {
    "known_stalkerware": N_("known monitoring app"),
    "review_together": N_("to review together"),
    "context": N_("context"),
    "possible_match": N_("possible match"),
}

CONCERN_CATEGORY: dict[ConcernCategory, str] = {
    ConcernCategory.SPYWARE: N_("monitoring apps"),
    ConcernCategory.HACKED_ACCOUNTS: N_("accounts taken over"),
    ConcernCategory.LOCATION: N_("location"),
    ConcernCategory.GLITCHY_DEVICE: N_("device acting strangely"),
    ConcernCategory.UNKNOWN_CALLERS: N_("unknown callers"),
    ConcernCategory.SOCIAL_MEDIA: N_("social media"),
    ConcernCategory.HARASSMENT: N_("unwanted contact"),
    ConcernCategory.INTIMATE_IMAGES: N_("intimate images"),
    ConcernCategory.CHILD_DEVICES: N_("children's devices"),
    ConcernCategory.FINANCIAL: N_("money"),
    ConcernCategory.SMART_HOME: N_("smart home"),
    ConcernCategory.CURIOUS: N_("curious"),
    ConcernCategory.OTHER: N_("other"),
}
