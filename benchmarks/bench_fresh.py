"""Figures taken in fresh processes: cold start of the GUI and `clinic case list`.

Each repeat starts the figure's process and its floor's process one after the other, so a
busy moment of the machine hits both; the medians are compared.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import BENCH, PASSPHRASE, median, run_child

# The floor of `clinic case list`: a bare sqlcipher3 open and first read, passphrase on stdin.
BARE_OPEN = """
import sys, sqlcipher3
conn = sqlcipher3.connect(sys.argv[1])
conn.execute("PRAGMA key = '" + sys.stdin.readline().rstrip("\\n").replace("'", "''") + "'")
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
conn.close()
"""


def _start(args: list[str]) -> float:
    start, out = run_child([str(BENCH / "probe_start.py"), *args])
    return (float(out.strip().splitlines()[-1]) - start) * 1000


def cold_start(vault: Path, config: Path, repeats: int = 7) -> dict[str, float]:
    """Process start to the unlock view painted, against a bare PySide6 window."""
    ours, floor = [], []
    for _ in range(repeats):
        floor.append(_start(["bare"]))
        ours.append(_start(["app", str(vault), str(config)]))
    return {"start_ms": median(ours), "bare_window_ms": median(floor)}


def _wall(args: list[str]) -> float:
    start, _ = run_child(args, PASSPHRASE + "\n")
    return (time.time() - start) * 1000


def cli_list(vault: Path, repeats: int = 7) -> dict[str, float]:
    """`clinic case list` (whole process) against a bare sqlcipher3 open in a fresh process."""
    ours, floor = [], []
    for _ in range(repeats):
        floor.append(_wall(["-c", BARE_OPEN, str(vault)]))
        ours.append(_wall(["-m", "ui.main", "case", "list", str(vault), "--passphrase-stdin"]))
    return {"cli_list_ms": median(ours), "bare_open_process_ms": median(floor)}


if __name__ == "__main__":
    import tempfile

    from benchmarks.harness import clinic_demo

    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.vault"
        clinic_demo(demo)
        print(cold_start(demo, Path(tmp) / "config"))
        print(cli_list(demo))
