"""The frozen Linux build: built by packaging/build-linux.sh, unpacked, started, used.

Slow (it builds the bundle in a fresh venv: about a minute or two). Set
CLINIC_FROZEN_ARCHIVE to an existing archive to test that one instead of building.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.test_architecture import NETWORK_MODULES, _imports

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build"),
]

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED_QT_MODULES = ("QtNetwork", "QtWebEngine", "QtMultimedia", "QtQml", "QtQuick", "Qt3D")


@pytest.fixture(scope="module")
def archive() -> Path:
    given = os.environ.get("CLINIC_FROZEN_ARCHIVE")
    if given:
        return Path(given)
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-linux.sh")],
        cwd=ROOT,
        capture_output=True,
        timeout=1800,
        check=False,
    )
    tail = (
        proc.stdout.decode(errors="replace")[-2000:] + proc.stderr.decode(errors="replace")[-3000:]
    )
    assert proc.returncode == 0, tail
    built = sorted((ROOT / "dist").glob("tech-safety-clinic-*-linux-x86_64.tar.gz"))
    assert built, tail
    return built[-1]


@pytest.fixture(scope="module")
def bundle(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    digest_line = Path(f"{archive}.sha256").read_text(encoding="utf-8").split()
    assert digest_line[1] == archive.name
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == digest_line[0]
    into = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    (top,) = into.iterdir()
    assert top.name == archive.name.removesuffix(".tar.gz")
    assert (top / "clinic").is_file()
    assert os.access(top / "clinic", os.X_OK)
    return top


def _snapshot(folder: Path) -> dict[str, tuple[int, float]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime) for p in folder.rglob("*")
    }


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
    }
    env.update(extra)
    return env


def _run(
    exe: Path, *args: str, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=env["HOME"],
        timeout=300,
        check=False,
    )


def test_frozen_app_runs_the_cli_and_the_gui_and_writes_nothing_beside_itself(
    bundle: Path, tmp_path: Path
) -> None:
    exe = bundle / "clinic"
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home)
    before = _snapshot(bundle)

    version = _run(exe, "--version", env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("clinic ")

    # The GUI's own vault lives in the user data dir; the frozen GUI finds it there.
    vault = home / "data" / "TechSafetyClinic" / "clinic.vault"
    vault.parent.mkdir(parents=True)
    demo = _run(
        exe,
        "demo",
        str(vault),
        "--cases",
        "2",
        "--passphrase-stdin",
        env=env,
        stdin=PASSPHRASE + "\n",
    )
    assert demo.returncode == 0, demo.stderr
    listed = _run(
        exe, "case", "list", str(vault), "--passphrase-stdin", env=env, stdin=PASSPHRASE + "\n"
    )
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert len(rows) >= 3
    assert rows[0][1] == "Maple"

    pdf = tmp_path / "summary.pdf"
    report = _run(
        exe,
        "report",
        str(vault),
        rows[0][0],
        "--kind",
        "survivor",
        "--out",
        str(pdf),
        "--passphrase-stdin",
        env=env,
        stdin=PASSPHRASE + "\n",
    )
    assert report.returncode == 0, report.stderr
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Your technology safety notes" in text

    gui = _run(exe, env={**env, "QT_QPA_PLATFORM": "offscreen", "CLINIC_SMOKE_START": "1"})
    assert gui.returncode == 0, gui.stderr[-2000:]
    assert "smoke: first view unlockView" in gui.stdout

    assert _snapshot(bundle) == before, "the frozen app wrote inside its own folder"
    assert not list(bundle.rglob("__pycache__"))


def test_bundle_holds_the_data_the_app_needs_and_nothing_else(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "protocols" / "ios-device" / "en.toml").is_file()
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert list((internal / "resources" / "translations").rglob("*.mo"))
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so"):
        assert (plugins / plugin).is_file(), plugin
    assert (internal / "PySide6" / "QtPdf.abi3.so").is_file()

    names = [p.name for p in bundle.rglob("*")]
    assert not [n for n in names if n in ("ioc.yaml", "watchware.yaml")]
    assert not [p for p in bundle.rglob("*") if p.is_dir() and p.name in ("tests", "fixtures")]
    assert not [n for n in names if n.endswith((".vault", ".db"))]
    python_modules = [n for n in names if n.startswith("Qt") and n.endswith(".abi3.so")]
    assert not [n for n in python_modules if n.startswith(EXCLUDED_QT_MODULES)], python_modules
    qt_libs = [n for n in names if n.startswith("libQt6")]
    assert not [n for n in qt_libs if any(x in n for x in ("WebEngine", "Multimedia", "Quick"))]


def test_bundled_copies_of_the_app_have_no_network_code(bundle: Path) -> None:
    copies = [
        p for folder in ("clinic", "ui") for p in (bundle / "_internal" / folder).rglob("*.py")
    ]
    ours = [p for folder in ("clinic", "ui") for p in (ROOT / folder).rglob("*.py")]
    assert len(copies) == len(ours), "the bundle should carry every module of clinic/ and ui/"
    for path in copies:
        bad = {n for n in _imports(path) if n.split(".")[0] in NETWORK_MODULES or "QtNetwork" in n}
        assert not bad, f"{path.relative_to(bundle)} imports network code {bad}"
