"""Child process: the real main window, offscreen, timed from inside (one figure per run).

    python benchmarks/probe_gui.py MODE VAULT KDF_ITER CONFIG_DIR  (passphrase on stdin)

MODE is `unlock` (unlock to the case list drawn, against a bare sqlcipher3 open and first
read in the same process, alternating), `workspace` (open the large case and draw it),
`autosave` (one edit stored through the autosaver), `cases` (the case list shown, a filter
keystroke) or `memory` (peak RSS with the large case open). Prints one JSON line of
milliseconds (or MB).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from benchmarks.harness import LARGE_PSEUDONYM, median, percentile
from clinic.storage import KeySettings
from ui.app import build_window, make_app

REPEATS = 7


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


class Probe:
    def __init__(self, vault: Path, kdf_iter: int, config: Path, passphrase: str) -> None:
        self.app = make_app([sys.argv[0]])
        self.vault, self.key, self.passphrase = vault, KeySettings(kdf_iter=kdf_iter), passphrase
        self.window: Any = build_window(vault_path=vault, key=self.key, config_dir=config)
        self.window.show()
        self.draw()

    def draw(self) -> None:
        """Let posted work (layouts, deferred calls) run, then paint the window now."""
        self.app.processEvents()
        self.window.repaint()

    def unlock(self) -> None:
        session = self.window.session
        loop = QEventLoop()
        session.unlocked.connect(loop.quit)
        session.unlock_failed.connect(lambda exc: loop.exit(1))
        QTimer.singleShot(60_000, lambda: loop.exit(2))
        session.unlock(self.passphrase)
        code = loop.exec()
        session.unlocked.disconnect(loop.quit)
        if code:
            raise RuntimeError(f"unlock did not finish (code {code})")
        self.draw()

    def large_id(self) -> str:
        rows = self.window.session.list_cases()
        return str(next(r.id for r in rows if r.pseudonym == LARGE_PSEUDONYM))

    def open_large(self) -> None:
        self.window.open_case(self.large_id())
        self.draw()


def bare_open(vault: Path, passphrase: str, kdf_iter: int) -> None:
    import sqlcipher3

    conn = sqlcipher3.connect(str(vault))
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    if kdf_iter != 256_000:
        conn.execute(f"PRAGMA kdf_iter = {kdf_iter}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def unlock(p: Probe) -> dict[str, float]:
    ours, floor = [], []
    for _ in range(5):
        floor.append(timed(lambda: bare_open(p.vault, p.passphrase, p.key.kdf_iter)))
        ours.append(timed(p.unlock))
        p.window.session.lock()
        p.draw()
    return {"unlock_ms": median(ours), "bare_open_ms": median(floor)}


def workspace(p: Probe) -> dict[str, float]:
    p.unlock()
    first = timed(p.open_large)
    times = []
    for _ in range(REPEATS):
        p.window.show_cases()
        p.draw()
        times.append(timed(p.open_large))
    return {"open_large_ms": median(times), "first_open_ms": first}


def autosave(p: Probe) -> dict[str, float]:
    p.unlock()
    p.open_large()
    case = p.window.session.case
    saver = p.window.autosaver
    times = []
    for n in range(200):
        device = case.devices[n % len(case.devices)]
        edited = device.model_copy(update={"notes": f"Edited {n}"})

        def save(edited: Any = edited) -> None:
            saver.record_edit("devices", edited)
            saver.flush()

        times.append(timed(save))
    return {"autosave_p99_ms": percentile(times, 99), "autosave_median_ms": median(times)}


def cases(p: Probe) -> dict[str, float]:
    p.unlock()
    view = p.window.cases_view

    def show() -> None:
        view.refresh()
        p.draw()

    shown = [timed(show) for _ in range(REPEATS)]
    view.search.setFocus()
    keys = []
    for char in "ma7e":
        keys.append(timed(lambda c=char: (QTest.keyClicks(view.search, c), p.draw())))
        keys.append(timed(lambda: (QTest.keyClick(view.search, Qt.Key.Key_Backspace), p.draw())))
    return {
        "rows": float(view.model.rowCount()),
        "list_shown_ms": median(shown),
        "filter_key_ms": median(keys),
        "filter_key_max_ms": max(keys),
    }


def memory(p: Probe) -> dict[str, float]:
    p.unlock()
    p.open_large()
    return {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


MODES = {
    "unlock": unlock,
    "workspace": workspace,
    "autosave": autosave,
    "cases": cases,
    "memory": memory,
}


def main() -> int:
    mode, vault, kdf_iter, config = sys.argv[1:5]
    passphrase = sys.stdin.readline().rstrip("\n")
    probe = Probe(Path(vault), int(kdf_iter), Path(config), passphrase)
    result = MODES[mode](probe)
    probe.window.session.lock()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
