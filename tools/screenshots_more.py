"""Render practice mode and the Statistics view offscreen to docs/screenshots/ at 1366x768.

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshots_more.py [OUT_DIR] [--lang es]
Writes practice-workspace, practice-debrief and statistics PNGs (with `-es` in Spanish).
Uses throwaway vaults with fictional cases in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from clinic.i18n import set_language  # noqa: E402
from clinic.protocols.loader import load_protocols  # noqa: E402
from clinic.services.demo import generate  # noqa: E402
from clinic.storage import CaseRepository, KeySettings, Vault  # noqa: E402
from ui import prompts  # noqa: E402
from ui.app import build_window, make_app  # noqa: E402
from ui.clock import ManualClock  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

SIZE = (1366, 768)
TODAY = dt.date(2026, 11, 27)
PASSPHRASE = "screenshots only, a throwaway vault"  # noqa: S105 (fictional demo data)
KEY = KeySettings(kdf_iter=4000)


def _wait(condition: object, ms: int = 20_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)  # type: ignore[operator]
    timer.start()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _settle(ms: int = 80) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, out: Path, name: str) -> None:
    _settle()
    widget.grab().save(str(out / name))
    print(out / name)


def _window(vault: Path, config: Path) -> MainWindow:
    window = build_window(vault_path=vault, key=KEY, clock=ManualClock(TODAY), config_dir=config)
    window.resize(*SIZE)
    window.show()
    return window


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lang = "es" if "--lang" in sys.argv and sys.argv[-1] == "es" else "en"
    suffix = "-es" if lang == "es" else ""
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    make_app()
    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "demo.vault"
        with Vault.create(vault, PASSPHRASE, KEY) as opened:
            repo = CaseRepository(opened)
            for case in generate(seed=1, extra_cases=400, today=TODAY, protocols=load_protocols()):
                repo.add(case)
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.json").write_text(f'{{"language": "{lang}"}}', encoding="utf-8")
        window = _window(vault, config)
        set_language(lang)
        _wait(lambda: window._rest_built)
        window.session.unlock(PASSPHRASE)
        _wait(lambda: window.session.is_unlocked)
        _wait(lambda: window.stack.currentWidget() is window.cases_view)
        window.open_statistics()
        view = window.statistics_view
        _wait(lambda: view.isVisible())
        view.min_count.setValue(3)
        view.fictional.setChecked(True)
        _wait(lambda: view.table.rowCount() > 0)
        view.measure.setCurrentIndex(view.measure.findData("cases_opened"))
        view.resize(*SIZE)
        _save(view, out, f"statistics{suffix}.png")
        view.reject()

        from ui.practice.controller import PracticeController

        controller = PracticeController(window)
        window._practice_controller = controller
        started: list[str] = []
        controller.started.connect(started.append)
        for answer in ("android-set-up-by-partner", PASSPHRASE, PASSPHRASE):
            prompts.set_next_answer(answer)
        window.session.lock()
        _wait(lambda: not window.session.is_unlocked)
        window.start_practice()
        _wait(lambda: bool(started))
        panel = window.practice.panel
        _wait(lambda: panel.questions.count() > 0)
        panel.questions.setCurrentRow(1)
        _save(window, out, f"practice-workspace{suffix}.png")
        panel.debrief_button.click()
        _wait(lambda: window.practice.debrief_view is not None)
        debrief = window.practice.debrief_view
        assert debrief is not None
        _wait(lambda: debrief.isVisible())
        debrief.resize(*SIZE)
        _save(debrief, out, f"practice-debrief{suffix}.png")
        debrief.reject()
        window.session.lock()
        _wait(lambda: not window.session.is_unlocked)
        window.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
