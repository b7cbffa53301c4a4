"""Indicator import (real Echap data read from ../shared, never copied), the vault, and matching."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from clinic.errors import InvalidInput
from clinic.model import Case
from clinic.phonecheck import (
    IndicatorRepository,
    match,
    neutral_wording,
    parse_ioc,
    recheck,
    result_lines,
    snapshot_from_list,
    survivor_wording,
    to_records,
)
from clinic.storage import Vault
from clinic.storage.indicators import read_indicators
from tests.conftest import IOC_YAML, PASSPHRASE

TODAY = dt.date(2026, 11, 27)
LABELS = ["Known stalkerware", "Review together", "Context", "Possible match"]

needs_ioc = pytest.mark.skipif(not IOC_YAML.exists(), reason="shared ioc.yaml not present")


@pytest.fixture(scope="module")
def ioc_bytes() -> bytes:
    if not IOC_YAML.exists():
        pytest.skip("shared ioc.yaml not present")
    return IOC_YAML.read_bytes()


@pytest.fixture(scope="module")
def sample(ioc_bytes: bytes) -> tuple[str, str]:
    """A package listed under exactly one family in the real file, and that family's name."""
    entries = yaml.safe_load(ioc_bytes)
    counts: dict[str, list[str]] = {}
    for entry in entries:
        for pkg in entry.get("packages") or []:
            counts.setdefault(pkg, []).append(entry["name"])
    pkg = next(
        p for p, fams in counts.items() if len(fams) == 1 and not p.startswith("com.android")
    )
    return pkg, counts[pkg][0]


TINY = b"""
- name: FakeWatch
  type: stalkerware
  names: [Fake Watch Pro, "Sys Helper"]
  packages: [org.fake.watch, Org.Fake.Mixed, com.shared.pkg]
  c2:
    ip: [192.0.2.1]
    domains: [c2.example]
- name: OtherFamily
  type: stalkerware
  packages: [com.shared.pkg]
  c2: {ips: [192.0.2.2]}
- name: WebOnly
  type: stalkerware
  websites: [web.example]
"""


def test_real_file_parses_with_quirks(ioc_bytes: bytes) -> None:
    ind = parse_ioc(ioc_bytes, TODAY)
    assert len(ind.families) >= 100
    assert ind.package_count > 500
    assert all(f.name and f.type for f in ind.families)
    assert len(ind.sha256) == 64
    assert sum(len(f.c2_ips) for f in ind.families) > 0  # c2.ip and c2.ips both read


def test_tiny_file_quirks() -> None:
    ind = parse_ioc(TINY)
    fam = {f.name: f for f in ind.families}
    assert fam["FakeWatch"].c2_ips == ("192.0.2.1",)
    assert fam["OtherFamily"].c2_ips == ("192.0.2.2",)
    assert fam["WebOnly"].packages == ()
    assert ind.by_package["com.shared.pkg"] == ["FakeWatch", "OtherFamily"]
    assert "org.fake.mixed" not in ind.by_package  # case kept


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "list of app families"),
        (b"name: x\n", "list of app families"),
        (b"- [unclosed\n", "not valid YAML"),
        (b"- name: A\n  packages: [a.b]\n", "has no type"),
        (b"- type: stalkerware\n  packages: [a.b]\n", "has no name"),
        (b"- name: A\n  type: stalkerware\n  packages: a.b\n", "field packages: expected a list"),
        (b"- name: A\n  type: stalkerware\n  packages: ['not a package']\n", "not a package id"),
        (b"- name: A\n  type: stalkerware\n  c2: [x]\n  packages: [a.b]\n", "field c2"),
        (b"- name: A\n  type: stalkerware\n  websites: [a.example]\n", "no package ids"),
        (b"- 3\n", "not a mapping"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"- !!python/object/apply:os.system ['true']\n", "not valid YAML"),
    ],
)
def test_malformed_files_rejected_with_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_ioc(data)


def test_vault_import_and_bad_file_changes_nothing(
    vault_path: Path, fast_key, ioc_bytes: bytes
) -> None:  # type: ignore[no-untyped-def]
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = IndicatorRepository(vault)
        assert repo.load() is None
        stored = repo.import_bytes(ioc_bytes, TODAY, dt.date(2026, 6, 21))
        before = read_indicators(vault)
        with pytest.raises(InvalidInput):
            repo.import_bytes(b"- name: broken\n", TODAY + dt.timedelta(days=1))
        assert read_indicators(vault) == before
    with Vault.open(vault_path, PASSPHRASE, fast_key) as vault:
        loaded = IndicatorRepository(vault).load()
        row = read_indicators(vault)
    assert loaded is not None
    assert row is not None
    assert loaded.by_package == stored.by_package
    assert loaded.sha256 == stored.sha256
    assert row.source_date == dt.date(2026, 6, 21)
    assert row.imported_on == TODAY
    assert "CC BY 4.0" in row.attribution
    assert "Echap" in row.attribution
    assert "2026-06-21" in loaded.version()


def test_known_stalkerware_from_shipped_data(ioc_bytes: bytes, sample: tuple[str, str]) -> None:
    pkg, family = sample
    ind = parse_ioc(ioc_bytes, TODAY)
    snap = snapshot_from_list(f"org.example.notes\n{pkg}\n")
    result = match(snap, ind)
    known = result.in_group("known_stalkerware")
    assert [h.subject for h in known] == [pkg]
    assert known[0].family == family
    assert any(family in line for line in _lines(known[0]))
    lines = result_lines(result)
    for label in LABELS:
        assert label in lines
    assert "No match does not mean no monitoring." in lines
    assert any("Developer options off" in line for line in lines)


def test_no_prefix_match_case_and_names() -> None:
    ind = parse_ioc(TINY)
    ids = "org.fake.watch.extra\norg.fake\norg.fake.mixed\n"
    names = "Fake Watch PRO!\nanti-spy remover\nSpy Cam\n"
    result = match(snapshot_from_list(ids), ind)
    by_name = match(snapshot_from_list(names, "app_names"), ind)
    subjects = {h.subject: h.group for h in [*result.hits, *by_name.hits]}
    assert "org.fake.watch.extra" not in subjects
    assert "org.fake" not in subjects
    assert subjects["org.fake.mixed"] == "possible_match"
    assert subjects["Fake Watch PRO!"] == "possible_match"
    assert subjects["Spy Cam"] == "possible_match"
    assert "anti-spy remover" not in subjects
    assert result.in_group("known_stalkerware") == []
    assert "  Nothing was found by this check." in result_lines(result)


def test_without_indicators_says_so() -> None:
    result = match(snapshot_from_list("org.fake.watch\n"), None)
    assert result.in_group("known_stalkerware") == []
    assert any("No indicator data" in line for line in result_lines(result))


def test_records_and_neutral_wording(demo_case: Case) -> None:
    ind = parse_ioc(TINY)
    snap = snapshot_from_list("org.fake.watch\norg.example.health\n")
    result = match(snap, ind)
    check, findings = to_records(result, snap, TODAY, keep_app_list=False)
    assert check.packages == []
    assert not check.keep_app_list
    assert [h.group for h in check.hits] == ["known_stalkerware"]
    assert findings[0].phone_check_hit_id == check.hits[0].id
    assert findings[0].source == "phone_check"
    from clinic.vocabulary import finding_title

    assert "FakeWatch" in finding_title(findings[0], "en")
    assert findings[0].params["kind"] == "known-stalkerware"
    assert findings[0].evidence
    kept, _ = to_records(result, snap, TODAY, keep_app_list=True)
    assert kept.packages == ["org.example.health", "org.fake.watch"]
    case = demo_case.model_copy(deep=True)
    case.phone_checks.append(check)
    case.findings.extend(findings)
    words = survivor_wording(case, findings[0])
    assert words == neutral_wording("known_stalkerware")
    assert "stalkerware" not in words
    assert "FakeWatch" not in words
    assert "stalkerware" not in words.lower()
    assert survivor_wording(case, case.findings[0]) is None  # a checklist finding


def test_recheck_after_import(demo_case: Case) -> None:
    old = parse_ioc(b"- name: Old\n  type: stalkerware\n  packages: [com.old.one]\n")
    newer = parse_ioc(TINY)
    listed = snapshot_from_list("package:/data/app/x/base.apk=org.fake.watch  installer=null\n")
    kept_snap = snapshot_from_list("org.example.notes\ncom.shared.pkg\n")
    case = demo_case.model_copy(deep=True)
    for snap, keep in ((listed, False), (kept_snap, True)):
        check, findings = to_records(match(snap, old), snap, TODAY, keep_app_list=keep)
        case.phone_checks.append(check)
        case.findings.extend(findings)
    assert [h.group for h in case.phone_checks[0].hits] == ["context"]  # off-store only
    changed, to_save = recheck(case, newer)
    assert len(changed) == 2
    assert [h.group for h in changed[0].hits] == ["known_stalkerware"]
    assert changed[1].hits[0].subject == "com.shared.pkg"
    assert changed[1].hits[0].family == "FakeWatch, OtherFamily"
    upgraded = next(f for f in to_save if f.phone_check_hit_id == changed[0].hits[0].id)
    assert upgraded.id in {f.id for f in case.findings}  # the existing finding is updated
    assert len(to_save) == 2
    assert recheck(case.model_copy(update={"phone_checks": changed}), newer) == ([], [])


def _lines(hit: object) -> list[str]:
    """A hit's evidence lines as shown (coded phrases rendered in English)."""
    from clinic.vocabulary import line_text

    return [line_text(line, "en") for line in getattr(hit, "evidence")]  # noqa: B009
