"""`clinic routes`, `indicators import` and `phone-check`, end to end in subprocesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic.storage import CaseRepository, Vault
from clinic.storage.indicators import read_indicators
from clinic.vocabulary import finding_title
from tests.cli_helpers import run_cli
from tests.conftest import IOC_YAML, PASSPHRASE
from tests.fake_adb import install_fake_adb
from tests.fake_iphone import install_fake_iphone

PW = PASSPHRASE + "\n"
TODAY = ("--today", "2026-11-27")


@pytest.fixture
def demo_vault(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "demo.vault"
    proc = run_cli("demo", str(path), *TODAY, "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 0, proc.stderr
    listed = run_cli("case", "list", str(path), "--passphrase-stdin", stdin=PW)
    case_id = listed.stdout.decode().splitlines()[0].split("\t")[0]
    return path, case_id


def _load(path: Path, case_id: str, fast_key):  # type: ignore[no-untyped-def]
    with Vault.open(path, PASSPHRASE, fast_key) as vault:
        return CaseRepository(vault).load(case_id), read_indicators(vault)


def test_routes_one_route_a_line(demo_vault: tuple[Path, str]) -> None:
    path, case_id = demo_vault
    proc = run_cli("routes", str(path), case_id, "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) >= 2
    fields = [line.split("\t") for line in lines]
    assert all(len(f) == 4 for f in fields)
    assert {"direct", "indirect"} <= {f[1] for f in fields}
    assert any("apple-id" in f[3] for f in fields)
    missing = run_cli(
        "routes",
        str(path),
        "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert missing.returncode == 6
    assert missing.stderr.decode().count("\n") == 1


@pytest.mark.skipif(not IOC_YAML.exists(), reason="shared ioc.yaml not present")
def test_import_then_phone_check_with_fake_adb(
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: only a name\n", encoding="utf-8")
    proc = run_cli("indicators", "import", str(path), str(bad), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 5
    assert "Indicator entry 1" in proc.stderr.decode()
    assert _load(path, case_id, fast_key)[1] is None  # nothing changed

    proc = run_cli(
        "indicators",
        "import",
        str(path),
        str(IOC_YAML),
        "--source-date",
        "2026-06-21",
        *TODAY,
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "CC BY 4.0" in out
    assert "families" in out

    import yaml

    family = yaml.safe_load(IOC_YAML.read_bytes())[0]
    pkg = family["packages"][0]
    scenario = install_fake_adb(tmp_path, monkeypatch)
    listing = scenario / "pm_list_packages_-f_-i_-U_--user_0.txt"
    listing.write_text(
        listing.read_text(encoding="utf-8")
        + f"package:/data/app/~~Zz==/{pkg}-Yy==/base.apk={pkg}  installer=null uid:10300\n",
        encoding="utf-8",
    )
    proc = run_cli(
        "phone-check", str(path), case_id, "--adb", *TODAY, "--passphrase-stdin", stdin=PW
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    known = text.index("Known stalkerware")
    assert text.index(pkg) > known
    assert text.index(pkg) < text.index("Review together")
    assert family["name"] in text
    assert "No match does not mean no monitoring." in text
    case, stored = _load(path, case_id, fast_key)
    assert stored is not None
    assert stored.source_date is not None
    check = case.phone_checks[-1]
    assert check.method == "adb"
    assert check.packages == []
    assert any(h.subject == pkg and h.group == "known_stalkerware" for h in check.hits)
    assert any(
        f.phone_check_id == check.id and family["name"] in finding_title(f, "en")
        for f in case.findings
    )


def test_phone_check_package_file_keeps_list_only_when_asked(
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    listing = tmp_path / "packages.txt"
    listing.write_text("org.example.notes\ncom.example.spyhelper\n", encoding="utf-8")
    proc = run_cli(
        "phone-check",
        str(path),
        case_id,
        "--packages",
        str(listing),
        "--keep-app-list",
        *TODAY,
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    assert "No indicator data is imported" in text
    assert text.index("com.example.spyhelper") > text.index("Possible match")
    case, _ = _load(path, case_id, fast_key)
    check = case.phone_checks[-1]
    assert check.method == "package_list"
    assert check.keep_app_list
    assert check.packages == ["com.example.spyhelper", "org.example.notes"]


def test_phone_check_adb_guidance_errors(
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    scenario = install_fake_adb(tmp_path, monkeypatch)
    (scenario / "devices_-l.txt").write_text("List of devices attached\n\n", encoding="utf-8")
    proc = run_cli("phone-check", str(path), case_id, "--adb", "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 6
    assert proc.stderr.decode().startswith("clinic: No phone found.")
    assert _load(path, case_id, fast_key)[0].phone_checks == []
    usage = run_cli("phone-check", str(path), case_id, "--passphrase-stdin", stdin=PW)
    assert usage.returncode == 2


def _checks(path: Path, case_id: str, fast_key):  # type: ignore[no-untyped-def]
    return len(_load(path, case_id, fast_key)[0].phone_checks)


def test_not_a_package_list_is_refused_with_exit_5_and_nothing_stored(
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    before = _checks(path, case_id, fast_key)
    for name, body in (
        ("packages.json", '[{"name": "com.example.a", "installer": null}]'),
        ("dump.txt", "DUMP OF SERVICE package:\n  Package [com.example.a] (1a):\n"),
    ):
        bad = tmp_path / name
        bad.write_text(body, encoding="utf-8")
        proc = run_cli(
            "phone-check", str(path), case_id, "--packages", str(bad), "--passphrase-stdin",
            stdin=PW,
        )  # fmt: skip
        assert proc.returncode == 5
        err = proc.stderr.decode()
        assert err.count("\n") == 1
        assert "--androidqf" in err
        assert "com.example.a" not in err
    assert _checks(path, case_id, fast_key) == before


def test_phone_that_lists_no_apps_stores_nothing(
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    before = _checks(path, case_id, fast_key)
    scenario = install_fake_adb(tmp_path, monkeypatch)
    for f in scenario.glob("pm_list_packages_*"):
        f.write_text("Error: Unknown option: -U\n")
    proc = run_cli(
        "phone-check", str(path), case_id, "--adb", *TODAY, "--passphrase-stdin", stdin=PW
    )
    assert proc.returncode == 6
    assert "Could not list the apps" in proc.stderr.decode()
    assert "Phone check:" not in proc.stdout.decode()
    assert _checks(path, case_id, fast_key) == before


def test_iphone_check_from_the_cli(
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    install_fake_iphone(tmp_path, monkeypatch)
    proc = run_cli(
        "phone-check", str(path), case_id, "--iphone", *TODAY, "--passphrase-stdin",
        stdin=PW,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert "Phone: Test iPhone, iPhone14,7, iOS 18.1" in lines
    labels = [
        "Known stalkerware",
        "Monitoring or location-sharing app",
        "Review together",
        "Context",
        "Possible match",
    ]
    assert [ln for ln in lines if ln in labels] == labels
    assert lines[lines.index("Known stalkerware") + 1].startswith("  Not checked:")
    assert any(
        "pairing record pymobiledevice3 wrote on this laptop was removed" in ln for ln in lines
    )
    assert any("Reset Location & Privacy" in ln and "Caution" in ln for ln in lines)
    case, _ = _load(path, case_id, fast_key)
    check = case.phone_checks[-1]
    assert check.method == "iphone"
    assert "00008101-000A1B2C3D4E5F60" not in check.model_dump_json()
    (tmp_path / "iphone-scenario" / "lockdown_info.stderr").write_text(
        "ERROR Device is password protected. Please unlock and retry.\n"
    )
    locked = run_cli("phone-check", str(path), case_id, "--iphone", "--passphrase-stdin", stdin=PW)
    assert locked.returncode == 6
    err = locked.stderr.decode().splitlines()
    assert err[0].startswith("note: Unlock the iPhone")  # the pairing guidance comes first
    assert [ln for ln in err if ln.startswith("clinic:")] == err[1:]
    assert len(err) == 2
    assert "locked" in err[1]


@pytest.mark.skipif(not IOC_YAML.exists(), reason="shared ioc.yaml not present")
def test_import_both_files_then_androidqf(
    demo_vault: tuple[Path, str],
    fast_key,  # type: ignore[no-untyped-def]
) -> None:
    path, case_id = demo_vault
    watch = IOC_YAML.parent / "watchware.yaml"
    proc = run_cli(
        "indicators", "import", str(path), str(IOC_YAML), str(watch), *TODAY,
        "--passphrase-stdin", stdin=PW,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "imported ioc.yaml" in out
    assert "imported watchware.yaml" in out
    folder = Path(__file__).resolve().parent.parent / "fixtures" / "androidqf" / "acq"
    proc = run_cli(
        "phone-check", str(path), case_id, "--androidqf", str(folder), *TODAY,
        "--passphrase-stdin", stdin=PW,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    block = text.split("Monitoring or location-sharing app\n")[1].split("Review together")[0]
    assert "com.life360.android.safetymapd" in block
    assert "Source: Echap watchware.yaml" in block
    case, _ = _load(path, case_id, fast_key)
    assert case.phone_checks[-1].method == "androidqf"
