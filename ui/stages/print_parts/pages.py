"""PDF pages as images, from bytes held in memory: never a file on disk.

QtPdf (QPdfDocument over a QBuffer) is used when this PySide6 build ships it; otherwise
poppler's `pdftoppm` reads the bytes on its stdin and writes one PNG to its stdout. When
neither is present, `open_pages` returns None and the stage says the preview is not
available (saving and the page count in the PDF itself are unaffected).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage

TIMEOUT_S = 30


class PdfPages(Protocol):
    """A rendered document: how many pages, and one page as an image of a given width."""

    def page_count(self) -> int: ...

    def render(self, index: int, width: int) -> QImage: ...


class QtPdfPages:
    """QPdfDocument loaded from a QBuffer over the bytes."""

    def __init__(self, data: bytes) -> None:
        from PySide6.QtPdf import QPdfDocument  # type: ignore[import-not-found,unused-ignore]

        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._doc = QPdfDocument()
        self._doc.load(self._buffer)

    def page_count(self) -> int:
        return int(self._doc.pageCount())

    def render(self, index: int, width: int) -> QImage:
        size = self._doc.pagePointSize(index)
        height = round(width * size.height() / size.width()) if size.width() > 0 else width
        image: QImage = self._doc.render(index, QSize(width, height))
        return image


class PopplerPages:
    """pdftoppm over pipes: the PDF goes in on stdin, a PNG comes out on stdout."""

    def __init__(self, data: bytes, tool: str) -> None:
        self._data = data
        self._tool = tool
        info = shutil.which("pdfinfo")
        self._count = self._count_pages(info) if info else self._count_by_rendering()

    def _count_pages(self, info: str) -> int:
        out = subprocess.run(
            [info, "-"], input=self._data, capture_output=True, timeout=TIMEOUT_S, check=False
        ).stdout.decode("ascii", "replace")
        match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
        return int(match.group(1)) if match else 0

    def _count_by_rendering(self) -> int:
        count = 0
        while not self.render(count, 8).isNull():
            count += 1
        return count

    def page_count(self) -> int:
        return self._count

    def render(self, index: int, width: int) -> QImage:
        page = str(index + 1)
        args = [self._tool, "-png", "-f", page, "-l", page, "-singlefile"]
        args += ["-scale-to-x", str(width), "-scale-to-y", "-1", "-"]
        done = subprocess.run(
            args, input=self._data, capture_output=True, timeout=TIMEOUT_S, check=False
        )
        image = QImage()
        if done.returncode == 0:
            image.loadFromData(done.stdout)  # PNG, detected from its header
        return image


def qtpdf_available() -> bool:
    try:
        import PySide6.QtPdf  # noqa: F401
    except ImportError:
        return False
    return True


def open_pages(data: bytes) -> PdfPages | None:
    """The best renderer this computer has for `data`, or None."""
    if qtpdf_available():
        return QtPdfPages(data)
    tool = shutil.which("pdftoppm")
    return PopplerPages(data, tool) if tool else None
