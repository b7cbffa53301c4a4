"""Plain-language sentences for access edges and routes, in the case's language.

Fixed strings are English msgids (marked with N_ for extraction); labels are inserted
after translation. Sentences are short and say what a route can expose, never that
anything is safe.
"""

from __future__ import annotations

from clinic.i18n import N_, translation
from clinic.model import Account
from clinic.model.vocab import Service
from clinic.technograph.graph import Edge, EdgeKind, Graph

SENTENCES: dict[EdgeKind, str] = {
    EdgeKind.KNOWS_PASSCODE: N_("{a} knows the passcode of {b}."),
    EdgeKind.PHYSICAL_ACCESS: N_("{a} can get hold of {b}."),
    EdgeKind.PAID_FOR_DEVICE: N_(
        "{a} paid for {b}, so {a} may hold its purchase records and accounts."
    ),
    EdgeKind.SET_UP_DEVICE: N_(
        "{a} set up {b}, so {a} may have chosen its passcode, accounts and apps."
    ),
    EdgeKind.OWNS_DEVICE: N_("{a} owns or uses {b}."),
    EdgeKind.SHARED_DEVICE: N_("{a} shares the computer {b} and can open it."),
    EdgeKind.GOES_TO_VISITATION: N_("{b} goes with the child on visits with {a}."),
    EdgeKind.KNOWS_PASSWORD: N_("{a} knows the password of {b}."),
    EdgeKind.RECOVERY_EMAIL: N_(
        "{a} controls the recovery email of {b}, so {a} can reset its password."
    ),
    EdgeKind.RECOVERY_PHONE: N_(
        "{a} controls the recovery phone of {b}, so {a} can reset its password."
    ),
    EdgeKind.PLAN_ORGANIZER: N_(
        "{a} organises the family plan {b}, so {a} may see its records and locations."
    ),
    EdgeKind.PAID_FOR_ACCOUNT: N_("{a} pays for {b}, so {a} may see its records."),
    EdgeKind.OWNS_ACCOUNT: N_("{a} owns {b}."),
    EdgeKind.SHARED_WITH: N_("{b} is shared with {a}."),
    EdgeKind.PLAN_LINE: N_(
        "{a} includes the line of {b}, so the plan holder can see its call and text records"
        " and may be able to locate it."
    ),
    EdgeKind.SIGNED_IN_ON_DEVICE: N_("{a} is signed in to {b}, so whoever opens {a} can use {b}."),
    EdgeKind.RECOVERY_EMAIL_ACCOUNT: N_(
        "{a} may be the recovery email of {b}, so whoever reads {a} can reset {b}."
    ),
    EdgeKind.RECOVERY_PHONE_DEVICE: N_(
        "{a} may receive the reset codes for {b}, so whoever opens {a} can reset {b}."
    ),
}

# What an account signed in on a device exposes, by service.
EXPOSURE: dict[Service, str] = {
    Service.APPLE_ID: N_("location, photos, messages and backups"),
    Service.GOOGLE: N_("location, photos, email and backups"),
    Service.MICROSOFT: N_("files, email and the device's location"),
    Service.SAMSUNG: N_("location, backups and the device finder"),
    Service.CLOUD_STORAGE: N_("files and photos"),
}
ACCOUNT_ON_DEVICE = N_("{a} is signed in on {b}, so what {b} syncs is exposed: {what}.")
DEFAULT_EXPOSURE = N_("what it syncs")
ROUTE_JOIN = " "


def edge_sentence(graph: Graph, edge: Edge, lang: str = "en") -> str:
    """One sentence for one edge, with the node labels filled in."""
    tr = translation(lang).gettext
    a, b = graph.label(edge.source), graph.label(edge.target)
    if edge.kind == EdgeKind.ACCOUNT_ON_DEVICE:
        item = graph.nodes[edge.source].item
        service = item.service if isinstance(item, Account) else Service.OTHER
        what = tr(EXPOSURE.get(service, DEFAULT_EXPOSURE))
        return tr(ACCOUNT_ON_DEVICE).format(a=a, b=b, what=what)
    return tr(SENTENCES[edge.kind]).format(a=a, b=b)


def chain_sentence(graph: Graph, edges: tuple[Edge, ...], lang: str = "en") -> str:
    """A route told step by step, one sentence per edge."""
    return ROUTE_JOIN.join(edge_sentence(graph, edge, lang) for edge in edges)


def chain_labels(graph: Graph, edges: tuple[Edge, ...]) -> list[str]:
    """The labels along a route, from the person to the device or account reached."""
    if not edges:
        return []
    return [graph.label(edges[0].source), *(graph.label(e.target) for e in edges)]
