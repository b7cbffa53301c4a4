"""Read an androidqf acquisition folder and check it like a phone read over adb.

androidqf (a collector used with MVT) writes one folder per acquisition. This reads only:
`packages.json` (required: ids, installer, system flag, signing certificates),
`getprop.txt` (`[key]: [value]` lines), `settings_secure.txt` / `settings_global.txt`
(`key=value`) and `dumpsys.txt` (sections `DUMP OF SERVICE name:` for accessibility,
device_policy, adb, appops and package). Missing files are "could not check"; nothing
else in the folder is opened. Sizes are capped so a wrong folder cannot exhaust memory.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from clinic.errors import InvalidInput
from clinic.phonecheck import parsers as p
from clinic.phonecheck.adb import GETPROP_KEYS
from clinic.phonecheck.scan import App, AppDetails, Power, Snapshot, _device_from_props

MAX_BYTES = 200_000_000
_PROP = re.compile(r"^\[([^\]]+)\]: \[(.*)\]\s*$")
_SETTINGS = ("enabled_accessibility_services", "enabled_notification_listeners")


class AcquisitionUnreadable(InvalidInput):
    code = "androidqf_unreadable"


def _read(folder: Path, name: str) -> str | None:
    path = folder / name
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _packages(text: str) -> list[dict[str, Any]]:
    try:
        raw = json.loads(text)
    except ValueError:
        raise AcquisitionUnreadable() from None
    if not isinstance(raw, list):
        raise AcquisitionUnreadable()
    return [r for r in raw if isinstance(r, dict) and isinstance(r.get("name"), str)]


def scan_androidqf(folder: Path) -> Snapshot:
    """A snapshot from an androidqf folder; raises InvalidInput when packages.json is absent."""
    listing = _read(folder, "packages.json")
    if listing is None:
        raise AcquisitionUnreadable()
    snap = Snapshot("androidqf")
    for row in _packages(listing):
        pkg = row["name"]
        if not p._PACKAGE_ID.match(pkg):
            continue
        installer = row.get("installer") or None
        certs: list[str] = []
        for f in row.get("files") or []:
            cert = f.get("certificate") if isinstance(f, dict) else None
            if isinstance(cert, dict) and isinstance(cert.get("Sha1"), str):
                certs.append(cert["Sha1"])
        system = row.get("system")
        snap.apps[pkg] = App(
            pkg,
            installer=str(installer) if installer and installer != "null" else None,
            is_system=bool(system) if system is not None else None,
            installer_known="installer" in row,
            evidence=[f"packages.json: installer={installer or 'null'}"],
            certificates=tuple(dict.fromkeys(certs)),
        )
    props_text = _read(folder, "getprop.txt")
    if props_text is None:
        snap.unavailable.append("getprop.txt")
    else:
        for ln in p.lines(props_text):
            if (m := _PROP.match(ln.strip())) and m.group(1) in GETPROP_KEYS:
                snap.props[m.group(1)] = m.group(2) or None
        _device_from_props(snap)
    settings: dict[str, str] = {}
    for scope in ("secure", "global"):
        text = _read(folder, f"settings_{scope}.txt")
        if text is None:
            snap.unavailable.append(f"settings_{scope}.txt")
            continue
        for ln in p.lines(text):
            key, sep, value = ln.strip().partition("=")
            if sep:
                settings[key] = value
    for key in (
        "development_settings_enabled",
        "adb_wifi_enabled",
        "package_verifier_enable",
        "install_non_market_apps",
        "accessibility_enabled",
    ):
        if key in settings:
            snap.settings[key] = settings[key] or None
    for key, kind in zip(_SETTINGS, ("accessibility", "notification_listener"), strict=True):
        for comp in p.parse_components(settings.get(key, "null")) or []:
            snap.powers.append(Power(p.component_package(comp), kind, comp))  # type: ignore[arg-type]
    dump = _read(folder, "dumpsys.txt")
    if dump is None:
        snap.unavailable.append("dumpsys.txt")
        return snap
    _from_dump(snap, dump)
    return snap


def _from_dump(snap: Snapshot, dump: str) -> None:
    a11y = p.section(dump, "accessibility")
    known = {(pw.package_id, pw.kind) for pw in snap.powers}
    for comp in (p.parse_accessibility_dump(a11y) if a11y else None) or []:
        if (p.component_package(comp), "accessibility") not in known:
            snap.powers.append(Power(p.component_package(comp), "accessibility", comp))
    policy = p.section(dump, "device_policy")
    kinds = {"Device Owner": "device_owner", "Profile Owner": "profile_owner"}
    for admin in (p.parse_device_policy(policy) if policy else None) or []:
        kind = kinds.get(admin.role, "device_admin")
        snap.powers.append(Power(admin.package_id, kind, admin.raw))  # type: ignore[arg-type]
    adb = p.section(dump, "adb")
    snap.adb_keys = p.parse_adb_keys(adb) if adb else None
    packages = p.section(dump, "package")
    appops = p.section(dump, "appops")

    def details(pkg: str) -> AppDetails | None:
        info = p.parse_package_dump(packages, pkg) if packages else None
        ops = p.parse_appops(appops, pkg) if appops else None
        return AppDetails(info, ops) if info is not None or ops is not None else None

    snap.detail_source = details
