"""Done/left per workspace stage: a simple count computed from a case and its visit.

What counts as done for each stage is in the stage table (clinic/stages.py); each count is
a heuristic, not a judgement.
"""

from __future__ import annotations

from clinic.model import Case, Visit
from clinic.stages import STAGES, Scope, StageProgress

__all__ = ["Scope", "StageProgress", "stage_progress"]


def stage_progress(
    case: Case, visit: Visit | None, scope: Scope | None = None
) -> dict[str, StageProgress]:
    """Done and total steps for every stage, in stage order (total 0: nothing to count yet).
    `scope` holds what the protocols in use expect (guide entries, selected checks)."""
    return {stage.id: stage.progress(case, visit, scope or Scope()) for stage in STAGES}
