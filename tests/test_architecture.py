"""Layering and offline rules, checked on the source and in fresh processes."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "telnetlib",
    "xmlrpc",
    "asyncio.streams",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _app_modules() -> list[Path]:
    return [p for folder in ("clinic", "ui") for p in (ROOT / folder).rglob("*.py")]


def test_clinic_never_imports_qt_or_ui() -> None:
    for path in (ROOT / "clinic").rglob("*.py"):
        bad = {n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6", "ui")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_no_network_code_anywhere_in_the_app() -> None:
    for path in _app_modules():
        names = _imports(path)
        bad = {n for n in names if n.split(".")[0] in NETWORK_MODULES or "QtNetwork" in n}
        assert not bad, f"{path.relative_to(ROOT)} imports network code {bad}"


def _loaded_after(code: str, stdin: str = "") -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin.encode(),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    return set(proc.stderr.decode().split())


def test_import_clinic_leaves_qt_unloaded() -> None:
    loaded = _loaded_after(
        "import sys, clinic, clinic.cli, clinic.storage, clinic.model;"
        "print(' '.join(sys.modules), file=sys.stderr)"
    )
    assert "clinic" in loaded
    assert not {m for m in loaded if m.startswith(("PySide6", "reportlab"))}


def test_case_list_in_a_subprocess_leaves_qt_unloaded(tmp_path: Path) -> None:
    vault = tmp_path / "v.vault"
    code = (
        "import sys\n"
        "from clinic.storage import Vault, KeySettings\n"
        f"Vault.create({str(vault)!r}, {PASSPHRASE!r}, KeySettings(4000)).close()\n"
        "from ui.main import main\n"
        "import clinic.cli.support, clinic.storage\n"
        "clinic.cli.support.TEST_KEY = clinic.storage.KeySettings(4000)\n"
        f"rc = main(['case', 'list', {str(vault)!r}, '--passphrase-stdin'])\n"
        "assert rc == 0, rc\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    loaded = _loaded_after(code, PASSPHRASE + "\n")
    assert "clinic.cli.case" in loaded
    assert not {m for m in loaded if m.startswith(("PySide6", "reportlab", "ui.app"))}
