"""The printable practice debrief: each goal met or missed, why it matters, where to look.

Drawn by the same renderer as the reports, so every page carries the practice mark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from clinic.i18n import N_, translation
from clinic.report.export import practice_mark
from clinic.report.view import ReportView, Run, Section
from clinic.training.goals import GoalResult
from clinic.training.scenario import Scenario

TITLE = N_("Practice debrief: {title}")
SUMMARY = N_("{met} of {total} goals met. Fictional survivor: {pseudonym}.")
MET = N_("Met")
MISSED = N_("Missed")
WHY = N_("Why it matters: {why}")
WHERE = N_("Where to look: {where}")
FOR_TRAINER = N_(
    "For the trainee and the trainer. A missed goal is something to practise again, not a failure."
)


def debrief_view(scenario: Scenario, results: Sequence[GoalResult], lang: str) -> ReportView:
    say = translation(lang).gettext
    view = ReportView(
        kind="handoff",
        lang=lang,
        discreet=False,
        title=say(TITLE).format(title=scenario.title),
        file_stem="practice-debrief",
        footer=practice_mark(lang),
        practice_mark=practice_mark(lang),
    )
    intro = Section(
        say(SUMMARY).format(
            met=sum(r.met for r in results),
            total=len(results),
            pseudonym=scenario.survivor.pseudonym,
        )
    )
    intro.add(Run(say(FOR_TRAINER)), style="small")
    view.sections.append(intro)
    for result in results:
        section = Section(f"{say(MET) if result.met else say(MISSED)}: {result.goal.text}")
        section.add(Run(say(WHY).format(why=result.goal.why)))
        section.add(Run(say(WHERE).format(where=say(result.where))), style="small")
        view.sections.append(section)
    return view


def render_debrief(
    scenario: Scenario,
    results: Sequence[GoalResult],
    lang: str,
    created: dt.date | None = None,
) -> bytes:
    from clinic.report.render import render

    view = debrief_view(scenario, results, lang)
    data, _warnings = render(view, created or dt.date.today())
    return data
