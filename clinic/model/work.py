"""What a session produces: checklist results, findings, plan items, handoff and follow-ups."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from clinic.model.base import Entity, Id, Model
from clinic.model.limits import Items, Keyed
from clinic.model.text import LongText, ShortText
from clinic.model.vocab import Decision, ItemStatus, RiskTag

FindingSource = Literal["checklist", "phone_check", "manual"]
PhoneCheckGroup = Literal[
    "known_stalkerware", "monitoring_app", "review_together", "context", "possible_match"
]
PhoneCheckMethod = Literal["adb", "package_list", "app_names", "iphone", "androidqf"]


class Phrase(Model):
    """A sentence kept as a code and its parameters; the words are chosen when it is shown.

    The code names a message in clinic.vocabulary (for example "phone_check.title.known");
    the parameters fill its placeholders (names, package ids: never sentences). A stored
    phrase prints in the document's language, whatever language the interface had.
    """

    code: ShortText
    params: Keyed[ShortText, LongText] = Field(default_factory=dict)


# A line of evidence or a setting line: text as found or typed, or a coded phrase.
Line = Phrase | LongText


class ItemResult(Entity):
    """The result of one protocol item. "no_concern_found" means: not found by this check."""

    item_id: ShortText
    status: ItemStatus = ItemStatus.NOT_CHECKED
    note: LongText = ""


class ChecklistRun(Entity):
    """One protocol worked through for one device or account (or the whole case)."""

    visit_id: Id | None = None
    protocol_id: ShortText
    protocol_version: int = Field(default=1, ge=1)
    target_id: Id | None = None
    results: Items[ItemResult] = Field(default_factory=list)


class Finding(Entity):
    """Something found that the survivor may want to act on.

    A finding the app makes stores `code` and `params` (rendered at print time in the
    document's language); `title` and `detail` hold what a volunteer typed. A checklist
    finding prints its protocol item's title. Findings saved before codes existed keep
    their stored title and still read.
    """

    visit_id: Id | None = None
    source: FindingSource = "manual"
    code: ShortText | None = None
    params: Keyed[ShortText, LongText] = Field(default_factory=dict)
    title: ShortText | None = None
    detail: LongText = ""
    protocol_id: ShortText | None = None
    item_id: ShortText | None = None
    target_id: Id | None = None
    phone_check_id: Id | None = None
    phone_check_hit_id: Id | None = None
    evidence: Items[Line] = Field(default_factory=list)

    @model_validator(mode="after")
    def _named(self) -> Finding:
        if self.code is None and self.title is None:
            raise ValueError("a finding needs a code or a title")
        return self


class PlanItem(Entity):
    """An option offered for a finding, its risks, the three answers and the decision."""

    finding_id: Id | None = None
    option_id: ShortText | None = None
    title: ShortText
    risk_tags: Items[RiskTag] = Field(default_factory=list)
    would_notice: LongText = ""
    access_lost: LongText = ""
    reaction: LongText = ""
    documented_first: bool | None = None
    decision: Decision = Decision.UNDECIDED
    who_acts: LongText = ""
    note: LongText = ""


class Referral(Entity):
    """A resource offered to the survivor, copied from a referral directory entry."""

    entry_id: ShortText | None = None
    name: ShortText
    neutral_label: ShortText
    contact: LongText = ""
    note: LongText = ""


class HandoffNote(Entity):
    visit_id: Id | None = None
    written_on: dt.date
    text: LongText = Field(min_length=1)


class FollowUp(Entity):
    what: LongText = Field(min_length=1)
    who: LongText = ""
    due: dt.date | None = None
    done: bool = False


class PhoneCheckHit(Entity):
    """One matched app or setting, with the evidence lines behind it."""

    group: PhoneCheckGroup
    subject: ShortText
    family: ShortText | None = None
    code: ShortText | None = None
    evidence: Items[Line] = Field(default_factory=list)
    # Where the hit came from ("Echap ioc.yaml", "phone"...) and its stable finding kind
    # ("known-stalkerware", "monitoring-app"...); empty in checks stored before 0.2.
    sources: Items[ShortText] = Field(default_factory=list)
    kind: ShortText | None = None


def legacy_not_checked(method: str, indicators_version: str) -> dict[str, str]:
    """The groups a phone check stored before 0.2 (no `sources`) could not have run."""
    out: dict[str, str] = {}
    if method == "app_names":
        out["known_stalkerware"] = "names_only"
    elif not indicators_version:
        out["known_stalkerware"] = "no_stalkerware_data"
    out["monitoring_app"] = "legacy"
    if method in ("package_list", "app_names"):
        out["review_together"] = out["context"] = "list_only"
    return out


class PhoneCheck(Entity):
    """One run of the phone check. `packages` is kept only with the survivor's consent."""

    visit_id: Id | None = None
    device_id: Id | None = None
    method: PhoneCheckMethod
    ran_on: dt.date
    indicators_version: LongText = ""
    keep_app_list: bool = False
    packages: Items[ShortText] = Field(default_factory=list)
    settings_lines: Items[Line] = Field(default_factory=list)
    hits: Items[PhoneCheckHit] = Field(default_factory=list)
    # Groups that did not run, each with a reason code (clinic.phonecheck.texts.NOT_CHECKED);
    # a group here reads "not checked", never "nothing was found".
    not_checked: dict[PhoneCheckGroup, ShortText] = Field(default_factory=dict)
    group_notes: dict[PhoneCheckGroup, ShortText] = Field(default_factory=dict)
    # Model, OS, security patch, iPhone name (never a serial number or UDID).
    device: Keyed[ShortText, ShortText] = Field(default_factory=dict)
    # Every data source the check used, one line each (indicator files, the dual-use list).
    sources: Items[LongText] = Field(default_factory=list)
