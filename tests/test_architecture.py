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


# The layers of clinic/, lowest first. A module may import its own layer and the layers below,
# never one above (docs/ARCHITECTURE.md). A new top-level module or package must be placed here.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "clinic",
            "errors",
            "error_catalogue",
            "error_entries",
            "error_entries_storage",
            "i18n",
            "paths",
            "logsafe",
            "safety_words",
        }
    ),
    frozenset({"model"}),
    frozenset(
        {
            "vocabulary",
            "stages",
            "settings",
            "storage",
            "protocols",
            "technograph",
            "phonecheck",
            "report",
            "stats",
            "training",
        }
    ),
    frozenset({"services"}),
    frozenset({"cli"}),
)


def _layer(module: str) -> int:
    """The layer of a dotted clinic module name ("clinic.storage.vault" -> 2)."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "clinic"
    for index, layer in enumerate(LAYERS):
        if name in layer:
            return index
    raise AssertionError(f"{module}: place clinic.{name} in a layer of LAYERS")


def _clinic_imports(path: Path) -> set[str]:
    """Absolute imports of clinic modules, also the lazy ones inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "clinic")
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.relative_to(ROOT)}: use absolute imports"
            if node.module and node.module.split(".")[0] == "clinic":
                found.add(node.module)
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_clinic_imports_never_run_back_up_the_layers() -> None:
    for path in (ROOT / "clinic").rglob("*.py"):
        here = _layer(_module_name(path))
        for name in _clinic_imports(path):
            assert _layer(name) <= here, f"{path.relative_to(ROOT)} imports {name} (a layer up)"


def test_only_the_entry_point_imports_the_cli() -> None:
    for path in _app_modules():
        if path.is_relative_to(ROOT / "clinic" / "cli") or path == ROOT / "ui" / "main.py":
            continue
        bad = {n for n in _imports(path) if n == "clinic.cli" or n.startswith("clinic.cli.")}
        assert not bad, f"{path.relative_to(ROOT)} imports the CLI {bad}"


def test_ui_never_imports_the_database_or_pdf_libraries() -> None:
    for path in (ROOT / "ui").rglob("*.py"):
        bad = {n for n in _imports(path) if n.split(".")[0] in ("sqlcipher3", "reportlab")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}; go through clinic/"


def test_the_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a storage module importing services is flagged."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from clinic.services import export\n", encoding="utf-8")
    assert _clinic_imports(bad) == {"clinic.services"}
    assert _layer("clinic.services") > _layer("clinic.storage.vault")
    assert _layer("clinic.cli.case") > _layer("clinic.services.export")
