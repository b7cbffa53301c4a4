"""Parsers for the read-only adb command outputs and pasted package lists.

Every parser takes plain text and is tolerant: `\\r\\n` endings, blank or extra lines and
missing sections are fine. `None` means "this could not be checked on this phone",
which is different from an empty result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PACKAGE_ID = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$")
_OWNER_LINE = re.compile(r"admin=([^\s,]+)((?:,[^\s,]+)*)")
_USER = re.compile(r"UserInfo\{(\d+):([^:}]*)")
_ENABLED_A11Y = re.compile(r"Enabled services:\{(.*)\}\s*$")
_UNAVAILABLE = ("Can't find service", "cmd: Can't find service", "Unknown command")


@dataclass(slots=True)
class PackageLine:
    package_id: str
    installer: str | None = None
    path: str | None = None
    uid: int | None = None
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Admin:
    """A device admin, device owner or profile owner, with the line it came from."""

    package_id: str
    role: str
    raw: str


def lines(text: str) -> list[str]:
    return [ln.rstrip("\r") for ln in text.replace("\r\n", "\n").split("\n")]


def unavailable(text: str) -> bool:
    """True when the phone says the service or command does not exist."""
    return any(ln.strip().startswith(_UNAVAILABLE) for ln in lines(text)[:3])


def parse_devices(text: str) -> list[tuple[str, str]]:
    """`adb devices -l` -> [(serial, state)]. State is `device`, `unauthorized`, `offline`..."""
    out = []
    for ln in lines(text):
        if not ln.strip() or ln.startswith(("List of devices", "*")):
            continue
        parts = ln.split()
        if len(parts) >= 2:
            state = "no permissions" if parts[1] == "no" else parts[1]
            out.append((parts[0], state))
    return out


def _cut_suffix(body: str, marker: str) -> tuple[str, str | None]:
    """Split `... <marker><value>` at the last marker when the value has no spaces."""
    head, found, value = body.rpartition(marker)
    if not found or " " in value:
        return body, None
    return head.rstrip(), value


def parse_pm_line(line: str) -> PackageLine | None:
    """One `package:` line of `pm list packages` with any of -f -i -U --show-versioncode."""
    if not line.startswith("package:"):
        return None
    body = line[8:].strip()
    uid = None
    body, uid_text = _cut_suffix(body, " uid:")
    if uid_text is not None:
        if not uid_text.isdigit():
            return None
        uid = int(uid_text)
    body, installer = _cut_suffix(body, " installer=")
    if installer in ("null", ""):
        installer = None
    body, _ = _cut_suffix(body, " versionCode:")
    path = None
    if "=" in body:
        path, body = body.rsplit("=", 1)
    if not _PACKAGE_ID.match(body):
        return None
    return PackageLine(body, installer, path, uid, line)


def parse_package_list(text: str) -> list[PackageLine]:
    """`pm list packages` output in any of its variants; unknown lines are skipped."""
    found = (parse_pm_line(ln.strip()) for ln in lines(text))
    return list({p.package_id: p for p in found if p is not None}.values())


def parse_pasted(text: str) -> tuple[list[PackageLine], list[str]]:
    """A pasted or file list: pm output, one id a line, or CSV. Other lines are app names."""
    packages: dict[str, PackageLine] = {}
    names: list[str] = []
    for ln in lines(text):
        stripped = ln.strip().lstrip("\ufeff")
        if not stripped or stripped.startswith("#"):
            continue
        parsed = parse_pm_line(stripped)
        if parsed is None:
            first = stripped.split(",")[0].strip().strip('"')
            if _PACKAGE_ID.match(first) and " " not in first:
                parsed = PackageLine(first, raw=stripped)
        if parsed is not None:
            packages.setdefault(parsed.package_id, parsed)
        elif stripped not in names:
            names.append(stripped)
    return list(packages.values()), names


def parse_components(text: str) -> list[str] | None:
    """`settings get secure enabled_*`: colon-separated `pkg/Class` list, or null."""
    if unavailable(text):
        return None
    value = " ".join(ln.strip() for ln in lines(text)).strip()
    if value in ("", "null"):
        return []
    return [c.strip() for c in value.split(":") if "/" in c]


def component_package(component: str) -> str:
    return component.strip().strip("{}").split("/", 1)[0]


def parse_setting(text: str) -> str | None:
    """`settings get ...` or `getprop KEY`: the value, or None when unset or null."""
    value = " ".join(ln.strip() for ln in lines(text)).strip()
    return None if value in ("", "null") or unavailable(text) else value


def parse_accessibility_dump(text: str) -> list[str] | None:
    """Enabled services from `dumpsys accessibility` (both the older and newer shapes)."""
    if unavailable(text):
        return None
    out: list[str] = []
    for ln in lines(text):
        if m := _ENABLED_A11Y.search(ln.strip()):
            for part in m.group(1).split(","):
                comp = part.strip().strip("{}").strip()
                if "/" in comp and comp not in out:
                    out.append(comp)
    return out


def parse_device_policy(text: str) -> list[Admin] | None:
    """Device owner, profile owners and enabled device admins from `dumpsys device_policy`."""
    if unavailable(text):
        return None
    out: list[Admin] = []
    section: str | None = None
    heading_indent = 0
    for ln in lines(text):
        stripped = ln.strip()
        indent = len(ln) - len(ln.lstrip())
        if stripped.startswith(("Device Owner", "Profile Owner")):
            section, heading_indent = stripped.split(" (")[0].rstrip(":"), indent
        elif stripped.startswith("Enabled Device Admins"):
            section, heading_indent = "Device Admin", indent
        elif stripped and indent <= heading_indent:
            section = None
        elif section in ("Device Owner", "Profile Owner") and stripped.startswith("admin="):
            comp = stripped[len("admin=") :].removeprefix("ComponentInfo{").rstrip("}")
            out.append(Admin(component_package(comp), section, stripped))
        elif section == "Device Admin" and stripped.endswith(":") and "/" in stripped:
            out.append(Admin(component_package(stripped.rstrip(":")), section, stripped))
    return out


def parse_list_owners(text: str) -> list[Admin] | None:
    """`dpm list-owners`: `User 0: admin=pkg/.Cls,DeviceOwner` lines, or `no owners`."""
    if unavailable(text):
        return None
    out: list[Admin] = []
    for ln in lines(text):
        if m := _OWNER_LINE.search(ln):
            flags = m.group(2)
            role = "Profile Owner" if "ProfileOwner" in flags else "Device Owner"
            out.append(Admin(component_package(m.group(1)), role, ln.strip()))
    return out


def parse_users(text: str) -> list[tuple[int, str, str]] | None:
    """`pm list users` -> [(user id, name, line)]."""
    if unavailable(text):
        return None
    return [
        (int(m.group(1)), m.group(2), ln.strip()) for ln in lines(text) if (m := _USER.search(ln))
    ]
