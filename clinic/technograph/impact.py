"""Impact preview: what a planned change cuts, what stays open, what the other person may notice.

The change removes edges from the graph; routes are recomputed and compared. Notices come
from the edge kinds cut and, when the plan names a protocol option, from its risk tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from clinic.i18n import N_, translation
from clinic.model import Case
from clinic.model.vocab import RiskTag
from clinic.protocols.loader import ProtocolSet
from clinic.technograph.graph import Edge, EdgeKind, Graph, build_graph
from clinic.technograph.routes import Route, RouteReport, routes_in


class ChangeKind(StrEnum):
    CHANGE_PASSWORD = "change_password"  # noqa: S105 (a change kind)
    CHANGE_RECOVERY = "change_recovery"
    REMOVE_DEVICE_FROM_ACCOUNT = "remove_device_from_account"
    LEAVE_FAMILY_PLAN = "leave_family_plan"
    CHANGE_PASSCODE = "change_passcode"


@dataclass(frozen=True, slots=True)
class OptionRef:
    protocol_id: str
    item_id: str
    option_id: str


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """A change the survivor is thinking about. `target_id` is the account or device changed;
    `device_id` names the device for REMOVE_DEVICE_FROM_ACCOUNT."""

    kind: ChangeKind
    target_id: str
    device_id: str | None = None
    option: OptionRef | None = None


@dataclass
class ImpactPreview:
    cut: list[Route] = field(default_factory=list)
    remaining: list[Route] = field(default_factory=list)
    lost_targets: list[str] = field(default_factory=list)
    risk_tags: list[RiskTag] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    report: RouteReport | None = None


# Which edges each change removes: (kinds into the target, kinds out of the target).
_CUTS: dict[ChangeKind, tuple[frozenset[EdgeKind], frozenset[EdgeKind]]] = {
    ChangeKind.CHANGE_PASSWORD: (frozenset({EdgeKind.KNOWS_PASSWORD}), frozenset()),
    ChangeKind.CHANGE_RECOVERY: (
        frozenset(
            {
                EdgeKind.RECOVERY_EMAIL,
                EdgeKind.RECOVERY_PHONE,
                EdgeKind.RECOVERY_EMAIL_ACCOUNT,
                EdgeKind.RECOVERY_PHONE_DEVICE,
            }
        ),
        frozenset(),
    ),
    ChangeKind.LEAVE_FAMILY_PLAN: (
        frozenset({EdgeKind.PLAN_ORGANIZER, EdgeKind.PAID_FOR_ACCOUNT, EdgeKind.SHARED_WITH}),
        frozenset({EdgeKind.PLAN_LINE}),
    ),
    ChangeKind.CHANGE_PASSCODE: (
        frozenset({EdgeKind.KNOWS_PASSCODE, EdgeKind.SHARED_DEVICE}),
        frozenset(),
    ),
}

EDGE_NOTICES: dict[EdgeKind, str] = {
    EdgeKind.KNOWS_PASSWORD: N_(
        "{a} can no longer sign in to {b} with the old password. Apps signed in with the old"
        " password may ask for the new one, which {a} may notice."
    ),
    EdgeKind.RECOVERY_EMAIL: N_("{a} can no longer reset the password of {b}."),
    EdgeKind.RECOVERY_PHONE: N_("{a} can no longer reset the password of {b}."),
    EdgeKind.PLAN_ORGANIZER: N_("{a} will likely see that a line left the plan {b}."),
    EdgeKind.SHARED_WITH: N_("{a} may notice that {b} is no longer shared."),
    EdgeKind.PLAN_LINE: N_("The plan {a} no longer shows the records of {b}."),
    EdgeKind.ACCOUNT_ON_DEVICE: N_("{a} no longer syncs {b}; its device list will change."),
    EdgeKind.SIGNED_IN_ON_DEVICE: N_("{a} is signed out of {b}."),
    EdgeKind.KNOWS_PASSCODE: N_("{a} can no longer unlock {b}, and may notice if they try."),
    EdgeKind.SHARED_DEVICE: N_("{a} can no longer open {b}, and may notice if they try."),
}
TAG_NOTICES: dict[RiskTag, str] = {
    RiskTag.NOTIFIES_OTHER_PERSON: N_("The other person may get an alert about this change."),
    RiskTag.OTHER_PERSON_LOSES_ACCESS: N_("The other person may notice that they lost access."),
    RiskTag.MAY_LOCK_CLIENT_OUT: N_("This could also lock the client out. Check recovery first."),
    RiskTag.DOCUMENT_FIRST: N_("Document what is there before changing it."),
    RiskTag.NEEDS_SAFETY_PLAN: N_("Make a safety plan before this change."),
    RiskTag.NEEDS_ADVOCATE: N_("Involve an advocate."),
}
STILL_OPEN = N_("{b} can still be reached another way: {chain}.")


def cut_edges(graph: Graph, change: PlannedChange) -> list[Edge]:
    """The edges a change removes from the graph."""
    target = change.target_id
    if change.kind == ChangeKind.REMOVE_DEVICE_FROM_ACCOUNT:
        pair = {target, change.device_id}
        return [
            e
            for e in graph.edges
            if {e.source, e.target} == pair
            and e.kind
            in (EdgeKind.ACCOUNT_ON_DEVICE, EdgeKind.SIGNED_IN_ON_DEVICE, EdgeKind.PLAN_LINE)
        ]
    into, out = _CUTS[change.kind]
    return [
        e
        for e in graph.edges
        if (e.target == target and e.kind in into) or (e.source == target and e.kind in out)
    ]


def preview(
    case: Case,
    change: PlannedChange,
    protocols: ProtocolSet | None = None,
    lang: str = "en",
) -> ImpactPreview:
    """Which routes the change cuts, which stay, and what the other person may notice or lose."""
    graph = build_graph(case)
    before = routes_in(graph, protocols)
    cut_set = cut_edges(graph, change)
    changed = graph.without(cut_set)
    if change.kind == ChangeKind.LEAVE_FAMILY_PLAN and _owned_by_poc(graph, change.target_id):
        changed.targets.discard(change.target_id)  # the plan stays theirs, no longer the client's
    after = routes_in(changed, protocols)
    after_keys = {r.key for r in after.routes}
    result = ImpactPreview(report=before)
    result.cut = [r for r in before.routes if r.key not in after_keys]
    touched = {r.target_id for r in result.cut}
    result.remaining = [r for r in after.routes if r.target_id in touched]
    for poc in graph.pocs:
        lost = before.reached(poc) - after.reached(poc)
        result.lost_targets.extend(t for t in graph.nodes if t in lost)
    tr = translation(lang).gettext
    for edge in cut_set:
        if edge.kind in EDGE_NOTICES and _on_any(edge, result.cut):
            text = tr(EDGE_NOTICES[edge.kind]).format(
                a=graph.label(edge.source), b=graph.label(edge.target)
            )
            if text not in result.notices:
                result.notices.append(text)
    result.risk_tags = _risk_tags(change.option, protocols)
    result.notices.extend(tr(TAG_NOTICES[t]) for t in result.risk_tags)
    shown: set[str] = set()
    for route in result.remaining:
        if route.target_id not in shown:
            shown.add(route.target_id)
            chain = " \u2192 ".join(after.chain(route))
            text = tr(STILL_OPEN).format(b=graph.label(route.target_id), chain=chain)
            result.notices.append(text)
    return result


def _owned_by_poc(graph: Graph, node_id: str) -> bool:
    return any(
        e.kind == EdgeKind.OWNS_ACCOUNT and e.source in graph.pocs
        for e in graph.in_edges.get(node_id, [])
    )


def _on_any(edge: Edge, routes: list[Route]) -> bool:
    return any(edge in r.edges for r in routes)


def _risk_tags(option: OptionRef | None, protocols: ProtocolSet | None) -> list[RiskTag]:
    if option is None or protocols is None:
        return []
    item = protocols.item(option.protocol_id, option.item_id)
    if item is None:
        return []
    found = next((o for o in item.options if o.id == option.option_id), None)
    return list(found.risk_tags) if found else []
