"""Background work of the phone check (no widgets): load and import indicator data,
re-check stored scans, read the connected phone. Runs on the task worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clinic.errors import InvalidInput
from clinic.i18n import current_language
from clinic.model import Case, Finding, PhoneCheck
from clinic.phonecheck import IndicatorRepository, IndicatorSet, recheck, scan_adb
from clinic.phonecheck.adb import SubprocessAdbRunner
from clinic.phonecheck.scan import Snapshot
from clinic.storage import CaseRepository, Vault


def load_indicators(vault: Vault) -> IndicatorSet | None:
    return IndicatorRepository(vault).load()


def scan_connected_phone() -> Snapshot:
    """Read-only scan of the one connected, authorised Android phone."""
    return scan_adb(SubprocessAdbRunner())


def import_and_recheck(vault: Vault, path: Path, today: dt.date, open_case_id: str) -> IndicatorSet:
    """Validate and store the file, then re-check the stored scans of every other case
    (the open case is re-checked in memory by the page, so its edits stay in one place)."""
    try:
        data = path.read_bytes()
    except OSError:
        raise InvalidInput("indicator_file_unreadable") from None
    indicators = IndicatorRepository(vault).import_bytes(data, today)
    repo = CaseRepository(vault)
    for summary in repo.list_cases():
        if summary.id == open_case_id:
            continue
        case = repo.load(summary.id)
        changed, to_save = recheck(case, indicators, case.language.value)
        for check in changed:
            repo.save_entity(case.id, "phone_checks", check)
        for finding in to_save:
            repo.save_entity(case.id, "findings", finding)
    return indicators


def recheck_in_memory(
    case: Case, indicators: IndicatorSet
) -> tuple[list[PhoneCheck], list[Finding]]:
    """Re-check the open case's stored scans and put the updated records into the case."""
    changed, to_save = recheck(case, indicators, current_language())
    for check in changed:
        case.phone_checks[:] = [check if c.id == check.id else c for c in case.phone_checks]
    for finding in to_save:
        if any(f.id == finding.id for f in case.findings):
            case.findings[:] = [finding if f.id == finding.id else f for f in case.findings]
        else:
            case.findings.append(finding)
    return changed, to_save
