"""Qt's own print dialog follows the interface language; notes that print are marked so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic import i18n
from ui.stages.advise_parts.plan_form import PlanForm
from ui.stages.print_parts import printing


def test_print_dialog_words_follow_the_interface_language(qapp: QApplication) -> None:
    def cancel() -> str:
        return QCoreApplication.translate("QPrintDialog", "Print")

    try:
        assert printing.install_qt_translator("es")
        assert cancel() != "Print"  # Qt's Spanish catalogue answers
        assert not printing.install_qt_translator("en")
        assert cancel() == "Print"
    finally:
        printing.install_qt_translator("en")


def test_plan_note_says_it_prints_on_the_summary(qtbot: QtBot) -> None:
    i18n.set_language("es")
    try:
        form = PlanForm()
        qtbot.addWidget(form)
        assert form.note_prints.text() == i18n._("Prints on the survivor's summary.")
        assert form.note_prints.text() != "Prints on the survivor's summary."
    finally:
        i18n.set_language("en")
