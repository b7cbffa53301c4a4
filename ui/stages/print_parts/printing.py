"""Printing a rendered PDF: pages painted onto a QPrinter, never a file left behind.

`choose_printer` is the seam: it shows the system print dialog and returns the configured
printer, or None when cancelled. Tests replace it with a printer writing to their tmp_path.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QRect, Qt, QTranslator
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from clinic.i18n import _, current_language
from ui.stages.print_parts.pages import PdfPages

PRINT_DPI = 150


_QT_TRANSLATORS: dict[str, QTranslator] = {}


def install_qt_translator(lang: str | None = None) -> bool:
    """Qt's own words (the print dialog's buttons and fields) in the interface language.

    Loads Qt's bundled "qtbase" catalogue once per language and keeps only the current one
    installed; English needs none. True when a catalogue is installed.
    """
    lang = lang or current_language()
    app = QCoreApplication.instance()
    if app is None:
        return False
    for other, translator in list(_QT_TRANSLATORS.items()):
        if other != lang:
            app.removeTranslator(translator)
            del _QT_TRANSLATORS[other]
    if lang == "en" or lang in _QT_TRANSLATORS:
        return lang in _QT_TRANSLATORS
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder):
        return False
    app.installTranslator(translator)
    _QT_TRANSLATORS[lang] = translator
    return True


def choose_printer(parent: QWidget | None, page_count: int) -> QPrinter | None:
    """The system print dialog (in the interface language); the printer, or None."""
    install_qt_translator()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFromTo(1, max(1, page_count))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def paint_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Paint every page (or the chosen range) onto `printer`; the number of pages sent."""
    count = pages.page_count()
    first, last = printer.fromPage(), printer.toPage()
    if first < 1 or last < first:
        first, last = 1, count
    indexes = range(first - 1, min(last, count))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    sent = 0
    try:
        for index in indexes:
            if sent:
                printer.newPage()
            area = painter.viewport()
            width = round(area.width() * PRINT_DPI / max(1, printer.resolution()))
            image = pages.render(index, max(1, width))
            if image.isNull():
                continue
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
            sent += 1
    finally:
        painter.end()
    return sent
