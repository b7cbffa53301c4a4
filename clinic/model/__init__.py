"""Pydantic models of a clinic case (the one source of truth for shapes)."""

from clinic.model.base import Entity, Id, Model, new_id
from clinic.model.case import (
    CASE_FORMAT,
    ENTITY_LISTS,
    ENTITY_TYPES,
    Case,
    SafeContact,
    SituationContext,
)
from clinic.model.inventory import Account, Device, Person
from clinic.model.visit import Concern, ConsentRecord, SafetyCheckIn, TeamMember, Visit
from clinic.model.work import (
    ChecklistRun,
    Finding,
    FollowUp,
    HandoffNote,
    ItemResult,
    PhoneCheck,
    PhoneCheckHit,
    PlanItem,
    Referral,
)

__all__ = [
    "CASE_FORMAT",
    "ENTITY_LISTS",
    "ENTITY_TYPES",
    "Account",
    "Case",
    "ChecklistRun",
    "Concern",
    "ConsentRecord",
    "Device",
    "Entity",
    "Finding",
    "FollowUp",
    "HandoffNote",
    "Id",
    "ItemResult",
    "Model",
    "Person",
    "PhoneCheck",
    "PhoneCheckHit",
    "PlanItem",
    "Referral",
    "SafeContact",
    "SafetyCheckIn",
    "SituationContext",
    "TeamMember",
    "Visit",
    "new_id",
]
