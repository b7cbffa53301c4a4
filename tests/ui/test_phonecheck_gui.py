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
LABELS = ["Known stalkerware", "Review together", "Context", "Possible match"]


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
    panel.keep_box.setChecked(True)
    qtbot.keyClicks(panel.paste, "com.example.spytracker")
    with qtbot.waitSignal(window.autosaver.saved, timeout=5000):
        panel.list_button.click()
    assert panel.results.item(3).child(0).text() == "com.example.spytracker"
    assert "known stalkerware was not checked" in panel.status.text()
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
