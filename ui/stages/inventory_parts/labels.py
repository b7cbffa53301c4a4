"""Display labels for the inventory vocabularies and the quick-add presets (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from clinic.i18n import N_, _
from clinic.model import Account, Device
from clinic.model.vocab import DeviceKind, PersonRole, Platform, Service

ROLES: dict[PersonRole, str] = {
    PersonRole.CLIENT: N_("Client"),
    PersonRole.PERSON_OF_CONCERN: N_("Person of concern"),
    PersonRole.CHILD: N_("Child"),
    PersonRole.OTHER: N_("Other person"),
}
KINDS: dict[DeviceKind, str] = {
    DeviceKind.PHONE: N_("Phone"),
    DeviceKind.TABLET: N_("Tablet"),
    DeviceKind.LAPTOP: N_("Laptop"),
    DeviceKind.DESKTOP: N_("Desktop computer"),
    DeviceKind.WATCH: N_("Watch"),
    DeviceKind.SMART_HOME: N_("Smart home device"),
    DeviceKind.ROUTER: N_("Router"),
    DeviceKind.CAR: N_("Car"),
    DeviceKind.TRACKER: N_("Tracker"),
    DeviceKind.GAME_CONSOLE: N_("Game console"),
    DeviceKind.OTHER: N_("Other device"),
}
PLATFORMS: dict[Platform, str] = {
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
SERVICES: dict[Service, str] = {
    Service.APPLE_ID: N_("Apple Account"),
    Service.GOOGLE: N_("Google account"),
    Service.MICROSOFT: N_("Microsoft account"),
    Service.SAMSUNG: N_("Samsung account"),
    Service.EMAIL: N_("Email"),
    Service.FACEBOOK: N_("Facebook"),
    Service.INSTAGRAM: N_("Instagram"),
    Service.WHATSAPP: N_("WhatsApp"),
    Service.MESSENGER_OTHER: N_("Other messenger"),
    Service.SNAPCHAT: N_("Snapchat"),
    Service.TIKTOK: N_("TikTok"),
    Service.X_TWITTER: N_("X (Twitter)"),
    Service.CARRIER: N_("Phone plan (carrier)"),
    Service.BANK: N_("Bank"),
    Service.SMART_HOME: N_("Smart home app"),
    Service.CAR_APP: N_("Car app"),
    Service.CLOUD_STORAGE: N_("Cloud storage"),
    Service.STREAMING: N_("Streaming"),
    Service.SHOPPING: N_("Shopping"),
    Service.OTHER: N_("Other account"),
}
TWO_FACTOR: dict[str, str] = {"unknown": N_("Not known"), "yes": N_("On"), "no": N_("Off")}


@dataclass(frozen=True)
class DevicePreset:
    label: str
    kind: DeviceKind
    platform: Platform = Platform.UNKNOWN


@dataclass(frozen=True)
class AccountPreset:
    label: str
    service: Service


DEVICE_PRESETS: tuple[DevicePreset, ...] = (
    DevicePreset(N_("iPhone"), DeviceKind.PHONE, Platform.IOS),
    DevicePreset(N_("Android phone"), DeviceKind.PHONE, Platform.ANDROID),
    DevicePreset(N_("iPad"), DeviceKind.TABLET, Platform.IPADOS),
    DevicePreset(N_("Windows laptop"), DeviceKind.LAPTOP, Platform.WINDOWS),
    DevicePreset(N_("Mac"), DeviceKind.LAPTOP, Platform.MACOS),
    DevicePreset(N_("Car"), DeviceKind.CAR, Platform.OTHER),
    DevicePreset(N_("Tracker"), DeviceKind.TRACKER, Platform.OTHER),
    DevicePreset(N_("Smart speaker"), DeviceKind.SMART_HOME, Platform.OTHER),
    DevicePreset(N_("Other device"), DeviceKind.OTHER),
)
ACCOUNT_PRESETS: tuple[AccountPreset, ...] = (
    AccountPreset(N_("Apple Account"), Service.APPLE_ID),
    AccountPreset(N_("Google account"), Service.GOOGLE),
    AccountPreset(N_("Email"), Service.EMAIL),
    AccountPreset(N_("Phone plan"), Service.CARRIER),
    AccountPreset(N_("Facebook"), Service.FACEBOOK),
    AccountPreset(N_("Instagram"), Service.INSTAGRAM),
    AccountPreset(N_("WhatsApp"), Service.WHATSAPP),
    AccountPreset(N_("Other account"), Service.OTHER),
)


def new_device(preset: DevicePreset, owner_id: str | None) -> Device:
    """A device from a quick-add preset, owned and used by the client when known."""
    return Device(
        kind=preset.kind,
        platform=preset.platform,
        label=_(preset.label),
        owner_id=owner_id,
        main_user_id=owner_id,
    )


def new_account(preset: AccountPreset, owner_id: str | None) -> Account:
    """An account from a quick-add preset, owned by the client when known."""
    return Account(service=preset.service, label=_(preset.label), owner_id=owner_id)


def yes(flag: bool) -> str:
    return _("Yes") if flag else ""
