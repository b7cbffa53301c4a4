"""Runs the real app on a vault and types visit notes, for the SIGKILL autosave test.

argv: VAULT CONFIG_DIR CASE_ID KDF_ITER; the passphrase is one line on stdin. Prints
"saved-1", "saved-2 <ms from last keystroke to stored>", then "typed-3" and keeps running
until it is killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinic.storage import KeySettings
from ui.app import build_window, make_app

PART_1 = "First words of the visit. "
PART_2 = "Second part, stored within a second. "
PART_3 = "Third part, typed just before the kill."


def main() -> int:
    vault, config, case_id, kdf_iter = sys.argv[1:5]
    app = make_app()
    window = build_window(
        vault_path=Path(vault), key=KeySettings(int(kdf_iter)), config_dir=Path(config)
    )
    window.show()
    state = {"step": 0, "typed_at": 0.0}
    notes = window.workspace.notes.edit

    def type_text(text: str) -> None:
        notes.setFocus()
        QTest.keyClick(notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(notes, text)
        state["typed_at"] = time.perf_counter()

    def on_unlocked() -> None:
        window.open_case(case_id)
        type_text(PART_1)

    def on_saved(_count: int) -> None:
        state["step"] += 1
        if state["step"] == 1:
            print("saved-1", flush=True)
            type_text(PART_2)
        elif state["step"] == 2:
            elapsed_ms = (time.perf_counter() - state["typed_at"]) * 1000
            print(f"saved-2 {elapsed_ms:.0f}", flush=True)
            type_text(PART_3)
            print("typed-3", flush=True)

    window.session.unlocked.connect(on_unlocked)
    window.autosaver.saved.connect(on_saved)
    window.session.unlock(sys.stdin.readline().rstrip("\n"))
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
