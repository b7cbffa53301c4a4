"""People, devices and accounts: the inventory the technograph is drawn from."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from clinic.model.base import Entity, Id
from clinic.model.limits import Items
from clinic.model.text import LongText, ShortText
from clinic.model.vocab import DeviceKind, PersonRole, Platform, Service

TriState = Literal["yes", "no", "unknown"]


class Person(Entity):
    """Someone in the survivor's life. A label only: never a real name required."""

    role: PersonRole
    label: ShortText
    notes: LongText = ""


class Device(Entity):
    """A device and who owns, pays for, set up, unlocks or handles it."""

    kind: DeviceKind
    platform: Platform = Platform.UNKNOWN
    os_major: int | None = Field(default=None, ge=1, le=99)
    label: ShortText
    owner_id: Id | None = None
    main_user_id: Id | None = None
    paid_by_id: Id | None = None
    set_up_by_id: Id | None = None
    passcode_known_by: Items[Id] = Field(default_factory=list)
    physical_access: Items[Id] = Field(default_factory=list)
    goes_to_visitation: bool = False
    brought_today: bool = False
    notes: LongText = ""


class Account(Entity):
    """An online account and who can reach it (password, recovery, sessions, plans)."""

    service: Service
    label: ShortText
    owner_id: Id | None = None
    password_known_by: Items[Id] = Field(default_factory=list)
    recovery_email_controlled_by: Id | None = None
    recovery_phone_controlled_by: Id | None = None
    two_factor: TriState = "unknown"
    signed_in_on: Items[Id] = Field(default_factory=list)
    family_plan: bool = False
    plan_organizer_id: Id | None = None
    paid_by_id: Id | None = None
    shared_with: Items[Id] = Field(default_factory=list)
    brought_today: bool = False
    notes: LongText = ""
