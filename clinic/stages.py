"""The one table of consultation stages: id, order, title, guides, what counts as done,
which records each stage edits and which printed document reads them.

The GUI's stage list (ui/stages/base.STAGES), the progress counts
(clinic/services/progress.stage_progress) and the Print stage's "edit this in <stage>" hint
all read this table; nothing else lists the stages. Titles and units are marked with N_ and
translated where they are shown. Order is the position in STAGES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clinic.i18n import N_
from clinic.model import Case, Visit
from clinic.model.vocab import Decision, ItemStatus, TopicState

SURVIVOR = "survivor"
HANDOFF = "handoff"


@dataclass(frozen=True)
class StageProgress:
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


@dataclass(frozen=True)
class Scope:
    """What the protocols in use expect, which the case alone does not say: the entries of
    the pre-session and end-of-session guides and the checklist items selected for this
    inventory (with how many have a result). Empty: count only what the case holds."""

    pre_session: tuple[str, ...] = ()
    end_session: tuple[str, ...] = ()
    checks: StageProgress | None = None


Progress = Callable[[Case, Visit | None, Scope], StageProgress]


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    """English title, marked for extraction; show it with _(title)."""
    unit: str
    """What `progress` counts, a plural noun marked N_ ("N of M <unit>")."""
    guides: tuple[str, ...]
    """Guide ids (protocols/guides/) shown beside the stage, before the principles."""
    edits: tuple[str, ...]
    """Where its records live in a case: a list name ("findings") or a visit part
    ("visits.concerns"), as in a report's field path "visits[0].concerns[1].text"."""
    reports: tuple[str, ...]
    """The printed documents (report kinds) that read what this stage records."""
    progress: Progress
    """What counts as done: done and total steps (total 0: nothing to count yet)."""


def _count(*flags: bool) -> StageProgress:
    return StageProgress(sum(flags), len(flags))


NOTHING = StageProgress(0, 0)


CHECK_IN_QUESTIONS = ("safe_to_talk", "others_have_access", "summary_safe_to_take_home")


def _ticked(entries: tuple[str, ...], ticks: dict[str, bool]) -> StageProgress:
    """Guide entries ticked, of all the guide's entries (of those touched without a guide)."""
    ids = entries or tuple(ticks)
    return StageProgress(sum(bool(ticks.get(e)) for e in ids), len(ids))


def _before(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    """Every pre-session entry ticked, the consent script read, each check-in question
    answered."""
    if visit is None:
        return NOTHING
    ticks = _ticked(scope.pre_session, visit.pre_session)
    answered = [getattr(visit.check_in, q) != "not_asked" for q in CHECK_IN_QUESTIONS]
    rest = _count(visit.consent.script_read, *answered)
    return StageProgress(ticks.done + rest.done, ticks.total + rest.total)


def _understand(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    if visit is None:
        return NOTHING
    return _count(
        bool(visit.concerns),
        case.situation.lives_with_poc != "unknown",
        any(state != TopicState.NOT_YET for state in visit.topics.values()),
    )


def _inventory(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    return _count(bool(case.people), bool(case.devices), bool(case.accounts))


def _investigate(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    """Checklist items with a result, of every item selected for this inventory."""
    if scope.checks is not None:
        return scope.checks
    results = [r for run in case.checklist_runs for r in run.results]
    return StageProgress(sum(r.status != ItemStatus.NOT_CHECKED for r in results), len(results))


def _advise(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    decided = {p.finding_id for p in case.plan_items if p.decision != Decision.UNDECIDED}
    return StageProgress(sum(f.id in decided for f in case.findings), len(case.findings))


def _handoff(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    """This visit's note written, a follow-up planned, every end-of-session entry ticked."""
    if visit is None:
        return NOTHING
    ticks = _ticked(scope.end_session, visit.end_session)
    rest = _count(any(n.visit_id == visit.id for n in case.handoff_notes), bool(case.follow_ups))
    return StageProgress(ticks.done + rest.done, ticks.total + rest.total)


def _print(case: Case, visit: Visit | None, scope: Scope) -> StageProgress:
    return NOTHING


STAGES: tuple[Stage, ...] = (
    Stage(
        "before",
        N_("Before"),
        N_("steps"),
        ("pre-session", "consent", "safety-check-in"),
        ("visits.pre_session", "visits.consent", "visits.check_in", "visits.team", "visits"),
        (HANDOFF,),
        _before,
    ),
    Stage(
        "understand",
        N_("Understand"),
        N_("steps"),
        ("questionnaire",),
        ("visits.concerns", "visits.topics", "situation", "safe_contact"),
        (HANDOFF,),
        _understand,
    ),
    Stage(
        "inventory",
        N_("Inventory"),
        N_("kinds of entry"),
        (),
        ("people", "devices", "accounts"),
        (SURVIVOR, HANDOFF),
        _inventory,
    ),
    Stage(
        "investigate",
        N_("Investigate"),
        N_("checks"),
        (),
        ("checklist_runs", "findings", "phone_checks"),
        (SURVIVOR, HANDOFF),
        _investigate,
    ),
    Stage(
        "advise",
        N_("Advise"),
        N_("findings"),
        ("safety-planning",),
        ("plan_items",),
        (SURVIVOR, HANDOFF),
        _advise,
    ),
    Stage(
        "handoff",
        N_("Hand off"),
        N_("steps"),
        ("end-of-session",),
        ("referrals", "handoff_notes", "follow_ups", "visits.end_session"),
        (SURVIVOR, HANDOFF),
        _handoff,
    ),
    Stage("print", N_("Print"), N_("documents"), (), (), (), _print),
)
STAGE_IDS: tuple[str, ...] = tuple(s.id for s in STAGES)
PRINCIPLES_GUIDE = "principles"


def stage(stage_id: str) -> Stage:
    """The stage with this id (KeyError for an unknown one)."""
    for entry in STAGES:
        if entry.id == stage_id:
            return entry
    raise KeyError(stage_id)


def stage_of_field(field: str) -> Stage | None:
    """The stage where a report's field is edited: "findings[2].notes" -> Investigate,
    "visits[0].concerns[1].text" -> Understand. None when no stage edits it."""
    parts = [p.split("[", 1)[0].strip() for p in field.split(".")]
    candidates = [".".join(parts[:2]), parts[0]] if len(parts) > 1 else [parts[0]]
    for key in candidates:
        for entry in STAGES:
            if key in entry.edits:
                return entry
    return None
