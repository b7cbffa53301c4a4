"""Three-column layout of the technograph (people, devices, accounts) as plain data for the GUI.

Rows are ordered by the barycentre heuristic: each node moves towards the mean row of its
neighbours in the other columns, sweeping a few times, and the order with the fewest
edge crossings wins. No Qt here: positions are numbers, edges are ids and kinds.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass

from clinic.technograph.graph import EdgeKind, Graph, NodeKind
from clinic.technograph.routes import RouteReport

COLUMNS: tuple[NodeKind, ...] = (NodeKind.PERSON, NodeKind.DEVICE, NodeKind.ACCOUNT)
SWEEPS = 8


@dataclass(frozen=True, slots=True)
class NodePos:
    id: str
    kind: NodeKind
    label: str
    column: int
    row: int
    x: float
    y: float
    is_poc: bool
    on_route: bool


@dataclass(frozen=True, slots=True)
class LayoutEdge:
    source: str
    target: str
    kind: EdgeKind
    on_route: bool


@dataclass(frozen=True, slots=True)
class Layout:
    nodes: list[NodePos]
    edges: list[LayoutEdge]
    width: float
    height: float
    crossings: int


def layout(report: RouteReport, column_gap: float = 320.0, row_gap: float = 56.0) -> Layout:
    """Place every node in its column, ordered to reduce crossings; mark route edges."""
    graph = report.graph
    columns = [[n for n, node in graph.nodes.items() if node.kind == kind] for kind in COLUMNS]
    neighbours = _neighbours(graph)
    best = [list(c) for c in columns]
    best_cross = _crossings(graph, best)
    for sweep in range(SWEEPS):
        order = (1, 2, 0) if sweep % 2 == 0 else (1, 0, 2)
        for col in order:
            columns[col] = _by_barycentre(columns[col], neighbours, _rows(columns))
        cross = _crossings(graph, columns)
        if cross < best_cross:
            best, best_cross = [list(c) for c in columns], cross
    route_edges = {e for r in report.routes for e in r.edges}
    route_nodes = {n for r in report.routes for n in r.node_ids}
    tallest = max((len(c) for c in best), default=0)
    pocs = set(graph.pocs)
    nodes: list[NodePos] = []
    for col, ids in enumerate(best):
        offset = (tallest - len(ids)) * row_gap / 2
        for row, node_id in enumerate(ids):
            node = graph.nodes[node_id]
            nodes.append(
                NodePos(
                    node_id,
                    node.kind,
                    node.label,
                    col,
                    row,
                    col * column_gap,
                    offset + row * row_gap,
                    node_id in pocs,
                    node_id in route_nodes,
                )
            )
    edges = [LayoutEdge(e.source, e.target, e.kind, e in route_edges) for e in graph.edges]
    return Layout(nodes, edges, (len(COLUMNS) - 1) * column_gap, tallest * row_gap, best_cross)


def _neighbours(graph: Graph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for e in graph.edges:
        if graph.nodes[e.source].kind != graph.nodes[e.target].kind:
            out[e.source].add(e.target)
            out[e.target].add(e.source)
    return out


def _rows(columns: list[list[str]]) -> dict[str, int]:
    return {node: row for col in columns for row, node in enumerate(col)}


def _by_barycentre(
    ids: list[str], neighbours: dict[str, set[str]], rows: dict[str, int]
) -> list[str]:
    def key(item: tuple[int, str]) -> tuple[float, int]:
        pos, node = item
        near = [rows[n] for n in neighbours[node] if n in rows]
        return (sum(near) / len(near) if near else float(pos), pos)

    return [node for _, node in sorted(enumerate(ids), key=key)]


def _crossings(graph: Graph, columns: list[list[str]]) -> int:
    """Edge crossings between each pair of columns (inversions of the end rows)."""
    rows = _rows(columns)
    col_of = {node: c for c, ids in enumerate(columns) for node in ids}
    by_pair: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for e in graph.edges:
        a, b = col_of[e.source], col_of[e.target]
        if a == b:
            continue
        ends = (rows[e.source], rows[e.target]) if a < b else (rows[e.target], rows[e.source])
        by_pair.setdefault((min(a, b), max(a, b)), []).append(ends)
    total = 0
    for pairs in by_pair.values():
        pairs.sort()
        seen: list[int] = []
        for _, right in pairs:
            total += len(seen) - bisect_right(seen, right)
            insort(seen, right)
    return total
