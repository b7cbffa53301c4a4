"""One report, end to end: case -> view (what is included, what discreet mode removes) -> PDF.

`export()` writes the chosen file atomically with 0600 permissions through
clinic.paths.write_private (its temporary file sits next to the target, never elsewhere)
and returns the warnings the volunteer must see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from clinic import i18n
from clinic.errors import Refused, UsageError
from clinic.model import Case
from clinic.model.vocab import PersonRole
from clinic.protocols.loader import ProtocolSet
from clinic.report import discreet_summary, handoff, survivor
from clinic.report.discreet import check_text, fold_label
from clinic.report.referrals import ReferralDirectory
from clinic.report.view import Context, Kind, ReportView

MIN_LABEL = 3


class PrintMode(StrEnum):
    STANDARD = "standard"
    DISCREET = "discreet"
    ADVOCATE_ONLY = "advocate_only"


@dataclass(frozen=True)
class ExportOptions:
    kind: Kind
    lang: str | None = None
    mode: PrintMode = PrintMode.STANDARD
    clinic_name: str | None = None
    created: dt.date | None = None
    invariant: bool = False


@dataclass
class ExportResult:
    data: bytes
    file_name: str
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None


def suggested_mode(case: Case) -> PrintMode:
    """Advocate only when a summary is not safe to take home; discreet when living together."""
    visit = case.latest_visit()
    if visit is not None and visit.check_in.summary_safe_to_take_home == "no":
        return PrintMode.ADVOCATE_ONLY
    if case.situation.high_caution:
        return PrintMode.DISCREET
    return PrintMode.STANDARD


def build_view(
    case: Case,
    options: ExportOptions,
    protocols: ProtocolSet,
    directory: ReferralDirectory,
    confirmed: dict[str, dt.date] | None = None,
) -> ReportView:
    """The view of the document; raises Refused (or DiscreetRefused) before anything is drawn."""
    lang = options.lang or case.language.value
    if lang not in i18n.LANGUAGES:
        raise UsageError("report_language")
    if options.kind == "survivor" and options.mode == PrintMode.ADVOCATE_ONLY:
        raise Refused("advocate_only")
    discreet = options.mode == PrintMode.DISCREET
    today = options.created or dt.date.today()
    ctx = Context(
        case=case,
        lang=lang,
        discreet=discreet,
        gettext=i18n.translation(lang).gettext,
        protocols=protocols,
        directory=directory,
        confirmed=dict(confirmed or {}),
        today=today,
    )
    if discreet:  # one discreet copy, whatever the kind: it holds no finding
        view = discreet_summary.build(ctx, options.clinic_name)
        view.kind = options.kind
        avoid = tuple(
            fold_label(p.label)
            for p in case.people_with_role(PersonRole.PERSON_OF_CONCERN)
            if len(fold_label(p.label)) >= MIN_LABEL
        )
        view.check_discreet(avoid, ctx.case_names())
        return view
    builder = survivor.build if options.kind == "survivor" else handoff.build
    view = builder(ctx, options.clinic_name)
    if options.kind == "handoff":
        _attach_graph(view, case, ctx)
    return view


def _attach_graph(view: ReportView, case: Case, ctx: Context) -> None:
    """A drawing of who can reach what (the technograph), when that package is present."""
    try:
        from clinic.report.graph_drawing import drawing
    except ImportError:  # the technograph is optional for printing
        return
    view.graph = drawing(case, ctx)
    view.graph_heading = ctx._("Who can reach what")


def file_name(view: ReportView) -> str:
    return f"{view.file_stem}.pdf"


def render_pdf(
    case: Case,
    options: ExportOptions,
    protocols: ProtocolSet,
    directory: ReferralDirectory,
    confirmed: dict[str, dt.date] | None = None,
) -> ExportResult:
    from clinic.report.render import render

    view = build_view(case, options, protocols, directory, confirmed)
    if case.practice_scenario is not None:
        view.practice_mark = practice_mark(view.lang)
    data, glyph_warnings = render(view, view_date(options), invariant=options.invariant)
    return ExportResult(data, file_name(view), [*view.warnings, *glyph_warnings])


PRACTICE_MARK = i18n.N_("PRACTICE - fictional case")


def practice_mark(lang: str) -> str:
    """The mark on every page of a document made from a practice case."""
    from clinic.i18n import translation

    return translation(lang).gettext(PRACTICE_MARK)


def view_date(options: ExportOptions) -> dt.date:
    return options.created or dt.datetime.now(dt.UTC).date()


def export(
    case: Case,
    path: Path,
    options: ExportOptions,
    protocols: ProtocolSet,
    directory: ReferralDirectory,
    confirmed: dict[str, dt.date] | None = None,
) -> ExportResult:
    """Build, render and write the PDF to `path` (atomic, 0600)."""
    from clinic.paths import write_private

    if options.mode == PrintMode.DISCREET:
        check_text(path.name, "the file name")
    result = render_pdf(case, options, protocols, directory, confirmed)
    write_private(path, result.data)
    result.path = path
    return result
