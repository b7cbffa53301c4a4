"""`clinic demo PATH [--cases N] [--large] [--seed S]`: fictional training cases."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from clinic.cli.support import add_passphrase_args, create_vault, open_vault, passphrases
from clinic.errors import UsageError


def register(sub: Any) -> None:
    demo = sub.add_parser(
        "demo", help="add fictional training cases to a vault (created if it does not exist)"
    )
    demo.add_argument("vault", metavar="PATH")
    demo.add_argument("--cases", type=int, default=0, metavar="N", help="add N plain cases")
    demo.add_argument("--large", action="store_true", help="add one very large case")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    add_passphrase_args(demo)
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from clinic.protocols.loader import load_protocols
    from clinic.services.demo import generate
    from clinic.storage import CaseRepository

    if args.cases < 0:
        raise UsageError("cases_negative")
    path = Path(args.vault)
    pw = passphrases(args)
    cases = generate(args.seed, args.cases, args.large, args.today, load_protocols())
    # The one open path (unlock delay, writer lock, integrity check), then one transaction.
    made = not path.exists()
    vault = create_vault(args, pw) if made else open_vault(args, pw)
    try:
        from clinic.services.training import check_case_fits_vault

        for case in cases:
            check_case_fits_vault(vault, case)  # demo cases are not practice cases
        count = CaseRepository(vault).put_all(cases)
    finally:
        vault.close()
    what = "made" if made else "updated"
    shown = "".join(c if c.isprintable() else "?" for c in str(path))
    print(f"ok: {count} fictional demo cases written; vault {what}: {shown}")
    return 0
