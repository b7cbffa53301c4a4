"""The shape of a protocol file (`protocols/<id>/<locale>.toml`) and of a session guide.

These pydantic models are the one definition of the format; `protocols/README.md`
explains it for authors. Item and option ids must be identical, in the same order,
in every locale of a protocol.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, model_validator

from clinic.model.text import STRICT_CONFIG, LongText, ShortText
from clinic.model.vocab import DeviceKind, Platform, RiskTag, Service, Situation

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("must be lowercase letters, digits and dashes (up to 63)")
    return value


ContentId = Annotated[str, AfterValidator(_check_id)]


class Review(BaseModel):
    """Who reviewed this locale of the protocol, and when. Shipped content is draft."""

    model_config = STRICT_CONFIG
    status: Literal["draft", "reviewed"] = "draft"
    reviewed_by: ShortText | None = None
    reviewed_on: dt.date | None = None

    @model_validator(mode="after")
    def _reviewed_needs_who_and_when(self) -> Review:
        if self.status == "reviewed":
            if not self.reviewed_by or self.reviewed_on is None:
                raise ValueError("a reviewed protocol needs reviewed_by and reviewed_on")
            if self.reviewed_on > dt.date.today():
                raise ValueError("reviewed_on must not be in the future")
        return self

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class AppliesTo(BaseModel):
    """When a protocol applies: any match on any list, or always."""

    model_config = STRICT_CONFIG
    always: bool = False
    platforms: list[Platform] = Field(default_factory=list)
    device_kinds: list[DeviceKind] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    situations: list[Situation] = Field(default_factory=list)
    family_plan: bool = False
    children_devices: bool = False

    @model_validator(mode="after")
    def _not_empty(self) -> AppliesTo:
        if not (
            self.always
            or self.platforms
            or self.device_kinds
            or self.services
            or self.situations
            or self.family_plan
            or self.children_devices
        ):
            raise ValueError("applies_to must name at least one condition, or always = true")
        return self


class Step(BaseModel):
    """Where to look. `os_min`/`os_max` give the major OS versions a variant is for;
    `platforms` (optional) the device platforms it is for, in protocols covering several.
    `remote` (optional) is the same step as an instruction the survivor follows on their own
    device in a phone or video session ("On your phone, open ..."); the GUI shows it instead
    of `text` when the visit is remote (`remote_text()`)."""

    model_config = STRICT_CONFIG
    text: LongText = Field(min_length=1)
    remote: LongText = ""
    os_min: int | None = Field(default=None, ge=1, le=99)
    os_max: int | None = Field(default=None, ge=1, le=99)
    platforms: list[Platform] = Field(default_factory=list)

    @model_validator(mode="after")
    def _range_in_order(self) -> Step:
        if self.os_min is not None and self.os_max is not None and self.os_min > self.os_max:
            raise ValueError("os_min must not be greater than os_max")
        return self

    def remote_text(self) -> str:
        """The step as the survivor reads it in a remote session (its `text` when no
        `remote` variant is written)."""
        return self.remote or self.text

    def fits(self, os_major: int | None, platform: Platform | None = None) -> bool:
        """Unknown version or platform: every variant fits (the volunteer picks)."""
        known = platform not in (None, Platform.UNKNOWN, Platform.OTHER)
        if self.platforms and known and platform not in self.platforms:
            return False
        if os_major is None:
            return True
        if self.os_min is not None and os_major < self.os_min:
            return False
        return not (self.os_max is not None and os_major > self.os_max)


class Option(BaseModel):
    """Something the survivor may choose to do when a concern is found.

    - `leave_for_now`: this is the "leave it as it is for now" choice.
    - `document_first = "not-applicable"` with `document_first_reason`: a noticeable or
      erasing option that needs no "document first" step (the content lint asks for one).
    - `discreet_text`: the option's wording for a discreet copy, where the title would
      name monitoring, tracking or the other person (`discreet_wording()`).
    - `absolute_ok`: why a printed "cannot"/"never" is true here (the content lint flags
      such words otherwise).
    """

    model_config = STRICT_CONFIG
    id: ContentId
    title: ShortText
    detail: LongText = Field(min_length=1)
    risk_tags: list[RiskTag] = Field(default_factory=list)
    survivor_text: LongText = Field(min_length=1)
    discreet_text: LongText = ""
    leave_for_now: bool = False
    document_first: Literal["not-applicable"] | None = None
    document_first_reason: LongText = ""
    absolute_ok: LongText = ""

    @model_validator(mode="after")
    def _waiver_has_reason(self) -> Option:
        if self.document_first is not None and not self.document_first_reason.strip():
            raise ValueError('document_first = "not-applicable" needs a document_first_reason')
        return self

    def discreet_wording(self) -> str:
        """What a discreet copy prints for this option: `discreet_text`, else the title."""
        return self.discreet_text or self.title


class Item(BaseModel):
    """One check in a protocol."""

    model_config = STRICT_CONFIG
    id: ContentId
    title: ShortText
    why: LongText = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    concern: LongText = Field(min_length=1)
    risk_tags: list[RiskTag] = Field(default_factory=list)
    caution: LongText = ""
    options: list[Option] = Field(default_factory=list)
    survivor_text: LongText = Field(min_length=1)
    discreet_text: LongText = ""
    absolute_ok: LongText = ""

    def discreet_wording(self) -> str:
        """What a discreet copy prints for this check: `discreet_text`, else the title."""
        return self.discreet_text or self.title

    @model_validator(mode="after")
    def _noticeable_needs_caution(self) -> Item:
        risky = {RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS}
        if risky & set(self.risk_tags):
            if not self.caution.strip():
                raise ValueError("an item the other person could notice needs a caution")
            if not self.options:
                raise ValueError("an item the other person could notice needs at least one option")
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("option ids must be unique within an item")
        return self

    def steps_for(self, os_major: int | None, platform: Platform | None = None) -> list[Step]:
        """The steps for one OS version (and platform); all steps when none fits."""
        fitting = [s for s in self.steps if s.fits(os_major, platform)]
        return fitting or list(self.steps)


class Protocol(BaseModel):
    """One locale of one protocol."""

    model_config = STRICT_CONFIG
    id: ContentId
    version: int = Field(ge=1)
    review: Review = Field(default_factory=Review)
    applies_to: AppliesTo
    title: ShortText
    summary: LongText = Field(min_length=1)
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_item_ids(self) -> Protocol:
        ids = [i.id for i in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError("item ids must be unique within a protocol")
        return self


class GuideEntry(BaseModel):
    """One line of a session guide: a script line, a question, a checklist entry or a topic."""

    model_config = STRICT_CONFIG
    id: ContentId
    text: LongText = Field(min_length=1)
    hint: LongText = ""


class Guide(BaseModel):
    """A session guide (`protocols/guides/<id>/<locale>.toml`): not a protocol."""

    model_config = STRICT_CONFIG
    id: ContentId
    version: int = Field(ge=1)
    review: Review = Field(default_factory=Review)
    title: ShortText
    intro: LongText = ""
    entries: list[GuideEntry] = Field(min_length=1)


class PhoneFindings(BaseModel):
    """The built-in Advise options for phone-check findings (`protocols/phone-findings/`).

    One item per finding kind (its `id` is the kind, see `clinic.protocols.findings`), with
    the same fields and rules as a protocol item; not a checklist, never selected.
    """

    model_config = STRICT_CONFIG
    id: Literal["phone-findings"]
    version: int = Field(ge=1)
    review: Review = Field(default_factory=Review)
    title: ShortText
    summary: LongText = Field(min_length=1)
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_item_ids(self) -> PhoneFindings:
        ids = [i.id for i in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError("item ids must be unique")
        return self
