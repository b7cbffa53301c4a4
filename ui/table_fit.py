"""Column headers that are never cut ("asscode known b"): each section at least as wide
as its own title (QHeaderView.sectionSizeHint), whatever width it was given before, and
again after the model is reset."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QWidget

_SIZED = (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed)
_WATCHED = "fitHeaderWatched"


def fit_header(header: QHeaderView) -> None:
    """Widen every visible section narrower than its title (stretched ones stretch)."""
    if header.model() is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionResizeMode(section) not in _SIZED:
            continue
        need = header.sectionSizeHint(section)
        if header.sectionSize(section) < need:
            header.resizeSection(section, need)


def fit_headers(root: QWidget) -> None:
    """fit_header for every horizontal header below `root` (a stage page, a view), now and
    after each reset of its model."""
    for header in root.findChildren(QHeaderView):
        if header.orientation() != Qt.Orientation.Horizontal:
            continue
        fit_header(header)
        model = header.model()
        if model is not None and header.property(_WATCHED) is not True:
            header.setProperty(_WATCHED, True)
            model.modelReset.connect(lambda h=header: QTimer.singleShot(0, lambda: fit_header(h)))
