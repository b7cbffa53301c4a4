"""Done/left per workspace stage: a simple count computed from a case and its visit.

The stage ids are the workspace's navigation; each count is a heuristic, not a judgement.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinic.model import Case, Visit
from clinic.model.vocab import Decision, ItemStatus, TopicState

STAGE_IDS: tuple[str, ...] = (
    "before",
    "understand",
    "inventory",
    "investigate",
    "advise",
    "handoff",
    "print",
)


@dataclass(frozen=True)
class StageProgress:
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total


def _count(*flags: bool) -> StageProgress:
    return StageProgress(sum(flags), len(flags))


def stage_progress(case: Case, visit: Visit | None) -> dict[str, StageProgress]:
    """Done and total steps for every stage (total 0: nothing to count yet)."""
    results = [r for run in case.checklist_runs for r in run.results]
    decided = {p.finding_id for p in case.plan_items if p.decision != Decision.UNDECIDED}
    out = {
        "inventory": _count(bool(case.people), bool(case.devices), bool(case.accounts)),
        "investigate": StageProgress(
            sum(r.status != ItemStatus.NOT_CHECKED for r in results), len(results)
        ),
        "advise": StageProgress(sum(f.id in decided for f in case.findings), len(case.findings)),
        "print": StageProgress(0, 0),
    }
    if visit is None:
        out["before"] = out["understand"] = out["handoff"] = StageProgress(0, 0)
    else:
        out["before"] = _count(
            any(visit.pre_session.values()),
            visit.consent.script_read,
            visit.check_in.safe_to_talk != "not_asked",
        )
        out["understand"] = _count(
            bool(visit.concerns),
            case.situation.lives_with_poc != "unknown",
            any(state != TopicState.NOT_YET for state in visit.topics.values()),
        )
        out["handoff"] = _count(
            any(n.visit_id == visit.id for n in case.handoff_notes),
            bool(case.follow_ups),
            any(visit.end_session.values()),
        )
    return {stage: out[stage] for stage in STAGE_IDS}
