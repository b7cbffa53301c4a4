"""Phone check in the Investigate stage, end to end with the fake adb on PATH."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clinic.model import Case
from clinic.storage import KeySettings
from tests.fake_adb import install_fake_adb
from tests.ui.conftest import WindowFactory
from tests.ui.stage_helpers import open_stage, stored_case
from ui import prompts
from ui.stages.investigate import InvestigatePage

IOC = b"- name: SysUpdate\n  type: stalkerware\n  packages: [net.example.sysupdate]\n"
LABELS = [
    "Known stalkerware",
    "Monitoring or location-sharing app",
    "Review together",
    "Context",
    "Possible match",
]


def _panel(window: object) -> InvestigatePage:
    page = window.workspace.pages[3]  # type: ignore[attr-defined]
    assert isinstance(page, InvestigatePage)
    page.tabs.setCurrentIndex(1)
    return page


def test_adb_check_end_to_end(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install_fake_adb(tmp_path, monkeypatch)
    ioc = tmp_path / "ioc.yaml"
    ioc.write_bytes(IOC)
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    assert not panel.keep_box.isChecked()  # consent default off
    assert "No match does not mean no monitoring." in panel.notes.text()
    assert "Developer options off again" in panel.notes.text()

    prompts.set_next_answer(str(ioc))
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        panel.import_button.click()
    assert "CC BY 4.0" in panel.source.text()

    tablet = next(d for d in demo_case.devices if d.platform == "android")
    panel.device_box.setCurrentIndex(panel.device_box.findData(tablet.id))
    with qtbot.waitSignal(panel.finished, timeout=30_000):
        panel.adb_button.click()
    heads = [panel.results.item(r).text() for r in range(panel.results.rowCount())]
    assert [h.rsplit(" (", 1)[0] for h in heads] == LABELS
    known = panel.results.item(0)
    assert known.rowCount() == 1
    assert known.child(0).text() == "net.example.sysupdate (SysUpdate)"

    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        pass
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    assert len(stored.phone_checks) == 1
    check = stored.phone_checks[0]
    assert check.method == "adb"
    assert check.device_id == tablet.id
    assert check.packages == []  # the app list is not kept without consent
    assert check.indicators_version.startswith("Echap stalkerware indicators")
    groups = {h.subject: h.group for h in check.hits}
    assert groups["net.example.sysupdate"] == "known_stalkerware"
    assert groups["com.example.fleetmdm"] == "review_together"
    found = [f for f in stored.findings if f.source == "phone_check"]
    assert len(found) == len(check.hits)
    assert all(f.phone_check_id == check.id for f in found)


def test_pasted_list_keeps_app_list_only_with_consent(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    tablet = next(d for d in demo_case.devices if d.platform == "android")
    panel.device_box.setCurrentIndex(panel.device_box.findData(tablet.id))
    panel.keep_box.setChecked(True)
    qtbot.keyClicks(panel.paste, "com.example.spytracker")
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        panel.list_button.click()
    assert panel.results.item(4).child(0).text() == "com.example.spytracker"
    assert "known stalkerware was not checked" in panel.status.text().lower()
    known = panel.results.item(0)
    assert known.text() == "Known stalkerware"  # no count: it did not run
    assert known.child(0).text().startswith("Not checked: no indicator data")
    assert "Nothing was found" not in known.child(0).text()
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    check = stored.phone_checks[0]
    assert check.method == "package_list"
    assert check.keep_app_list
    assert check.packages == ["com.example.spytracker"]
    visit = next(v for v in stored.visits if v.id == check.visit_id)
    assert visit.consent.may_keep_app_list is True

    # iPhone app names are typed in and checked by name.
    panel.paste.clear()
    qtbot.keyClicks(panel.paste, "Notes")
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("app_names"))
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        panel.list_button.click()
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    assert [c.method for c in stored.phone_checks] == ["package_list", "app_names"]


def test_broken_indicator_file_changes_nothing(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"just: a mapping\n")
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    prompts.set_next_answer(str(bad))
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        panel.import_button.click()
    assert "YAML list" in panel.status.text()
    assert panel.indicators is None


def test_mode_follows_the_phone_and_the_picker_starts_on_the_inventory_phone(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    iphone = next(d for d in demo_case.devices if d.platform == "ios")
    assert panel.device_box.currentData() == iphone.id  # not "A phone not in the inventory"
    assert panel.platform_box.currentData() == "iphone"
    assert panel.kind_box.currentData() == "app_names"
    assert not panel.adb_button.isVisibleTo(panel)
    assert not panel.adb_button.isEnabled()
    assert panel.iphone_button.isVisibleTo(panel)
    assert panel.iphone_button.isEnabled()
    assert "Trust" in panel.pairing.text()
    tablet = next(d for d in demo_case.devices if d.platform == "android")
    panel.device_box.setCurrentIndex(panel.device_box.findData(tablet.id))
    assert panel.platform_box.currentData() == "android"
    assert panel.kind_box.currentData() == "package_list"
    assert panel.adb_button.isVisibleTo(panel)
    assert panel.adb_button.isEnabled()
    assert not panel.iphone_button.isVisibleTo(panel)
    panel.device_box.setCurrentIndex(panel.device_box.findData(None))
    panel.platform_box.setCurrentIndex(panel.platform_box.findData("iphone"))
    assert not panel.adb_button.isEnabled()


def test_iphone_check_end_to_end_with_the_fake_tool(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    fast_key: KeySettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.fake_iphone import install_fake_iphone

    install_fake_iphone(tmp_path, monkeypatch)
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    with qtbot.waitSignal(panel.finished, timeout=30_000):
        panel.iphone_button.click()
    heads = [panel.results.item(r).text() for r in range(panel.results.rowCount())]
    assert [h.rsplit(" (", 1)[0] for h in heads] == LABELS
    assert panel.results.item(0).child(0).text().startswith("Not checked:")
    monitoring = panel.results.item(1)
    assert monitoring.child(0).text().startswith("watchware.yaml is not imported")
    assert monitoring.child(1).text().startswith("com.life360.safetymap")
    review = [
        panel.results.item(2).child(r).text() for r in range(panel.results.item(2).rowCount())
    ]
    assert "net.example.sysservice" in review
    assert "Profile: Device Management" in review
    assert panel.device_line.text() == "Phone: Test iPhone, iPhone14,7, iOS 18.1"
    assert "pairing record" in panel.status.text()
    assert "Reset Location & Privacy" in panel.status.text()
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        pass
    stored = stored_case(demo_vault, fast_key, demo_case.id)
    assert stored.phone_checks[-1].method == "iphone"
    assert "00008101-000A1B2C3D4E5F60" not in stored.model_dump_json()


def test_iphone_problem_is_one_line_in_the_status(
    qtbot: QtBot,
    make_window: WindowFactory,
    demo_vault: Path,
    demo_case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.fake_iphone import install_fake_iphone

    scenario = install_fake_iphone(tmp_path, monkeypatch)
    (scenario / "lockdown_info.stderr").write_text("ERROR UserDeniedPairingError\n")
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    with qtbot.waitSignal(panel.finished, timeout=30_000):
        panel.iphone_button.click()
    assert "Don't Trust" in panel.status.text()
    assert "\n" not in panel.status.text()
    assert panel.iphone_button.isEnabled()


def test_remote_session_offers_the_guided_self_check(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    from clinic.model.vocab import VisitMode

    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    assert panel._visit is not None
    assert not panel.self_check.isVisibleTo(panel)  # an in-person visit: USB
    panel._visit.mode = VisitMode.VIDEO
    panel.load(panel._case, panel._visit)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: panel.source.text() != "")
    assert panel.self_check.isVisibleTo(panel)
    assert "Safety Check" in panel.self_check.text()
    assert "Emergency Reset" in panel.self_check.text()
    assert not panel.iphone_button.isVisibleTo(panel)
    assert not panel.adb_button.isVisibleTo(panel)
    panel.platform_box.setCurrentIndex(panel.platform_box.findData("android"))
    assert "Device admin apps" in panel.self_check.text()
    assert not panel.adb_button.isVisibleTo(panel)
    assert not panel.adb_button.isEnabled()
    assert panel.list_button.isEnabled()  # app names read out can still be checked


def test_a_pasted_dump_is_refused_and_nothing_is_stored(
    qtbot: QtBot, make_window: WindowFactory, demo_vault: Path, demo_case: Case
) -> None:
    window = open_stage(qtbot, make_window, demo_vault, demo_case.id, "investigate")
    panel = _panel(window).phone
    tablet = next(d for d in demo_case.devices if d.platform == "android")
    panel.device_box.setCurrentIndex(panel.device_box.findData(tablet.id))
    before = len(panel._case.phone_checks)  # type: ignore[union-attr]
    panel.paste.setPlainText('[{"name": "com.example.one", "files": []}]')
    panel.list_button.click()
    assert "JSON" in panel.status.text()
    assert "com.example.one" not in panel.status.text()
    assert len(panel._case.phone_checks) == before  # type: ignore[union-attr]
