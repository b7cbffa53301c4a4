"""`clinic report PATH CASE_ID --kind survivor|handoff ...` and `clinic referrals ...`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from clinic.cli.support import add_initials_arg, add_passphrase_args, open_vault


def register(sub: Any) -> None:
    rep = sub.add_parser(
        "report", help="print a case as a PDF (survivor summary or handoff report)"
    )
    rep.add_argument("vault", metavar="PATH")
    rep.add_argument("case_id", metavar="CASE_ID")
    rep.add_argument("--kind", choices=("survivor", "handoff"), required=True)
    rep.add_argument(
        "--lang", choices=("en", "es"), default=None, help="default: the case's language"
    )
    mode = rep.add_mutually_exclusive_group()
    mode.add_argument("--discreet", action="store_true", help="neutral title and wording")
    mode.add_argument(
        "--advocate-only",
        action="store_true",
        help="no survivor copy for this case (refuses --kind survivor)",
    )
    rep.add_argument("--out", metavar="FILE.pdf", required=True, help="the PDF to write (0600)")
    rep.add_argument(
        "--referrals",
        metavar="FILE.toml",
        action="append",
        default=[],
        help="a clinic's own referral file (may repeat)",
    )
    rep.add_argument(
        "--created",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="fixed creation date, for reproducible output",
    )
    add_initials_arg(rep)
    add_passphrase_args(rep)
    rep.set_defaults(handler=_report)

    ref = sub.add_parser("referrals", help="the referral directory and the clinic's confirmations")
    rsub = ref.add_subparsers(dest="referrals_command", metavar="ACTION", required=True)
    lst = rsub.add_parser(
        "list", help="one entry per line: id, confirmed date or 'unconfirmed', name"
    )
    lst.add_argument("vault", metavar="PATH")
    add_passphrase_args(lst)
    lst.set_defaults(handler=_list)
    conf = rsub.add_parser("confirm", help="record that the clinic checked an entry today")
    conf.add_argument("vault", metavar="PATH")
    conf.add_argument("entry_id", metavar="ENTRY_ID")
    add_passphrase_args(conf)
    conf.set_defaults(handler=_confirm)


def _report(args: argparse.Namespace) -> int:
    from clinic.protocols.loader import load_protocols
    from clinic.report.referrals import load_directory
    from clinic.services.export import ExportOptions, PrintMode, check_file_name, export_pdf
    from clinic.services.lifecycle import clean_initials
    from clinic.storage import CaseRepository

    clean_initials(args.initials)
    directory = load_directory([Path(p) for p in args.referrals])
    mode = PrintMode.STANDARD
    if args.discreet:
        mode = PrintMode.DISCREET
    elif args.advocate_only:
        mode = PrintMode.ADVOCATE_ONLY
    out = Path(args.out)
    check_file_name(out, mode)  # before the passphrase is asked for
    options = ExportOptions(
        kind=args.kind,
        lang=args.lang,
        mode=mode,
        created=args.created,
        invariant=args.created is not None,
    )
    with open_vault(args) as vault:
        case = CaseRepository(vault).load(args.case_id)
        result = export_pdf(vault, case, out, options, load_protocols(), args.initials, directory)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print("note: the PDF is not encrypted; keep it safe and delete it when done", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    from clinic.report.referrals import load_directory
    from clinic.storage.settings_store import referral_confirmations

    vault = open_vault(args)
    try:
        confirmed = referral_confirmations(vault)
    finally:
        vault.close()
    for entry in load_directory().entries.values():
        when = confirmed.get(entry.id)
        sys.stdout.write(
            f"{entry.id}\t{when.isoformat() if when else 'unconfirmed'}\t{entry.name}\n"
        )
    return 0


def _confirm(args: argparse.Namespace) -> int:
    from clinic.errors import NotFound
    from clinic.report.referrals import load_directory
    from clinic.storage.settings_store import confirm_referral

    if load_directory().get(args.entry_id) is None:
        raise NotFound("referral_not_found")
    vault = open_vault(args)
    try:
        confirm_referral(vault, args.entry_id, dt.date.today())
    finally:
        vault.close()
    return 0
