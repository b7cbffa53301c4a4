"""Small form helpers for the session stages: choice boxes, guarded assignment, an error line."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QEvent, QObject, QSignalBlocker
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QWidget

from clinic.i18n import _
from ui.widgets import SafeLabel

Choices = Sequence[tuple[str, str]]
UNSAVED_PROPERTY = "marksUnsaved"
"""Set on an error label whose being shown means the text above it was not stored."""


def yes_no_unsure() -> Choices:
    return (
        ("not_asked", _("Not asked yet")),
        ("yes", _("Yes")),
        ("no", _("No")),
        ("unsure", _("Unsure")),
    )


def yes_no_unknown() -> Choices:
    return (("unknown", _("Not known")), ("yes", _("Yes")), ("no", _("No")))


def choice_box(choices: Choices, accessible_name: str, parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for value, label in choices:
        box.addItem(label, value)
    box.setAccessibleName(accessible_name)
    return box


def set_choice(box: QComboBox, value: str) -> None:
    """Show `value` without emitting a change."""
    with QSignalBlocker(box):
        box.setCurrentIndex(max(box.findData(value), 0))


def assign(target: BaseModel, field: str, value: object, error: QLabel | None = None) -> bool:
    """Set one validated field; on refusal show a plain message (never the input)."""
    try:
        setattr(target, field, value)
    except ValidationError:
        if error is not None:
            error.setText(_("This text holds a character that cannot be stored."))
            error.show()
        return False
    if error is not None:
        error.hide()
    return True


def error_line(parent: QWidget) -> SafeLabel:
    """A red line under a field; while shown, the edit above it was NOT stored (the
    workspace watches these: the status bar never says saved then)."""
    label = SafeLabel("", parent)
    label.setObjectName("errorText")
    label.setProperty(UNSAVED_PROPERTY, True)
    label.hide()
    return label


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("panelTitle")
    label.setWordWrap(True)
    return label


class FitScrollArea(QScrollArea):
    """A scroll area whose content always gets the height its wrapped labels need at the
    current width (QScrollArea alone ignores height-for-width, so a long form was squeezed
    and its last rows cut)."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def _fit(self) -> None:
        inner = self.widget()
        layout = inner.layout() if inner is not None else None
        if inner is None or layout is None or not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(self.viewport().width())
        if need > 0 and need != inner.minimumHeight():
            inner.setMinimumHeight(need)


def scrolled(inner: QWidget, parent: QWidget) -> QScrollArea:
    """Wrap a form so it fits the stage area at 1366x768."""
    area = FitScrollArea(parent)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
