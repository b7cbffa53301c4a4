"""The advocate's handoff report as a view: everything the next person needs, marked confidential.

Concerns are quoted verbatim. In discreet mode the same word rule applies, the person of
concern is "another person", accounts are named by service only and the code word is left out.
"""

from __future__ import annotations

from clinic import vocabulary as labels
from clinic.i18n import N_
from clinic.model import Account, Device
from clinic.model.vocab import Decision
from clinic.report.view import Block, Context, ReportView, Run, Section


def build(ctx: Context, clinic_name: str | None = None) -> ReportView:
    _ = ctx._
    view = ReportView(
        kind="handoff",
        lang=ctx.lang,
        discreet=ctx.discreet,
        title=_("Device notes") if ctx.discreet else _("Handoff report"),
        file_stem=_("Device notes") if ctx.discreet else _("Handoff report"),
        footer=_("CONFIDENTIAL"),
    )
    view.banners.append(
        Block((Run(_("CONFIDENTIAL: for the advocate and the clinic team only."), bold=True),))
    )
    case = ctx.case
    if clinic_name and not ctx.discreet:
        view.banners.append(Block((Run(clinic_name, "clinic name"),), "small"))
    if not ctx.discreet:
        view.banners.append(
            Block((Run(_("Case: ")), Run(case.pseudonym, "pseudonym", case.id)), "small")
        )
    view.banners.append(
        Block((Run(_("Opened on {date}.").format(date=ctx.date(case.opened))),), "small")
    )
    view.sections = [
        _concerns(ctx),
        _situation(ctx),
        _inventory(ctx),
        _results(ctx),
        _findings(ctx),
        _open_risks(ctx),
        _follow_ups(ctx),
        _referrals(ctx, view),
        _notes_and_team(ctx),
    ]
    return view


def _fact(
    section: Section, label: str, value: str, src: str | None = None, eid: str | None = None
) -> None:
    if value:
        section.add(Run(label + ": ", bold=True), Run(value, src, eid), style="bullet")


def _concerns(ctx: Context) -> Section:
    section = Section(ctx._("Chief concerns, in the client's words"))
    for v, visit in enumerate(ctx.case.visits):
        for n, concern in enumerate(visit.concerns):
            src = f"visits[{v}].concerns[{n}].text"
            section.add(Run(concern.text, src, concern.id), style="quote")
            cats = ", ".join(ctx._(labels.CONCERN_CATEGORY[c]) for c in concern.categories)
            if cats:
                section.add(Run(ctx._("Topics: ") + cats), style="small")
    if not section.blocks:
        section.add(Run(ctx._("No concerns were recorded.")))
    return section


def _situation(ctx: Context) -> Section:
    _ = ctx._
    s, case = Section(_("Situation")), ctx.case
    sit, contact = case.situation, case.safe_contact
    tri = labels.TRI_STATE
    _fact(s, _("Lives with the other person"), _(tri[sit.lives_with_poc]))
    _fact(s, _("Children"), _(tri[sit.children]))
    visits = "not_asked" if sit.children_visitation == "unknown" else sit.children_visitation
    _fact(s, _("Children's visits with the other person"), _(tri[visits]))
    _fact(s, _("Order of protection"), _(tri[sit.order_of_protection]))
    if sit.separated_month:
        _fact(s, _("Separated since"), ctx.month(sit.separated_month))
    _fact(s, _("Notes"), sit.notes, "situation.notes", case.id)
    _fact(s, _("Safe way to reach the client"), contact.method, "safe_contact.method", case.id)
    _fact(s, _("Good times"), contact.times, "safe_contact.times", case.id)
    _fact(s, _("Voicemail is OK"), _(tri[contact.voicemail_ok]))
    if contact.only_through_advocate:
        _fact(s, _("Contact"), _("only through the advocate"))
    _fact(s, _("Contact notes"), contact.notes, "safe_contact.notes", case.id)
    visit = case.latest_visit()
    if visit is not None:
        v = case.visits.index(visit)
        check = visit.check_in
        _fact(s, _("Safe to talk at the visit"), _(tri[check.safe_to_talk]))
        _fact(s, _("Others have access to devices"), _(tri[check.others_have_access]))
        _fact(
            s,
            _("If interrupted"),
            check.if_interrupted,
            f"visits[{v}].check_in.if_interrupted",
            visit.id,
        )
        if not ctx.discreet:
            _fact(s, _("Code word"), check.code_word, f"visits[{v}].check_in.code_word", visit.id)
        _fact(s, _("Safe to take a summary home"), _(tri[check.summary_safe_to_take_home]))
    return s


def _facts(s: Section, pairs: list[tuple[str, str]], src: str, eid: str) -> None:
    """Several short facts on one line (only those recorded)."""
    runs: list[Run] = []
    for label, value in pairs:
        if value:
            runs += [Run(label + ": ", bold=True), Run(value + ".   ", src, eid)]
    s.add(*runs, style="more")


def _device_facts(ctx: Context, s: Section, n: int, d: Device) -> None:
    _, src = ctx._, f"devices[{n}] (people's names)"
    s.add(Run(ctx.device_name(d), f"devices[{n}].label", d.id, bold=True), style="sub")
    who = (
        ctx.person(d.owner_id) if d.owner_id else "",
        ctx.person(d.main_user_id) if d.main_user_id else "",
    )
    _facts(
        s,
        [
            (_("Owner"), who[0]),
            (_("Main user"), who[1]),
            (_("Paid by"), ctx.person(d.paid_by_id) if d.paid_by_id else ""),
            (_("Set up by"), ctx.person(d.set_up_by_id) if d.set_up_by_id else ""),
        ],
        src,
        d.id,
    )
    _facts(
        s,
        [
            (
                _("Passcode known by"),
                ctx.people(d.passcode_known_by) if d.passcode_known_by else "",
            ),
            (_("Physical access"), ctx.people(d.physical_access) if d.physical_access else ""),
            (_("Goes to visits"), _("yes") if d.goes_to_visitation else ""),
        ],
        src,
        d.id,
    )
    s.add(Run(d.notes, f"devices[{n}].notes", d.id), style="more")


def _account_facts(ctx: Context, s: Section, n: int, a: Account) -> None:
    _, src = ctx._, f"accounts[{n}] (people's and devices' names)"

    def who(pid: str | None) -> str:
        return ctx.person(pid) if pid else ""

    s.add(Run(ctx.account_name(a), f"accounts[{n}].label", a.id, bold=True), style="sub")
    signed_in = ", ".join(ctx.target_name(i) or _("not recorded") for i in a.signed_in_on)
    _facts(
        s,
        [
            (_("Owner"), who(a.owner_id)),
            (
                _("Password known by"),
                ctx.people(a.password_known_by) if a.password_known_by else "",
            ),
            (_("Recovery email controlled by"), who(a.recovery_email_controlled_by)),
            (_("Recovery phone controlled by"), who(a.recovery_phone_controlled_by)),
            (_("Two-step sign-in"), _(labels.TRI_STATE[a.two_factor])),
        ],
        src,
        a.id,
    )
    _facts(
        s,
        [
            (_("Signed in on"), signed_in),
            (_("Family plan organised by"), who(a.plan_organizer_id) if a.family_plan else ""),
            (_("Paid by"), who(a.paid_by_id)),
            (_("Shared with"), ctx.people(a.shared_with) if a.shared_with else ""),
        ],
        src,
        a.id,
    )
    s.add(Run(a.notes, f"accounts[{n}].notes", a.id), style="more")


def _inventory(ctx: Context) -> Section:
    s = Section(ctx._("Devices, accounts and who can reach them"))
    names = ", ".join(ctx.person(p.id) for p in ctx.case.people)
    _fact(s, ctx._("People"), names, "people (labels)", ctx.case.id)
    for n, device in enumerate(ctx.case.devices):
        _device_facts(ctx, s, n, device)
    for n, account in enumerate(ctx.case.accounts):
        _account_facts(ctx, s, n, account)
    return s


def _results(ctx: Context) -> Section:
    _ = ctx._
    s = Section(_("Checklist results"))
    for n, run in enumerate(ctx.case.checklist_runs):
        protocol = ctx.protocols.get(run.protocol_id, ctx.lang)
        title = protocol.title if protocol else run.protocol_id
        target = ctx.target_name(run.target_id)
        head = f"{title}: {target}" if target else title
        s.add(Run(head, f"checklist_runs[{n}] (title and target)", run.id, bold=True), style="sub")
        for k, result in enumerate(run.results):
            item = ctx.protocols.item(run.protocol_id, result.item_id, ctx.lang)
            name = item.title if item else result.item_id
            src = f"checklist_runs[{n}].results[{k}]"
            s.add(
                Run(name, src + " (item)", result.id, bold=True),
                Run(" (" + _(labels.STATUS_HANDOFF[result.status]) + ")"),
                Run(". " + result.note if result.note else "", src + ".note", result.id),
                style="bullet",
            )
    for n, check in enumerate(ctx.case.phone_checks):
        device = ctx.target_name(check.device_id) or _("a phone")
        s.add(
            Run(
                _("App check on {device}, {date}").format(
                    device=device, date=ctx.date(check.ran_on)
                ),
                f"phone_checks[{n}]",
                check.id,
                bold=True,
            ),
            style="sub",
        )
        from clinic.model.work import legacy_not_checked
        from clinic.phonecheck.results import device_line
        from clinic.phonecheck.texts import not_checked_line

        if phone := device_line(dict(check.device), ctx.lang):
            s.add(Run(phone, f"phone_checks[{n}].device", check.id), style="bullet")
        for k, hit in enumerate(check.hits):
            group = _(labels.PHONE_CHECK_GROUP[hit.group])
            s.add(
                Run(group + ": ", bold=True),
                Run(hit.subject, f"phone_checks[{n}].hits[{k}].subject", hit.id),
                style="bullet",
            )
        skipped = check.not_checked or (
            {} if check.sources else legacy_not_checked(check.method, check.indicators_version)
        )
        for group_code in labels.PHONE_CHECK_GROUP_ORDER:
            if group_code in skipped:
                s.add(
                    Run(_(labels.PHONE_CHECK_GROUP[group_code]) + ": ", bold=True),
                    Run(not_checked_line(str(skipped[group_code]), ctx.lang)),
                    style="bullet",
                )
    if not s.blocks:
        s.add(Run(_("No checklists were run.")))
    return s


def _findings(ctx: Context) -> Section:
    _ = ctx._
    s = Section(_("Findings and decisions"))
    for n, finding in enumerate(ctx.case.findings):
        title = ctx.finding_title(finding)
        s.add(Run(title, f"findings[{n}].title", finding.id, bold=True), style="sub")
        s.add(Run(ctx.finding_detail(finding), f"findings[{n}].detail", finding.id))
        for k, ev in enumerate(finding.evidence):
            line = labels.line_text(ev, ctx.lang)
            s.add(Run(line, f"findings[{n}].evidence[{k}]", finding.id), style="bullet")
    for n, plan in enumerate(ctx.case.plan_items):
        src = f"plan_items[{n}]"
        plan_title = ctx.plan_title(plan)
        s.add(
            Run(_("Option: "), bold=True),
            Run(plan_title.text, plan_title.source, plan_title.entity_id, bold=True),
            style="sub",
        )
        _fact(s, _("Decision"), _(labels.DECISION[plan.decision]))
        _fact(s, _("Risks"), ", ".join(_(labels.RISK_HANDOFF[t]) for t in plan.risk_tags))
        answers = (
            (N_("Would the other person notice?"), "would_notice"),
            (N_("What would they lose access to?"), "access_lost"),
            (N_("How might they react?"), "reaction"),
            (N_("Who acts"), "who_acts"),
            (N_("Note"), "note"),
        )
        for question, attr in answers:
            _fact(s, _(question), getattr(plan, attr), f"{src}.{attr}", plan.id)
        if plan.documented_first is not None:
            _fact(s, _("Documented first"), _("yes") if plan.documented_first else _("no"))
    if not s.blocks:
        s.add(Run(_("No findings were recorded.")))
    return s


def _open_risks(ctx: Context) -> Section:
    _ = ctx._
    s = Section(_("Open risks"))
    if ctx.case.situation.high_caution:
        s.add(
            Run(
                _("High caution: the client lives with the other person, or children go on visits.")
            )
        )
    for plan in ctx.case.plan_items:
        if plan.decision == Decision.DONE_TOGETHER:
            continue
        risks = ", ".join(_(labels.RISK_HANDOFF[t]) for t in plan.risk_tags)
        plan_title = ctx.plan_title(plan)
        s.add(
            Run(plan_title.text, plan_title.source, plan_title.entity_id, bold=True),
            Run(" (" + _(labels.DECISION[plan.decision]) + ")"),
            Run(": " + risks if risks else ""),
            style="bullet",
        )
    if not s.blocks:
        s.add(Run(_("No open risks were recorded.")))
    return s


def _follow_ups(ctx: Context) -> Section:
    _ = ctx._
    s = Section(_("Follow-ups"))
    for n, f in enumerate(ctx.case.follow_ups):
        when = ctx.date(f.due) if f.due else _("no date")
        state = _("done") if f.done else _("open")
        s.add(
            Run(f"{when} ({state}): ", bold=True),
            Run(f.what, f"follow_ups[{n}].what", f.id),
            style="bullet",
        )
        _fact(s, _("Who"), f.who, f"follow_ups[{n}].who", f.id)
    if not s.blocks:
        s.add(Run(_("No follow-ups were set.")))
    return s


def _referrals(ctx: Context, view: ReportView) -> Section:
    from clinic.report.help import referral_blocks

    s = Section(ctx._("Referrals"))
    s.blocks.extend(referral_blocks(ctx, view.warnings, survivor=False))
    return s


def _notes_and_team(ctx: Context) -> Section:
    _ = ctx._
    s = Section(_("Handoff notes and team"))
    for n, note in enumerate(ctx.case.handoff_notes):
        s.add(
            Run(ctx.date(note.written_on) + ": ", bold=True),
            Run(note.text, f"handoff_notes[{n}].text", note.id),
        )
    for v, visit in enumerate(ctx.case.visits):
        team = ", ".join(f"{m.initials} ({_(labels.TEAM_ROLE[m.role])})" for m in visit.team)
        _fact(
            s,
            _("Visit on {date}").format(date=ctx.date(visit.date)),
            team or _("not recorded"),
            f"visits[{v}].team",
            visit.id,
        )
    return s
