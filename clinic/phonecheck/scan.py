"""What a phone check looks at: a snapshot of apps, powers and settings, from adb or a list.

`scan_adb` runs only allowlisted read-only commands through a runner. A command that
times out or does not exist on this phone is recorded as "could not check", and the
scan goes on. `snapshot_from_list` reads a pasted or file list instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from clinic.errors import InvalidInput
from clinic.phonecheck import parsers as p
from clinic.phonecheck.adb import (
    GETPROP_KEYS,
    PM_LIST_FLAGS,
    AdbRunner,
    AdbTimeout,
    AppsNotListed,
    pick_device,
)

Method = Literal["adb", "package_list", "app_names", "iphone", "androidqf"]
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
    name: str | None = None
    version: str | None = None
    source: str | None = None  # iPhone: app_store, testflight, enterprise, developer, system
    certificates: tuple[str, ...] = ()


@dataclass
class AppDetails:
    """What an app did lately and what it may do (Android): for the advocate's evidence."""

    package: p.PackageDetails | None = None
    appops: list[tuple[str, str, str]] | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """An installed configuration or MDM profile (iPhone). Never its payload."""

    name: str
    organization: str | None = None
    removal_disallowed: bool = False
    mdm: bool = False


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
    device: dict[str, str] = field(default_factory=dict)
    adb_keys: list[str] | None = None
    details: dict[str, AppDetails] = field(default_factory=dict)
    profiles: list[Profile] | None = None
    flags: dict[str, bool | None] = field(default_factory=dict)
    list_format: str | None = None
    serial: str | None = None  # in memory only, never stored
    # Reads one app's details on demand (adb: two read-only commands; androidqf: the dump).
    detail_source: Callable[[str], AppDetails | None] | None = None

    def add_details(self, packages: Iterable[str]) -> bool:
        """Fetch details for these apps (once each); True when any were added."""
        if self.detail_source is None:
            return False
        added = False
        for pkg in packages:
            if pkg in self.apps and pkg not in self.details:
                found = self.detail_source(pkg)
                if found is not None:
                    self.details[pkg] = found
                    added = True
        return added

    def setting_lines(self) -> list[str]:
        """Device-level values worth keeping (never app names)."""
        out = [f"{k}={v if v is not None else 'null'}" for k, v in self.settings.items()]
        out.extend(f"{k}={v}" for k, v in self.props.items() if v)
        out.extend(f"user {user_id}" for user_id, _, _ in self.users)  # never the user's name
        return out


_LIST_REFUSED = {  # error codes (clinic/error_catalogue.py)
    "json": "list_is_json",
    "dump": "list_is_dump",
    "mixed": "list_mixed",
    "unknown": "list_unknown",
    "names": "list_not_names",
}


def snapshot_from_list(text: str, method: Method = "package_list") -> Snapshot:
    """A pasted list: `pm list packages` output, one id a line, CSV/TSV/semicolon rows, or
    app names one a line. Anything else raises InvalidInput (exit 5) and nothing is stored."""
    try:
        parsed = p.parse_list(text, names_only=method == "app_names")
    except p.NotAPackageList as exc:
        raise InvalidInput(_LIST_REFUSED[exc.why]) from None
    packages, names = parsed.packages, parsed.names
    snap = Snapshot("app_names" if parsed.format == "names" else "package_list")
    snap.list_format = parsed.format
    for line in packages:
        system = None if line.path is None else not line.path.startswith("/data/")
        known = "installer=" in line.raw
        evidence = [line.raw] if line.raw != line.package_id else []
        snap.apps[line.package_id] = App(line.package_id, line.installer, system, known, evidence)
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
    """Read apps, powers and settings from the one connected, authorised phone.

    Raises AppsNotListed when no form of `pm list packages` lists anything.
    """
    device = pick_device(runner.devices(), serial)
    snap = Snapshot("adb")
    snap.serial = device
    sh = _Shell(runner, device, snap)
    for key in sorted(GETPROP_KEYS):
        out = sh("getprop", key)
        snap.props[key] = p.parse_setting(out) if out is not None else None
    _device_from_props(snap)
    users_out = sh("pm", "list", "users")
    snap.users = (p.parse_users(users_out) if users_out else None) or []
    listed = False
    for user_id in [u[0] for u in snap.users] or [0]:
        listed = _read_packages(sh, snap, str(user_id)) or listed
    if not listed:
        raise AppsNotListed()
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
    keys_out = sh("dumpsys", "adb")
    own = own_adb_keys()
    snap.adb_keys = p.parse_adb_keys(keys_out, own) if keys_out is not None else None
    snap.detail_source = _adb_details(sh)
    return snap


def own_adb_keys() -> frozenset[str]:
    """This laptop's own adb public key (`~/.android/adbkey.pub`, or $ANDROID_USER_HOME),
    so the phone's list of authorised computers is shown without it."""
    import os
    from pathlib import Path

    home = os.environ.get("ANDROID_USER_HOME") or str(Path.home() / ".android")
    try:
        text = (Path(home) / "adbkey.pub").read_text(encoding="ascii", errors="replace")
    except OSError:
        return frozenset()
    parts = text.split()
    return frozenset(parts[:1])


def _device_from_props(snap: Snapshot) -> None:
    props = snap.props
    brand, model = props.get("ro.product.brand"), props.get("ro.product.model")
    if model:
        snap.device["model"] = f"{brand} {model}" if brand else model
    if release := props.get("ro.build.version.release"):
        snap.device["os"] = f"Android {release}"
    if patch := props.get("ro.build.version.security_patch"):
        snap.device["security_patch"] = patch


def _adb_details(sh: _Shell) -> Callable[[str], AppDetails | None]:
    """`dumpsys package PKG` and `dumpsys appops --package PKG`, for the apps worth a look."""

    def read(pkg: str) -> AppDetails | None:
        dump = sh("dumpsys", "package", pkg)
        ops = sh("dumpsys", "appops", "--package", pkg)
        return AppDetails(
            p.parse_package_dump(dump, pkg) if dump is not None else None,
            p.parse_appops(ops, pkg) if ops is not None else None,
        )

    return read


def _read_packages(sh: _Shell, snap: Snapshot, user: str) -> bool:
    """The user's apps, falling back to plainer listings; False when none lists any."""
    listing = None
    for flags in PM_LIST_FLAGS:
        out = sh("pm", "list", "packages", *flags, "--user", user)
        if out is not None and not p.listing_failed(out):
            listing = out
            break
    if listing is None:
        return False
    third = sh("pm", "list", "packages", "-3", "--user", user)
    if third is not None and p.listing_failed(third):
        third = None
    non_system = {x.package_id for x in p.parse_package_list(third)} if third is not None else None
    for line in p.parse_package_list(listing or ""):
        app = snap.apps.get(line.package_id)
        if app is None:
            if non_system is not None:
                system = line.package_id not in non_system
            else:
                system = bool(line.path) and not str(line.path).startswith("/data/")
            app = App(line.package_id, line.installer, system, "installer=" in line.raw)
            snap.apps[line.package_id] = app
        app.evidence.append(line.raw)
    return True


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
