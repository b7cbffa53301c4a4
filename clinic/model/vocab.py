"""Fixed vocabularies shared by the case model and the protocol files.

Each value is a stable machine string stored in the vault, the case JSON and the
protocol `applies_to` tables. Labels for people live in the UI and reports.
"""

from __future__ import annotations

from enum import StrEnum


class DeviceKind(StrEnum):
    PHONE = "phone"
    TABLET = "tablet"
    LAPTOP = "laptop"
    DESKTOP = "desktop"
    WATCH = "watch"
    SMART_HOME = "smart_home"
    ROUTER = "router"
    CAR = "car"
    TRACKER = "tracker"
    GAME_CONSOLE = "game_console"
    OTHER = "other"


class Platform(StrEnum):
    IOS = "ios"
    IPADOS = "ipados"
    ANDROID = "android"
    MACOS = "macos"
    WINDOWS = "windows"
    CHROMEOS = "chromeos"
    LINUX = "linux"
    OTHER = "other"
    UNKNOWN = "unknown"


class Service(StrEnum):
    APPLE_ID = "apple_id"
    GOOGLE = "google"
    MICROSOFT = "microsoft"
    SAMSUNG = "samsung"
    EMAIL = "email"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    WHATSAPP = "whatsapp"
    MESSENGER_OTHER = "messenger_other"
    SNAPCHAT = "snapchat"
    TIKTOK = "tiktok"
    X_TWITTER = "x_twitter"
    CARRIER = "carrier"
    BANK = "bank"
    SMART_HOME = "smart_home"
    CAR_APP = "car_app"
    CLOUD_STORAGE = "cloud_storage"
    STREAMING = "streaming"
    SHOPPING = "shopping"
    OTHER = "other"


class Situation(StrEnum):
    """Situations that make a protocol apply even without a matching inventory entry."""

    LIVES_WITH_POC = "lives_with_poc"
    CHILDREN = "children"
    ORDER_OF_PROTECTION = "order_of_protection"
    SEPARATED = "separated"
    HARASSMENT = "harassment"
    INTIMATE_IMAGES = "intimate_images"
    FINANCES = "finances"
    LOCATION = "location"


class ConcernCategory(StrEnum):
    """Coded categories for the survivor's chief concerns (after the ISDi intake form)."""

    SPYWARE = "spyware"
    HACKED_ACCOUNTS = "hacked_accounts"
    LOCATION = "location"
    GLITCHY_DEVICE = "glitchy_device"
    UNKNOWN_CALLERS = "unknown_callers"
    SOCIAL_MEDIA = "social_media"
    HARASSMENT = "harassment"
    INTIMATE_IMAGES = "intimate_images"
    CHILD_DEVICES = "child_devices"
    FINANCIAL = "financial"
    SMART_HOME = "smart_home"
    CURIOUS = "curious"
    OTHER = "other"


class RiskTag(StrEnum):
    NOTIFIES_OTHER_PERSON = "notifies-other-person"
    OTHER_PERSON_LOSES_ACCESS = "other-person-loses-access"
    DOCUMENT_FIRST = "document-first"
    MAY_LOCK_CLIENT_OUT = "may-lock-client-out"
    NEEDS_SAFETY_PLAN = "needs-safety-plan"
    NEEDS_ADVOCATE = "needs-advocate"


class PersonRole(StrEnum):
    CLIENT = "client"
    PERSON_OF_CONCERN = "person_of_concern"
    CHILD = "child"
    OTHER = "other"


class ItemStatus(StrEnum):
    NOT_CHECKED = "not_checked"
    NO_CONCERN_FOUND = "no_concern_found"
    CONCERN = "concern"
    DECLINED = "declined"
    NOT_APPLICABLE = "not_applicable"


class Decision(StrEnum):
    UNDECIDED = "undecided"
    DONE_TOGETHER = "done_together"
    LATER = "later"
    DECLINED = "declined"
    REFERRED = "referred"


class VisitMode(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Language(StrEnum):
    EN = "en"
    ES = "es"


class TopicState(StrEnum):
    NOT_YET = "not_yet"
    RAISED = "raised"
    DECLINED = "declined"
