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
    imp = isub.add_parser(
        "import", help="import Echap's ioc.yaml and/or watchware.yaml and re-check stored scans"
    )
    imp.add_argument("vault", metavar="PATH")
    imp.add_argument("files", metavar="FILE", nargs="+", help="ioc.yaml, watchware.yaml or both")
    imp.add_argument(
        "--source-date",
        type=dt.date.fromisoformat,
        default=None,
        help="date of the Echap snapshot (YYYY-MM-DD)",
    )
    imp.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    add_passphrase_args(imp)
    imp.set_defaults(handler=_import)

    check = sub.add_parser(
        "phone-check", help="check an Android phone, an iPhone, an androidqf folder or a list"
    )
    check.add_argument("vault", metavar="PATH")
    check.add_argument("case_id", metavar="CASE_ID")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--adb", action="store_true", help="read the connected phone (read-only)")
    source.add_argument(
        "--iphone", action="store_true", help="read the connected iPhone (pymobiledevice3)"
    )
    source.add_argument(
        "--packages",
        metavar="FILE",
        help="pm list packages output, one id a line, CSV/TSV rows, or app names one a line",
    )
    source.add_argument("--androidqf", metavar="DIR", help="an androidqf acquisition folder")
    check.add_argument(
        "--keep-app-list",
        action="store_true",
        help="store the full app list (only if the survivor agrees)",
    )
    check.add_argument("--serial", default=None, help="the phone to use when several are connected")
    check.add_argument("--udid", default=None, help="the iPhone to use when several are connected")
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
    except OSError:
        raise InvalidInput("input_unreadable") from None


def _import(args: argparse.Namespace) -> int:
    from clinic.services import phonecheck as service

    datas = [_read(path) for path in args.files]
    today = args.today or dt.date.today()
    service.validate_files(datas, today)  # validate before the vault is even opened
    vault = open_vault(args)
    try:
        outcome = service.import_indicators(vault, datas, today, args.source_date)
    finally:
        vault.close()
    indicators = outcome.indicators
    for kind in outcome.types:
        src = indicators.source(kind)
        if src is not None:
            packages = sum(len(f.packages) for f in src.families)
            print(f"imported {src.file_name}: {len(src.families)} families, {packages} package ids")
            print(f"sha256 {src.sha256}")
    print(
        f"re-checked stored scans: {outcome.checks_changed} changed,"
        f" {outcome.findings_saved} new known matches"
    )
    print(indicators.attribution)
    return 0


def _phone_check(args: argparse.Namespace) -> int:
    from clinic.phonecheck.results import result_lines
    from clinic.services import phonecheck as service

    today = args.today or dt.date.today()
    request = service.CheckRequest(
        source="adb"
        if args.adb
        else "iphone"
        if args.iphone
        else "androidqf"
        if args.androidqf
        else "list",
        today=today,
        folder=Path(args.androidqf) if args.androidqf else None,
        serial=args.udid if args.iphone else args.serial,
        recognised=frozenset(args.recognised),
        keep_app_list=args.keep_app_list,
        device_id=args.device_id,
    )
    snap = None
    if request.source == "list":
        # A file that is not a package list is refused before the vault is opened.
        request.list_text = _read(args.packages).decode("utf-8", "replace")
        snap = service.read_snapshot(request)
    elif request.source == "androidqf":
        snap = service.read_snapshot(request)
    vault = open_vault(args)
    try:
        facts = service.case_facts(vault, args.case_id)  # no need to load the whole case
        if args.device_id and args.device_id not in facts.device_ids:
            raise InvalidInput("no_such_device")
        indicators = service.load_indicators(vault)
        request.lang = args.lang or facts.language
        request.visit_id = facts.latest_visit_id
        if snap is None:
            if request.source == "iphone":
                from clinic.i18n import translation
                from clinic.phonecheck.texts import PAIRING_PROMPT

                note = translation(request.lang).gettext(PAIRING_PROMPT)
                print(f"note: {note}", file=sys.stderr)
            outcome = service.run_check(request, indicators)
        else:
            outcome = service.check_snapshot(snap, indicators, request)
        service.save_to_vault(vault, args.case_id, outcome)
    finally:
        vault.close()
    lines = result_lines(outcome.result, request.lang)
    if request.source == "iphone":
        from clinic.phonecheck.texts import iphone_after_lines

        lines.extend(iphone_after_lines(outcome.pairing_removed, request.lang))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
