"""Access routes: every way a person of concern can reach the client's devices and accounts.

A route ends with one access edge into a device or account. For each such last edge the
route is the shortest chain from the person to the edge's start that does not pass
through the end itself, so cycles (an account signed in on a device that is signed in to
it) never loop and the number of routes stays proportional to the number of edges.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.technograph.checks import CheckRef, checks_for
from clinic.technograph.explain import chain_labels, chain_sentence
from clinic.technograph.graph import Edge, Graph, NodeKind, build_graph


@dataclass(frozen=True, slots=True)
class Route:
    """A chain of access edges from one person of concern to one device or account."""

    person_id: str
    target_id: str
    edges: tuple[Edge, ...]
    checks: tuple[CheckRef, ...] = ()

    @property
    def direct(self) -> bool:
        return len(self.edges) == 1

    @property
    def key(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(e.key for e in self.edges)

    @property
    def node_ids(self) -> list[str]:
        return [self.person_id, *(e.target for e in self.edges)]


@dataclass
class RouteReport:
    """All routes of a case, plus what the analysis could not use."""

    graph: Graph
    routes: list[Route] = field(default_factory=list)
    people_without_routes: list[str] = field(default_factory=list)

    def for_person(self, person_id: str) -> list[Route]:
        return [r for r in self.routes if r.person_id == person_id]

    def for_target(self, target_id: str) -> list[Route]:
        return [r for r in self.routes if r.target_id == target_id]

    def reached(self, person_id: str) -> set[str]:
        return {r.target_id for r in self.routes if r.person_id == person_id}

    def explain(self, route: Route, lang: str = "en") -> str:
        return chain_sentence(self.graph, route.edges, lang)

    def chain(self, route: Route) -> list[str]:
        return chain_labels(self.graph, route.edges)

    def line(self, route: Route, lang: str = "en") -> str:
        """One route on one line: chain, kind, explanation, checks (tab-separated)."""
        kind = "direct" if route.direct else "indirect"
        checks = ", ".join(str(c) for c in route.checks) or "-"
        chain = " -> ".join(self.chain(route))
        return "\t".join([chain, kind, self.explain(route, lang), checks]).replace("\n", " ")


def find_routes(case: Case, protocols: ProtocolSet | None = None) -> RouteReport:
    """Routes from each person of concern to each of the client's devices and accounts."""
    return routes_in(build_graph(case), protocols)


def routes_in(graph: Graph, protocols: ProtocolSet | None = None) -> RouteReport:
    report = RouteReport(graph)
    order = {node_id: n for n, node_id in enumerate(graph.nodes)}
    check_cache: dict[Edge, list[CheckRef]] = {}
    for poc in graph.pocs:
        found = _routes_from(graph, poc)
        if not found:
            report.people_without_routes.append(poc)
        found.sort(key=lambda r: (order[r.target_id], len(r.edges), [e.kind for e in r.edges]))
        for route in found:
            refs: list[CheckRef] = []
            for edge in route.edges:
                if edge not in check_cache:
                    check_cache[edge] = checks_for(graph, edge, protocols)
                refs.extend(c for c in check_cache[edge] if c not in refs)
            report.routes.append(Route(route.person_id, route.target_id, route.edges, tuple(refs)))
    return report


def _routes_from(graph: Graph, poc: str) -> list[Route]:
    prev = _bfs(graph, poc, banned=None)
    routes: list[Route] = []
    for target in graph.nodes:
        if target not in graph.targets or graph.nodes[target].kind == NodeKind.PERSON:
            continue
        detour: dict[str, Edge] | None = None
        for edge in graph.in_edges.get(target, []):
            if edge.source == poc:
                routes.append(Route(poc, target, (edge,)))
                continue
            if edge.source not in prev:
                continue
            prefix = _path(prev, edge.source)
            if any(e.source == target for e in prefix):
                if detour is None:
                    detour = _bfs(graph, poc, banned=target)
                if edge.source not in detour:
                    continue
                prefix = _path(detour, edge.source)
            routes.append(Route(poc, target, (*prefix, edge)))
    return routes


def _bfs(graph: Graph, start: str, banned: str | None) -> dict[str, Edge]:
    """Breadth-first from one person: the edge each reached node was first reached by."""
    prev: dict[str, Edge] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for edge in graph.out_edges.get(node, []):
            nxt = edge.target
            if nxt in seen or nxt == banned or graph.nodes[nxt].kind == NodeKind.PERSON:
                continue
            seen.add(nxt)
            prev[nxt] = edge
            queue.append(nxt)
    return prev


def _path(prev: dict[str, Edge], node: str) -> tuple[Edge, ...]:
    out: list[Edge] = []
    while node in prev:
        edge = prev[node]
        out.append(edge)
        node = edge.source
    out.reverse()
    return tuple(out)
