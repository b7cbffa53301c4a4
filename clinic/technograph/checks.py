"""Which protocols (and, when the protocol files are loaded, which items) check an access edge.

The protocol is chosen from the node at the end of the edge (platform, device kind or
service). Items are found by id suffix in the loaded protocol, so renamed or missing
items simply drop out instead of pointing at nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinic.model import Account, Device
from clinic.model.vocab import DeviceKind, Platform, Service
from clinic.protocols.loader import ProtocolSet
from clinic.technograph.graph import Edge, EdgeKind, Graph

PLATFORM_PROTOCOLS: dict[Platform, str] = {
    Platform.IOS: "ios-device",
    Platform.IPADOS: "ios-device",
    Platform.ANDROID: "android-device",
    Platform.WINDOWS: "microsoft-windows",
    Platform.MACOS: "mac",
}
KIND_PROTOCOLS: dict[DeviceKind, str] = {
    DeviceKind.SMART_HOME: "smart-home-router",
    DeviceKind.ROUTER: "smart-home-router",
    DeviceKind.CAR: "trackers-cars",
    DeviceKind.TRACKER: "trackers-cars",
}
SERVICE_PROTOCOLS: dict[Service, str] = {
    Service.APPLE_ID: "apple-id",
    Service.GOOGLE: "google-account",
    Service.MICROSOFT: "microsoft-windows",
    Service.EMAIL: "email",
    Service.FACEBOOK: "facebook",
    Service.INSTAGRAM: "instagram",
    Service.SNAPCHAT: "snapchat",
    Service.WHATSAPP: "messengers",
    Service.MESSENGER_OTHER: "messengers",
    Service.CARRIER: "carrier-family-plan",
    Service.BANK: "banking-finances",
    Service.SMART_HOME: "smart-home-router",
    Service.CAR_APP: "trackers-cars",
}
CHILDREN_PROTOCOL = "children-devices"
# Edges checked from both ends (the account's protocol and the device's).
BOTH_ENDS = frozenset(
    {
        EdgeKind.ACCOUNT_ON_DEVICE,
        EdgeKind.PLAN_LINE,
        EdgeKind.RECOVERY_EMAIL_ACCOUNT,
        EdgeKind.RECOVERY_PHONE_DEVICE,
    }
)

SERVICE_ALIASES: dict[Service, tuple[str, ...]] = {Service.WHATSAPP: ("wa",)}

# Item id endings that check each kind of edge, tried in order.
ITEM_SUFFIXES: dict[EdgeKind, tuple[str, ...]] = {
    EdgeKind.KNOWS_PASSCODE: ("-unlock", "-passcode", "-lock-screen"),
    EdgeKind.SHARED_DEVICE: ("-unlock", "-passcode", "-users", "-accounts"),
    EdgeKind.PHYSICAL_ACCESS: ("-unlock", "-passcode", "-apps"),
    EdgeKind.SET_UP_DEVICE: ("-unlock", "-apps", "-profiles", "-apple-account", "-accounts"),
    EdgeKind.PAID_FOR_DEVICE: ("-apple-account", "-accounts", "-family-shared"),
    EdgeKind.GOES_TO_VISITATION: ("-visitation", "-find-my", "-location"),
    EdgeKind.KNOWS_PASSWORD: ("-password",),
    EdgeKind.RECOVERY_EMAIL: ("-recovery",),
    EdgeKind.RECOVERY_PHONE: ("-recovery",),
    EdgeKind.RECOVERY_EMAIL_ACCOUNT: ("-recovery", "-linked-accounts"),
    EdgeKind.RECOVERY_PHONE_DEVICE: ("-recovery",),
    EdgeKind.PLAN_ORGANIZER: ("-family", "-family-shared", "-plan", "-organizer"),
    EdgeKind.PAID_FOR_ACCOUNT: ("-family", "-plan", "-billing"),
    EdgeKind.SHARED_WITH: ("-sharing", "-family-shared", "-delegates", "-household-members"),
    EdgeKind.ACCOUNT_ON_DEVICE: ("-sessions", "-linked", "-devices", "-apple-account", "-find-my"),
    EdgeKind.SIGNED_IN_ON_DEVICE: (
        "-sessions",
        "-linked",
        "-devices",
        "-apple-account",
        "-accounts",
    ),
    EdgeKind.PLAN_LINE: ("-location", "-records", "-family", "-plan", "-forwarding"),
    EdgeKind.OWNS_DEVICE: (),
    EdgeKind.OWNS_ACCOUNT: (),
}


@dataclass(frozen=True, slots=True, order=True)
class CheckRef:
    """A protocol, and one of its items when the protocol files were available."""

    protocol_id: str
    item_id: str | None = None

    def __str__(self) -> str:
        return f"{self.protocol_id}/{self.item_id}" if self.item_id else self.protocol_id


def protocol_for(graph: Graph, node_id: str) -> str | None:
    item = graph.nodes[node_id].item
    if isinstance(item, Device):
        return KIND_PROTOCOLS.get(item.kind) or PLATFORM_PROTOCOLS.get(item.platform)
    if isinstance(item, Account):
        return SERVICE_PROTOCOLS.get(item.service)
    return None


def checks_for(graph: Graph, edge: Edge, protocols: ProtocolSet | None = None) -> list[CheckRef]:
    """The checks that look at this edge: protocol ids, plus matching items when loaded."""
    ids: list[str] = []
    ends = (edge.target, edge.source) if edge.kind in BOTH_ENDS else (edge.target,)
    for node_id in ends:
        pid = protocol_for(graph, node_id)
        if pid and pid not in ids:
            ids.append(pid)
    if edge.kind == EdgeKind.GOES_TO_VISITATION:
        ids.insert(0, CHILDREN_PROTOCOL)
    refs: list[CheckRef] = []
    for pid in ids:
        item = _item(protocols, pid, ITEM_SUFFIXES.get(edge.kind, ()), _hints(graph, edge))
        refs.append(CheckRef(pid, item))
    return refs


def _hints(graph: Graph, edge: Edge) -> tuple[str, ...]:
    """Words that pick the right item when several fit (e.g. "whatsapp" among messengers)."""
    words: list[str] = []
    for node_id in (edge.target, edge.source):
        item = graph.nodes[node_id].item
        if isinstance(item, Account):
            words.extend(item.service.value.split("_"))
            words.extend(SERVICE_ALIASES.get(item.service, ()))
    return tuple(words)


def _item(
    protocols: ProtocolSet | None,
    protocol_id: str,
    suffixes: tuple[str, ...],
    hints: tuple[str, ...],
) -> str | None:
    proto = protocols.get(protocol_id) if protocols else None
    if proto is None:
        return None
    fits = [i.id for s in suffixes for i in proto.items if i.id.endswith(s)]
    hinted = [i for i in fits if any(h in i.split("-") for h in hints)]
    best = hinted or fits
    return best[0] if best else None
