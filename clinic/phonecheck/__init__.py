"""The phone check: allowlisted read-only adb runner, list parsing, indicator matching (no Qt).

Names are loaded on first use (PEP 562): the CLI registers this package's commands
without importing the models or YAML.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clinic.phonecheck.adb import AdbProblem, AdbRunner, SubprocessAdbRunner
    from clinic.phonecheck.indicators import IndicatorSet, parse_ioc
    from clinic.phonecheck.matching import Hit, MatchResult, match
    from clinic.phonecheck.results import recheck, result_lines, survivor_wording, to_records
    from clinic.phonecheck.scan import Snapshot, scan_adb, snapshot_from_list
    from clinic.phonecheck.store import IndicatorRepository
    from clinic.phonecheck.texts import group_label, neutral_wording, standing_notes

_WHERE = {
    "adb": ("AdbProblem", "AdbRunner", "SubprocessAdbRunner"),
    "indicators": ("IndicatorSet", "parse_ioc"),
    "matching": ("Hit", "MatchResult", "match"),
    "results": ("recheck", "result_lines", "survivor_wording", "to_records"),
    "scan": ("Snapshot", "scan_adb", "snapshot_from_list"),
    "store": ("IndicatorRepository",),
    "texts": ("group_label", "neutral_wording", "standing_notes"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
