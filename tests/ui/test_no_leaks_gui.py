"""No leaks through the GUI (T29-T31, T35): a canary in every field of a case, a whole
workflow (unlock, every stage, preview, save as PDF, lock), then a scan of everything the
app could leave behind: temp and config folders, settings, the log ring, window titles,
PDF metadata and file names.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.report.export import PrintMode
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.factories import with_marker_everywhere
from tests.ui.conftest import WindowFactory, unlock
from ui import prompts
from ui.security.log_window import log_ring
from ui.stages.base import STAGES
from ui.stages.print_stage import PrintStage

MARKER = "ZQXLEAK"


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _hits(data: bytes) -> bool:
    return MARKER.encode() in data or MARKER.encode("utf-16-le") in data


def test_a_whole_gui_workflow_leaves_the_canary_nowhere(
    qtbot: QtBot,
    make_window: WindowFactory,
    tmp_path: Path,
    fast_key: KeySettings,
    demo_case: Case,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty_tmp = tmp_path / "tmpdir"
    empty_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(empty_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(empty_tmp))
    case, fields = with_marker_everywhere(demo_case, MARKER)
    assert fields > 60
    vault_path = tmp_path / "leak.vault"
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        CaseRepository(vault).add(case)

    window = make_window(vault_path)
    unlock(qtbot, window)
    window.open_case(case.id)
    titles = {window.windowTitle()}
    for n in range(len(STAGES)):
        qtbot.keyClick(
            window.workspace.nav, Qt.Key(Qt.Key.Key_1 + n), Qt.KeyboardModifier.AltModifier
        )
        titles.add(window.windowTitle())
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, PrintStage)
    page.mode.setCurrentIndex(page.mode.findData(PrintMode.STANDARD.value))
    page.kind.setCurrentIndex(page.kind.findData("handoff"))
    out = tmp_path / "out" / "report"
    out.parent.mkdir()
    prompts.set_next_answer(True)  # the "not encrypted" reminder
    prompts.set_next_answer(str(out))
    page.save_button.click()
    saved = out.with_name("report.pdf")
    qtbot.waitUntil(lambda: saved.exists() and not page.context.session.tasks.busy, timeout=30_000)
    logging.getLogger("ui.test").warning("saved a report for %s", case.pseudonym)
    window.lock_now()
    titles.add(window.windowTitle())
    window.close()  # saves the settings (window geometry)

    pdf = pypdf.PdfReader(io.BytesIO(saved.read_bytes()))
    assert MARKER in "".join(p.extract_text() for p in pdf.pages)  # the report does hold it
    metadata = " ".join(str(v) for v in (pdf.metadata or {}).values())
    assert MARKER not in metadata
    assert MARKER not in saved.name
    assert not any(MARKER in t for t in titles)
    logged = [line.message for line in log_ring().lines()]
    assert any("saved a report for" in m for m in logged)
    assert not any(MARKER in m for m in logged)
    assert _files_under(empty_tmp) == []
    config = tmp_path / "config"
    assert _files_under(config), "the settings file was written"
    for path in _files_under(config):
        assert not _hits(path.read_bytes()), path.name
        assert MARKER not in path.name
    clipboard = QApplication.clipboard().text()
    assert MARKER not in clipboard
