"""Access routes from people of concern to the client's devices and accounts (no Qt).

Names are loaded on first use (PEP 562): the CLI registers this package's commands
without importing the models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clinic.technograph.checks import CheckRef
    from clinic.technograph.graph import Edge, EdgeKind, Graph, Node, NodeKind, build_graph
    from clinic.technograph.impact import (
        ChangeKind,
        ImpactPreview,
        OptionRef,
        PlannedChange,
        preview,
    )
    from clinic.technograph.layout import Layout, LayoutEdge, NodePos, layout
    from clinic.technograph.routes import Route, RouteReport, find_routes, routes_in

_WHERE = {
    "checks": ("CheckRef",),
    "graph": ("Edge", "EdgeKind", "Graph", "Node", "NodeKind", "build_graph"),
    "impact": ("ChangeKind", "ImpactPreview", "OptionRef", "PlannedChange", "preview"),
    "layout": ("Layout", "LayoutEdge", "NodePos", "layout"),
    "routes": ("Route", "RouteReport", "find_routes", "routes_in"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "ChangeKind",
    "CheckRef",
    "Edge",
    "EdgeKind",
    "Graph",
    "ImpactPreview",
    "Layout",
    "LayoutEdge",
    "Node",
    "NodeKind",
    "NodePos",
    "OptionRef",
    "PlannedChange",
    "Route",
    "RouteReport",
    "build_graph",
    "find_routes",
    "layout",
    "preview",
    "routes_in",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
