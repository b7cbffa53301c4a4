"""Before Qt starts: is there a display, and can Qt's xcb platform plugin load?

Without this, a missing display or library ends in Qt's abort with a misleading line
("xcb-cursor0 is needed" when the real gap was libxcb-icccm4). `problem()` answers in one
line, naming the Debian/Ubuntu packages to install; it loads no Qt module (the plugin's
needs are read from its ELF header and tried with ctypes).
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from pathlib import Path

XCB_PACKAGES: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
"""The system libraries Qt's xcb plugin (and Qt's GUI module) link, by Debian package."""
BASE_LIBRARIES = frozenset({"libc.so.6", "libm.so.6", "libgcc_s.so.1", "libstdc++.so.6"})
"""Part of every system that runs Python: never missing."""


def xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, or None (not Linux, or not found)."""
    try:
        import PySide6
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF64 little-endian shared object (what it links)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    out: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link]
        str_off = strtab[4]
        for pos in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", str_off + value)
                out.append(data[str_off + value : end].decode("ascii", "replace"))
    return out


def system_needs(plugin: Path) -> list[str]:
    """The system libraries the plugin and its Qt XCB module link (not Qt's own libraries,
    not the C/C++ runtime)."""
    names = needed(plugin)
    qpa = plugin.parents[2] / "lib" / "libQt6XcbQpa.so.6"
    if qpa.is_file():
        names += needed(qpa)
    return [
        n for n in dict.fromkeys(names) if not n.startswith("libQt6") and n not in BASE_LIBRARIES
    ]


def missing_libraries(plugin: Path) -> list[str]:
    out = []
    for soname in system_needs(plugin):
        try:
            ctypes.CDLL(soname)
        except OSError:
            out.append(soname)
    return out


def install_line(sonames: list[str]) -> str:
    packages = list(dict.fromkeys(XCB_PACKAGES.get(s, s) for s in sonames))
    return "sudo apt-get install " + " ".join(packages)


def problem(environ: dict[str, str] | None = None) -> str | None:
    """One line saying why the window cannot open here, or None when it can try."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform and platform not in ("xcb", "wayland"):
        return None  # offscreen, vnc...: the caller chose
    has_x = bool(env.get("DISPLAY"))
    has_wayland = bool(env.get("WAYLAND_DISPLAY"))
    if not has_x and not has_wayland:
        return (
            "No display: start the app from a desktop session (neither DISPLAY nor"
            " WAYLAND_DISPLAY is set); headless commands work without one (clinic --help)."
        )
    if platform == "wayland" or (has_wayland and not platform):
        return None  # Qt falls back to xcb itself when Wayland fails
    plugin = xcb_plugin()
    if plugin is None:
        return None
    gone = missing_libraries(plugin)
    if gone:
        return (
            f"The window cannot open: Qt's X11 plugin needs {', '.join(gone)}."
            f" On Debian or Ubuntu: {install_line(gone)}"
        )
    return None
