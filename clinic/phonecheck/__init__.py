"""The phone check: allowlisted read-only adb runner, list parsing, indicator matching (no Qt)."""

from clinic.phonecheck.adb import AdbProblem, AdbRunner, SubprocessAdbRunner
from clinic.phonecheck.indicators import IndicatorSet, parse_ioc
from clinic.phonecheck.matching import Hit, MatchResult, match
from clinic.phonecheck.results import recheck, result_lines, survivor_wording, to_records
from clinic.phonecheck.scan import Snapshot, scan_adb, snapshot_from_list
from clinic.phonecheck.store import IndicatorRepository
from clinic.phonecheck.texts import group_label, neutral_wording, standing_notes

__all__ = [
    "AdbProblem",
    "AdbRunner",
    "Hit",
    "IndicatorRepository",
    "IndicatorSet",
    "MatchResult",
    "Snapshot",
    "SubprocessAdbRunner",
    "group_label",
    "match",
    "neutral_wording",
    "parse_ioc",
    "recheck",
    "result_lines",
    "scan_adb",
    "snapshot_from_list",
    "standing_notes",
    "survivor_wording",
    "to_records",
]
