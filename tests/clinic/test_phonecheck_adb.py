"""The real subprocess adb runner against a fake `adb` on PATH serving synthetic fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.phonecheck import SubprocessAdbRunner, match, scan_adb
from clinic.phonecheck.adb import (
    AdbMissing,
    AdbTimeout,
    NoDevice,
    NotAllowed,
    SeveralDevices,
    Unauthorized,
    is_allowed,
)
from clinic.phonecheck.indicators import parse_ioc
from tests.fake_adb import calls, install_fake_adb

IOC = b"- name: SysUpdate\n  type: stalkerware\n  packages: [net.example.sysupdate]\n"


def _devices(scenario: Path, body: str) -> None:
    (scenario / "devices_-l.txt").write_text("List of devices attached\n" + body, encoding="utf-8")


def test_scan_end_to_end_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    snap = scan_adb(SubprocessAdbRunner(timeout=20))
    assert snap.method == "adb"
    assert len(snap.apps) == 7
    assert snap.apps["com.android.settings"].is_system is True
    assert snap.apps["net.example.sysupdate"].is_system is False
    assert snap.props["ro.product.model"] == "SM-A525F"
    powers = {(x.package_id, x.kind) for x in snap.powers}
    assert ("net.example.sysupdate", "accessibility") in powers
    assert ("net.example.sysupdate", "notification_listener") in powers
    assert ("net.example.sysupdate", "device_admin") in powers
    assert ("com.example.fleetmdm", "device_owner") in powers
    result = match(snap, parse_ioc(IOC), frozenset({"org.example.passwordsafe"}))
    groups = {h.subject: h.group for h in result.hits}
    assert groups["net.example.sysupdate"] == "known_stalkerware"
    assert groups["com.example.fleetmdm"] == "review_together"
    assert groups["com.example.watchcompanion"] == "review_together"
    assert groups["com.example.familylocator"] == "context"  # manual install from a file
    assert "org.example.passwordsafe" not in groups  # recognised by the survivor
    assert "org.example.notes" not in groups  # Play Store install, no powers
    sysupdate = next(h for h in result.hits if h.subject == "net.example.sysupdate")
    assert any("Accessibility" in line for line in _lines(sysupdate))
    assert any("installer=null" in line for line in _lines(sysupdate))
    # every call was allowlisted, named the phone, and nothing could change it
    made = calls(scenario)
    assert made[0] == ["devices", "-l"]
    for argv in made[1:]:
        assert argv[:3] == ["-s", "R5CT20ABCDE", "shell"]
        assert is_allowed(argv[3:])
    words = {w for argv in made for w in argv}
    assert not words & {"uninstall", "install", "clear", "put", "start", "input", "reboot"}


def test_timeout_on_one_command_is_could_not_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "dumpsys_device_policy.hang").write_text("", encoding="utf-8")
    (scenario / "dpm_list-owners.txt").write_text("Can't find service: dpm\n", encoding="utf-8")
    snap = scan_adb(SubprocessAdbRunner(timeout=2))
    assert "dumpsys device_policy" in snap.unavailable
    assert "dpm list-owners" in snap.unavailable
    assert len(snap.apps) == 7  # the rest of the scan completed
    result = match(snap, None)
    assert result.unavailable == snap.unavailable


def test_devices_command_timeout_is_guidance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "devices_-l.hang").write_text("", encoding="utf-8")
    with pytest.raises(AdbTimeout, match="did not answer in time"):
        scan_adb(SubprocessAdbRunner(timeout=1))


@pytest.mark.parametrize(
    ("body", "error", "words"),
    [
        ("", NoDevice, "turn on USB debugging"),
        ("0A1B2C3D4E5F\tunauthorized usb:1-1 transport_id:4\n", Unauthorized, "accept"),
        ("AAA\tdevice usb:1\nBBB\tdevice usb:2\n", SeveralDevices, "only one"),
    ],
)
def test_device_states_give_guidance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, error: type[Exception], words: str
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    _devices(scenario, body)
    with pytest.raises(error, match=words):
        scan_adb(SubprocessAdbRunner(timeout=20))
    assert calls(scenario) == [["devices", "-l"]]  # nothing was run on any phone


def test_unauthorized_on_stderr_mid_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "pm_list_users.stderr").write_text(
        "error: device unauthorized.\n", encoding="utf-8"
    )
    with pytest.raises(Unauthorized):
        scan_adb(SubprocessAdbRunner(timeout=20))


def test_adb_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(AdbMissing, match="adb was not found"):
        SubprocessAdbRunner()


def test_runner_refuses_commands_off_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    runner = SubprocessAdbRunner(timeout=20)
    with pytest.raises(NotAllowed):
        runner.shell("R5CT20ABCDE", ["pm", "uninstall", "net.example.sysupdate"])
    assert calls(scenario) == []


def test_work_profile_is_context_and_user_names_are_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "pm_list_users.txt").write_text(
        "Users:\n\tUserInfo{0:Owner:c13} running\n\tUserInfo{10:Private Name:1030} running\n",
        encoding="utf-8",
    )
    snap = scan_adb(SubprocessAdbRunner(timeout=20))
    user10 = ["-s", "R5CT20ABCDE", "shell", "pm", "list", "packages", "-f", "-i", "-U"]
    assert [*user10, "--user", "10"] in calls(scenario)
    result = match(snap, None)
    settings = next(h for h in result.hits if h.subject == "Phone settings")
    assert settings.group == "context"
    assert any("another user or a work profile" in line for line in _lines(settings))
    stored = " ".join([*snap.setting_lines(), *_lines(settings)])
    assert "Private Name" not in stored
    assert "user 10" in snap.setting_lines()


def _lines(hit: object) -> list[str]:
    """A hit's evidence lines as shown (coded phrases rendered in English)."""
    from clinic.vocabulary import line_text

    return [line_text(line, "en") for line in getattr(hit, "evidence")]  # noqa: B009
