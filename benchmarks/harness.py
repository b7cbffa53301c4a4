"""Shared plumbing for the benchmarks: demo vaults, child processes, statistics.

The vaults are made by the `clinic demo` command itself (deterministic by seed) in a
temporary folder, so `python benchmarks/check.py` works from a clean clone.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
PYTHON = sys.executable
PASSPHRASE = "benchmark passphrase, not a secret"  # noqa: S105
FAST_KDF_ITER = 4000  # = tests/cli_runner.FAST_KDF_ITER
LARGE_PSEUDONYM = "Large case"


@dataclass(frozen=True)
class Vaults:
    """The vault files the figures use."""

    demo: Path  # demo cases + the large case, DEFAULT key settings (unlock, start, CLI)
    many: Path  # 10,000 plain cases + the demo cases, fast key (case list and filter)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def clinic_demo(path: Path, *args: str, fast: bool = False) -> None:
    """`python -m ui.main demo PATH ARGS --passphrase-stdin` (the documented command).

    `fast`: through tests/cli_runner.py, the same command with the tests' fast key
    (FAST_KDF_ITER); the installed command has no option for it.
    """
    entry = "tests.cli_runner" if fast else "ui.main"
    cmd = [PYTHON, "-m", entry, "demo", str(path), *args, "--passphrase-stdin"]
    done = subprocess.run(
        cmd,
        input=PASSPHRASE + "\n",
        text=True,
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"clinic demo failed ({done.returncode}): {done.stderr.strip()}")


def build_vaults(folder: Path) -> Vaults:
    demo, many = folder / "demo.vault", folder / "many.vault"
    clinic_demo(demo, "--large")
    clinic_demo(many, "--cases", "10000", fast=True)
    return Vaults(demo, many)


def run_child(args: list[str], stdin: str = "", timeout: float = 120) -> tuple[float, str]:
    """Run a Python child in the repo; returns (wall time before start, its stdout)."""
    start = time.time()
    done = subprocess.run(
        [PYTHON, *args],
        input=stdin,
        text=True,
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"{args[0]} failed ({done.returncode}): {' | '.join(tail)}")
    return start, done.stdout


def run_probe(script: str, *args: str, timeout: float = 180) -> dict[str, float]:
    """Run benchmarks/SCRIPT in a fresh process; it prints one JSON object last."""
    _, out = run_child([str(BENCH / script), *args], PASSPHRASE + "\n", timeout)
    value: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return value


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(pct / 100 * len(ordered)) - 1))
    return ordered[index]
