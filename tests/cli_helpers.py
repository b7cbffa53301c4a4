"""Run the real `clinic` CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, stdin: str | bytes | None = None, timeout: float = 120, fast: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """`fast` (the default): through tests/cli_runner.py with the tests' fast key.

    `fast=False`: the installed entry point itself (`python -m ui.main`), default key.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    data = stdin.encode() if isinstance(stdin, str) else stdin
    entry = "tests.cli_runner" if fast else "ui.main"
    return subprocess.run(
        [sys.executable, "-m", entry, *args],
        input=data if data is not None else b"",
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
