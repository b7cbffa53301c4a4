"""CLI: `clinic indicators import PATH FILE` and `clinic phone-check PATH CASE_ID`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from clinic.cli.support import add_passphrase_args, open_vault
from clinic.errors import InvalidInput


def register(sub: Any) -> None:
    group = sub.add_parser("indicators", help="stalkerware indicator data kept in the vault")
    isub = group.add_subparsers(dest="indicators_command", metavar="ACTION", required=True)
    imp = isub.add_parser("import", help="import Echap's ioc.yaml and re-check stored scans")
    imp.add_argument("vault", metavar="PATH")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--source-date",
        type=dt.date.fromisoformat,
        default=None,
        help="date of the ioc.yaml snapshot (YYYY-MM-DD)",
    )
    imp.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    add_passphrase_args(imp)
    imp.set_defaults(handler=_import)

    check = sub.add_parser("phone-check", help="check an Android phone or a package list")
    check.add_argument("vault", metavar="PATH")
    check.add_argument("case_id", metavar="CASE_ID")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--adb", action="store_true", help="read the connected phone (read-only)")
    source.add_argument("--packages", metavar="FILE", help="one package id a line (or app names)")
    check.add_argument(
        "--keep-app-list",
        action="store_true",
        help="store the full app list (only if the survivor agrees)",
    )
    check.add_argument("--serial", default=None, help="the phone to use when several are connected")
    check.add_argument("--device-id", default=None, help="the case's device this check is for")
    check.add_argument(
        "--recognised",
        action="append",
        default=[],
        metavar="PACKAGE",
        help="a package with strong access that the survivor recognises",
    )
    check.add_argument("--lang", choices=("en", "es"), default=None, help="default: the case's")
    check.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    add_passphrase_args(check)
    check.set_defaults(handler=_phone_check)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {Path(path).name}: {exc.strerror}") from None


def _import(args: argparse.Namespace) -> int:
    from clinic.phonecheck.indicators import parse_ioc
    from clinic.phonecheck.results import recheck
    from clinic.phonecheck.store import IndicatorRepository
    from clinic.storage import CaseRepository

    data = _read(args.file)
    parse_ioc(data)  # validate before the vault is even opened
    today = args.today or dt.date.today()
    vault = open_vault(args)
    try:
        indicators = IndicatorRepository(vault).import_bytes(data, today, args.source_date)
        repo = CaseRepository(vault)
        checks = findings = 0
        for summary in repo.list_cases():
            case = repo.load(summary.id)
            changed, to_save = recheck(case, indicators, case.language.value)
            for check in changed:
                repo.save_entity(case.id, "phone_checks", check)
            for finding in to_save:
                repo.save_entity(case.id, "findings", finding)
            checks, findings = checks + len(changed), findings + len(to_save)
    finally:
        vault.close()
    print(f"imported {len(indicators.families)} families, {indicators.package_count} package ids")
    print(f"sha256 {indicators.sha256}")
    print(f"re-checked stored scans: {checks} changed, {findings} new known matches")
    print(indicators.attribution)
    return 0


def _phone_check(args: argparse.Namespace) -> int:
    from clinic.phonecheck.matching import match
    from clinic.phonecheck.results import result_lines, to_records
    from clinic.phonecheck.scan import scan_adb, snapshot_from_list
    from clinic.phonecheck.store import IndicatorRepository
    from clinic.storage import CaseRepository

    listing = None if args.adb else _read(args.packages).decode("utf-8", "replace")
    vault = open_vault(args)
    try:
        repo = CaseRepository(vault)
        case = repo.load(args.case_id)
        if args.device_id and all(d.id != args.device_id for d in case.devices):
            raise InvalidInput("the case has no device with that id")
        indicators = IndicatorRepository(vault).load()
        if args.adb:
            from clinic.phonecheck.adb import SubprocessAdbRunner

            snap = scan_adb(SubprocessAdbRunner(), args.serial)
        else:
            snap = snapshot_from_list(listing or "")
        lang = args.lang or case.language.value
        result = match(snap, indicators, frozenset(args.recognised), lang)
        visit = case.latest_visit()
        check, findings = to_records(
            result,
            snap,
            args.today or dt.date.today(),
            args.keep_app_list,
            args.device_id,
            visit.id if visit else None,
        )
        repo.save_entity(case.id, "phone_checks", check)
        for finding in findings:
            repo.save_entity(case.id, "findings", finding)
    finally:
        vault.close()
    sys.stdout.write("\n".join(result_lines(result, lang)) + "\n")
    return 0
