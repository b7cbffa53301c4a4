"""A simple drawing of the technograph for the handoff report: who can reach what.

Three columns (people, devices, accounts) with a line for every access edge; lines from
the person of concern are red. Labels are drawn as plain strings (no markup), cleaned and
shortened. Cases too large for one page get no drawing (the inventory lists everything).
"""

from __future__ import annotations

from typing import Any

from clinic.i18n import N_
from clinic.model import Case
from clinic.report import fonts
from clinic.report.text import clean
from clinic.report.view import Context
from clinic.technograph.graph import NodeKind, build_graph

MAX_ROWS = 24
ROW = 24.0
WIDTH = 468.0
BOX_W, BOX_H = 132.0, 18.0
LABEL_MAX = 24


def drawing(case: Case, ctx: Context) -> Any | None:
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor

    graph = build_graph(case)
    columns: dict[NodeKind, list[str]] = {k: [] for k in NodeKind}
    for node in graph.nodes.values():
        columns[node.kind].append(node.id)
    rows = max((len(ids) for ids in columns.values()), default=0)
    if rows == 0 or rows > MAX_ROWS or not graph.edges:
        return None
    covered = fonts.register()
    height = rows * ROW + 52
    d = Drawing(WIDTH, height)
    xs = {
        NodeKind.PERSON: 0.0,
        NodeKind.DEVICE: (WIDTH - BOX_W) / 2,
        NodeKind.ACCOUNT: WIDTH - BOX_W,
    }
    pos: dict[str, tuple[float, float]] = {}
    for kind, ids in columns.items():
        for n, node_id in enumerate(ids):
            pos[node_id] = (xs[kind], height - 34 - n * ROW)
    pocs = set(graph.pocs)
    for edge in graph.edges:
        (x1, y1), (x2, y2) = pos[edge.source], pos[edge.target]
        left, right = (x1, x2) if x1 <= x2 else (x2, x1)
        ya, yb = (y1, y2) if x1 <= x2 else (y2, y1)
        color = HexColor("#b03a2e") if edge.source in pocs else HexColor("#9aa5b1")
        d.add(Line(left + BOX_W, ya + BOX_H / 2, right, yb + BOX_H / 2, strokeColor=color))
    headings = (
        (N_("People"), NodeKind.PERSON),
        (N_("Devices"), NodeKind.DEVICE),
        (N_("Accounts"), NodeKind.ACCOUNT),
    )
    for title, kind in headings:
        d.add(String(xs[kind], height - 12, ctx._(title), fontName=fonts.BOLD, fontSize=10))
    for node_id, (x, y) in pos.items():
        fill = HexColor("#f6dcd9") if node_id in pocs else HexColor("#eef2f6")
        d.add(Rect(x, y, BOX_W, BOX_H, rx=4, ry=4, fillColor=fill, strokeColor=HexColor("#5b6b7b")))
        label, _ = clean(_label(ctx, node_id), covered)
        label = label.replace("\n", " ")
        if len(label) > LABEL_MAX:
            label = label[: LABEL_MAX - 1] + "\u2026"
        d.add(String(x + 5, y + 5, label, fontName=fonts.REGULAR, fontSize=8))
    legend = ctx._("Red lines: access the other person has.")
    d.add(String(0, 2, legend, fontName=fonts.REGULAR, fontSize=9, fillColor=HexColor("#b03a2e")))
    return d


def _label(ctx: Context, node_id: str) -> str:
    if ctx.case.person(node_id) is not None:
        return ctx.person(node_id)
    return ctx.target_name(node_id) or ""
