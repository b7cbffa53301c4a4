"""The iPhone check: `pymobiledevice3` run as an external command, read-only, JSON output.

The tool is never imported (it brings network code); it runs as a subprocess like adb,
from a fixed allowlist of read-only subcommands, each answering JSON on stdout:

- `usbmux list --usb`: the connected iPhones;
- `lockdown info --udid U`: name, model, iOS version (this is also what pairs: the
  phone shows "Trust This Computer?" the first time);
- `apps list --udid U`: installed apps, with name, version and signer;
- `profile list --udid U`: configuration and MDM profiles;
- `profile cloud-configuration --udid U` (no argument: it only reads): supervision;
- `amfi developer-mode-status --udid U`: Developer Mode.

Nothing writes to the phone: no pairing command of our own, no backup, no file pulls.
The phone's UDID is kept in memory only (never stored, never logged); the pairing record
the tool writes on this laptop is removed after the check (`remove_pairing_record`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from clinic.errors import ClinicError
from clinic.phonecheck.scan import App, Profile, Snapshot

TOOL = "pymobiledevice3"
DEFAULT_TIMEOUT = 60.0
ALLOWED: frozenset[tuple[str, ...]] = frozenset(
    {
        ("usbmux", "list", "--usb"),
        ("lockdown", "info"),
        ("apps", "list"),
        ("profile", "list"),
        ("profile", "cloud-configuration"),
        ("amfi", "developer-mode-status"),
    }
)
_UDID_FREE = ("usbmux", "list", "--usb")


class IphoneProblem(ClinicError):
    """pymobiledevice3 could not read exactly one trusting iPhone (one-line guidance)."""

    code = "iphone_problem"
    exit_code = 6


class IphoneToolMissing(IphoneProblem):
    code = "iphone_tool_missing"


class NoIphone(IphoneProblem):
    code = "iphone_none"


class SeveralIphones(IphoneProblem):
    code = "iphone_several"


class IphoneLocked(IphoneProblem):
    code = "iphone_locked"


class IphoneNotTrusted(IphoneProblem):
    code = "iphone_not_trusted"


class IphoneTrustRefused(IphoneProblem):
    code = "iphone_trust_refused"


class IphoneTimeout(IphoneProblem):
    code = "iphone_timeout"


class IphoneBadAnswer(IphoneProblem):
    code = "iphone_bad_answer"


class IphoneNotAllowed(IphoneProblem):
    code = "iphone_not_allowed"


# Exception class names the tool prints on stderr -> our one-line problems (order matters).
_STDERR = (
    ("PasswordRequiredError", IphoneLocked),
    ("PairingDialogResponsePendingError", IphoneNotTrusted),
    ("UserDeniedPairingError", IphoneTrustRefused),
    ("NotPairedError", IphoneNotTrusted),
    ("NotTrustedError", IphoneNotTrusted),
    ("FatalPairingError", IphoneNotTrusted),
    ("InvalidHostIDError", IphoneNotTrusted),
    ("NoDeviceConnectedError", NoIphone),
    ("DeviceNotFoundError", NoIphone),
    ("ConnectionFailedToUsbmuxdError", NoIphone),
    ("ConnectionFailedError", NoIphone),
    ("Device is password protected", IphoneLocked),
    ("Waiting for the user to answer the Trust dialog", IphoneNotTrusted),
    ("The user refused to trust this computer", IphoneTrustRefused),
    ("Device is not connected", NoIphone),
    ("Choose device", SeveralIphones),
)


def is_allowed(command: Sequence[str]) -> bool:
    return tuple(command) in ALLOWED


class IphoneRunner(Protocol):
    def run(self, command: Sequence[str], udid: str | None = None) -> Any: ...


class SubprocessIphoneRunner:
    """Runs `pymobiledevice3` from PATH (or `tool_path`), allowlisted commands only."""

    def __init__(self, tool_path: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        found = tool_path or shutil.which(TOOL)
        if not found:
            raise IphoneToolMissing()
        self.tool = found
        self.timeout = timeout

    def run(self, command: Sequence[str], udid: str | None = None) -> Any:
        if not is_allowed(command):
            raise IphoneNotAllowed()
        args = [self.tool, *command]
        if udid is not None and tuple(command) != _UDID_FREE:
            args += ["--udid", udid]
        env = child_env()
        try:
            proc = subprocess.run(
                args,
                capture_output=True,
                timeout=self.timeout,
                check=False,
                stdin=subprocess.DEVNULL,
                env=env,
            )
        except FileNotFoundError:
            raise IphoneToolMissing() from None
        except subprocess.TimeoutExpired:
            raise IphoneTimeout() from None
        if proc.returncode != 0:
            raise problem_from_stderr(proc.stderr.decode("utf-8", "replace"))
        try:
            return json.loads(proc.stdout.decode("utf-8", "replace") or "null")
        except ValueError:
            raise IphoneBadAnswer() from None


def child_env() -> dict[str, str]:
    """The tool's environment: no colour, and none of its own variables (they can pick a
    device, a tunnel or a network usbmux address), so it talks to the local USB iPhone only."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYMOBILEDEVICE3_") and k != "USBMUXD_SOCKET_ADDRESS"
    }
    env["NO_COLOR"] = "1"
    return env


def problem_from_stderr(stderr: str) -> IphoneProblem:
    for marker, cls in _STDERR:
        if marker in stderr:
            return cls()
    return IphoneProblem()


def pick_iphone(devices: object, udid: str | None = None) -> str:
    """The one connected iPhone's UDID (kept in memory only), or a guidance error."""
    if not isinstance(devices, list):
        raise IphoneBadAnswer()
    ids = [
        str(d.get("Identifier") or d.get("UniqueDeviceID") or "")
        for d in devices
        if isinstance(d, dict) and (d.get("ConnectionType") in (None, "USB"))
    ]
    ids = [i for i in ids if i]
    if udid is not None:
        ids = [i for i in ids if i == udid]
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise SeveralIphones()
    raise NoIphone()


def app_source(info: dict[str, Any]) -> str:
    """Where an app came from: app_store, testflight, enterprise, developer or system.

    Read from installation_proxy fields: `ApplicationType`, `SignerIdentity`,
    `ProfileValidated` (a provisioning profile was trusted on the phone), beta markers.
    """
    if info.get("ApplicationType") in ("System", "Hidden"):
        return "system"
    signer = str(info.get("SignerIdentity") or "")
    if info.get("IsBetaApp") or info.get("BetaExternalVersionIdentifier"):
        return "testflight"
    if "Development" in signer or "Developer" in signer:
        return "developer"
    if "Distribution" in signer or info.get("ProfileValidated") is True:
        return "enterprise"
    return "app_store"


def _apps(answer: object) -> dict[str, App]:
    items: list[tuple[str, dict[str, Any]]] = []
    if isinstance(answer, dict):
        items = [(k, v) for k, v in answer.items() if isinstance(v, dict)]
    elif isinstance(answer, list):
        items = [(str(v.get("CFBundleIdentifier", "")), v) for v in answer if isinstance(v, dict)]
    out: dict[str, App] = {}
    for bundle, info in items:
        bundle = str(info.get("CFBundleIdentifier") or bundle)
        if not bundle:
            continue
        source = app_source(info)
        name = info.get("CFBundleDisplayName") or info.get("CFBundleName")
        version = info.get("CFBundleShortVersionString") or info.get("CFBundleVersion")
        out[bundle] = App(
            bundle,
            installer=None,
            is_system=source == "system",
            installer_known=False,
            name=str(name) if name else None,
            version=str(version) if version else None,
            source=source,
        )
    return out


def _profiles(answer: object) -> list[Profile]:
    if not isinstance(answer, dict):
        return []
    meta = answer.get("ProfileMetadata") or {}
    manifest = answer.get("ProfileManifest") or {}
    order = answer.get("OrderedIdentifiers") or list(meta)
    out: list[Profile] = []
    for ident in order:
        info = meta.get(ident) if isinstance(meta, dict) else None
        if not isinstance(info, dict):
            continue
        desc = manifest.get(ident, {}) if isinstance(manifest, dict) else {}
        text = " ".join(str(x) for x in (ident, desc.get("Description", ""))).lower()
        out.append(
            Profile(
                name=str(info.get("PayloadDisplayName") or ident),
                organization=str(info["PayloadOrganization"])
                if info.get("PayloadOrganization")
                else None,
                removal_disallowed=bool(info.get("PayloadRemovalDisallowed")),
                mdm="mdm" in text or bool(info.get("IsMDMProfile")),
            )
        )
    return out


def scan_iphone(runner: IphoneRunner, udid: str | None = None) -> Snapshot:
    """Read the one connected iPhone: device info, apps, profiles, supervision, dev mode."""
    device = pick_iphone(runner.run(("usbmux", "list", "--usb")), udid)
    snap = Snapshot("iphone")
    snap.serial = device  # memory only: used to remove the pairing record afterwards
    info = runner.run(("lockdown", "info"), device)
    if not isinstance(info, dict):
        raise IphoneBadAnswer()
    if name := info.get("DeviceName"):
        snap.device["name"] = str(name)
    if model := info.get("ProductType"):
        snap.device["model"] = str(model)
    if version := info.get("ProductVersion"):
        snap.device["os"] = f"iOS {version}"
    snap.apps = _apps(runner.run(("apps", "list"), device))
    for command, key in (
        (("profile", "list"), "profiles"),
        (("profile", "cloud-configuration"), "supervised"),
        (("amfi", "developer-mode-status"), "developer_mode"),
    ):
        try:
            answer = runner.run(command, device)
        except (IphoneLocked, IphoneNotTrusted, IphoneTrustRefused, NoIphone):
            raise
        except IphoneProblem:
            snap.unavailable.append(" ".join(command))
            continue
        if key == "profiles":
            snap.profiles = _profiles(answer)
        elif key == "supervised":
            snap.flags["supervised"] = (
                bool(answer.get("IsSupervised")) if isinstance(answer, dict) else None
            )
        else:
            snap.flags["developer_mode"] = answer if isinstance(answer, bool) else None
    return snap


def pairing_record_dirs() -> list[Path]:
    """Where pymobiledevice3 keeps its pairing records on this laptop (its home folder)."""
    home = Path.home()
    dirs = [home / ".pymobiledevice3"]
    if sys.platform != "win32":
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
        dirs.append(base / "pymobiledevice3")
    return dirs


def system_record_dir() -> str:
    """Where usbmuxd (Linux), macOS or Apple Devices (Windows) may keep its own record."""
    if sys.platform == "darwin":
        return "/var/db/lockdown/"
    if sys.platform == "win32":
        return r"%ALLUSERSPROFILE%\Apple\Lockdown"
    return "/var/lib/lockdown/"


def remove_pairing_record(udid: str) -> bool:
    """Delete the tool's `<UDID>.plist` pairing record(s) on this laptop. True if one was."""
    if not udid or "/" in udid or "\\" in udid or udid.startswith("."):
        return False
    removed = False
    for folder in pairing_record_dirs():
        record = folder / f"{udid}.plist"
        try:
            record.unlink()
            removed = True
        except FileNotFoundError:
            continue
        except OSError:
            continue
    return removed
