"""One clinic visit: team, consent, safety check-in, concerns and session checklists."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from clinic.model.base import Entity, Model
from clinic.model.limits import Items, Keyed
from clinic.model.text import LongText, ShortText
from clinic.model.vocab import ConcernCategory, TopicState, VisitMode

YesNoUnsure = Literal["yes", "no", "unsure", "not_asked"]
TeamRole = Literal["technologist", "advocate", "note_taker", "other"]


class TeamMember(Model):
    role: TeamRole
    initials: ShortText


class ConsentRecord(Model):
    """What the survivor agreed to, after the consent and transparency script."""

    script_read: bool = False
    may_check_devices: bool = False
    may_check_accounts: bool = False
    may_keep_notes: bool = False
    may_share_with_advocate: bool = False
    may_keep_app_list: bool = False
    notes: LongText = ""


class SafetyCheckIn(Model):
    safe_to_talk: YesNoUnsure = "not_asked"
    others_have_access: YesNoUnsure = "not_asked"
    if_interrupted: LongText = ""
    code_word: LongText = ""
    summary_safe_to_take_home: YesNoUnsure = "not_asked"


class Concern(Entity):
    """A chief concern in the survivor's own words, plus coded categories."""

    text: LongText = Field(min_length=1)
    categories: Items[ConcernCategory] = Field(default_factory=list)


class Visit(Entity):
    date: dt.date
    mode: VisitMode = VisitMode.IN_PERSON
    team: Items[TeamMember] = Field(default_factory=list)
    consent: ConsentRecord = Field(default_factory=ConsentRecord)
    check_in: SafetyCheckIn = Field(default_factory=SafetyCheckIn)
    concerns: Items[Concern] = Field(default_factory=list)
    # Keys are protocol ids: short text (one line, no control characters), MAX_ITEMS at most.
    topics: Keyed[ShortText, TopicState] = Field(default_factory=dict)
    pre_session: Keyed[ShortText, bool] = Field(default_factory=dict)
    end_session: Keyed[ShortText, bool] = Field(default_factory=dict)
    notes: LongText = ""


def team_initials(visit: Visit) -> str:
    return ", ".join(f"{m.initials} ({m.role})" for m in visit.team)


__all__ = [
    "ConsentRecord",
    "Concern",
    "SafetyCheckIn",
    "ShortText",
    "TeamMember",
    "Visit",
    "team_initials",
]
