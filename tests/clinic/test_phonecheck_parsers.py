"""Parsers for adb outputs (synthetic fixtures) and the read-only command allowlist."""

from __future__ import annotations

import pytest

from clinic.phonecheck import parsers as p
from clinic.phonecheck.adb import (
    DeviceOffline,
    NoDevice,
    SeveralDevices,
    Unauthorized,
    is_allowed,
    pick_device,
)
from tests.fake_adb import FIXTURES

PHONE = FIXTURES / "phone"
VARIANTS = FIXTURES / "variants"


def _read(path) -> str:  # type: ignore[no-untyped-def]
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("crlf", [False, True])
def test_package_list_with_paths_installers_and_uids(crlf: bool) -> None:
    text = _read(PHONE / "pm_list_packages_-f_-i_-U_--user_0.txt")
    if crlf:
        text = text.replace("\n", "\r\n")
    lines = {x.package_id: x for x in p.parse_package_list(text)}
    assert len(lines) == 7
    sysupdate = lines["net.example.sysupdate"]
    assert sysupdate.installer is None
    assert sysupdate.uid == 10231
    assert sysupdate.path is not None
    assert sysupdate.path.endswith("==/base.apk")
    assert lines["org.example.notes"].installer == "com.android.vending"
    assert lines["com.android.settings"].path == "/system/priv-app/Settings/Settings.apk"


def test_old_path_format_and_plain_list() -> None:
    old = {x.package_id: x for x in p.parse_package_list(_read(VARIANTS / "pm_old_paths.txt"))}
    assert set(old) == {"org.example.notes", "net.example.sysupdate", "com.android.camera"}
    assert old["net.example.sysupdate"].path == "/data/app/net.example.sysupdate-1.apk"
    assert old["com.android.camera"].installer is None
    plain = p.parse_package_list(_read(PHONE / "pm_list_packages_-3_--user_0.txt"))
    assert [x.package_id for x in plain][:2] == ["org.example.notes", "net.example.sysupdate"]
    assert p.parse_pm_line(
        "package:com.example.app versionCode:12  installer=null uid:3"
    ) == p.PackageLine(
        "com.example.app",
        None,
        None,
        3,
        "package:com.example.app versionCode:12  installer=null uid:3",
    )


def test_pasted_list_auto_detects_ids_csv_and_names() -> None:
    text = (
        "\ufeffcom.example.one\r\n"
        "package:org.example.two\n"
        '"net.example.three",Three,1.0\n'
        "# a comment\n"
        "Family Locator\n"
        "\n"
        "com.example.one\n"
    )
    packages, names = p.parse_pasted(text)
    assert [x.package_id for x in packages] == [
        "com.example.one",
        "org.example.two",
        "net.example.three",
    ]
    assert names == ["Family Locator"]


def test_component_lists() -> None:
    comps = p.parse_components(
        _read(PHONE / "settings_get_secure_enabled_accessibility_services.txt")
    )
    assert comps is not None
    assert [p.component_package(c) for c in comps] == [
        "org.example.passwordsafe",
        "net.example.sysupdate",
    ]
    assert p.parse_components("null\n") == []
    assert p.parse_components("") == []
    assert p.parse_components("Can't find service: settings\n") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("accessibility_old.txt", ["org.example.passwordsafe", "net.example.sysupdate"]),
        ("accessibility_new.txt", ["net.example.sysupdate"]),
    ],
)
def test_accessibility_dump_both_shapes(name: str, expected: list[str]) -> None:
    enabled = p.parse_accessibility_dump(_read(VARIANTS / name))
    assert enabled is not None
    assert [p.component_package(c) for c in enabled] == expected
    # "Registered clients" and "installed services" are never treated as enabled
    assert "com.example.screenreader" not in {p.component_package(c) for c in enabled}
    assert "org.example.notes" not in {p.component_package(c) for c in enabled}


def test_device_policy_owner_and_admins() -> None:
    admins = p.parse_device_policy(_read(PHONE / "dumpsys_device_policy.txt"))
    assert admins is not None
    assert [(a.package_id, a.role) for a in admins] == [
        ("com.example.fleetmdm", "Device Owner"),
        ("com.example.fleetmdm", "Device Admin"),
        ("net.example.sysupdate", "Device Admin"),
    ]
    nested = p.parse_device_policy(_read(VARIANTS / "device_policy_nested_no_owner.txt"))
    assert nested is not None
    assert [(a.package_id, a.role) for a in nested] == [
        ("net.example.sysupdate", "Device Admin"),
        ("com.example.workmdm", "Profile Owner"),
    ]
    assert p.parse_device_policy(_read(VARIANTS / "cant_find_service.txt")) is None


def test_list_owners_users_and_settings() -> None:
    owners = p.parse_list_owners(_read(PHONE / "dpm_list-owners.txt"))
    assert owners is not None
    assert [(o.package_id, o.role) for o in owners] == [("com.example.fleetmdm", "Device Owner")]
    assert p.parse_list_owners(_read(VARIANTS / "dpm_no_owners.txt")) == []
    users = p.parse_users(_read(VARIANTS / "users_work_profile.txt"))
    assert users is not None
    assert [(u[0], u[1]) for u in users] == [
        (0, "Owner"),
        (10, "Work profile"),
    ]
    assert p.parse_setting("1\r\n") == "1"
    assert p.parse_setting("null\n") is None
    assert p.parse_setting("") is None


def test_devices_states() -> None:
    text = (
        "List of devices attached\n"
        "R5CT20ABCDE            device usb:1-2 product:a52qnsxx model:SM_A525F transport_id:3\n"
        "emulator-5554          offline transport_id:1\n"
        "0A1B2C3D4E5F           unauthorized usb:1-1 transport_id:4\n"
    )
    assert p.parse_devices(text) == [
        ("R5CT20ABCDE", "device"),
        ("emulator-5554", "offline"),
        ("0A1B2C3D4E5F", "unauthorized"),
    ]
    assert pick_device(text) == "R5CT20ABCDE"
    with pytest.raises(NoDevice):
        pick_device("List of devices attached\n\n")
    with pytest.raises(Unauthorized, match="Allow USB debugging"):
        pick_device("List of devices attached\nAAA\tunauthorized usb:1\n")
    with pytest.raises(DeviceOffline):
        pick_device("List of devices attached\nAAA\toffline\n")
    with pytest.raises(SeveralDevices, match="More than one phone"):
        pick_device("List of devices attached\nAAA\tdevice\nBBB\tdevice\n")
    assert pick_device("List of devices attached\nAAA\tdevice\nBBB\tdevice\n", "BBB") == "BBB"


@pytest.mark.parametrize(
    "command",
    [
        ("pm", "list", "users"),
        ("getprop", "ro.build.version.release"),
        ("settings", "get", "secure", "enabled_accessibility_services"),
        ("pm", "list", "packages", "-f", "-i", "-U", "--user", "10"),
        ("pm", "list", "packages", "-3", "--user", "0"),
        ("dumpsys", "package", "net.example.sysupdate"),
        ("dumpsys", "device_policy"),
        ("dpm", "list-owners"),
    ],
)
def test_allowlist_accepts_read_only_commands(command: tuple[str, ...]) -> None:
    assert is_allowed(command)


@pytest.mark.parametrize(
    "command",
    [
        ("pm", "uninstall", "net.example.sysupdate"),
        ("uninstall", "net.example.sysupdate"),
        ("pm", "clear", "com.android.settings"),
        ("settings", "put", "global", "adb_wifi_enabled", "0"),
        ("am", "start", "com.android.settings"),
        ("input", "tap", "1", "1"),
        ("screencap", "-p"),
        ("getprop", "persist.sys.anything"),
        ("pm", "list", "packages", "-f", "--user", "0;rm -rf /"),
        ("dumpsys", "package", "x; reboot"),
        ("getprop", "ro.build.tags", "extra"),
        (),
    ],
)
def test_allowlist_refuses_everything_else(command: tuple[str, ...]) -> None:
    assert not is_allowed(command)
