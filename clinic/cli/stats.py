"""`clinic stats export`: de-identified monthly counts as a CSV (docs/statistics.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinic.cli.support import add_initials_arg, add_passphrase_args, open_vault


def register(sub: Any) -> None:
    group = sub.add_parser("stats", help="de-identified clinic statistics")
    gsub = group.add_subparsers(dest="stats_command", metavar="ACTION", required=True)
    exp = gsub.add_parser(
        "export", help="monthly counts by measure and category as CSV, small counts suppressed"
    )
    exp.add_argument("vault", metavar="PATH")
    exp.add_argument("--out", metavar="FILE.csv", required=True, help="the CSV to write (0600)")
    exp.add_argument("--from", dest="from_month", metavar="YYYY-MM", default=None)
    exp.add_argument("--to", dest="to_month", metavar="YYYY-MM", default=None)
    exp.add_argument(
        "--min-count",
        type=int,
        default=5,
        metavar="K",
        help="hide counts below K (default 5, at least 3)",
    )
    exp.add_argument("--clinic", default="clinic", metavar="LABEL", help="the clinic column")
    exp.add_argument("--include-fictional", action="store_true", help="also count the demo cases")
    add_initials_arg(exp)
    add_passphrase_args(exp)
    exp.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from clinic.services.lifecycle import clean_initials
    from clinic.services.statistics import StatsQuery, export_statistics

    clean_initials(args.initials)
    query = StatsQuery(
        from_month=args.from_month,
        to_month=args.to_month,
        min_count=args.min_count,
        clinic=args.clinic,
        include_fictional=args.include_fictional,
    ).checked()
    with open_vault(args) as vault:
        rows = export_statistics(vault, Path(args.out), query, args.initials)
    print(f"ok: {rows} rows written")
    print("note: the statistics file is not encrypted; keep it safe", file=sys.stderr)
    return 0
