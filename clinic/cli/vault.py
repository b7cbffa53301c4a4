"""`clinic vault init|check|passwd`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinic.cli.support import (
    add_passphrase_args,
    create_vault,
    key_settings,
    open_vault,
    passphrases,
)


def register(sub: Any) -> None:
    group = sub.add_parser("vault", help="create, check and re-key vault files")
    vsub = group.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    init = vsub.add_parser("init", help="create a new encrypted vault")
    init.add_argument("vault", metavar="PATH")
    add_passphrase_args(init)
    init.set_defaults(handler=_init)

    check = vsub.add_parser("check", help="check a vault's integrity (read-only)")
    check.add_argument("vault", metavar="PATH")
    add_passphrase_args(check)
    check.set_defaults(handler=_check)

    passwd = vsub.add_parser("passwd", help="change a vault's passphrase")
    passwd.add_argument("vault", metavar="PATH")
    add_passphrase_args(passwd)
    passwd.set_defaults(handler=_passwd)


def _init(args: argparse.Namespace) -> int:
    create_vault(args).close()
    return 0


def _check(args: argparse.Namespace) -> int:
    from clinic.services.unlock_delay import UnlockDelay, attempt
    from clinic.storage import check_integrity

    # Read-only, except for the failed-unlock count: the one file `vault check` may write.
    path = Path(args.vault)
    UnlockDelay(path).check()  # before asking for the passphrase
    passphrase = passphrases(args).existing()
    attempt(path, lambda: check_integrity(path, passphrase, key_settings()))
    print("ok: both integrity checks passed")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    pw = passphrases(args)
    vault = open_vault(args, pw)
    try:
        vault.rekey(pw.new())
    finally:
        vault.close()
    return 0
