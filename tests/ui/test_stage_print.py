"""Print stage: export in both languages in the background, preview, save 0600, print, refusal."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pypdf
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
from ui.main_window import MainWindow
from ui.stages.print_parts import printing
from ui.stages.print_stage import PrintStage


def _print_page(qtbot: QtBot, window: MainWindow, case: Case) -> PrintStage:
    unlock(qtbot, window)
    window.open_case(case.id)
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, PrintStage)
    return page


def _choose(page: PrintStage, kind: str, lang: str, mode: PrintMode) -> None:
    page.mode.setCurrentIndex(page.mode.findData(mode.value))
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.lang.setCurrentIndex(page.lang.findData(lang))


def _build(qtbot: QtBot, page: PrintStage) -> None:
    qtbot.keyClick(page.preview_button, Qt.Key.Key_Space)
    # the click returns at once: the export runs in the background
    assert page._built is None
    assert not page.preview_button.isEnabled()
    qtbot.waitUntil(lambda: page.preview_button.isEnabled(), timeout=30_000)


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_suggested_mode_and_both_languages_preview(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    page = _print_page(qtbot, window, demo_case)
    # Maple's check-in says a summary is not safe to take home: advocate only is suggested.
    assert page.print_mode == PrintMode.ADVOCATE_ONLY
    assert not page.kind.isEnabled()
    assert page.kind.currentData() == "handoff"
    assert page.lang.currentData() == demo_case.language.value
    for lang, title in (("en", "Device notes"), ("es", "Notas del dispositivo")):
        _choose(page, "survivor", lang, PrintMode.DISCREET)
        _build(qtbot, page)
        assert page._built is not None
        assert page.preview.page_count == len(
            pypdf.PdfReader(io.BytesIO(page._built.result.data)).pages
        )
        assert page.preview.page_count >= 1
        assert title in _text(page._built.result.data)
        # unconfirmed referrals are shown to the volunteer
        assert page.warnings.isVisibleTo(page)
        assert "confirmed" in page.warnings.text()


def test_save_writes_0600_and_records_exported(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
    tmp_path: Path,
) -> None:
    window = make_window(demo_vault)
    page = _print_page(qtbot, window, demo_case)
    _choose(page, "handoff", "es", PrintMode.STANDARD)
    out = tmp_path / "out" / "informe"
    out.parent.mkdir()
    prompts.set_next_answer(True)  # the "not encrypted" reminder
    prompts.set_next_answer(str(out))
    page.save_button.click()  # builds first, then saves
    target = out.with_name("informe.pdf")
    qtbot.waitUntil(lambda: target.exists() and not page.context.session.tasks.busy, timeout=30_000)
    assert prompts.pending_answers() == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["informe.pdf"]
    data = target.read_bytes()
    assert data == page._built.result.data
    assert demo_case.pseudonym in _text(data)
    assert "not encrypted" in page.status.text()
    window.lock_now()
    with Vault.open(demo_vault, PASSPHRASE, fast_key) as vault:
        actions = [e.action for e in read_audit(vault)]
    assert "exported" in actions
    assert "unlocked" in actions


def test_discreet_refusal_names_the_field_and_word(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = make_window(demo_vault)
    page = _print_page(qtbot, window, demo_case)
    case = window.session.case
    assert case is not None
    # What was found never stops a discreet copy: the finding is left out.
    case.findings[0] = case.findings[0].model_copy(update={"title": "Possible stalkerware app"})
    case.plan_items[0] = case.plan_items[0].model_copy(update={"note": "He tracks her."})
    _choose(page, "survivor", "en", PrintMode.DISCREET)
    _build(qtbot, page)
    assert page._built is None
    assert page.refusal.isVisibleTo(page)
    text = page.refusal.text()
    assert "stalkerware" not in text
    assert '"tracks"' in text
    assert "Advise > Note about this option" in text
    assert page.preview.page_count == 0


def test_print_paints_pages_without_a_file_left(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    printed = tmp_path / "printer" / "printed.pdf"
    printed.parent.mkdir()

    def fake_dialog(parent: object, count: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(printing, "choose_printer", fake_dialog)
    window = make_window(demo_vault)
    page = _print_page(qtbot, window, demo_case)
    _choose(page, "handoff", "en", PrintMode.STANDARD)
    _build(qtbot, page)
    expected = page.preview.page_count
    before = set(tmp_path.rglob("*"))
    page.print_button.click()
    qtbot.waitUntil(lambda: not page.context.session.tasks.busy, timeout=10_000)
    assert "printer" in page.status.text()
    assert len(pypdf.PdfReader(printed).pages) == expected
    assert set(tmp_path.rglob("*")) - before == {printed}  # only the printer's own output
