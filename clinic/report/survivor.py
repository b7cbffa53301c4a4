"""The survivor's summary as a view: plain words, short sentences, the limits of every check.

Protocol texts come from the protocol files in the case's language; an item or option the
loaded protocols do not have is skipped quietly (content is still being written).
"""

from __future__ import annotations

from clinic import vocabulary as labels
from clinic.i18n import N_
from clinic.model import PlanItem
from clinic.model.vocab import Decision, ItemStatus, RiskTag
from clinic.report.view import Block, Context, ReportView, Run, Section

GLOSSARY: tuple[tuple[str, str], ...] = (
    (N_("Passcode"), N_("The code, pattern or fingerprint that opens a phone or tablet.")),
    (N_("Password"), N_("The secret word you use to sign in to an account.")),
    (
        N_("Two-step sign-in"),
        N_("A second check, like a code sent to your phone, when someone signs in."),
    ),
    (
        N_("Recovery email or phone"),
        N_("Where an account sends a code if the password is lost. Whoever has it can get in."),
    ),
    (N_("Signed in"), N_("A phone or computer that can open an account without a new password.")),
    (N_("Location sharing"), N_("A setting that shows where a phone is to other people.")),
    (N_("Family plan"), N_("One phone bill for several lines. The holder can see a lot.")),
)


def build(ctx: Context, clinic_name: str | None = None) -> ReportView:
    _ = ctx._
    title = _("Device notes") if ctx.discreet else _("Your technology safety notes")
    view = ReportView(
        kind="survivor",
        lang=ctx.lang,
        discreet=ctx.discreet,
        title=title,
        file_stem=_("Device notes") if ctx.discreet else _("Technology safety notes"),
        footer=_("Device notes") if ctx.discreet else _("Keep these notes where you choose."),
    )
    visit = ctx.case.latest_visit()
    when = ctx.date(visit.date if visit else ctx.today)
    if clinic_name and not ctx.discreet:
        view.banners.append(Block((Run(clinic_name, "clinic name"),), "small"))
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
        _found(ctx),
        _done_together(ctx),
        _options(ctx),
        _left_for_now(ctx),
        next_steps(ctx),
        help_section(ctx, view, HELP_NOW),
        _glossary(ctx),
    ]
    return view


def _protocol_title(ctx: Context, protocol_id: str) -> Run:
    protocol = ctx.protocols.get(protocol_id, ctx.lang)
    if protocol is None:
        return Run(ctx._("a list of checks"))
    return Run(protocol.title, f"protocols/{protocol_id}/{ctx.lang}.title")


def _prefix(target: str, title: str) -> str:
    """ "iPhone: " before a title, unless the title already names it ("iPhone and iPad")."""
    if not target or target.casefold() in title.casefold():
        return ""
    return target + ": "


def _looked_at(ctx: Context) -> Section:
    section = Section(ctx._("What we looked at"))
    for n, run in enumerate(ctx.case.checklist_runs):
        target = ctx.target_name(run.target_id) or ctx._("Your devices and accounts")
        title = _protocol_title(ctx, run.protocol_id)
        src = f"checklist_runs[{n}] (device or account name)"
        section.add(
            Run(_prefix(target, title.text), src, run.id, bold=True),
            title,
            style="bullet",
        )
    for n, check in enumerate(ctx.case.phone_checks):
        device = ctx.target_name(check.device_id) or ctx._("a phone")
        section.add(
            Run(ctx._("The list of apps on: "), bold=True),
            Run(device, f"phone_checks[{n}] (device name)", check.id),
            style="bullet",
        )
    if not section.blocks:
        section.add(Run(ctx._("We talked about your devices and accounts.")))
    return section


def _found(ctx: Context) -> Section:
    _ = ctx._
    section = Section(_("What we found"))
    section.add(
        Run(_("Each check looks at one thing.")),
        Run(" " + _("When a check finds nothing, it means nothing was found by that check.")),
        Run(" " + _("No check can find everything.")),
        Run(" " + _("If something still feels wrong, trust that feeling. You can come back.")),
    )
    for n, finding in enumerate(ctx.case.findings):
        words = ctx.finding_title(finding)
        section.add(Run(words, f"findings[{n}].title", finding.id, bold=True), style="sub")
        section.add(Run(ctx.finding_detail(finding), f"findings[{n}].detail", finding.id))
    for n, run in enumerate(ctx.case.checklist_runs):
        if not run.results:
            continue
        target = ctx.target_name(run.target_id)
        heading = [_protocol_title(ctx, run.protocol_id)]
        if target and _prefix(target, heading[0].text):
            src = f"checklist_runs[{n}] (device or account name)"
            heading.insert(0, Run(_prefix(target, heading[0].text), src, run.id))
        section.add(*(Run(r.text, r.source, r.entity_id, bold=True) for r in heading), style="sub")
        for result in run.results:
            item = ctx.protocols.item(run.protocol_id, result.item_id, ctx.lang)
            src = f"protocols/{run.protocol_id}/{ctx.lang}:{result.item_id}"
            title = Run(item.title + "\n", src + ".title", bold=True) if item else Run("")
            explain = Run("")
            if item and result.status in (ItemStatus.CONCERN, ItemStatus.NO_CONCERN_FOUND):
                explain = Run(item.survivor_text + " ", src + ".survivor_text")
            status = Run(_(labels.STATUS_SURVIVOR[result.status]), bold=True)
            section.add(title, explain, status, style="bullet")
    return section


def _plan_block(ctx: Context, section: Section, n: int, plan: PlanItem) -> None:
    plan_title = ctx.plan_title(plan)
    section.add(
        Run(plan_title.text, plan_title.source, plan_title.entity_id, bold=True), style="sub"
    )
    option = ctx.option(plan)
    if option is not None:
        section.add(Run(option.survivor_text, f"option {option.id}.survivor_text"))
    section.add(Run(plan.note, f"plan_items[{n}].note", plan.id))


def _done_together(ctx: Context) -> Section:
    section = Section(ctx._("What we did together"))
    for n, plan in enumerate(ctx.case.plan_items):
        if plan.decision == Decision.DONE_TOGETHER:
            _plan_block(ctx, section, n, plan)
    if not section.blocks:
        section.add(Run(ctx._("Nothing was changed today.")))
    return section


def _options(ctx: Context) -> Section:
    _ = ctx._
    section = Section(_("Options you may consider next"))
    pending = (Decision.UNDECIDED, Decision.REFERRED)
    for n, plan in enumerate(ctx.case.plan_items):
        if plan.decision not in pending:
            continue
        _plan_block(ctx, section, n, plan)
        if plan.decision == Decision.REFERRED:
            section.add(Run(_("An advocate will help you with this.")))
        tags = [
            t
            for t in plan.risk_tags
            if not (t == RiskTag.NEEDS_ADVOCATE and plan.decision == Decision.REFERRED)
        ]
        if tags:
            section.add(Run(_("What to think about first:"), bold=True))
            for tag in tags:
                section.add(Run(_(labels.RISK_SURVIVOR[tag])), style="bullet")
        answers = (
            (N_("Would the other person notice?"), plan.would_notice, "would_notice"),
            (N_("What would they lose access to?"), plan.access_lost, "access_lost"),
            (N_("How might they react?"), plan.reaction, "reaction"),
        )
        for question, answer, attr in answers:
            if answer:
                section.add(
                    Run(_(question) + " ", bold=True),
                    Run(answer, f"plan_items[{n}].{attr}", plan.id),
                    style="bullet",
                )
    if not section.blocks:
        section.add(Run(_("There are no open options from today.")))
    return section


def _left_for_now(ctx: Context) -> Section:
    section = Section(ctx._("What you chose to leave for now"))
    for n, plan in enumerate(ctx.case.plan_items):
        if plan.decision in (Decision.LATER, Decision.DECLINED):
            _plan_block(ctx, section, n, plan)
    if section.blocks:
        section.add(Run(ctx._("That is your choice. You can come back to it at any time.")))
    else:
        section.add(Run(ctx._("Nothing was left for later.")))
    return section


def next_steps(ctx: Context) -> Section:
    """The open follow-ups with their dates (also the discreet copy's)."""
    section = Section(ctx._("Next steps"))
    for n, follow in enumerate(ctx.case.follow_ups):
        if follow.done:
            continue
        when = ctx.date(follow.due) + ": " if follow.due else ""
        section.add(
            Run(when, bold=True),
            Run(follow.what, f"follow_ups[{n}].what", follow.id),
            style="bullet",
        )
    if not section.blocks:
        section.add(Run(ctx._("No follow-up date was set.")))
    return section


HELP_NOW = N_("If you are in danger right now, call 911.")


def help_section(ctx: Context, view: ReportView, help_now: str) -> Section:
    """Support lines, then `help_now` (an N_ message; the discreet copy has its own)."""
    from clinic.report.help import referral_blocks

    section = Section(ctx._("Help and resources"))
    section.blocks.extend(referral_blocks(ctx, view.warnings, survivor=True))
    section.add(Run(ctx._(help_now)))
    return section


def _glossary(ctx: Context) -> Section:
    section = Section(ctx._("A few words we used"))
    for term, meaning in GLOSSARY:
        section.add(Run(ctx._(term) + ": ", bold=True), Run(ctx._(meaning)), style="bullet")
    return section
