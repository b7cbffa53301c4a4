"""The page preview: rendered pages stacked in a scroll area, with a page count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from clinic.i18n import _, ngettext
from ui.stages.print_parts.pages import open_pages

PREVIEW_WIDTH = 460


def render_preview(data: bytes, width: int = PREVIEW_WIDTH) -> list[QImage] | None:
    """Every page as an image (background thread: QImage only), or None without a renderer."""
    pages = open_pages(data)
    if pages is None:
        return None
    return [pages.render(i, width) for i in range(pages.page_count())]


class PagePreview(QScrollArea):
    """Shows the pages of the last document built; `clear()` drops them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Preview of the pages"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._inner = QWidget(self)
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self._labels: list[QLabel] = []

    @property
    def page_count(self) -> int:
        return len(self._labels)

    def show_pages(self, images: list[QImage] | None) -> None:
        self.clear()
        if images is None:
            self._add_text(_("A preview is not available on this computer. Print and Save work."))
            return
        for number, image in enumerate(images, start=1):
            label = QLabel(self._inner)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(
                _("Page {number} of {count}").format(number=number, count=len(images))
            )
            label.setFrameShape(QFrame.Shape.Box)
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._labels.append(label)

    def _add_text(self, text: str) -> None:
        label = QLabel(text, self._inner)
        label.setWordWrap(True)
        label.setObjectName("muted")
        self._layout.addWidget(label)  # full width: only the pages are centred

    def show_message(self, text: str) -> None:
        self.clear()
        self._add_text(text)

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # out of sight now; deleted when the event loop is back
                widget.deleteLater()
        self._labels = []

    def summary(self) -> str:
        count = self.page_count
        return ngettext("{count} page", "{count} pages", count).format(count=count)
