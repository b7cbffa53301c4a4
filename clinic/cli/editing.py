"""`clinic checklist record ...` and `clinic inventory remove ...`: case edits from scripts.

The same use cases as the app's Investigate and Inventory stages (clinic.services.checklist,
clinic.services.inventory); each changed record is stored in its own transaction.
"""

from __future__ import annotations

import argparse
from typing import Any

from clinic.cli.protocols import add_protocols_dir_arg, protocols_from_args
from clinic.cli.support import add_passphrase_args, open_vault
from clinic.errors import NotFound, UsageError

STATUSES = ("not_checked", "no_concern_found", "concern", "declined", "not_applicable")


def register(sub: Any) -> None:
    group = sub.add_parser("checklist", help="record checklist results in a case")
    gsub = group.add_subparsers(dest="checklist_command", metavar="ACTION", required=True)
    rec = gsub.add_parser("record", help="record one item's result and/or note (latest visit)")
    rec.add_argument("vault", metavar="PATH")
    rec.add_argument("case_id", metavar="CASE_ID")
    rec.add_argument("protocol_id", metavar="PROTOCOL_ID")
    rec.add_argument("item_id", metavar="ITEM_ID")
    rec.add_argument("--status", choices=STATUSES, default=None)
    rec.add_argument("--note", default=None, help="the volunteer's note on the item")
    rec.add_argument("--target", default=None, metavar="ID", help="the device, account or person")
    add_protocols_dir_arg(rec)
    add_passphrase_args(rec)
    rec.set_defaults(handler=_record)

    inv = sub.add_parser("inventory", help="change a case's inventory")
    isub = inv.add_subparsers(dest="inventory_command", metavar="ACTION", required=True)
    rem = isub.add_parser(
        "remove", help="remove a person, device or account and every link to it, for good"
    )
    rem.add_argument("vault", metavar="PATH")
    rem.add_argument("case_id", metavar="CASE_ID")
    rem.add_argument("entry_id", metavar="ENTRY_ID")
    add_passphrase_args(rem)
    rem.set_defaults(handler=_remove)


def _record(args: argparse.Namespace) -> int:
    from clinic.model.vocab import ItemStatus
    from clinic.services import checklist
    from clinic.storage import CaseRepository

    if args.status is None and args.note is None:
        raise UsageError("checklist_nothing_to_record")
    pset = protocols_from_args(args)
    with open_vault(args) as vault:
        repo = CaseRepository(vault)
        case = repo.load(args.case_id)
        by_locale = pset.protocols.get(args.protocol_id)
        if by_locale is None:
            raise NotFound("no_such_protocol")
        protocol = by_locale.get(case.language.value) or by_locale["en"]
        item = next((i for i in protocol.items if i.id == args.item_id), None)
        if item is None:
            raise NotFound("no_such_item")
        entries = {e.id for kind in ("people", "devices", "accounts") for e in getattr(case, kind)}
        if args.target is not None and args.target not in entries:
            raise NotFound("no_such_entry")
        visit = case.latest_visit()
        status = ItemStatus(args.status) if args.status else None
        changed = checklist.record_result(
            case,
            protocol,
            item,
            args.target,
            visit.id if visit else None,
            status=status,
            note=args.note,
        )
        for kind, record in changed:
            repo.save_entity(case.id, kind, record)
    added = "; a finding was added" if any(k == "findings" for k, _r in changed) else ""
    print(f"ok: recorded{added}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from clinic.services import inventory
    from clinic.storage import CaseRepository

    with open_vault(args) as vault:
        repo = CaseRepository(vault)
        case = repo.load(args.case_id)
        kinds = inventory.INVENTORY_KINDS
        owned = (k for k in kinds if any(e.id == args.entry_id for e in getattr(case, k)))
        kind = next(owned, None)
        if kind is None:
            raise NotFound("no_such_entry")
        changed = inventory.remove_entry(repo, case, kind, args.entry_id)
    print(f"ok: entry removed; {len(changed)} records no longer link to it")
    return 0
