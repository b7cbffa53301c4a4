"""Cold start of the frozen build against the pip-installed app, in one run.

    python benchmarks/bench_frozen.py [BUNDLE_DIR]

BUNDLE_DIR defaults to build/frozen/tech-safety-clinic (made by packaging/build-linux.sh).
Each figure is the median wall time of fresh processes: the GUI started offscreen until
its first view has painted (CLINIC_SMOKE_START=1), and `clinic case list` on a small vault.
The pip-installed app is `python -m ui.main` from this checkout's interpreter.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "benchmark passphrase 1"  # noqa: S105 (a throwaway vault)
RUNS = 7


def _time(cmd: list[str], env: dict[str, str], stdin: str = "") -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, input=stdin, text=True, env=env, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build/frozen/tech-safety-clinic"
    frozen = [str(bundle / "clinic")]
    installed = [sys.executable, "-m", "ui.main"]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "HOME": tmp,
            "XDG_DATA_HOME": f"{tmp}/data",
            "XDG_CONFIG_HOME": f"{tmp}/config",
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen",
        }
        vault = home / "data" / "TechSafetyClinic" / "clinic.vault"
        vault.parent.mkdir(parents=True)
        subprocess.run(
            [*frozen, "demo", str(vault), "--cases", "20", "--passphrase-stdin"],
            input=PASSPHRASE + "\n",
            text=True,
            env=env,
            capture_output=True,
            check=True,
        )
        gui_env = {**env, "CLINIC_SMOKE_START": "1"}
        rows = []
        for label, cmd in (("frozen", frozen), ("pip-installed", installed)):
            gui = _time(cmd, gui_env)
            listing = _time(
                [*cmd, "case", "list", str(vault), "--passphrase-stdin"], env, PASSPHRASE + "\n"
            )
            rows.append((label, gui, listing))
    base = rows[1]
    print("app            GUI to first view   case list")
    for label, gui, listing in rows:
        print(
            f"{label:<14} {gui * 1000:7.0f} ms ({gui / base[1]:.2f}x)"
            f"  {listing * 1000:6.0f} ms ({listing / base[2]:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
