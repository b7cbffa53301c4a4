"""The adb runner: a fixed allowlist of read-only commands, nothing else, ever.

No command here installs, changes or removes anything on the phone. The real runner
finds `adb` on PATH, passes arguments as a list (no shell string on the laptop), always
names the phone with `-s SERIAL`, and stops each command after a timeout. Tests pass a
fake runner, or put a fake `adb` first on PATH.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from typing import Protocol

from clinic.errors import ClinicError
from clinic.phonecheck.parsers import parse_devices

DEFAULT_TIMEOUT = 30.0
GETPROP_KEYS = frozenset(
    {
        "ro.product.brand",
        "ro.product.model",
        "ro.build.version.release",
        "ro.build.version.sdk",
        "ro.build.version.security_patch",
        "ro.boot.verifiedbootstate",
        "ro.boot.flash.locked",
        "ro.build.tags",
        "ro.debuggable",
        "ro.secure",
        "service.adb.tcp.port",
    }
)
SETTINGS = frozenset(
    {
        ("secure", "enabled_accessibility_services"),
        ("secure", "accessibility_enabled"),
        ("secure", "enabled_notification_listeners"),
        ("secure", "install_non_market_apps"),
        ("global", "adb_wifi_enabled"),
        ("global", "development_settings_enabled"),
        ("global", "package_verifier_enable"),
    }
)
FIXED = frozenset(
    {
        ("pm", "list", "users"),
        ("dumpsys", "accessibility"),
        ("dumpsys", "device_policy"),
        ("dpm", "list-owners"),
        ("dumpsys", "adb"),
        ("dumpsys", "appops"),
    }
)
# `pm list packages` flag sets, richest first: an older phone refuses -U (or -i), so the
# scan falls back to plainer listings rather than reading an error as "0 apps".
PM_LIST_FLAGS: tuple[tuple[str, ...], ...] = (("-f", "-i", "-U"), ("-f", "-i"), ("-f",), ())
_USER_ID = re.compile(r"^\d{1,6}$")
_PACKAGE_ID = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$")


class AdbProblem(ClinicError):
    """adb could not talk to exactly one authorised phone. The message says what to do."""

    code = "adb_problem"
    exit_code = 6


class AdbMissing(AdbProblem):
    code = "adb_missing"


class NoDevice(AdbProblem):
    code = "no_device"


class Unauthorized(AdbProblem):
    code = "device_unauthorized"


class SeveralDevices(AdbProblem):
    code = "several_devices"


class DeviceOffline(AdbProblem):
    code = "device_offline"


class AdbTimeout(AdbProblem):
    code = "adb_timeout"


class NotAllowed(AdbProblem):
    code = "adb_not_allowed"


class AppsNotListed(AdbProblem):
    """Every listing form failed: nothing is stored, nothing reads as a check."""

    code = "apps_not_listed"


class AdbRunner(Protocol):
    """What the scan needs from adb: the device list, and allowlisted shell commands."""

    def devices(self) -> str: ...

    def shell(self, serial: str, command: Sequence[str]) -> str: ...


def is_allowed(command: Sequence[str]) -> bool:
    """True only for the read-only commands the phone check may run."""
    cmd = tuple(command)
    if cmd in FIXED:
        return True
    if len(cmd) == 2 and cmd[0] == "getprop":
        return cmd[1] in GETPROP_KEYS
    if len(cmd) == 4 and cmd[:2] == ("settings", "get"):
        return cmd[2:] in SETTINGS
    if len(cmd) == 3 and cmd[:2] == ("dumpsys", "package"):
        return bool(_PACKAGE_ID.match(cmd[2]))
    if len(cmd) == 4 and cmd[:3] == ("dumpsys", "appops", "--package"):
        return bool(_PACKAGE_ID.match(cmd[3]))
    if cmd[:3] == ("pm", "list", "packages") and len(cmd) >= 5 and cmd[-2] == "--user":
        flags = cmd[3:-2]
        return bool(_USER_ID.match(cmd[-1])) and (flags in PM_LIST_FLAGS or flags == ("-3",))
    return False


def pick_device(devices_output: str, serial: str | None = None) -> str:
    """The one authorised phone to talk to, or a guidance error."""
    devices = parse_devices(devices_output)
    if serial is not None:
        devices = [d for d in devices if d[0] == serial]
    ready = [s for s, state in devices if state == "device"]
    if len(ready) == 1:
        return ready[0]
    if len(ready) > 1:
        raise SeveralDevices()
    states = {state for _, state in devices}
    if "unauthorized" in states or "no permissions" in states:
        raise Unauthorized()
    if "offline" in states:
        raise DeviceOffline()
    raise NoDevice()


def _check_stderr(stderr: str) -> None:
    text = stderr.lower()
    if "unauthorized" in text:
        raise Unauthorized()
    if "more than one device" in text:
        raise SeveralDevices()
    if "offline" in text:
        raise DeviceOffline()
    if "no devices" in text or "not found" in text:
        raise NoDevice()


class SubprocessAdbRunner:
    """Runs the real `adb` found on PATH (or at `adb_path`), allowlisted commands only."""

    def __init__(self, adb_path: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        found = adb_path or shutil.which("adb")
        if not found:
            raise AdbMissing()
        self.adb = found
        self.timeout = timeout

    def _run(self, args: list[str]) -> str:
        try:
            proc = subprocess.run(
                [self.adb, *args],
                capture_output=True,
                timeout=self.timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise AdbMissing() from None
        except subprocess.TimeoutExpired:
            raise AdbTimeout() from None
        stdout = proc.stdout.decode("utf-8", "replace")
        if proc.returncode != 0:
            _check_stderr(proc.stderr.decode("utf-8", "replace"))
        return stdout

    def devices(self) -> str:
        return self._run(["devices", "-l"])

    def shell(self, serial: str, command: Sequence[str]) -> str:
        if not is_allowed(command):
            raise NotAllowed()
        return self._run(["-s", serial, "shell", *command])
