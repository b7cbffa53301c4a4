"""Render the main views of the demo case offscreen to docs/screenshots/ at 1366x768 (a
common clinic laptop).

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR] [--stages-only]
       [--lang=es] [--size=1920x1080]
(--lang=es writes the Spanish interface to docs/screenshots/es/ unless OUT_DIR is given.)
Writes create-vault, unlock, cases and workspace PNGs, and one `stage-<id>.png` per stage.
Uses a throwaway vault with fictional demo cases in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from clinic.protocols.loader import load_protocols  # noqa: E402
from clinic.services.demo import generate  # noqa: E402
from clinic.storage import CaseRepository, KeySettings, Vault  # noqa: E402
from ui.app import build_window, make_app  # noqa: E402
from ui.clock import ManualClock  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.stages.base import STAGES  # noqa: E402

SIZE = (1366, 768)
TODAY = dt.date(2026, 11, 27)
PASSPHRASE = "screenshots only, a throwaway vault"  # noqa: S105 (fictional demo data)
KEY = KeySettings(kdf_iter=4000)


def _window(vault: Path, config: Path) -> MainWindow:
    window = build_window(vault_path=vault, key=KEY, clock=ManualClock(TODAY), config_dir=config)
    window.resize(*_option("--size", SIZE))
    window.show()
    return window


def _settle(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(window: MainWindow, out: Path, name: str) -> None:
    _settle()
    window.grab().save(str(out / name))
    print(out / name)


def _preview_first_page(window: MainWindow) -> None:
    """Build the print stage's preview and wait until its pages are shown."""
    page = window.workspace.pages[[s.id for s in STAGES].index("print")]
    loop = QEventLoop()
    page.build(then=loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()


def _option(name: str, default: tuple[int, int]) -> tuple[int, int]:
    for arg in sys.argv[1:]:
        if arg.startswith(name + "="):
            width, height = arg.split("=", 1)[1].split("x")
            return int(width), int(height)
    return default


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    stages_only = "--stages-only" in sys.argv
    lang = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--lang=")), "en")
    default_out = ROOT / "docs" / "screenshots" / ("" if lang == "en" else lang)
    out = Path(args[0]) if args else default_out
    out.mkdir(parents=True, exist_ok=True)
    make_app()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "config").mkdir()
        (folder / "config" / "settings.json").write_text(json.dumps({"language": lang}))
        vault = folder / "demo.vault"
        if not stages_only:
            first = _window(folder / "new.vault", folder / "config")
            _save(first, out, "create-vault.png")
            first.close()

        cases = generate(1, 12, False, TODAY, load_protocols())
        with Vault.create(vault, PASSPHRASE, KEY) as opened:
            repo = CaseRepository(opened)
            for case in cases:
                repo.add(case)
        window = _window(vault, folder / "config")
        if not stages_only:
            _save(window, out, "unlock.png")

        loop = QEventLoop()
        window.session.unlocked.connect(loop.quit)
        window.session.unlock(PASSPHRASE)
        loop.exec()
        window.cases_view.select(cases[0].id)
        if not stages_only:
            _save(window, out, "cases.png")
            window.open_case(cases[0].id, None, "understand")
            _save(window, out, "workspace.png")
        for stage in STAGES:
            window.open_case(cases[0].id, None, stage.id)
            if stage.id == "print":
                _preview_first_page(window)
            _save(window, out, f"stage-{stage.id}.png")
            if stage.id == "inventory":
                page = window.workspace.pages[[s.id for s in STAGES].index("inventory")]
                page.tabs.setCurrentIndex(3)  # the technograph
                _save(window, out, "technograph.png")
                page.tabs.setCurrentIndex(0)
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
