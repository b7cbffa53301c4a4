"""The phone check and the indicator import, the use cases (GUI and CLI call these).

- `run_check(request)`: read the phone (adb, iPhone, an androidqf folder) or a list, match
  it, add what the flagged Android apps did lately, and turn it into case records. After an
  iPhone check the pairing record the tool wrote on this laptop is removed.
- `add_to_case` puts the records into an in-memory case (the GUI announces them to its
  autosaver); `save_to_vault` stores them in one case of an open vault (the CLI).
- `import_indicators(vault, files)` validates every file first, stores each replacing only
  the earlier import of its type, then re-checks the stored scans of every case (but the
  one open in the GUI, which `recheck_open_case` re-checks in memory).

Nothing here changes a phone; nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from clinic.model import Case, Finding, PhoneCheck
from clinic.model.base import Entity
from clinic.phonecheck.indicators import IndicatorSet
from clinic.phonecheck.matching import MatchResult, match
from clinic.phonecheck.scan import Method, Snapshot
from clinic.phonecheck.texts import EVIDENCE_GROUPS
from clinic.storage.vault import Vault

Source = Literal["adb", "iphone", "list", "androidqf"]


@dataclass
class CheckRequest:
    source: Source
    today: dt.date
    lang: str = "en"
    list_text: str = ""
    list_method: Method = "package_list"
    folder: Path | None = None
    serial: str | None = None  # adb serial or iPhone UDID (memory only)
    recognised: frozenset[str] = frozenset()
    keep_app_list: bool = False
    device_id: str | None = None
    visit_id: str | None = None


@dataclass
class CheckOutcome:
    result: MatchResult
    check: PhoneCheck
    findings: list[Finding]
    # iPhone only: True when the laptop's pairing record was removed, False when none was
    # found (the volunteer is told where to look), None for other checks.
    pairing_removed: bool | None = None
    notes: list[str] = field(default_factory=list)


def read_snapshot(request: CheckRequest) -> Snapshot:
    """Read the phone, the folder or the list (InvalidInput/AdbProblem/IphoneProblem)."""
    if request.source == "adb":
        from clinic.phonecheck.adb import SubprocessAdbRunner
        from clinic.phonecheck.scan import scan_adb

        return scan_adb(SubprocessAdbRunner(), request.serial)
    if request.source == "iphone":
        from clinic.phonecheck.iphone import SubprocessIphoneRunner, scan_iphone

        return scan_iphone(SubprocessIphoneRunner(), request.serial)
    if request.source == "androidqf":
        from clinic.phonecheck.androidqf import scan_androidqf

        assert request.folder is not None
        return scan_androidqf(request.folder)
    from clinic.phonecheck.scan import snapshot_from_list

    return snapshot_from_list(request.list_text, request.list_method)


def check_snapshot(
    snap: Snapshot, indicators: IndicatorSet | None, request: CheckRequest
) -> CheckOutcome:
    """Match, add the evidence of the first three groups' apps, make the records."""
    from clinic.phonecheck.results import to_records

    result = match(snap, indicators, request.recognised, request.lang, request.today)
    wanted = [h.subject for h in result.hits if h.group in EVIDENCE_GROUPS]
    if snap.add_details(wanted):
        result = match(snap, indicators, request.recognised, request.lang, request.today)
    check, findings = to_records(
        result,
        snap,
        request.today,
        request.keep_app_list,
        request.device_id,
        request.visit_id,
    )
    return CheckOutcome(result, check, findings)


def run_check(request: CheckRequest, indicators: IndicatorSet | None) -> CheckOutcome:
    """The whole check. An iPhone's pairing record on this laptop is removed afterwards."""
    snap = read_snapshot(request)
    try:
        outcome = check_snapshot(snap, indicators, request)
    finally:
        removed = _forget_iphone(snap)
    outcome.pairing_removed = removed
    return outcome


def _forget_iphone(snap: Snapshot) -> bool | None:
    if snap.method != "iphone" or not snap.serial:
        return None
    from clinic.phonecheck.iphone import remove_pairing_record

    udid, snap.serial = snap.serial, None
    return remove_pairing_record(udid)


@dataclass(frozen=True)
class CaseFacts:
    """What a phone check needs from its case, read without loading the whole case."""

    language: str
    device_ids: frozenset[str]
    latest_visit_id: str | None


def case_facts(vault: Vault, case_id: str) -> CaseFacts:
    """Language, device ids and the latest visit, straight from the stored rows."""
    import json

    from clinic.errors import NotFound

    conn = vault.conn
    row = conn.execute("SELECT language FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        raise NotFound("case_not_found")
    devices = frozenset(
        r[0]
        for r in conn.execute(
            "SELECT id FROM entities WHERE case_id = ? AND kind = 'devices'", (case_id,)
        )
    )
    latest: tuple[str, str] | None = None
    for visit_id, doc in conn.execute(
        "SELECT id, doc FROM entities WHERE case_id = ? AND kind = 'visits' ORDER BY pos",
        (case_id,),
    ):
        day = str(json.loads(doc).get("date", ""))
        if latest is None or day > latest[0]:
            latest = (day, visit_id)
    return CaseFacts(str(row[0]), devices, latest[1] if latest else None)


def add_to_case(case: Case, outcome: CheckOutcome) -> None:
    """Put the check and its findings into an in-memory case."""
    case.phone_checks.append(outcome.check)
    case.findings.extend(outcome.findings)


def save_to_vault(vault: Vault, case_id: str, outcome: CheckOutcome) -> None:
    from clinic.storage import CaseRepository

    records: list[tuple[str, Entity]] = [("phone_checks", outcome.check)]
    records.extend(("findings", f) for f in outcome.findings)
    CaseRepository(vault).save_entities(case_id, records)  # one transaction


# -- indicators ------------------------------------------------------------------------------
@dataclass
class ImportOutcome:
    indicators: IndicatorSet
    checks_changed: int = 0
    findings_saved: int = 0
    types: list[str] = field(default_factory=list)


def load_indicators(vault: Vault) -> IndicatorSet | None:
    from clinic.phonecheck.store import IndicatorRepository

    return IndicatorRepository(vault).load()


def read_files(paths: Sequence[Path]) -> list[bytes]:
    from clinic.errors import InvalidInput

    out = []
    for path in paths:
        try:
            out.append(Path(path).read_bytes())
        except OSError:
            raise InvalidInput("indicator_file_unreadable") from None
    return out


def validate_files(datas: Sequence[bytes], today: dt.date) -> list[object]:
    """Validate before any vault is opened (the CLI refuses a bad file before the passphrase)."""
    from clinic.phonecheck.store import parse_files

    return list(parse_files(datas, today))


def import_indicators(
    vault: Vault,
    datas: Sequence[bytes],
    today: dt.date,
    source_date: dt.date | None = None,
    skip_case_id: str | None = None,
) -> ImportOutcome:
    """Validate every file, store them, re-check every stored scan (but `skip_case_id`)."""
    from clinic.phonecheck.results import recheck
    from clinic.phonecheck.store import IndicatorRepository, parse_files
    from clinic.storage import CaseRepository

    sources = parse_files(datas, today)
    indicators = IndicatorRepository(vault).import_sources(sources, today, source_date)
    outcome = ImportOutcome(indicators, types=[s.type for s in sources])
    repo = CaseRepository(vault)
    for summary in repo.list_cases():
        if summary.id == skip_case_id:
            continue
        case = repo.load(summary.id)
        changed, to_save = recheck(case, indicators, case.language.value)
        records: list[tuple[str, Entity]] = [("phone_checks", c) for c in changed]
        records.extend(("findings", f) for f in to_save)
        if records:
            repo.save_entities(case.id, records)
        outcome.checks_changed += len(changed)
        outcome.findings_saved += len(to_save)
    return outcome


def recheck_open_case(
    case: Case, indicators: IndicatorSet, lang: str
) -> tuple[list[PhoneCheck], list[Finding]]:
    """Re-check the open case's stored scans and put the updated records into the case."""
    from clinic.phonecheck.results import recheck

    changed, to_save = recheck(case, indicators, lang)
    for check in changed:
        case.phone_checks[:] = [check if c.id == check.id else c for c in case.phone_checks]
    for finding in to_save:
        if any(f.id == finding.id for f in case.findings):
            case.findings[:] = [finding if f.id == finding.id else f for f in case.findings]
        else:
            case.findings.append(finding)
    return changed, to_save
