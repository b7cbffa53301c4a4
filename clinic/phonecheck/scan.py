"""What a phone check looks at: a snapshot of apps, powers and settings, from adb or a list.

`scan_adb` runs only allowlisted read-only commands through a runner. A command that
times out or does not exist on this phone is recorded as "could not check", and the
scan goes on. `snapshot_from_list` reads a pasted or file list instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from clinic.phonecheck import parsers as p
from clinic.phonecheck.adb import GETPROP_KEYS, AdbRunner, AdbTimeout, pick_device

Method = Literal["adb", "package_list", "app_names"]
PowerKind = Literal[
    "accessibility", "notification_listener", "device_admin", "device_owner", "profile_owner"
]


@dataclass
class App:
    package_id: str
    installer: str | None = None
    is_system: bool | None = None
    installer_known: bool = False
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Power:
    package_id: str
    kind: PowerKind
    evidence: str


@dataclass
class Snapshot:
    method: Method
    apps: dict[str, App] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    powers: list[Power] = field(default_factory=list)
    users: list[tuple[int, str, str]] = field(default_factory=list)
    settings: dict[str, str | None] = field(default_factory=dict)
    props: dict[str, str | None] = field(default_factory=dict)
    unavailable: list[str] = field(default_factory=list)

    def setting_lines(self) -> list[str]:
        """Device-level values worth keeping (never app names)."""
        out = [f"{k}={v if v is not None else 'null'}" for k, v in self.settings.items()]
        out.extend(f"{k}={v}" for k, v in self.props.items() if v)
        out.extend(f"user {user_id}" for user_id, _, _ in self.users)  # never the user's name
        return out


def snapshot_from_list(text: str, method: Method = "package_list") -> Snapshot:
    """A pasted list: package ids (any pm output, one a line, CSV) and typed app names."""
    packages, names = p.parse_pasted(text)
    snap = Snapshot(method if packages or method == "app_names" else "app_names")
    for line in packages:
        system = None if line.path is None else not line.path.startswith("/data/")
        known = "installer=" in line.raw
        snap.apps[line.package_id] = App(line.package_id, line.installer, system, known, [line.raw])
    snap.names = names
    return snap


class _Shell:
    """Runs one command, turning a timeout or a missing service into "could not check"."""

    def __init__(self, runner: AdbRunner, serial: str, snap: Snapshot) -> None:
        self.runner, self.serial, self.snap = runner, serial, snap

    def __call__(self, *command: str) -> str | None:
        try:
            out = self.runner.shell(self.serial, command)
        except AdbTimeout:
            self.snap.unavailable.append(" ".join(command))
            return None
        if p.unavailable(out):
            self.snap.unavailable.append(" ".join(command))
            return None
        return out


def scan_adb(runner: AdbRunner, serial: str | None = None) -> Snapshot:
    """Read apps, powers and settings from the one connected, authorised phone."""
    device = pick_device(runner.devices(), serial)
    snap = Snapshot("adb")
    sh = _Shell(runner, device, snap)
    for key in sorted(GETPROP_KEYS):
        out = sh("getprop", key)
        snap.props[key] = p.parse_setting(out) if out is not None else None
    users_out = sh("pm", "list", "users")
    snap.users = (p.parse_users(users_out) if users_out else None) or []
    for user_id in [u[0] for u in snap.users] or [0]:
        _read_packages(sh, snap, str(user_id))
    for scope, key in (
        ("global", "development_settings_enabled"),
        ("global", "adb_wifi_enabled"),
        ("global", "package_verifier_enable"),
        ("secure", "install_non_market_apps"),
        ("secure", "accessibility_enabled"),
    ):
        out = sh("settings", "get", scope, key)
        snap.settings[key] = p.parse_setting(out) if out is not None else None
    _read_powers(sh, snap)
    return snap


def _read_packages(sh: _Shell, snap: Snapshot, user: str) -> None:
    listing = sh("pm", "list", "packages", "-f", "-i", "-U", "--user", user)
    third = sh("pm", "list", "packages", "-3", "--user", user)
    non_system = {x.package_id for x in p.parse_package_list(third)} if third is not None else None
    for line in p.parse_package_list(listing or ""):
        app = snap.apps.get(line.package_id)
        if app is None:
            if non_system is not None:
                system = line.package_id not in non_system
            else:
                system = bool(line.path) and not str(line.path).startswith("/data/")
            app = App(line.package_id, line.installer, system, True)
            snap.apps[line.package_id] = app
        app.evidence.append(line.raw)


def _read_powers(sh: _Shell, snap: Snapshot) -> None:
    a11y_out = sh("settings", "get", "secure", "enabled_accessibility_services")
    a11y = p.parse_components(a11y_out) if a11y_out is not None else None
    if not a11y:
        dump = sh("dumpsys", "accessibility")
        a11y = (p.parse_accessibility_dump(dump) if dump is not None else None) or a11y or []
    for comp in a11y:
        snap.powers.append(Power(p.component_package(comp), "accessibility", comp))
    notif_out = sh("settings", "get", "secure", "enabled_notification_listeners")
    for comp in (p.parse_components(notif_out) if notif_out is not None else None) or []:
        snap.powers.append(Power(p.component_package(comp), "notification_listener", comp))
    admins: list[p.Admin] = []
    for command, parse in (
        (("dumpsys", "device_policy"), p.parse_device_policy),
        (("dpm", "list-owners"), p.parse_list_owners),
    ):
        out = sh(*command)
        admins.extend((parse(out) if out is not None else None) or [])
    kinds: dict[str, PowerKind] = {
        "Device Owner": "device_owner",
        "Profile Owner": "profile_owner",
        "Device Admin": "device_admin",
    }
    seen: set[tuple[str, str]] = set()
    for admin in admins:
        key = (admin.package_id, admin.role)
        if key not in seen:
            seen.add(key)
            snap.powers.append(Power(admin.package_id, kinds[admin.role], admin.raw))
