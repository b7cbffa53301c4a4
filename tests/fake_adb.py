"""A fake `adb` executable for tests: serves files from a scenario folder, logs every call.

Each call's arguments (after `-s SERIAL shell`) are joined with `_` to name the file:
`NAME.txt` is printed on stdout, `NAME.stderr` on stderr with exit 1, and `NAME.hang`
makes it wait until the runner's timeout stops it. Missing files print nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "adb"

SCRIPT = """#!{python}
import os, pathlib, signal, sys
args = sys.argv[1:]
root = pathlib.Path(os.environ["FAKE_ADB_DIR"])
with open(root / "calls.log", "a", encoding="utf-8") as fh:
    fh.write(" ".join(args) + "\\n")
if args[:1] == ["-s"]:
    args = args[2:]
    if args[:1] == ["shell"]:
        args = args[1:]
name = "_".join(args)
if (root / (name + ".hang")).exists():
    signal.pause()  # hang like a stuck adb until the runner's timeout kills us
err = root / (name + ".stderr")
if err.exists():
    sys.stderr.write(err.read_text())
    sys.exit(1)
out = root / (name + ".txt")
if out.exists():
    sys.stdout.buffer.write(out.read_bytes())
"""


def install_fake_adb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str = "phone"
) -> Path:
    """Copy a scenario to tmp_path and put a fake adb first on PATH; returns the scenario dir."""
    scenario_dir = tmp_path / "adb-scenario"
    shutil.copytree(FIXTURES / scenario, scenario_dir)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    adb = bin_dir / "adb"
    adb.write_text(SCRIPT.format(python=sys.executable), encoding="utf-8")
    adb.chmod(0o755)
    monkeypatch.setenv("PATH", bin_dir.as_posix() + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("FAKE_ADB_DIR", str(scenario_dir))
    return scenario_dir


def calls(scenario_dir: Path) -> list[list[str]]:
    log = scenario_dir / "calls.log"
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return [line.split(" ") for line in text.splitlines()]
