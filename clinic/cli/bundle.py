"""`clinic case bundle` and `clinic case receive`: hand a case to another laptop, encrypted."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinic.cli.support import (
    add_initials_arg,
    add_passphrase_args,
    key_settings,
    open_vault,
    passphrases,
    subcommands_of,
)


def register(sub: Any) -> None:
    csub = subcommands_of(sub, "case")
    bundle = csub.add_parser(
        "bundle", help="write one case to a new encrypted bundle with its own passphrase"
    )
    bundle.add_argument("vault", metavar="PATH")
    bundle.add_argument("case_id", metavar="CASE_ID")
    bundle.add_argument("out", metavar="OUT", help="the new bundle file (must not exist)")
    add_initials_arg(bundle)
    add_passphrase_args(bundle)
    bundle.set_defaults(handler=_bundle)

    receive = csub.add_parser("receive", help="add the case in a bundle to this vault")
    receive.add_argument("vault", metavar="PATH")
    receive.add_argument("bundle", metavar="BUNDLE")
    receive.add_argument("--replace", action="store_true", help="replace a case with the same id")
    add_initials_arg(receive)
    add_passphrase_args(receive)
    receive.set_defaults(handler=_receive)


def _bundle(args: argparse.Namespace) -> int:
    from clinic.services.bundles import bundle_case
    from clinic.services.lifecycle import clean_initials

    clean_initials(args.initials)
    pw = passphrases(args)
    with open_vault(args, pw) as vault:
        bundle_case(
            vault, args.case_id, Path(args.out), pw.new("Bundle passphrase: "), args.initials
        )
    print("ok: bundle written and checked; give its passphrase by another way than the file")
    return 0


def _receive(args: argparse.Namespace) -> int:
    from clinic.services.bundles import open_bundle_case, receive_case
    from clinic.services.lifecycle import clean_initials

    clean_initials(args.initials)
    pw = passphrases(args)
    with open_vault(args, pw) as vault:
        contents = open_bundle_case(
            Path(args.bundle), pw.existing("Bundle passphrase: "), key_settings(args)
        )
        got = receive_case(vault, contents, replace=args.replace, initials=args.initials)
    print(f"ok: case {'replaced' if got.replaced else 'received'}: {got.case_id}")
    return 0
