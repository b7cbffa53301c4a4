"""The discreet copy: safe if the other person reads it.

It says what was looked at in device-care words (a phone, "an online account"), the steps
the survivor chose in each option's discreet wording, the follow-ups and the support lines
by their neutral labels. It never holds a finding, a result, an app or account name, or a
word about monitoring, tracking, spying, hiding, danger or another person, so what was
found can never stop it: only text a volunteer typed can (refused with its place named).

An option prints its protocol `discreet_text`; without one, its title (or the volunteer's
own option) when that passes the discreet rule, else a neutral generic line. A discreet
handoff is this same copy (the advocate's full report is not discreet).
"""

from __future__ import annotations

from clinic import vocabulary
from clinic.i18n import N_
from clinic.model import PlanItem
from clinic.model.vocab import Decision
from clinic.report.discreet import DiscreetRefused, check_text
from clinic.report.survivor import help_section, next_steps
from clinic.report.view import Block, Context, ReportView, Run, Section

GENERIC_OPTION = N_("A step for your devices that we talked about.")
GENERIC_FOR = N_("{target}: a step we talked about.")
LOOKED_DEVICE = N_("We went through its settings together.")
LOOKED_ACCOUNT = N_("We went through its settings and sign-ins together.")
LOOKED_CASE = N_("We went through some settings together.")
LOOKED_APPS = N_("We looked at the list of apps together.")
HELP_NOW = N_("If you need help right now, call 911.")


def build(ctx: Context, clinic_name: str | None = None) -> ReportView:
    """The discreet view (clinic_name is never printed)."""
    from clinic.report.survivor import GLOSSARY

    _ = ctx._
    view = ReportView(
        kind="survivor",
        lang=ctx.lang,
        discreet=True,
        title=_("Device notes"),
        file_stem=_("Device notes"),
        footer=_("Device notes"),
    )
    visit = ctx.case.latest_visit()
    when = ctx.date(visit.date if visit else ctx.today)
    view.banners.append(Block((Run(_("Written on {date}.").format(date=when)),), "small"))
    view.banners.append(
        Block(
            (
                Run(_("These notes are for you. They say what we looked at and what you decided.")),
                Run(" " + _("You choose what to do next. You can change your mind at any time.")),
            )
        )
    )
    view.sections = [
        _looked_at(ctx),
        _plans(
            ctx,
            N_("What we did together"),
            (Decision.DONE_TOGETHER,),
            N_("Nothing was changed today."),
        ),
        _plans(
            ctx,
            N_("Options you may consider next"),
            (Decision.UNDECIDED, Decision.REFERRED),
            N_("There are no open options from today."),
        ),
        _plans(
            ctx,
            N_("What you chose to leave for now"),
            (Decision.LATER, Decision.DECLINED),
            N_("Nothing was left for later."),
        ),
        next_steps(ctx),
        help_section(ctx, view, HELP_NOW),
        _glossary(ctx, GLOSSARY),
    ]
    return view


def _looked_at(ctx: Context) -> Section:
    section = Section(ctx._("What we looked at"))
    lines: dict[tuple[str, str], None] = {}
    for run in ctx.case.checklist_runs:
        lines[_target_line(ctx, run.target_id)] = None
    for check in ctx.case.phone_checks:
        device = ctx.target_name(check.device_id) or ctx._("A phone")
        lines[(device, ctx._(LOOKED_APPS))] = None
    for target, words in lines:
        section.add(Run(target + ": ", bold=True), Run(words), style="bullet")
    if not section.blocks:
        section.add(Run(ctx._("We talked about your devices and accounts.")))
    return section


def _target_line(ctx: Context, target_id: str | None) -> tuple[str, str]:
    if any(d.id == target_id for d in ctx.case.devices):
        return (ctx.target_name(target_id) or "", ctx._(LOOKED_DEVICE))
    if any(a.id == target_id for a in ctx.case.accounts):
        return (ctx._(vocabulary.ACCOUNT_DISCREET), ctx._(LOOKED_ACCOUNT))
    return (ctx._("Your devices and accounts"), ctx._(LOOKED_CASE))


def option_wording(ctx: Context, plan: PlanItem) -> str:
    """The discreet words for a chosen option: its discreet_text, a title that passes, or
    the generic line. Never the normal text when that would break the rule."""
    option = ctx.option(plan)
    # A volunteer's own option is typed in the case's language: printed only in that language.
    own = (plan.title,) if ctx.lang == ctx.case.language.value else ()
    candidates = (getattr(option, "discreet_text", ""), option.title) if option else own
    for text in candidates:
        if text and _passes(ctx, text):
            return text
    finding = next((f for f in ctx.case.findings if f.id == plan.finding_id), None)
    target = ctx.target_name(finding.target_id) if finding else None
    return ctx._(GENERIC_FOR).format(target=target) if target else ctx._(GENERIC_OPTION)


def _passes(ctx: Context, text: str) -> bool:
    try:
        check_text(text, "protocol", names=ctx.case_names())
    except DiscreetRefused:
        return False
    return True


def _plans(ctx: Context, heading: str, decisions: tuple[Decision, ...], empty: str) -> Section:
    section = Section(ctx._(heading))
    seen: set[str] = set()
    for n, plan in enumerate(ctx.case.plan_items):
        if plan.decision not in decisions:
            continue
        words = option_wording(ctx, plan)
        if words not in seen or plan.note:
            section.add(Run(words), style="bullet")
        seen.add(words)
        if plan.decision == Decision.REFERRED:
            section.add(Run(ctx._("An advocate will help you with this.")), style="more")
        section.add(Run(plan.note, f"plan_items[{n}].note", plan.id), style="more")
    if not section.blocks:
        section.add(Run(ctx._(empty)))
    return section


def _glossary(ctx: Context, glossary: tuple[tuple[str, str], ...]) -> Section:
    section = Section(ctx._("A few words we used"))
    for term, meaning in glossary:
        if not _passes(ctx, ctx._(term) + " " + ctx._(meaning)):
            continue  # a word such as "secret" would give the copy away
        section.add(Run(ctx._(term) + ": ", bold=True), Run(ctx._(meaning)), style="bullet")
    return section
