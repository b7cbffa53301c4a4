"""Retention: delete cases so their text is gone from the vault file, not only from the list.

`secure_delete` (forced on by SQLCipher and asserted at open) overwrites freed cells and pages
with zeros, and the rollback journal is deleted at commit. Every delete and purge then runs
VACUUM so the file shrinks and no freed page or moved copy lingers. Counts only leave this
module, never ids or names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlcipher3

from clinic.errors import NotFound
from clinic.storage.vault import Vault, _map_db_error


def delete_case(vault: Vault, case_id: str) -> None:
    """Delete one case and every record under it in one transaction, then compact."""
    with vault.transaction() as conn:
        if not conn.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount:
            raise NotFound("case_not_found")
    compact(vault)


def closed_before(vault: Vault, cutoff: dt.date) -> int:
    """How many closed cases have a closed date before `cutoff` (what a purge would delete)."""
    row = vault.conn.execute(
        "SELECT count(*) FROM cases WHERE status = 'closed' AND closed < ?",
        (cutoff.isoformat(),),
    ).fetchone()
    return int(row[0])


def purge_closed_before(
    vault: Vault, cutoff: dt.date, before_delete: Callable[[Any], None] | None = None
) -> int:
    """Delete every case closed before `cutoff` in one transaction, then VACUUM; the count.

    `before_delete(conn)` runs inside that transaction first (the statistics freeze the
    purged cases' counts there), so the counts and the delete land together or not at all.
    """
    with vault.transaction() as conn:
        if before_delete is not None:
            before_delete(conn)
        count = conn.execute(
            "DELETE FROM cases WHERE status = 'closed' AND closed < ?", (cutoff.isoformat(),)
        ).rowcount
    compact(vault)  # also when nothing matched: text an earlier delete freed goes too
    return int(count)


def compact(vault: Vault) -> None:
    """Rebuild the file without free pages (VACUUM runs in memory: temp_store is MEMORY).

    secure_delete zeroes the cells a DELETE frees, but not the copies a B-tree rebalance
    leaves behind when it moves rows between pages; VACUUM writes every live row into
    fresh pages, so nothing of a deleted case stays in any page or on the freelist.
    """
    try:
        vault.conn.execute("VACUUM")
    except sqlcipher3.DatabaseError as exc:
        raise _map_db_error(exc) from None
