"""The GUI door of clinic.services.export: Save as PDF and Print each write ONE `exported` row.

The CLI door is tests/clinic/test_export_service.py; both count rows in the real vault.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.report.export import PrintMode
from clinic.services.lifecycle import read_audit
from clinic.storage import KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.stages.print_parts import printing
from ui.stages.print_stage import PrintStage


def _exported(path: Path, key: KeySettings) -> int:
    with Vault.open(path, PASSPHRASE, key) as vault:
        return sum(1 for e in read_audit(vault) if e.action == "exported")


def _page(qtbot: QtBot, make_window: WindowFactory, vault: Path, case: Case) -> PrintStage:
    window = make_window(vault)
    unlock(qtbot, window)
    window.open_case(case.id)
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, PrintStage)
    page.mode.setCurrentIndex(page.mode.findData(PrintMode.STANDARD.value))
    page.kind.setCurrentIndex(page.kind.findData("handoff"))
    return page


def test_save_as_pdf_writes_exactly_one_exported_row(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
    tmp_path: Path,
) -> None:
    page = _page(qtbot, make_window, demo_vault, demo_case)
    target = tmp_path / "handoff.pdf"
    prompts.set_next_answer(True)  # the "not encrypted" reminder
    prompts.set_next_answer(str(target))
    page.save_button.click()  # builds (no row), then saves (one row)
    qtbot.waitUntil(lambda: target.exists() and not page.context.session.tasks.busy, timeout=30_000)
    page.window().lock_now()
    assert _exported(demo_vault, fast_key) == 1


def test_print_writes_exactly_one_exported_row(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    printed = tmp_path / "printed.pdf"

    def fake_dialog(parent: object, count: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(printing, "choose_printer", fake_dialog)
    page = _page(qtbot, make_window, demo_vault, demo_case)
    page.print_button.click()
    qtbot.waitUntil(
        lambda: printed.exists() and not page.context.session.tasks.busy, timeout=30_000
    )
    qtbot.waitUntil(lambda: "printer" in page.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not page.context.session.tasks.busy, timeout=10_000)
    page.window().lock_now()
    assert _exported(demo_vault, fast_key) == 1
