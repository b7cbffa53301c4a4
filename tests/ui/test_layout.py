"""Nothing on the stage pages is clipped at 1366x768, in English and in Spanish: every
shown button, label and column header gets at least the room its text asks for."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic.i18n import set_language
from clinic.model import Case
from tests.ui.conftest import WindowFactory, unlock
from ui.main_window import MainWindow
from ui.stages.base import STAGES

SIZE = (1366, 768)


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"language": request.param}))
    yield request.param
    set_language("en")


def _clipped(widget: QWidget) -> str | None:
    """Why the widget is drawn smaller than its text needs, or None."""
    hint = widget.sizeHint()
    size = widget.size()
    if isinstance(widget, QLabel):
        if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        if widget.wordWrap():
            need = widget.heightForWidth(size.width())
            return f"wrapped to {size.height()} < {need} px" if size.height() + 1 < need else None
    if size.width() + 1 < hint.width() or size.height() + 1 < hint.height():
        return f"{size.width()}x{size.height()} < {hint.width()}x{hint.height()}"
    return None


def _headers(root: QWidget) -> list[str]:
    out = []
    for header in root.findChildren(QHeaderView):
        if not header.isVisibleTo(root) or header.orientation().name != "Horizontal":
            continue
        model = header.model()
        for section in range(header.count()):
            if header.isSectionHidden(section) or model is None:
                continue
            need = header.sectionSizeHint(section)
            if header.sectionSize(section) + 1 < need:
                title = model.headerData(section, header.orientation())
                out.append(f"header {title!r}: {header.sectionSize(section)} < {need}")
    return out


def _problems(window: MainWindow, page: QWidget, where: str) -> list[str]:
    out = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QLabel) or not widget.isVisibleTo(window):
            continue
        problem = _clipped(widget)
        if problem:
            text = widget.text().replace("\n", " ")[:50]
            out.append(f"{where}: {type(widget).__name__} {text!r} {problem}")
    out += [f"{where}: {p}" for p in _headers(page)]
    return out


def _tab_states(page: QWidget) -> Iterator[str]:
    """Each tab of the page's tab widgets in turn (the page itself when it has none)."""
    tabs = [t for t in page.findChildren(QTabWidget) if t.parentWidget() is not None]
    if not tabs:
        yield ""
        return
    for tab in tabs:
        for index in range(tab.count()):
            tab.setCurrentIndex(index)
            yield tab.tabText(index).replace("&", "")


def test_no_stage_page_clips_a_button_label_or_header_at_1366x768(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    language: str,
) -> None:
    window = make_window(demo_vault)
    window.resize(*SIZE)
    unlock(qtbot, window)
    window.open_case(demo_case.id)
    space = window.workspace
    problems: list[str] = []
    for number, stage in enumerate(STAGES):
        space.set_stage(number)
        page = space.pages[number]
        for tab in _tab_states(page):
            qtbot.wait_until(lambda p=page: p.isVisible(), timeout=2000)
            settle_layouts()
            problems += _problems(window, page, f"{language} {stage.id} {tab}".strip())
    assert not problems, "\n".join(sorted(set(problems)))


def settle_layouts() -> None:
    """Let every pending layout request run (a page shown a moment ago lays out now)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for _n in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def test_the_default_window_fits_the_screen(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path
) -> None:
    window = make_window(demo_vault)
    free = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= free.width()
    assert window.frameGeometry().height() <= free.height()


def test_the_case_list_says_its_order_and_hints_when_empty(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, tmp_path: Path, fast_key: object
) -> None:
    from clinic.storage import Vault
    from tests.conftest import PASSPHRASE
    from ui.cases.case_model import OPENED

    window = make_window(demo_vault)
    unlock(qtbot, window)
    cases = window.cases_view
    header = cases.proxy.headerData(OPENED, Qt.Orientation.Horizontal)
    assert header.endswith("\u25bc")  # newest first, said in the title
    assert not cases.table.horizontalHeader().isSortIndicatorShown()
    assert not cases.empty_hint.isVisibleTo(cases)
    cases.search.setText("no such pseudonym")
    assert cases.empty_hint.isVisibleTo(cases)
    assert "matches" in cases.empty_hint.text()
    window.close()

    empty = tmp_path / "empty.vault"
    Vault.create(empty, PASSPHRASE, fast_key).close()  # type: ignore[arg-type]
    other = make_window(empty)
    unlock(qtbot, other)
    hint = other.cases_view.empty_hint
    assert hint.isVisibleTo(other.cases_view)
    assert "New case" in hint.text()
