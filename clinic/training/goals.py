"""Judge a practice session against its scenario's goals, from the session record only.

The record is the practice case and, for goals about order, the practice vault's list of
saved edits (`CaseRepository.practice_events`): which edit came first. Each result says
met or missed, why the goal matters, and where in the session to look.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from clinic.i18n import N_
from clinic.model import Case
from clinic.model.vocab import Decision, ItemStatus, PersonRole, RiskTag
from clinic.safety_words import safety_claims_in
from clinic.training.scenario import Goal, GoalKind, Scenario

Event = tuple[int, str, str, str]
"""(seq, kind, entity id, doc) as kept by a practice vault."""

# Where in the session each kind of goal is met (stage > part, marked for translation).
WHERE: dict[GoalKind, str] = {
    "consent_first": N_("Before > Consent and Check-in"),
    "route_found": N_("Inventory > Technograph"),
    "checklist_item": N_("Investigate > Checklists"),
    "safety_questions": N_("Advise > The three questions"),
    "document_first": N_("Advise > Document first"),
    "referred_out": N_("Hand off > Note to the advocate, Referrals"),
    "phone_check_found": N_("Investigate > Phone check"),
    "no_safety_claims": N_("Advise, Hand off: notes the survivor reads"),
}
NOTICEABLE = {RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS}
REMOVES = {RiskTag.OTHER_PERSON_LOSES_ACCESS, RiskTag.DOCUMENT_FIRST}


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    met: bool
    where: str
    """English, marked with N_: show it with the gettext of the debrief's language."""


def judge(scenario: Scenario, case: Case, events: Sequence[Event] = ()) -> list[GoalResult]:
    """One result per goal, in the scenario's order."""
    return [
        GoalResult(goal, bool(_JUDGES[goal.kind](goal, case, events)), WHERE[goal.kind])
        for goal in scenario.goals
    ]


def _consent_recorded(doc: dict[str, object]) -> bool:
    consent = doc.get("consent")
    return isinstance(consent, dict) and consent.get("script_read") is True


def _check_in_recorded(doc: dict[str, object]) -> bool:
    check_in = doc.get("check_in")
    return isinstance(check_in, dict) and check_in.get("safe_to_talk") not in (None, "not_asked")


def _consent_first(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    """Consent and check-in recorded (on a visit) before the first option was decided."""
    visits_ok = any(
        _consent_recorded(json.loads(v.model_dump_json()))
        and _check_in_recorded(json.loads(v.model_dump_json()))
        for v in case.visits
    )
    if not visits_ok:
        return False
    first_decision = next(
        (
            seq
            for seq, kind, _id, doc in events
            if kind == "plan_items" and json.loads(doc).get("decision") != "undecided"
        ),
        None,
    )
    if first_decision is None:
        return True
    consent_at = check_in_at = None
    for seq, kind, _id, doc in events:
        if kind != "visits":
            continue
        data = json.loads(doc)
        if consent_at is None and _consent_recorded(data):
            consent_at = seq
        if check_in_at is None and _check_in_recorded(data):
            check_in_at = seq
    return (
        consent_at is not None
        and check_in_at is not None
        and max(consent_at, check_in_at) < first_decision
    )


def _route_found(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    from clinic.technograph.routes import find_routes

    pocs = {p.id for p in case.people_with_role(PersonRole.PERSON_OF_CONCERN)}
    accounts = {a.id: a for a in case.accounts}
    devices = {d.id: d for d in case.devices}
    for route in find_routes(case).routes:
        if route.person_id not in pocs:
            continue
        account, device = accounts.get(route.target_id), devices.get(route.target_id)
        if goal.service is not None and account is not None and account.service == goal.service:
            return True
        if goal.device_kind is not None and device is not None and device.kind == goal.device_kind:
            return True
    return False


def _checklist_item(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    wanted = str(goal.item)
    protocol_id, _, item_id = wanted.rpartition("/")
    for run in case.checklist_runs:
        if protocol_id and run.protocol_id != protocol_id:
            continue
        if any(r.item_id == item_id and r.status != ItemStatus.NOT_CHECKED for r in run.results):
            return True
    return False


def _safety_questions(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    """Each 'done together now' decision on a noticeable option answers the three questions."""
    chosen = [
        p
        for p in case.plan_items
        if p.decision == Decision.DONE_TOGETHER and NOTICEABLE & set(p.risk_tags)
    ]
    return all(
        p.would_notice.strip() and p.access_lost.strip() and p.reaction.strip() for p in chosen
    )


def _document_first(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    """Every removal done together now was documented first."""
    removals = [
        p
        for p in case.plan_items
        if p.decision == Decision.DONE_TOGETHER and REMOVES & set(p.risk_tags)
    ]
    return all(p.documented_first is True for p in removals)


def _referred_out(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    return bool(
        case.handoff_notes
        or case.referrals
        or any(p.decision == Decision.REFERRED for p in case.plan_items)
    )


def _phone_check_found(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    wanted = str(goal.package).lower()
    return any(
        hit.subject.lower() == wanted and hit.group in ("known_stalkerware", "monitoring_app")
        for check in case.phone_checks
        for hit in check.hits
    )


def _no_safety_claims(goal: Goal, case: Case, events: Sequence[Event]) -> bool:
    texts = [t for p in case.plan_items for t in (p.note, p.who_acts, p.title)]
    texts += [f.detail for f in case.findings if f.source == "manual"]
    texts += [t for f in case.findings if f.source == "manual" for t in [f.title or ""]]
    texts += [r.note for r in case.referrals]
    texts += [f.what for f in case.follow_ups]
    return not any(safety_claims_in(text) for text in texts if text)


_JUDGES: dict[GoalKind, Callable[[Goal, Case, Sequence[Event]], bool]] = {
    "consent_first": _consent_first,
    "route_found": _route_found,
    "checklist_item": _checklist_item,
    "safety_questions": _safety_questions,
    "document_first": _document_first,
    "referred_out": _referred_out,
    "phone_check_found": _phone_check_found,
    "no_safety_claims": _no_safety_claims,
}
