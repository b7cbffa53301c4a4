"""Access routes from people of concern to the client's devices and accounts (no Qt)."""

from clinic.technograph.checks import CheckRef
from clinic.technograph.graph import Edge, EdgeKind, Graph, Node, NodeKind, build_graph
from clinic.technograph.impact import ChangeKind, ImpactPreview, OptionRef, PlannedChange, preview
from clinic.technograph.layout import Layout, LayoutEdge, NodePos, layout
from clinic.technograph.routes import Route, RouteReport, find_routes, routes_in

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
