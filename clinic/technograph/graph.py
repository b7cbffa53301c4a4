"""The technograph as a graph: people, devices and accounts, and the access edges between them.

An edge points the way access flows: from a person to what they can reach, from an
account to the devices whose data it syncs, from a device to the accounts it is signed in
to. Ids that point at nothing (dangling) are dropped and counted, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from clinic.model import Account, Case, Device, Person
from clinic.model.vocab import DeviceKind, PersonRole, Service


class NodeKind(StrEnum):
    PERSON = "person"
    DEVICE = "device"
    ACCOUNT = "account"


class EdgeKind(StrEnum):
    # person -> device
    KNOWS_PASSCODE = "knows_passcode"
    PHYSICAL_ACCESS = "physical_access"
    PAID_FOR_DEVICE = "paid_for_device"
    SET_UP_DEVICE = "set_up_device"
    OWNS_DEVICE = "owns_device"
    SHARED_DEVICE = "shared_device"
    GOES_TO_VISITATION = "goes_to_visitation"
    # person -> account
    KNOWS_PASSWORD = "knows_password"  # noqa: S105 (an edge kind)
    RECOVERY_EMAIL = "recovery_email"
    RECOVERY_PHONE = "recovery_phone"
    PLAN_ORGANIZER = "plan_organizer"
    PAID_FOR_ACCOUNT = "paid_for_account"
    OWNS_ACCOUNT = "owns_account"
    SHARED_WITH = "shared_with"
    # account -> device
    ACCOUNT_ON_DEVICE = "account_on_device"
    PLAN_LINE = "plan_line"
    # device -> account
    SIGNED_IN_ON_DEVICE = "signed_in_on_device"
    RECOVERY_PHONE_DEVICE = "recovery_phone_device"
    # account -> account
    RECOVERY_EMAIL_ACCOUNT = "recovery_email_account"


# Accounts that carry a mailbox, so they can receive another account's reset link.
MAIL_SERVICES = frozenset({Service.EMAIL, Service.GOOGLE, Service.MICROSOFT, Service.APPLE_ID})
# Accounts that sync a device's own data (location, photos, backups) to the cloud.
SYNC_SERVICES = frozenset(
    {Service.APPLE_ID, Service.GOOGLE, Service.MICROSOFT, Service.SAMSUNG, Service.CLOUD_STORAGE}
)
COMPUTERS = frozenset({DeviceKind.LAPTOP, DeviceKind.DESKTOP})


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    label: str
    item: Person | Device | Account


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.kind.value)


@dataclass
class Graph:
    """Nodes by id (in case order), edges, adjacency, and who the people of concern are."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    pocs: list[str] = field(default_factory=list)
    targets: set[str] = field(default_factory=set)
    dangling: int = 0
    out_edges: dict[str, list[Edge]] = field(default_factory=dict)
    in_edges: dict[str, list[Edge]] = field(default_factory=dict)

    def add(self, source: str | None, target: str, kind: EdgeKind) -> None:
        if source is None:
            return
        if source not in self.nodes or target not in self.nodes:
            self.dangling += 1
            return
        edge = Edge(source, target, kind)
        if edge in self.out_edges.setdefault(source, []):
            return
        self.edges.append(edge)
        self.out_edges[source].append(edge)
        self.in_edges.setdefault(target, []).append(edge)

    def without(self, cut: Iterable[Edge]) -> Graph:
        """A copy of this graph without the given edges (for an impact preview)."""
        removed = set(cut)
        copy = Graph(dict(self.nodes), [], list(self.pocs), set(self.targets), self.dangling)
        for edge in self.edges:
            if edge not in removed:
                copy.add(edge.source, edge.target, edge.kind)
        return copy

    def label(self, node_id: str) -> str:
        return self.nodes[node_id].label


def build_graph(case: Case) -> Graph:
    """Every access edge the inventory states, for every person in the case."""
    graph = Graph()
    for person in case.people:
        graph.nodes[person.id] = Node(person.id, NodeKind.PERSON, person.label, person)
    for device in case.devices:
        graph.nodes[device.id] = Node(device.id, NodeKind.DEVICE, device.label, device)
    for account in case.accounts:
        graph.nodes[account.id] = Node(account.id, NodeKind.ACCOUNT, account.label, account)
    graph.pocs = [p.id for p in case.people if p.role == PersonRole.PERSON_OF_CONCERN]
    pocs = set(graph.pocs)
    for device in case.devices:
        _device_edges(graph, device, pocs)
    for account in case.accounts:
        _account_edges(graph, case, account, pocs)
    graph.targets = {d.id for d in case.devices if _is_target_device(d, pocs)} | {
        a.id for a in case.accounts if _is_target_account(a, pocs)
    }
    return graph


def _device_edges(graph: Graph, device: Device, pocs: set[str]) -> None:
    shared = device.kind in COMPUTERS and any(
        p not in pocs
        for p in [*device.passcode_known_by, device.owner_id, device.main_user_id]
        if p
    )
    for person in device.passcode_known_by:
        kind = EdgeKind.SHARED_DEVICE if shared and person in pocs else EdgeKind.KNOWS_PASSCODE
        graph.add(person, device.id, kind)
    for person in device.physical_access:
        graph.add(person, device.id, EdgeKind.PHYSICAL_ACCESS)
    graph.add(device.paid_by_id, device.id, EdgeKind.PAID_FOR_DEVICE)
    graph.add(device.set_up_by_id, device.id, EdgeKind.SET_UP_DEVICE)
    graph.add(device.owner_id, device.id, EdgeKind.OWNS_DEVICE)
    if device.main_user_id != device.owner_id:
        graph.add(device.main_user_id, device.id, EdgeKind.OWNS_DEVICE)
    if device.goes_to_visitation:
        for poc in sorted(pocs):
            graph.add(poc, device.id, EdgeKind.GOES_TO_VISITATION)


def _account_edges(graph: Graph, case: Case, account: Account, pocs: set[str]) -> None:
    for person in account.password_known_by:
        graph.add(person, account.id, EdgeKind.KNOWS_PASSWORD)
    graph.add(account.recovery_email_controlled_by, account.id, EdgeKind.RECOVERY_EMAIL)
    graph.add(account.recovery_phone_controlled_by, account.id, EdgeKind.RECOVERY_PHONE)
    if account.family_plan:
        graph.add(account.plan_organizer_id, account.id, EdgeKind.PLAN_ORGANIZER)
    graph.add(account.paid_by_id, account.id, EdgeKind.PAID_FOR_ACCOUNT)
    graph.add(account.owner_id, account.id, EdgeKind.OWNS_ACCOUNT)
    for person in account.shared_with:
        graph.add(person, account.id, EdgeKind.SHARED_WITH)
    carrier = account.service == Service.CARRIER
    for device_id in account.signed_in_on:
        if carrier:
            graph.add(account.id, device_id, EdgeKind.PLAN_LINE)
            continue
        if account.service in SYNC_SERVICES:
            graph.add(account.id, device_id, EdgeKind.ACCOUNT_ON_DEVICE)
        graph.add(device_id, account.id, EdgeKind.SIGNED_IN_ON_DEVICE)
    # A reset link or code reaches whoever reads the recovery mailbox or phone. When a
    # person of concern controls it, the direct person edge above already says so.
    mail_owner = account.recovery_email_controlled_by
    if mail_owner and mail_owner not in pocs:
        for other in case.accounts:
            if (
                other.id != account.id
                and other.owner_id == mail_owner
                and other.service in MAIL_SERVICES
            ):
                graph.add(other.id, account.id, EdgeKind.RECOVERY_EMAIL_ACCOUNT)
    phone_owner = account.recovery_phone_controlled_by
    if phone_owner and phone_owner not in pocs:
        for device in case.devices:
            holder = device.main_user_id or device.owner_id
            if device.kind == DeviceKind.PHONE and holder == phone_owner:
                graph.add(device.id, account.id, EdgeKind.RECOVERY_PHONE_DEVICE)


def _is_target_device(device: Device, pocs: set[str]) -> bool:
    """The client's (or a child's) device: not one that only a person of concern owns and uses."""
    holders = [p for p in (device.owner_id, device.main_user_id) if p]
    return not holders or any(p not in pocs for p in holders)


def _is_target_account(account: Account, pocs: set[str]) -> bool:
    if account.owner_id is None or account.owner_id not in pocs:
        return True
    return any(p not in pocs for p in account.shared_with)
