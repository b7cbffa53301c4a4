"""Which protocols apply to a case, to which inventory entries, and how far they are done.

Selection reads the case's inventory and situation: device platforms and kinds, account
services, family plans, children's devices (owned or mainly used by a child), and the
situations derived from the case context and the visits' concern categories. A protocol
that matches devices or accounts applies to those entries; one that matches only the case
as a whole (a situation, a concern, `always`) applies to the case (target id None, as in
`ChecklistRun.target_id`). Coverage counts, for each (protocol, target), the items with a
result other than not_checked in any of the case's checklist runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clinic.model import Case, Device
from clinic.model.vocab import (
    ConcernCategory,
    DeviceKind,
    ItemStatus,
    PersonRole,
    Service,
    Situation,
)
from clinic.protocols.loader import ProtocolSet
from clinic.protocols.schema import AppliesTo, Item, Protocol, Step

TargetKind = Literal["device", "account", "case"]

# Concern categories that put the case in a situation.
CONCERN_SITUATIONS: dict[ConcernCategory, Situation] = {
    ConcernCategory.HARASSMENT: Situation.HARASSMENT,
    ConcernCategory.INTIMATE_IMAGES: Situation.INTIMATE_IMAGES,
    ConcernCategory.FINANCIAL: Situation.FINANCES,
    ConcernCategory.LOCATION: Situation.LOCATION,
    ConcernCategory.CHILD_DEVICES: Situation.CHILDREN,
}
_SMART_HOME_KINDS = {DeviceKind.SMART_HOME, DeviceKind.ROUTER}


@dataclass(frozen=True)
class Target:
    """What a protocol is worked through for: a device, an account, or the whole case."""

    kind: TargetKind
    id: str | None
    label: str


CASE_TARGET = Target("case", None, "")


@dataclass(frozen=True)
class Applicable:
    """One protocol that applies, the entries it applies to, and why (e.g. "platform:ios")."""

    protocol: Protocol
    targets: tuple[Target, ...]
    reasons: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.protocol.id


@dataclass(frozen=True)
class Selection:
    """The applicable protocols, the inventory entries no protocol applies to, and the
    case's whole inventory (devices, then accounts, in the case's order)."""

    applicable: tuple[Applicable, ...]
    uncovered: tuple[Target, ...]
    inventory: tuple[Target, ...] = ()

    def ids(self) -> list[str]:
        return [a.id for a in self.applicable]

    def by_target(self) -> list[tuple[Target, list[Applicable]]]:
        """For the Investigate stage: each device, then account, then the whole case, with
        its protocols (only entries with at least one protocol)."""
        groups: dict[Target, list[Applicable]] = {}
        for target in (*self.inventory, CASE_TARGET):
            groups[target] = [a for a in self.applicable if target in a.targets]
        return [(t, apps) for t, apps in groups.items() if apps]


def situations(case: Case) -> set[Situation]:
    """The situations a case is in, from its context, people and visits' concerns."""
    ctx = case.situation
    out: set[Situation] = set()
    if ctx.lives_with_poc == "yes":
        out.add(Situation.LIVES_WITH_POC)
    visits = ctx.children_visitation == "yes"
    if ctx.children == "yes" or visits or case.people_with_role(PersonRole.CHILD):
        out.add(Situation.CHILDREN)
    if ctx.order_of_protection == "yes":
        out.add(Situation.ORDER_OF_PROTECTION)
    if ctx.separated_month is not None:
        out.add(Situation.SEPARATED)
    for category in concern_categories(case):
        if category in CONCERN_SITUATIONS:
            out.add(CONCERN_SITUATIONS[category])
    return out


def concern_categories(case: Case) -> set[ConcernCategory]:
    return {c for visit in case.visits for concern in visit.concerns for c in concern.categories}


def is_childs_device(case: Case, device: Device) -> bool:
    children = {p.id for p in case.people_with_role(PersonRole.CHILD)}
    return device.owner_id in children or device.main_user_id in children


def _case_reasons(
    rule: AppliesTo, now: set[Situation], concerns: set[ConcernCategory]
) -> list[str]:
    reasons = ["always"] if rule.always else []
    reasons.extend(f"situation:{s.value}" for s in rule.situations if s in now)
    if rule.children_devices and Situation.CHILDREN in now and "situation:children" not in reasons:
        reasons.append("situation:children")
    smart_home = _SMART_HOME_KINDS & set(rule.device_kinds) or Service.SMART_HOME in rule.services
    if ConcernCategory.SMART_HOME in concerns and smart_home:
        reasons.append("concern:smart_home")
    return reasons


def _device_reasons(rule: AppliesTo, device: Device, childs: bool) -> list[str]:
    reasons = []
    if device.platform in rule.platforms:
        reasons.append(f"platform:{device.platform.value}")
    if device.kind in rule.device_kinds:
        reasons.append(f"kind:{device.kind.value}")
    if rule.children_devices and childs:
        reasons.append("children_devices")
    return reasons


def select(case: Case, protocols: ProtocolSet, locale: str = "en") -> Selection:
    """The protocols that apply to the case (by id), their targets, and uncovered entries."""
    now = situations(case)
    concerns = concern_categories(case)
    childs = {d.id for d in case.devices if is_childs_device(case, d)}
    applicable: list[Applicable] = []
    covered: set[str] = set()
    for protocol in protocols.all(locale):
        rule = protocol.applies_to
        targets: list[Target] = []
        reasons: list[str] = []
        for device in case.devices:
            found = _device_reasons(rule, device, device.id in childs)
            if found:
                targets.append(Target("device", device.id, device.label))
                reasons.extend(found)
        for account in case.accounts:
            found = [f"service:{account.service.value}"] if account.service in rule.services else []
            if rule.family_plan and account.family_plan:
                found.append("family_plan")
            if found:
                targets.append(Target("account", account.id, account.label))
                reasons.extend(found)
        case_reasons = _case_reasons(rule, now, concerns)
        reasons.extend(case_reasons)
        if not targets and case_reasons:
            targets.append(CASE_TARGET)
        if targets:
            covered.update(t.id for t in targets if t.id is not None)
            applicable.append(Applicable(protocol, tuple(targets), tuple(dict.fromkeys(reasons))))
    entries = tuple(inventory(case))
    return Selection(tuple(applicable), tuple(t for t in entries if t.id not in covered), entries)


def inventory(case: Case) -> list[Target]:
    """Every device and account of the case, as targets, in inventory order."""
    devices = [Target("device", d.id, d.label) for d in case.devices]
    return devices + [Target("account", a.id, a.label) for a in case.accounts]


def steps_for_device(item: Item, device: Device | None) -> list[Step]:
    """The steps of an item for a device's platform and OS version (all when unknown)."""
    if device is None:
        return list(item.steps)
    return item.steps_for(device.os_major, device.platform)


@dataclass(frozen=True)
class TargetCoverage:
    """How far one protocol is done for one target. `suggested` is False for a protocol
    the volunteer ran although selection did not bring it."""

    protocol_id: str
    target: Target
    item_ids: tuple[str, ...]
    done: frozenset[str]
    suggested: bool = True

    @property
    def not_done(self) -> tuple[str, ...]:
        return tuple(i for i in self.item_ids if i not in self.done)

    @property
    def complete(self) -> bool:
        return not self.not_done


@dataclass(frozen=True)
class Coverage:
    """Coverage of a whole case: every (protocol, target), and entries with no protocol."""

    entries: tuple[TargetCoverage, ...]
    uncovered: tuple[Target, ...]

    @property
    def item_count(self) -> int:
        return sum(len(e.item_ids) for e in self.entries)

    @property
    def done_count(self) -> int:
        return sum(len(e.done) for e in self.entries)

    def for_target(self, target_id: str | None) -> list[TargetCoverage]:
        return [e for e in self.entries if e.target.id == target_id]


def _done_items(case: Case) -> dict[tuple[str, str | None], set[str]]:
    done: dict[tuple[str, str | None], set[str]] = {}
    for run in case.checklist_runs:
        key = (run.protocol_id, run.target_id)
        finished = {r.item_id for r in run.results if r.status != ItemStatus.NOT_CHECKED}
        done.setdefault(key, set()).update(finished)
    return done


def coverage(case: Case, protocols: ProtocolSet, selection: Selection | None = None) -> Coverage:
    """Done and not-done items for each applicable (protocol, target), plus runs the
    volunteer started outside the selection (their protocol and target must still exist)."""
    chosen = selection or select(case, protocols)
    done = _done_items(case)
    entries: list[TargetCoverage] = []
    seen: set[tuple[str, str | None]] = set()
    for app in chosen.applicable:
        for target in app.targets:
            entries.append(_entry(app.protocol, target, done, True))
            seen.add((app.id, target.id))
    targets: dict[str | None, Target] = {t.id: t for t in inventory(case)}
    targets[None] = CASE_TARGET
    for protocol_id, target_id in [key for key in done if key not in seen]:
        protocol = protocols.get(protocol_id)
        if protocol is not None and target_id in targets:
            entries.append(_entry(protocol, targets[target_id], done, False))
    return Coverage(tuple(entries), chosen.uncovered)


def _entry(
    protocol: Protocol,
    target: Target,
    done: dict[tuple[str, str | None], set[str]],
    suggested: bool,
) -> TargetCoverage:
    item_ids = tuple(i.id for i in protocol.items)
    finished = frozenset(done.get((protocol.id, target.id), set()) & set(item_ids))
    return TargetCoverage(protocol.id, target, item_ids, finished, suggested)
