"""`clinic vault backup|restore|purge` and `clinic case delete`: the data lifecycle."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from clinic.cli.support import (
    add_initials_arg,
    add_passphrase_args,
    key_settings,
    open_vault,
    passphrases,
    same_passphrase,
    subcommands_of,
)


def register(sub: Any) -> None:
    vsub = subcommands_of(sub, "vault")
    backup = vsub.add_parser("backup", help="write an encrypted backup with its own passphrase")
    backup.add_argument("vault", metavar="PATH")
    backup.add_argument("out", metavar="OUT", help="the new backup file (must not exist)")
    add_initials_arg(backup)
    add_passphrase_args(backup)
    backup.set_defaults(handler=_backup)

    restore = vsub.add_parser("restore", help="restore a backup into a new vault file")
    restore.add_argument("backup", metavar="BACKUP")
    restore.add_argument("vault", metavar="PATH", help="the new vault file (must not exist)")
    add_initials_arg(restore)
    add_passphrase_args(restore)
    restore.set_defaults(handler=_restore)

    purge = vsub.add_parser("purge", help="delete cases closed more than DAYS days ago")
    purge.add_argument("vault", metavar="PATH")
    purge.add_argument("--closed-before", type=int, required=True, metavar="DAYS")
    purge.add_argument("--dry-run", action="store_true", help="only count; delete nothing")
    purge.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    add_initials_arg(purge)
    add_passphrase_args(purge)
    purge.set_defaults(handler=_purge)

    csub = subcommands_of(sub, "case")
    delete = csub.add_parser("delete", help="delete one case and all its records for good")
    delete.add_argument("vault", metavar="PATH")
    delete.add_argument("case_id", metavar="CASE_ID")
    add_initials_arg(delete)
    add_passphrase_args(delete)
    delete.set_defaults(handler=_delete)


def _backup(args: argparse.Namespace) -> int:
    from clinic.services import lifecycle

    lifecycle.clean_initials(args.initials)
    pw = passphrases(args)
    with open_vault(args, pw) as vault:
        backup_passphrase = pw.new("Backup passphrase: ")
        if same_passphrase(pw.first, backup_passphrase):
            print(
                "warning: the backup passphrase is the vault's own; anyone who learns one"
                " opens both. A different one is safer.",
                file=sys.stderr,
            )
        lifecycle.backup(vault, Path(args.out), backup_passphrase, args.initials)
    print("ok: backup written and checked; keep its passphrase apart from the laptop")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from clinic.services import lifecycle

    lifecycle.clean_initials(args.initials)
    from clinic.services.unlock_delay import UnlockDelay

    pw = passphrases(args)
    UnlockDelay(Path(args.backup)).check()  # before asking; lifecycle.restore counts
    backup_passphrase = pw.existing("Backup passphrase: ")
    new_passphrase = pw.new("Passphrase for the new vault: ")
    lifecycle.restore(
        Path(args.backup),
        backup_passphrase,
        Path(args.vault),
        new_passphrase,
        args.initials,
        key_settings(args),
    )
    print("ok: backup restored into a new vault")
    return 0


def _delete(args: argparse.Namespace) -> int:
    from clinic.services import lifecycle

    lifecycle.clean_initials(args.initials)
    with open_vault(args) as vault:
        lifecycle.delete_case(vault, args.case_id, args.initials)
    print("ok: case deleted")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from clinic.services import lifecycle
    from clinic.storage.retention import closed_before

    lifecycle.clean_initials(args.initials)
    today = args.today or dt.date.today()
    cutoff = lifecycle.purge_cutoff(args.closed_before, today)
    with open_vault(args) as vault:
        if args.dry_run:
            print(f"{closed_before(vault, cutoff)} closed cases would be deleted")
            return 0
        count = lifecycle.purge_closed(vault, args.closed_before, today, args.initials)
    print(f"ok: {count} closed cases deleted")
    return 0
