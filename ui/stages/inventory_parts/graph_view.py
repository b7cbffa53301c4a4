"""The technograph drawn with QGraphicsView: people left, devices middle, accounts right.

Positions come from clinic.technograph.layout. Edges are coloured by group (legend below
the view); edges on a route from a person of concern are drawn thick, the rest faint.
Labels are elided to the box and shown in full as plain-text tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from clinic.i18n import N_, _
from clinic.technograph import EdgeKind, Layout, LayoutEdge, NodePos
from ui.stages.inventory_parts.form import plain_tooltip

NODE_W = 210.0
NODE_H = 38.0
K = EdgeKind
EDGE_GROUPS: tuple[tuple[str, str, frozenset[EdgeKind]], ...] = (
    (N_("Knows a passcode or password"), "#b8322c",
     frozenset({K.KNOWS_PASSCODE, K.KNOWS_PASSWORD, K.SHARED_DEVICE})),
    (N_("Can reset (recovery)"), "#b35c00",
     frozenset({K.RECOVERY_EMAIL, K.RECOVERY_PHONE, K.RECOVERY_EMAIL_ACCOUNT,
                K.RECOVERY_PHONE_DEVICE})),
    (N_("Owns, paid for or set up"), "#52606d",
     frozenset({K.OWNS_DEVICE, K.OWNS_ACCOUNT, K.PAID_FOR_DEVICE, K.PAID_FOR_ACCOUNT,
                K.SET_UP_DEVICE})),
    (N_("Family plan or sharing"), "#7b3fa0", frozenset({K.PLAN_ORGANIZER, K.PLAN_LINE,
                                                         K.SHARED_WITH})),
    (N_("Signed in or syncing"), "#2f6fb0", frozenset({K.ACCOUNT_ON_DEVICE,
                                                       K.SIGNED_IN_ON_DEVICE})),
    (N_("Can hold it or it goes on visits"), "#2e7d32",
     frozenset({K.PHYSICAL_ACCESS, K.GOES_TO_VISITATION})),
)  # fmt: skip
COLUMN_TITLES = (N_("People"), N_("Devices"), N_("Accounts"))


def edge_color(kind: EdgeKind) -> str:
    return next((color for _t, color, kinds in EDGE_GROUPS if kind in kinds), "#52606d")


class EdgeItem(QGraphicsPathItem):
    """One access edge; `on_route` and `selected_route` say how it is drawn."""

    def __init__(self, edge: LayoutEdge, path: QPainterPath, head: QGraphicsPolygonItem) -> None:
        super().__init__(path)
        self.edge = edge
        self.head = head
        self.highlighted = False
        self.restyle(edge.on_route, faded=False)

    def restyle(self, strong: bool, faded: bool) -> None:
        self.highlighted = strong
        color = QColor(edge_color(self.edge.kind))
        if not strong:
            color.setAlpha(40 if faded else 90)
        pen = QPen(color, 3.2 if strong else 1.2)
        self.setPen(pen)
        self.setZValue(2 if strong else 1)
        self.head.setBrush(QBrush(color))
        self.head.setPen(QPen(Qt.PenStyle.NoPen))
        self.head.setZValue(self.zValue())


class TechnographView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAccessibleName(_("Technograph: people, devices and accounts"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.node_items: dict[str, QGraphicsRectItem] = {}
        self.edge_items: list[EdgeItem] = []
        self._bounds = QRectF()
        self._user_zoomed = False

    def clear_graph(self) -> None:
        self.scene().clear()
        self.node_items.clear()
        self.edge_items.clear()

    def show_layout(self, lay: Layout) -> None:
        self.clear_graph()
        scene = self.scene()
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        titles = [_(t) for t in COLUMN_TITLES]
        for col, title in enumerate(titles):
            heading = scene.addSimpleText(title, _bold(font))
            heading.setPos(col * _gap(lay) + 8, -NODE_H)
        for node in lay.nodes:
            rect = scene.addRect(QRectF(node.x, node.y, NODE_W, NODE_H))
            fill, border, width = "#ffffff", "#9aa5b1", 1.0
            if node.is_poc:
                fill, border, width = "#fde8e6", "#b8322c", 2.5
            elif node.on_route:
                border, width = "#1f2933", 2.0
            rect.setBrush(QBrush(QColor(fill)))
            rect.setPen(QPen(QColor(border), width))
            rect.setZValue(3)
            rect.setToolTip(plain_tooltip(node.label))
            text = QGraphicsSimpleTextItem(
                metrics.elidedText(node.label, Qt.TextElideMode.ElideRight, NODE_W - 16), rect
            )
            text.setFont(_bold(font) if node.is_poc else font)
            text.setPos(node.x + 8, node.y + (NODE_H - metrics.height()) / 2)
            self.node_items[node.id] = rect
        places = {n.id: n for n in lay.nodes}
        middle = sorted(n.y for n in lay.nodes if n.column == 1)
        middle_x = next((n.x for n in lay.nodes if n.column == 1), None)
        for edge in lay.edges:
            a, b = places[edge.source], places[edge.target]
            if abs(a.column - b.column) == 2 and middle and middle_x is not None:
                lane = _lane(middle, (a.y + b.y) / 2 + NODE_H / 2)
                path, tip, direction = _curve_around(a, b, middle_x, lane)
            else:
                path, tip, direction = _curve(a.x, a.y, a.column, b.x, b.y, b.column)
            head = scene.addPolygon(_arrow(tip, direction))
            item = EdgeItem(edge, path, head)
            scene.addItem(item)
            self.edge_items.append(item)
        self._bounds = scene.itemsBoundingRect().adjusted(-12, -12, 12, 12)
        scene.setSceneRect(self._bounds)
        self._user_zoomed = False
        self.fit_width()

    def highlight_route(self, keys: set[tuple[str, str, str]] | None) -> None:
        """Draw one route strongly (its edge keys), or all route edges when None."""
        for item in self.edge_items:
            edge = item.edge
            if keys is None:
                item.restyle(edge.on_route, faded=False)
            else:
                item.restyle((edge.source, edge.target, edge.kind.value) in keys, faded=True)

    # -- zoom ------------------------------------------------------------------------
    def fit_all(self) -> None:
        self._user_zoomed = True
        if not self._bounds.isEmpty():
            self.fitInView(self._bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def fit_width(self) -> None:
        """Columns fill the width (never larger than life); scroll down for more rows."""
        if self._bounds.isEmpty():
            return
        scale = min(1.0, max(0.5, (self.viewport().width() - 8) / self._bounds.width()))
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(self._bounds.center().x(), self._bounds.top())

    def zoom(self, factor: float) -> None:
        self._user_zoomed = True
        self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit when the view gets its real size (e.g. the tab is first shown)."""
        super().resizeEvent(event)
        if not self._user_zoomed:
            self.fit_width()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            return
        super().wheelEvent(event)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _gap(lay: Layout) -> float:
    return lay.width / 2 if lay.width else 320.0


def _curve(
    ax: float, ay: float, acol: int, bx: float, by: float, bcol: int
) -> tuple[QPainterPath, QPointF, float]:
    """A curve between two boxes, leaving and entering on the facing sides."""
    ya, yb = ay + NODE_H / 2, by + NODE_H / 2
    if acol == bcol:  # same column: a loop on the right side
        start, end = QPointF(ax + NODE_W, ya), QPointF(bx + NODE_W, yb)
        path = QPainterPath(start)
        bulge = 60.0
        path.cubicTo(start + QPointF(bulge, 0), end + QPointF(bulge, 0), end)
        return path, end, -1.0
    forward = bcol > acol
    start = QPointF(ax + NODE_W if forward else ax, ya)
    end = QPointF(bx if forward else bx + NODE_W, yb)
    bend = (end.x() - start.x()) / 2
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + bend, ya), QPointF(end.x() - bend, yb), end)
    return path, end, 1.0 if forward else -1.0


def _lane(tops: list[float], want: float) -> float:
    """The y of the gap between boxes of the middle column nearest to `want`: an edge that
    skips that column passes between its boxes, never behind one."""
    gaps = [tops[0] - 10.0]
    gaps += [(top + NODE_H + nxt) / 2 for top, nxt in zip(tops, tops[1:], strict=False)]
    gaps.append(tops[-1] + NODE_H + 10.0)
    return min(gaps, key=lambda y: abs(y - want))


def _curve_around(
    a: NodePos, b: NodePos, middle_x: float, lane: float
) -> tuple[QPainterPath, QPointF, float]:
    """From the people column to the accounts column (or back) through a gap between the
    device boxes."""
    forward = b.column > a.column
    ya, yb = a.y + NODE_H / 2, b.y + NODE_H / 2
    start = QPointF(a.x + NODE_W if forward else a.x, ya)
    end = QPointF(b.x if forward else b.x + NODE_W, yb)
    enter = QPointF(middle_x - 6 if forward else middle_x + NODE_W + 6, lane)
    leave = QPointF(middle_x + NODE_W + 6 if forward else middle_x - 6, lane)
    path = QPainterPath(start)
    bend = (enter.x() - start.x()) / 2
    path.cubicTo(QPointF(start.x() + bend, ya), QPointF(enter.x() - bend, lane), enter)
    path.lineTo(leave)
    bend = (end.x() - leave.x()) / 2
    path.cubicTo(QPointF(leave.x() + bend, lane), QPointF(end.x() - bend, yb), end)
    return path, end, 1.0 if forward else -1.0


def _arrow(tip: QPointF, direction: float) -> QPolygonF:
    back = -9.0 * direction
    return QPolygonF([tip, tip + QPointF(back, -4.5), tip + QPointF(back, 4.5)])
