"""The report view model: what a document says, before any reportlab drawing.

A view is a title, banners and sections of blocks; each block is a few runs of text, and
every run knows where its text came from (`source`: a case field path, a protocol field,
or None for the app's own fixed texts). Discreet mode checks every run, and a refusal
names the source so it can be reworded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from clinic import vocabulary as labels
from clinic.model import Account, Case, Device, Finding, PlanItem
from clinic.model.vocab import PersonRole
from clinic.protocols.loader import ProtocolSet
from clinic.protocols.schema import Option
from clinic.report.discreet import check_text
from clinic.report.referrals import ReferralDirectory

Kind = Literal["survivor", "handoff"]
LANGS = ("en", "es")
Style = Literal["body", "bullet", "more", "sub", "small", "quote"]


@dataclass(frozen=True)
class Run:
    text: str
    source: str | None = None
    entity_id: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class Block:
    runs: tuple[Run, ...]
    style: Style = "body"


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *runs: Run, style: Style = "body") -> None:
        kept = tuple(r for r in runs if r.text)
        if kept:
            self.blocks.append(Block(kept, style))


@dataclass
class ReportView:
    kind: Kind
    lang: str
    discreet: bool
    title: str
    file_stem: str
    banners: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: str = ""
    warnings: list[str] = field(default_factory=list)
    graph: object | None = None
    graph_heading: str = ""
    practice_mark: str = ""
    """On every page of a practice case's document ("PRACTICE - fictional case")."""

    def runs(self) -> Iterator[Run]:
        """Every piece of text the document will hold, with its source."""
        yield Run(self.title)
        yield Run(self.file_stem)
        yield Run(self.footer)
        yield Run(self.practice_mark)
        for block in self.banners:
            yield from block.runs
        for section in self.sections:
            yield Run(section.heading)
            for block in section.blocks:
                yield from block.runs

    def check_discreet(self, avoid: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> None:
        """Raise DiscreetRefused for the first text that breaks the discreet rule."""
        for run in self.runs():
            source = run.source or "the app's fixed text"
            check_text(run.text, source, run.entity_id, avoid, names)


@dataclass
class Context:
    """What every builder needs: the case, its language, the mode and the lookups."""

    case: Case
    lang: str
    discreet: bool
    gettext: Callable[[str], str]
    protocols: ProtocolSet
    directory: ReferralDirectory
    confirmed: dict[str, dt.date]
    today: dt.date

    def _(self, message: str) -> str:
        return self.gettext(message)

    def field(self, kind: str, index: int, attr: str) -> str:
        return f"{kind}[{index}].{attr}"

    def person(self, person_id: str | None, *, survivor_view: bool = False) -> str:
        """A person's label, or a neutral word where discreet mode or the role asks for it."""
        person = self.case.person(person_id)
        if person is None:
            return self._("not recorded")
        if person.role == PersonRole.CLIENT and survivor_view:
            return self._("you")
        if person.role == PersonRole.PERSON_OF_CONCERN and self.discreet:
            return self._("someone")
        return person.label

    def people(self, ids: list[str], *, survivor_view: bool = False) -> str:
        names = [self.person(i, survivor_view=survivor_view) for i in ids]
        return ", ".join(dict.fromkeys(names)) if names else self._("nobody recorded")

    def device_name(self, device: Device) -> str:
        if self.discreet:
            kind = self._(labels.DEVICE_KIND_DISCREET[device.kind])
            platform = labels.PLATFORM[device.platform]
            return f"{kind} ({platform})" if platform else kind
        return device.label

    def account_name(self, account: Account) -> str:
        return self._(labels.ACCOUNT_DISCREET) if self.discreet else account.label

    def finding_title(self, finding: Finding) -> str:
        """The finding's title in the document's language (its code, its item, or as typed)."""
        return labels.finding_title(finding, self.lang, self.protocols)

    def finding_detail(self, finding: Finding) -> str:
        return labels.finding_detail(finding, self.lang)

    def option(self, plan: PlanItem) -> Option | None:
        """The protocol option a plan item was chosen from, in the document's language."""
        finding = next((f for f in self.case.findings if f.id == plan.finding_id), None)
        if finding is None or not (finding.protocol_id and finding.item_id and plan.option_id):
            return None
        item = self.protocols.item(finding.protocol_id, finding.item_id, self.lang)
        return next((o for o in item.options if o.id == plan.option_id), None) if item else None

    def plan_title(self, plan: PlanItem) -> Run:
        """A plan item's title: its option's title in the document's language, or as typed."""
        option = self.option(plan)
        if option is not None:
            return Run(option.title, f"option {plan.option_id}.title")
        n = self.case.plan_items.index(plan) if plan in self.case.plan_items else 0
        return Run(plan.title, f"plan_items[{n}].title", plan.id)

    def case_names(self) -> tuple[str, ...]:
        """App and account names this case holds (folded): labels, app ids, families."""
        from clinic.report.discreet import fold_label

        names = [a.label for a in self.case.accounts]
        for check in self.case.phone_checks:
            for hit in check.hits:
                names += [hit.subject, *(hit.family.split(", ") if hit.family else [])]
        # A label that is only a generic word ("Email", "Phone plan") is no name; brands are
        # refused anyway (discreet.BRAND_NAMES).
        said = [fold_label(labels.say(w, lang)) for w in labels.SERVICE.values() for lang in LANGS]
        generic = {*said, *(words.split()[0] for words in said if words)}
        folded = (fold_label(n) for n in names)
        return tuple(dict.fromkeys(n for n in folded if len(n) >= 3 and n not in generic))

    def target_name(self, target_id: str | None) -> str | None:
        device = next((d for d in self.case.devices if d.id == target_id), None)
        if device is not None:
            return self.device_name(device)
        account = next((a for a in self.case.accounts if a.id == target_id), None)
        return self.account_name(account) if account is not None else None

    def date(self, value: dt.date) -> str:
        from babel.dates import format_date

        return str(format_date(value, format="long", locale=self.lang))

    def month(self, value: str) -> str:
        """A YYYY-MM month in words ("October 2026", "octubre de 2026")."""
        from babel.dates import format_skeleton

        year, month = (int(part) for part in value.split("-"))
        return str(format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.lang))
