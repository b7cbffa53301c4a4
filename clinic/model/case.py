"""The Case: one survivor's record across visits. The one source of truth for its shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field, model_validator

from clinic.model.base import Entity, Id, Model
from clinic.model.inventory import Account, Device, Person
from clinic.model.limits import Items
from clinic.model.text import LongText, ShortText
from clinic.model.visit import Visit
from clinic.model.vocab import CaseStatus, Language, PersonRole
from clinic.model.work import (
    ChecklistRun,
    Finding,
    FollowUp,
    HandoffNote,
    PhoneCheck,
    PlanItem,
    Referral,
)

CASE_FORMAT: Literal[4] = 4
TriState = Literal["yes", "no", "unknown"]
YearMonth = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
"""A month as YYYY-MM."""


class SafeContact(Model):
    """How the clinic may reach the survivor. Re-confirm every visit."""

    method: LongText = ""
    times: LongText = ""
    voicemail_ok: TriState = "unknown"
    only_through_advocate: bool = False
    notes: LongText = ""


class SituationContext(Model):
    """Context that raises the caution level everywhere else."""

    lives_with_poc: TriState = "unknown"
    children: TriState = "unknown"
    children_visitation: TriState = "unknown"
    """Children have visits with the person of concern ("unknown": not asked)."""
    order_of_protection: TriState = "unknown"
    separated_month: YearMonth | None = None
    """The month of the separation ("2026-10"): what people remember, never a made-up day."""
    notes: LongText = ""

    @property
    def high_caution(self) -> bool:
        return self.lives_with_poc == "yes" or self.children_visitation == "yes"


class Case(Entity):
    """A case, identified by a pseudonym only."""

    format: Literal[4] = CASE_FORMAT
    pseudonym: ShortText
    language: Language = Language.EN
    status: CaseStatus = CaseStatus.OPEN
    opened: dt.date
    closed: dt.date | None = None
    fictional: bool = False
    """Made by `clinic demo`: a fictional example; statistics leave it out by default."""
    practice_scenario: ShortText | None = None
    """A practice case (a mock consultation): the id of its training scenario. Only a
    practice vault holds such cases, and a practice vault holds nothing else."""
    safe_contact: SafeContact = Field(default_factory=SafeContact)
    situation: SituationContext = Field(default_factory=SituationContext)
    people: Items[Person] = Field(default_factory=list)
    devices: Items[Device] = Field(default_factory=list)
    accounts: Items[Account] = Field(default_factory=list)
    visits: Items[Visit] = Field(default_factory=list)
    checklist_runs: Items[ChecklistRun] = Field(default_factory=list)
    findings: Items[Finding] = Field(default_factory=list)
    plan_items: Items[PlanItem] = Field(default_factory=list)
    referrals: Items[Referral] = Field(default_factory=list)
    handoff_notes: Items[HandoffNote] = Field(default_factory=list)
    follow_ups: Items[FollowUp] = Field(default_factory=list)
    phone_checks: Items[PhoneCheck] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        if self.status == CaseStatus.CLOSED and self.closed is None:
            raise ValueError("a closed case needs a closed date")
        if self.status == CaseStatus.OPEN and self.closed is not None:
            raise ValueError("an open case has no closed date")
        if self.closed is not None and self.closed < self.opened:
            raise ValueError("closed date is before the opened date")
        seen: set[str] = {self.id}
        for entity in _nested(self.entities()):
            if entity.id in seen:
                raise ValueError("every id in a case must be unique")
            seen.add(entity.id)
        return self

    def entities(self) -> list[Entity]:
        """Every stored child record, in a stable order."""
        out: list[Entity] = []
        for name in ENTITY_LISTS:
            out.extend(getattr(self, name))
        return out

    def people_with_role(self, role: PersonRole) -> list[Person]:
        return [p for p in self.people if p.role == role]

    def person(self, person_id: Id | None) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def latest_visit(self) -> Visit | None:
        return max(self.visits, key=lambda v: v.date, default=None)

    def open_follow_ups(self) -> list[FollowUp]:
        return [f for f in self.follow_ups if not f.done]


def _nested(entities: list[Entity]) -> Iterator[Entity]:
    """Each record and, depth first, the records inside it (concerns, results, hits...)."""
    for entity in entities:
        yield entity
        for name in type(entity).model_fields:
            value = getattr(entity, name)
            if isinstance(value, list) and value and isinstance(value[0], Entity):
                yield from _nested(value)


# The case's child lists, in storage order; each is one "kind" in the vault.
ENTITY_LISTS: tuple[str, ...] = (
    "people",
    "devices",
    "accounts",
    "visits",
    "checklist_runs",
    "findings",
    "plan_items",
    "referrals",
    "handoff_notes",
    "follow_ups",
    "phone_checks",
)

ENTITY_TYPES: dict[str, type[Entity]] = {
    "people": Person,
    "devices": Device,
    "accounts": Account,
    "visits": Visit,
    "checklist_runs": ChecklistRun,
    "findings": Finding,
    "plan_items": PlanItem,
    "referrals": Referral,
    "handoff_notes": HandoffNote,
    "follow_ups": FollowUp,
    "phone_checks": PhoneCheck,
}
