"""Display labels for the inventory vocabularies and the quick-add presets (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from clinic import vocabulary
from clinic.i18n import N_, _
from clinic.model import Account, Device
from clinic.model.vocab import DeviceKind, PersonRole, Platform, Service

# The words live in clinic.vocabulary (one table per concept, shared with the reports).
ROLES: dict[PersonRole, str] = vocabulary.PERSON_ROLE
KINDS: dict[DeviceKind, str] = vocabulary.DEVICE_KIND
PLATFORMS: dict[Platform, str] = vocabulary.PLATFORM_CHOICE
SERVICES: dict[Service, str] = vocabulary.SERVICE
TWO_FACTOR: dict[str, str] = vocabulary.TWO_FACTOR


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
    DevicePreset(N_("Tracker tag"), DeviceKind.TRACKER, Platform.OTHER),
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
