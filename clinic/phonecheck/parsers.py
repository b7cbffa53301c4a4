"""Parsers for the read-only adb command outputs and pasted package lists.

Every parser takes plain text and is tolerant: `\\r\\n` endings, blank or extra lines and
missing sections are fine. `None` means "this could not be checked on this phone",
which is different from an empty result.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Literal

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
    """One `package:` line of `pm list packages` with any of -f -i -U --show-versioncode.

    The `package:` prefix may be in any case. An id without a dot (`android`) gives None.
    """
    if line[:8].lower() != "package:":
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


ListFormat = Literal["pm", "ids", "table", "names"]
_NAME_MAX = 80
_DOTLESS = re.compile(r"^[A-Za-z0-9_]+$")
_DUMP_MARKERS = re.compile(
    r"^(DUMP OF SERVICE|Packages:|\s*Package \[|\[ro\.|\[persist\.|Activity Resolver Table:)"
)
_NOT_A_NAME = re.compile(r"[=\[\]{}<>|\\/]|^\s|:\s*$|^\S+:\S")


@dataclass
class ParsedList:
    """A package list file or paste, read strictly: its format, its ids, or its app names."""

    format: ListFormat
    packages: list[PackageLine] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


class NotAPackageList(ValueError):
    """The text is not one of the accepted list formats (the caller says which and why)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _row_id(line: str) -> tuple[bool, PackageLine | None]:
    """(is a delimited row, the package id found in one of its cells)."""
    delim = "\t" if "\t" in line else ";" if ";" in line else "," if "," in line else None
    if delim is None:
        return False, None
    cells = next(csv.reader([line], delimiter=delim, skipinitialspace=True), [])
    for cell in cells:
        value = cell.strip().strip('"').strip()
        if value[:8].lower() == "package:":
            value = value[8:].strip()
        if _PACKAGE_ID.match(value):
            return True, PackageLine(value, raw=line)
    return True, None


def _looks_like_name(line: str) -> bool:
    return len(line) <= _NAME_MAX and line.isprintable() and not _NOT_A_NAME.search(line)


def parse_list(text: str, names_only: bool = False) -> ParsedList:
    """Accept exactly: `pm list packages` output (any flags), one id a line, CSV / TSV /
    semicolon rows with the id in a column, or app names one a line (iPhones).

    Anything else (a dumpsys dump, JSON, a whole acquisition) raises NotAPackageList.
    Ids without a dot (`package:android`) are skipped silently.
    """
    body = text.lstrip("\ufeff").lstrip()
    if _DUMP_MARKERS.match(body):
        raise NotAPackageList("dump")
    if body[:1] in ("{", "["):
        raise NotAPackageList("json")
    packages: dict[str, PackageLine] = {}
    names: dict[str, None] = {}
    formats: set[str] = set()
    junk = header = 0
    rows = [ln.strip() for ln in lines(text.lstrip("\ufeff"))]
    rows = [ln for ln in rows if ln and not ln.startswith("#")]
    for raw in rows:
        if _DUMP_MARKERS.match(raw):
            raise NotAPackageList("dump")
    if names_only:
        bad = [r for r in rows if not _looks_like_name(r)]
        if bad or not rows:
            raise NotAPackageList("names")
        return ParsedList("names", [], list(dict.fromkeys(rows)))
    for raw in rows:
        if raw[:8].lower() == "package:":
            formats.add("pm")
            parsed = parse_pm_line(raw)
            if parsed is not None:
                packages.setdefault(parsed.package_id, parsed)
            elif not _DOTLESS.match(raw[8:].strip().rsplit("=", 1)[-1].split(" ")[0]):
                junk += 1
            continue
        if _PACKAGE_ID.match(raw):
            formats.add("ids")
            packages.setdefault(raw, PackageLine(raw, raw=raw))
            continue
        delimited, found = _row_id(raw)
        if found is not None:
            formats.add("table")
            packages.setdefault(found.package_id, found)
        elif delimited and not packages and header == 0:
            header += 1  # a header row such as "package,name"
        elif _looks_like_name(raw):
            names.setdefault(raw, None)
        else:
            junk += 1
    if packages:
        # A package list may carry a header; app names mixed into it mean another file.
        stray = junk + len(names)
        if stray > max(2, len(packages) // 50):
            raise NotAPackageList("mixed")
        fmt: ListFormat = "pm" if "pm" in formats else "table" if "table" in formats else "ids"
        return ParsedList(fmt, list(packages.values()), list(names))
    if junk or not names:
        if "pm" in formats and not junk:
            return ParsedList("pm", [], [])  # only dot-less system ids
        raise NotAPackageList("unknown")
    return ParsedList("names", [], list(names))


def parse_pasted(text: str) -> tuple[list[PackageLine], list[str]]:
    """Backward-compatible wrapper of `parse_list` (raises NotAPackageList)."""
    parsed = parse_list(text)
    return parsed.packages, parsed.names


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


def listing_failed(text: str) -> bool:
    """`pm list packages` answered with an error (`Error: Unknown option: -U`...), no list."""
    rows = [ln.strip() for ln in lines(text) if ln.strip()]
    return not any(r.lower().startswith("package:") for r in rows)


# Runtime permissions worth showing: what they let an app read or record.
DANGEROUS = {
    "android.permission.ACCESS_FINE_LOCATION": "location",
    "android.permission.ACCESS_COARSE_LOCATION": "location",
    "android.permission.ACCESS_BACKGROUND_LOCATION": "location in the background",
    "android.permission.CAMERA": "camera",
    "android.permission.RECORD_AUDIO": "microphone",
    "android.permission.READ_SMS": "SMS",
    "android.permission.RECEIVE_SMS": "SMS",
    "android.permission.SEND_SMS": "SMS",
    "android.permission.READ_CALL_LOG": "call log",
    "android.permission.PROCESS_OUTGOING_CALLS": "call log",
    "android.permission.READ_CONTACTS": "contacts",
    "android.permission.READ_PHONE_STATE": "phone state",
    "android.permission.READ_EXTERNAL_STORAGE": "files",
    "android.permission.READ_MEDIA_IMAGES": "photos",
    "android.permission.READ_MEDIA_VIDEO": "photos",
    "android.permission.BODY_SENSORS": "body sensors",
    "android.permission.ACTIVITY_RECOGNITION": "activity",
}
# App ops worth showing, by what they touch.
APPOPS = {
    "COARSE_LOCATION": "location",
    "FINE_LOCATION": "location",
    "MONITOR_LOCATION": "location",
    "MONITOR_HIGH_POWER_LOCATION": "location",
    "CAMERA": "camera",
    "RECORD_AUDIO": "microphone",
    "READ_SMS": "SMS",
    "RECEIVE_SMS": "SMS",
    "SEND_SMS": "SMS",
    "READ_CALL_LOG": "call log",
    "ACCESS_NOTIFICATIONS": "notifications",
    "POST_NOTIFICATION": "notifications",
}
_KV = re.compile(r"^\s*([A-Za-z]+)=(.*)$")
_PERM = re.compile(r"^\s*(android\.permission\.[A-Z_]+): granted=(true|false)")
_OP = re.compile(r"^\s*([A-Z_]+) \(([a-z_]+)[^)]*\):?(.*)$")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?")
_AGO = re.compile(r"time=\+?([0-9dhms]+) ago")


@dataclass
class PackageDetails:
    """What `dumpsys package PKG` says about one app (missing lines stay None)."""

    first_install: str | None = None
    last_update: str | None = None
    installer: str | None = None
    version: str | None = None
    granted: list[str] = field(default_factory=list)


def parse_package_dump(text: str, package_id: str) -> PackageDetails | None:
    """The `Package [PKG]` block of `dumpsys package PKG` (or of a whole dump)."""
    if unavailable(text):
        return None
    details: PackageDetails | None = None
    block_indent = -1
    for ln in lines(text):
        stripped = ln.strip()
        indent = len(ln) - len(ln.lstrip())
        if stripped.startswith("Package [") and stripped.endswith(":"):
            if details is not None:
                break
            if stripped.startswith(f"Package [{package_id}]"):
                details, block_indent = PackageDetails(), indent
            continue
        if details is None:
            continue
        if stripped and indent <= block_indent:
            break
        if m := _PERM.match(ln):
            perm = m.group(1)
            if m.group(2) == "true" and perm in DANGEROUS and perm not in details.granted:
                details.granted.append(perm)
        elif m := _KV.match(ln):
            key, value = m.group(1), m.group(2).strip()
            if key == "firstInstallTime" and details.first_install is None:
                details.first_install = value
            elif key == "lastUpdateTime" and details.last_update is None:
                details.last_update = value
            elif key == "installerPackageName":
                details.installer = None if value == "null" else value
            elif key == "versionName":
                details.version = value
    return details


def parse_appops(text: str, package_id: str) -> list[tuple[str, str, str]] | None:
    """Recent use by one app from `dumpsys appops`: [(op, mode, last time as shown)]."""
    if unavailable(text):
        return None
    out: list[tuple[str, str, str]] = []
    inside = False
    indent_of_pkg = 0
    current: list[str] | None = None
    for ln in lines(text):
        stripped = ln.strip()
        indent = len(ln) - len(ln.lstrip())
        if stripped.startswith("Package ") and stripped.endswith(":"):
            inside = stripped[len("Package ") : -1] == package_id
            indent_of_pkg = indent
            current = None
            continue
        if not inside:
            continue
        if stripped and indent <= indent_of_pkg:
            inside, current = False, None
            continue
        if m := _OP.match(ln):
            op, mode, rest = m.group(1), m.group(2), m.group(3)
            current = None
            if op in APPOPS:
                when = _when(rest)
                current = [op, mode, when]
                out.append((op, mode, when))
        elif current is not None and stripped.startswith(("Access:", "Reject:")):
            when = _when(stripped)
            if when and (not current[2] or when > current[2]) and stripped.startswith("Access:"):
                current[2] = when
                out[-1] = (current[0], current[1], when)
    return out


def _when(text: str) -> str:
    if m := _STAMP.search(text):
        return m.group(0)
    if m := _AGO.search(text):
        return f"{m.group(1)} ago"
    return ""


def parse_adb_keys(text: str, skip: frozenset[str] = frozenset()) -> list[str] | None:
    """Computers whose USB debugging key the phone keeps, from `dumpsys adb`.

    Each key line is `BASE64 user@host`; the comment after the key is returned (or "?").
    Keys in `skip` (this laptop's own public key) are left out.
    """
    if unavailable(text):
        return None
    out: list[str] = []
    inside = False
    for ln in lines(text):
        stripped = ln.strip()
        if stripped.startswith("user_keys="):
            inside = True
            stripped = stripped[len("user_keys=") :]
        elif _KV.match(ln) or stripped in ("}", "{"):
            inside = False
        if inside and stripped and stripped != "null":
            parts = stripped.split(None, 1)
            if len(parts[0]) > 100 and parts[0] not in skip:
                out.append(parts[1].strip() if len(parts) > 1 else "?")
    return out


def section(dump: str, service: str) -> str | None:
    """One `DUMP OF SERVICE name:` section of a whole `dumpsys` output (androidqf)."""
    marker = f"DUMP OF SERVICE {service}:"
    start = dump.find(marker)
    if start < 0:
        return None
    body_start = start + len(marker)
    end = dump.find("DUMP OF SERVICE ", body_start)
    return dump[body_start : end if end >= 0 else len(dump)]
