"""Background work of the phone check (no widgets): thin calls into
clinic.services.phonecheck, run on the task worker. The CLI calls the same service."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clinic.model import Case, Finding, PhoneCheck
from clinic.phonecheck.indicators import IndicatorSet
from clinic.services import phonecheck as service
from clinic.storage import Vault

CheckRequest = service.CheckRequest
CheckOutcome = service.CheckOutcome
ImportOutcome = service.ImportOutcome
Source = service.Source


def load_indicators(vault: Vault) -> IndicatorSet | None:
    return service.load_indicators(vault)


def run_check(request: service.CheckRequest, indicators: IndicatorSet | None) -> CheckOutcome:
    """Read the phone (adb or iPhone, read-only) or the list, and make the records."""
    return service.run_check(request, indicators)


def import_and_recheck(
    vault: Vault, paths: list[Path], today: dt.date, open_case_id: str
) -> service.ImportOutcome:
    """Validate and store the files, then re-check the stored scans of every other case
    (the open case is re-checked in memory by the page, so its edits stay in one place)."""
    datas = service.read_files(paths)
    return service.import_indicators(vault, datas, today, None, skip_case_id=open_case_id)


def recheck_in_memory(
    case: Case, indicators: IndicatorSet, lang: str
) -> tuple[list[PhoneCheck], list[Finding]]:
    return service.recheck_open_case(case, indicators, lang)
