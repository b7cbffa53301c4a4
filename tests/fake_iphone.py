"""A fake `pymobiledevice3` executable for tests: replays recorded JSON answers, logs calls.

Each call's arguments, without `--udid U`, are joined with `_` to name the file in the
scenario folder: `NAME.json` is printed on stdout, `NAME.stderr` on stderr with exit 1.
`lockdown info` also writes a pairing record `<UDID>.plist` in the tool's home folder
($XDG_DATA_HOME/pymobiledevice3), as the real tool does when it pairs.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "iphone"

SCRIPT = """#!{python}
import os, pathlib, sys
args = sys.argv[1:]
root = pathlib.Path(os.environ["FAKE_IPHONE_DIR"])
udid = None
if "--udid" in args:
    i = args.index("--udid")
    udid = args[i + 1]
    args = args[:i] + args[i + 2:]
with open(root / "calls.log", "a", encoding="utf-8") as fh:
    fh.write(" ".join(sys.argv[1:]) + "\\n")
name = "_".join(args)
err = root / (name + ".stderr")
if err.exists():
    sys.stderr.write(err.read_text())
    sys.exit(1)
if args == ["lockdown", "info"] and udid:
    home = pathlib.Path(os.environ["XDG_DATA_HOME"]) / "pymobiledevice3"
    home.mkdir(parents=True, exist_ok=True)
    (home / (udid + ".plist")).write_bytes(b"<plist/>")
out = root / (name + ".json")
if out.exists():
    sys.stdout.write(out.read_text())
else:
    sys.stderr.write("Error: No such command.\\n")
    sys.exit(2)
"""


def install_fake_iphone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str = "phone"
) -> Path:
    """Copy a scenario to tmp_path, put a fake pymobiledevice3 first on PATH, point its home
    folder into tmp_path; returns the scenario dir."""
    scenario_dir = tmp_path / "iphone-scenario"
    shutil.copytree(FIXTURES / scenario, scenario_dir)
    bin_dir = tmp_path / "ibin"
    bin_dir.mkdir()
    tool = bin_dir / "pymobiledevice3"
    tool.write_text(SCRIPT.format(python=sys.executable), encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", bin_dir.as_posix() + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("FAKE_IPHONE_DIR", str(scenario_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return scenario_dir


def calls(scenario_dir: Path) -> list[list[str]]:
    log = scenario_dir / "calls.log"
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return [line.split(" ") for line in text.splitlines()]
