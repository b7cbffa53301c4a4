"""Phone check v2: app evidence over adb, pm fallbacks, iPhones through a fake
pymobiledevice3, androidqf folders, watchware and the dual-use list, "not checked" groups."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from clinic.phonecheck import dualuse
from clinic.phonecheck.adb import AppsNotListed, SubprocessAdbRunner, is_allowed
from clinic.phonecheck.androidqf import scan_androidqf
from clinic.phonecheck.indicators import IndicatorSet, parse_file, parse_ioc
from clinic.phonecheck.iphone import (
    IphoneLocked,
    IphoneNotTrusted,
    IphoneToolMissing,
    IphoneTrustRefused,
    NoIphone,
    SeveralIphones,
    SubprocessIphoneRunner,
    scan_iphone,
)
from clinic.phonecheck.iphone import is_allowed as iphone_allowed
from clinic.phonecheck.matching import match
from clinic.phonecheck.results import result_lines, to_records
from clinic.phonecheck.scan import scan_adb, snapshot_from_list
from clinic.services import phonecheck as service
from clinic.vocabulary import line_text
from tests.conftest import IOC_YAML
from tests.fake_adb import calls, install_fake_adb
from tests.fake_iphone import calls as iphone_calls
from tests.fake_iphone import install_fake_iphone

TODAY = dt.date(2026, 11, 27)
WATCHWARE = IOC_YAML.parent / "watchware.yaml"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IOC = b"- name: SysUpdate\n  type: stalkerware\n  packages: [net.example.sysupdate]\n"
UDID = "00008101-000A1B2C3D4E5F60"
needs_data = pytest.mark.skipif(
    not (IOC_YAML.exists() and WATCHWARE.exists()), reason="shared Echap data not present"
)


def _text(hit: object) -> str:
    return "\n".join(line_text(x, "en") for x in getattr(hit, "evidence"))  # noqa: B009


def _group_block(lines: list[str], label: str) -> list[str]:
    start = lines.index(label)
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        block.append(line)
    return block


# -- Android over adb -------------------------------------------------------------------------
def test_flagged_app_gets_install_permission_and_recent_use_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    own = tmp_path / "android-home"
    own.mkdir()
    keys = (scenario / "dumpsys_adb.txt").read_text().split("user_keys=")[1].split()
    (own / "adbkey.pub").write_text(f"{keys[0]} volunteer@clinic-laptop\n")  # this laptop
    monkeypatch.setenv("ANDROID_USER_HOME", str(own))
    request = service.CheckRequest("adb", TODAY)
    snap = service.read_snapshot(request)
    outcome = service.check_snapshot(snap, parse_ioc(IOC), request)
    hit = next(h for h in outcome.result.hits if h.subject == "net.example.sysupdate")
    assert hit.group == "known_stalkerware"
    text = _text(hit)
    assert "Installed 2026-02-14 22:41:05; last updated 2026-02-14 22:41:05." in text
    assert "Installed by: null." in text
    assert "Allowed to use: ACCESS_FINE_LOCATION, READ_SMS." in text  # RECORD_AUDIO refused
    assert "FINE_LOCATION 2026-11-26 21:14:03" in text
    assert "READ_SMS 2026-11-26 20:59:40" in text
    assert "RECORD_AUDIO" not in text.split("Used lately")[1]  # ignored op, not a use
    assert "WAKE_LOCK" not in text
    made = calls(scenario)
    assert ["-s", "R5CT20ABCDE", "shell", "dumpsys", "package", "net.example.sysupdate"] in made
    assert [
        "-s", "R5CT20ABCDE", "shell", "dumpsys", "appops", "--package", "net.example.sysupdate"
    ] in made  # fmt: skip
    for argv in made[1:]:
        assert is_allowed(argv[3:])
    # Only apps in the first three groups are read in detail (not the Play Store notes app).
    assert not any(a[-1] == "org.example.notes" and "dumpsys" in a for a in made)
    # Device context: adb keys of two computers; the model and OS in the header.
    settings = next(h for h in outcome.result.hits if h.subject == "Phone settings")
    assert "allowed for 1 computer(s) other than this laptop" in _text(settings)
    assert "someone@desktop-7" in _text(settings)
    assert "volunteer@clinic-laptop" not in _text(settings)
    lines = result_lines(outcome.result)
    assert lines[1].startswith("Phone: ")
    assert "Android" in lines[1]
    # Stored: the evidence as codes, device info without the serial number.
    stored = outcome.check.model_dump_json()
    assert "R5CT20ABCDE" not in stored
    assert "phone_check.evidence.used_lately" in stored
    assert outcome.check.hits[0].sources[0] == "Echap ioc.yaml"
    assert outcome.check.hits[0].kind == "known-stalkerware"


def test_old_patch_and_adb_over_wifi_are_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "getprop_ro.build.version.security_patch.txt").write_text("2025-06-05\n")
    (scenario / "getprop_service.adb.tcp.port.txt").write_text("5555\n")
    snap = scan_adb(SubprocessAdbRunner(timeout=20))
    result = match(snap, None, today=TODAY)
    settings = next(h for h in result.hits if h.subject == "Phone settings")
    text = _text(settings)
    assert "security patch is more than a year old (2025-06-05)" in text
    assert "adb over Wi-Fi is on." in text
    fresh = match(snap, None, today=dt.date(2026, 1, 1))
    assert "more than a year old" not in _text(
        next(h for h in fresh.hits if h.subject == "Phone settings")
    )


def test_pm_error_falls_back_to_plainer_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    full = scenario / "pm_list_packages_-f_-i_-U_--user_0.txt"
    (scenario / "pm_list_packages_-f_-i_--user_0.txt").write_text(
        full.read_text().replace(" uid:", " x:").split(" x:")[0] + "\n"
        + "\n".join(ln.rsplit(" uid:", 1)[0] for ln in full.read_text().splitlines()[1:])
        + "\n"
    )  # fmt: skip
    full.write_text("Error: Unknown option: -U\n")
    snap = scan_adb(SubprocessAdbRunner(timeout=20))
    assert len(snap.apps) == 7
    assert ["-s", "R5CT20ABCDE", "shell", "pm", "list", "packages", "-f", "-i", "--user", "0"] in (
        calls(scenario)
    )


def test_no_listing_at_all_is_an_error_not_an_empty_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_adb(tmp_path, monkeypatch)
    for f in scenario.glob("pm_list_packages_*"):
        f.write_text("Error: Unknown option: -U\n")
    (scenario / "pm_list_packages_--user_0.txt").write_text("Error: something\n")
    with pytest.raises(AppsNotListed) as info:
        scan_adb(SubprocessAdbRunner(timeout=20))
    assert "Could not list the apps" in str(info.value)
    assert "\n" not in str(info.value)


# -- strict package lists ---------------------------------------------------------------------
@needs_data
@pytest.mark.parametrize(
    "text",
    [
        "com.mxspy\tTheTruthSpy\n",
        "com.trackview;TrackView\n",
        '"com.hellospy.system";"HelloSpy"\n',
        "PACKAGE:com.mspy.lite\n",
        "Package:com.mspy.lite\npackage:android\npackage:androidhwext\n",
        "package,name\ncom.mspy.lite,mSpy\n",
    ],
)
def test_every_list_form_matches_exactly(text: str) -> None:
    ind = parse_ioc(IOC_YAML.read_bytes())
    snap = snapshot_from_list(text)
    assert all("." in pkg for pkg in snap.apps)  # dot-less ids are skipped silently
    result = match(snap, ind)
    assert len(result.in_group("known_stalkerware")) == 1
    assert result.in_group("possible_match") == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('[{"name": "com.example.a", "files": []}]', "JSON"),
        ("DUMP OF SERVICE package:\n  Package [com.x.y] (1):\n    userId=1\n", "dump"),
        ("[ro.product.model]: [EX]\n[ro.build.tags]: [release-keys]\n", "dump"),
        ("com.example.a\n" + "".join(f"key{n}=value {n}\n" for n in range(50)), "mixes"),
        ("Activity stack:\n  * Task{1 #2}\n    intent={act=main}\n", "not a package list"),
    ],
)
def test_other_files_are_refused(text: str, word: str) -> None:
    from clinic.errors import InvalidInput

    with pytest.raises(InvalidInput) as info:
        snapshot_from_list(text)
    assert word in str(info.value)
    assert "value" not in str(info.value) or word == "mixes"


def test_app_names_one_a_line_are_names() -> None:
    snap = snapshot_from_list("WhatsApp\nFind My\nLife360\n", "app_names")
    assert snap.method == "app_names"
    result = match(snap, None)
    assert [h.subject for h in result.in_group("possible_match")] == ["Life360"]
    assert result.not_checked["known_stalkerware"] == "names_only"


# -- "not checked" ---------------------------------------------------------------------------
def test_groups_that_did_not_run_say_not_checked_never_nothing_found() -> None:
    result = match(snapshot_from_list("org.example.notes\n"), None)
    lines = result_lines(result)
    known = _group_block(lines, "Known stalkerware")
    assert known == ["  Not checked: no indicator data (ioc.yaml) is imported."]
    assert _group_block(lines, "Review together")[0].startswith("  Not checked:")
    assert _group_block(lines, "Possible match") == ["  Nothing was found by this check."]
    check, _ = to_records(result, snapshot_from_list("org.example.notes\n"), TODAY)
    assert check.not_checked["known_stalkerware"] == "no_stalkerware_data"
    es = result_lines(match(snapshot_from_list("org.example.notes\n"), None, lang="es"), "es")
    assert not any("Nothing was found" in ln for ln in es)


# -- watchware and the dual-use list -----------------------------------------------------------
@needs_data
def test_watchware_is_monitoring_ioc_wins_and_says_also_parental() -> None:
    ind = parse_ioc(IOC_YAML.read_bytes()).with_source(parse_file(WATCHWARE.read_bytes()))
    assert [s.type for s in ind.sources] == ["stalkerware", "watchware"]
    both = "org.findmykids.app"  # in ioc.yaml and in watchware.yaml
    snap = snapshot_from_list(f"{both}\ncom.wondershare.famisafe\ncom.teamviewer.host.market\n")
    result = match(snap, ind)
    known = {h.subject: h for h in result.in_group("known_stalkerware")}
    assert "Also sold as a parental app." in _text(known[both])
    monitoring = {h.subject: h for h in result.in_group("monitoring_app")}
    assert monitoring["com.wondershare.famisafe"].sources == ["Echap watchware.yaml"]
    assert monitoring["com.teamviewer.host.market"].sources == [dualuse.SOURCE_NAME]
    assert "can still be used to watch a partner" in _text(monitoring["com.wondershare.famisafe"])
    assert monitoring["com.wondershare.famisafe"].kind == "monitoring-app"


@needs_data
def test_import_replaces_only_the_same_type(tmp_path: Path) -> None:
    from clinic.phonecheck.store import IndicatorRepository
    from clinic.storage import Vault
    from tests.conftest import PASSPHRASE

    path = tmp_path / "v.vault"
    with Vault.create(path, PASSPHRASE) as vault:
        repo = IndicatorRepository(vault)
        repo.import_bytes(IOC_YAML.read_bytes(), TODAY, dt.date(2026, 6, 21))
        both = repo.import_bytes(WATCHWARE.read_bytes(), TODAY + dt.timedelta(days=1))
        assert [s.type for s in both.sources] == ["stalkerware", "watchware"]
        again = repo.import_bytes(WATCHWARE.read_bytes(), TODAY + dt.timedelta(days=2))
        loaded = repo.load()
        assert loaded is not None
        ioc = loaded.source("stalkerware")
        assert ioc is not None
        assert ioc.imported_on == TODAY
        assert ioc.sha256 == both.source("stalkerware").sha256  # type: ignore[union-attr]
        watch = loaded.source("watchware")
        assert watch is not None
        assert watch.imported_on == TODAY + dt.timedelta(days=2)
        assert len(again.sources) == 2


def test_release_010_indicator_doc_still_reads() -> None:
    doc = {"sha256": "ab" * 32, "families": [
        {"name": "F", "type": "stalkerware", "names": [], "packages": ["org.f.g"],
         "certificates": [], "websites": [], "distribution": [], "c2_domains": [], "c2_ips": []}
    ]}  # fmt: skip
    ind = IndicatorSet.from_doc(doc, TODAY, None, "attr")
    assert ind.by_package == {"org.f.g": ["F"]}
    assert ind.has("stalkerware")
    assert not ind.has("watchware")


def test_dual_use_list_validates_and_schema_is_current() -> None:
    from clinic.errors import InvalidInput
    from clinic.paths import resource

    listed = dualuse.load()
    assert listed.status == "draft"
    assert {a.category for a in listed.apps} >= {"location_sharing", "remote_control"}
    schema = Path(resource("phonecheck", "dual_use.schema.json")).read_text(encoding="utf-8")
    assert schema == dualuse.schema_text()
    bad = (
        Path(resource("phonecheck", "dual_use.toml"))
        .read_bytes()
        .replace(b'category = "remote_control"', b'category = "spying"', 1)
    )
    with pytest.raises(InvalidInput):
        dualuse.parse(bad)
    twice = Path(resource("phonecheck", "dual_use.toml")).read_bytes() + (
        b'\n[[apps]]\nname = "Again"\ncategory = "remote_control"\n'
        b'android = ["com.anydesk.anydeskandroid"]\n'
    )
    with pytest.raises(InvalidInput):
        dualuse.parse(twice)


# -- iPhone ----------------------------------------------------------------------------------
def test_iphone_check_groups_and_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = install_fake_iphone(tmp_path, monkeypatch)
    request = service.CheckRequest("iphone", TODAY)
    outcome = service.run_check(request, parse_ioc(IOC))
    groups = {h.subject: h.group for h in outcome.result.hits}
    assert groups["com.life360.safetymap"] == "monitoring_app"
    assert groups["net.example.sysservice"] == "review_together"  # enterprise certificate
    assert groups["org.example.betagame"] == "context"  # TestFlight
    assert groups["Profile: Device Management"] == "review_together"
    assert "org.example.notes" not in groups
    profile = next(h for h in outcome.result.hits if h.subject == "Profile: Device Management")
    assert "cannot be removed" in _text(profile)
    settings = next(h for h in outcome.result.hits if h.subject == "Phone settings")
    assert "Developer Mode is on." in _text(settings)
    assert outcome.result.not_checked["known_stalkerware"] == "no_ios_ids"
    assert outcome.result.device == {"name": "Test iPhone", "model": "iPhone14,7", "os": "iOS 18.1"}
    made = iphone_calls(scenario)
    assert made[0] == ["usbmux", "list", "--usb"]
    for argv in made[1:]:
        assert argv[-2:] == ["--udid", UDID]
        assert iphone_allowed(argv[:-2])
    # The pairing record the tool wrote is gone; the UDID is nowhere in the records.
    assert not list((tmp_path / "xdg" / "pymobiledevice3").glob("*.plist"))
    assert outcome.pairing_removed is True
    stored = outcome.check.model_dump_json() + json.dumps(
        [f.model_dump(mode="json") for f in outcome.findings]
    )
    assert UDID not in stored
    assert "F00TESTSERIAL" not in stored
    lines = result_lines(outcome.result)
    assert lines[1] == "Phone: Test iPhone, iPhone14,7, iOS 18.1"


@pytest.mark.parametrize(
    ("stderr", "error", "words"),
    [
        ("ERROR Device is password protected. Please unlock and retry.\n", IphoneLocked, "locked"),
        (
            "ERROR PairingDialogResponsePendingError\n",
            IphoneNotTrusted,
            "does not trust this laptop",
        ),
        ("ERROR The user refused to trust this computer.\n", IphoneTrustRefused, "Don't Trust"),
        ("ERROR Device is not connected\n", NoIphone, "No iPhone found"),
    ],
)
def test_iphone_failures_are_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stderr: str,
    error: type[Exception],
    words: str,
) -> None:
    scenario = install_fake_iphone(tmp_path, monkeypatch)
    (scenario / "lockdown_info.stderr").write_text(stderr)
    with pytest.raises(error) as info:
        scan_iphone(SubprocessIphoneRunner(timeout=20))
    assert words in str(info.value)
    assert "\n" not in str(info.value)
    assert UDID not in str(info.value)


def test_no_iphone_several_iphones_and_tool_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = install_fake_iphone(tmp_path, monkeypatch)
    (scenario / "usbmux_list_--usb.json").write_text("[]")
    with pytest.raises(NoIphone):
        scan_iphone(SubprocessIphoneRunner(timeout=20))
    one = {"Identifier": UDID, "ConnectionType": "USB"}
    two = {"Identifier": "00008101-0000000000000002", "ConnectionType": "USB"}
    (scenario / "usbmux_list_--usb.json").write_text(json.dumps([one, two]))
    with pytest.raises(SeveralIphones):
        scan_iphone(SubprocessIphoneRunner(timeout=20))
    assert scan_iphone(SubprocessIphoneRunner(timeout=20), UDID).method == "iphone"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(IphoneToolMissing):
        SubprocessIphoneRunner()


def test_iphone_runner_refuses_anything_off_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic.phonecheck.iphone import IphoneNotAllowed

    install_fake_iphone(tmp_path, monkeypatch)
    runner = SubprocessIphoneRunner(timeout=20)
    for command in (
        ("apps", "uninstall", "x"),
        ("lockdown", "pair"),
        ("lockdown", "unpair"),
        ("profile", "install", "x"),
        ("profile", "cloud-configuration", "x.plist"),
        ("backup2", "backup"),
        ("afc", "pull", "/"),
    ):
        with pytest.raises(IphoneNotAllowed):
            runner.run(command, UDID)


# -- androidqf -------------------------------------------------------------------------------
@needs_data
def test_androidqf_folder_with_certificate_match(tmp_path: Path) -> None:
    entries = yaml.safe_load(IOC_YAML.read_bytes())
    family = next(e for e in entries if e.get("certificates"))
    folder = tmp_path / "acq"
    shutil.copytree(FIXTURES / "androidqf" / "acq", folder)
    listing = folder / "packages.json"
    listing.write_text(listing.read_text().replace("CERT_PLACEHOLDER", family["certificates"][0]))
    snap = scan_androidqf(folder)
    assert snap.method == "androidqf"
    ind = parse_ioc(IOC_YAML.read_bytes()).with_source(parse_file(WATCHWARE.read_bytes()))
    request = service.CheckRequest("androidqf", TODAY, folder=folder)
    outcome = service.check_snapshot(snap, ind, request)
    known = outcome.result.in_group("known_stalkerware")
    assert [h.subject for h in known] == ["net.example.renamed"]  # not listed by id
    text = _text(known[0])
    assert "Signing certificate matches" in text
    assert family["name"] in text
    assert "Used lately: FINE_LOCATION 2026-11-26 21:14:03" in text
    groups = {h.subject: h.group for h in outcome.result.hits}
    assert groups["com.life360.android.safetymapd"] == "monitoring_app"
    settings = next(h for h in outcome.result.hits if h.subject == "Phone settings")
    assert "Wireless debugging is on." in _text(settings)
    assert "more than a year old (2024-05-01)" in _text(settings)
    assert outcome.result.device["model"] == "examplebrand EX-100"


def test_androidqf_folder_without_packages_json_is_refused(tmp_path: Path) -> None:
    from clinic.errors import InvalidInput

    (tmp_path / "getprop.txt").write_text("[ro.product.model]: [x]\n")
    with pytest.raises(InvalidInput):
        scan_androidqf(tmp_path)


def test_release_010_phone_check_reads_not_checked_after_migration(tmp_path: Path) -> None:
    import os

    from clinic.storage import CaseRepository, Vault

    path = tmp_path / "vault.db"
    shutil.copyfile(FIXTURES / "release-0.1.0" / "vault.db", path)
    os.chmod(path, 0o600)
    with Vault.open(path, "fixture passphrase 0.1.0") as vault:
        maple = CaseRepository(vault).load("7e62aa0a-1df9-4d78-9c65-39382b0537e6")
    check = maple.phone_checks[0]
    assert check.not_checked["monitoring_app"] == "legacy"
    assert set(check.not_checked) <= {
        "known_stalkerware",
        "monitoring_app",
        "review_together",
        "context",
    }
    assert check.hits  # the stored hits are kept as they were


@pytest.mark.parametrize("lang", ["en", "es"])
def test_handoff_prints_evidence_and_not_checked_discreet_copy_stays_quiet(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    demo_case: object,
    protocol_set: object,
    lang: str,
) -> None:
    import io

    import pypdf

    from clinic.model import Case
    from clinic.report.discreet import FORBIDDEN_WORDS, find_forbidden
    from clinic.report.export import ExportOptions, PrintMode, export
    from clinic.report.referrals import load_directory

    assert isinstance(demo_case, Case)
    case = demo_case.model_copy(deep=True)
    install_fake_adb(tmp_path, monkeypatch)
    request = service.CheckRequest("adb", TODAY, lang=lang)
    outcome = service.run_check(request, parse_ioc(IOC))
    listed = service.check_snapshot(
        snapshot_from_list("com.life360.android.safetymapd\n"),
        None,
        service.CheckRequest("list", TODAY, lang=lang),
    )
    service.add_to_case(case, outcome)
    service.add_to_case(case, listed)

    def text_of(kind: str, mode: PrintMode) -> str:
        opts = ExportOptions(kind, lang, mode, clinic_name="Birch", created=TODAY, invariant=True)  # type: ignore[arg-type]
        result = export(case, tmp_path / f"{kind}.pdf", opts, protocol_set, load_directory())  # type: ignore[arg-type]
        pages = pypdf.PdfReader(io.BytesIO(result.data)).pages
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)

    handoff = text_of("handoff", PrintMode.STANDARD)
    used = "Used lately" if lang == "en" else "Usó hace poco"
    assert used in handoff
    assert "FINE_LOCATION 2026-11-26 21:14:03" in handoff
    assert ("Not checked" if lang == "en" else "No se revisó") in handoff
    from clinic.i18n import translation

    assert translation(lang).gettext("Monitoring or location-sharing app") in handoff
    discreet = text_of("survivor", PrintMode.DISCREET)
    assert find_forbidden(discreet) is None
    folded = discreet.casefold()
    for word in FORBIDDEN_WORDS:
        assert word.casefold() not in folded
    for name in ("net.example.sysupdate", "SysUpdate", "life360", "Life360"):
        assert name.casefold() not in folded


@needs_data
def test_importing_watchware_later_rechecks_kept_lists(demo_case: object) -> None:
    from clinic.model import Case
    from clinic.phonecheck.results import recheck

    assert isinstance(demo_case, Case)
    case = demo_case.model_copy(deep=True)
    case.phone_checks.clear()
    text = "com.wondershare.famisafe\norg.example.notes\n"
    request = service.CheckRequest("list", TODAY, list_text=text, keep_app_list=True)
    ioc_only = parse_ioc(IOC_YAML.read_bytes())
    first = service.run_check(request, ioc_only)
    assert first.result.in_group("monitoring_app") == []
    assert first.check.group_notes["monitoring_app"] == "no_watchware"
    service.add_to_case(case, first)
    both = ioc_only.with_source(parse_file(WATCHWARE.read_bytes()))
    changed, to_save = recheck(case, both)
    assert len(changed) == 1
    hit = next(h for h in changed[0].hits if h.subject == "com.wondershare.famisafe")
    assert hit.group == "monitoring_app"
    assert hit.sources[0] == "Echap watchware.yaml"
    assert "monitoring_app" not in changed[0].group_notes
    assert [f.code for f in to_save] == ["phone_check.monitoring"]
    assert to_save[0].params["kind"] == "monitoring-app"
    # A second import changes nothing more.
    case.phone_checks[:] = changed
    assert recheck(case, both) == ([], [])


def test_iphone_tool_gets_none_of_its_redirecting_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clinic.phonecheck.iphone import child_env

    monkeypatch.setenv("PYMOBILEDEVICE3_TUNNEL", "x")
    monkeypatch.setenv("PYMOBILEDEVICE3_UDID", "y")
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", "192.0.2.1:27015")
    env = child_env()
    assert not any(k.startswith("PYMOBILEDEVICE3_") for k in env)
    assert "USBMUXD_SOCKET_ADDRESS" not in env
    assert env["NO_COLOR"] == "1"
