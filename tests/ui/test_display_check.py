"""A fresh machine: `clinic` explains a missing display or library in one line, and the
README lists every package whose library Qt's xcb plugin links (ldd + dpkg -S)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from ui import display_check


def readme_packages() -> set[str]:
    """Every package named after "apt-get install" in the README (code blocks and inline)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    out: set[str] = set()
    for found in re.finditer(r"apt-get install ([^`\n]+(?:\n[^`\n]+)?)", text):
        out.update(w for w in found.group(1).split() if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", w))
    return out


def test_no_display_is_one_line_and_exit_2() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    done = subprocess.run(
        [sys.executable, "-m", "ui"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("clinic: No display")
    assert "Aborted" not in done.stderr
    assert "qt.qpa" not in done.stderr


def test_missing_xcb_libraries_name_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = display_check.xcb_plugin()
    if plugin is None:
        pytest.skip("PySide6 has no xcb plugin here")
    monkeypatch.setattr(
        display_check,
        "missing_libraries",
        lambda _p: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"],
    )
    line = display_check.problem({"DISPLAY": ":0"})
    assert line is not None
    assert "\n" not in line
    assert line.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert display_check.problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_plugins_links_are_read_from_its_elf_header() -> None:
    plugin = display_check.xcb_plugin()
    if plugin is None:
        pytest.skip("PySide6 has no xcb plugin here")
    needs = display_check.system_needs(plugin)
    # what the issue saw: the real gaps were icccm and keysyms, not only xcb-cursor
    for soname in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"):
        assert soname in needs
    assert not [n for n in needs if n.startswith("libQt6") or n == "libc.so.6"]
    assert display_check.missing_libraries(plugin) == []  # this machine can open the window


def _package_of(library: str) -> str | None:
    real = os.path.realpath(library)
    for candidate in (real, "/usr" + real, real.removeprefix("/usr")):
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":")[0].strip()
    return None


@pytest.mark.skipif(not (shutil.which("ldd") and shutil.which("dpkg")), reason="not Debian")
def test_every_library_the_xcb_plugin_links_is_in_a_readme_package() -> None:
    plugin = display_check.xcb_plugin()
    if plugin is None:
        pytest.skip("PySide6 has no xcb plugin here")
    listed = readme_packages()
    assert set(display_check.XCB_PACKAGES.values()) <= listed | {"libglib2.0-0t64"}
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    resolved = dict(re.findall(r"^\s*(\S+) => (/\S+)", out, re.MULTILINE))
    needs = display_check.system_needs(plugin)
    unlisted = {}
    for soname in needs:
        assert soname in resolved, f"{soname} is not found by ldd"
        package = _package_of(resolved[soname])
        assert package is not None, f"no Debian package holds {resolved[soname]}"
        base = package.removesuffix("t64")
        if package not in listed and base not in listed:
            unlisted[soname] = package
    assert unlisted == {}, f"the README's package list misses {unlisted}"
    assert Path(plugin).name == "libqxcb.so"
