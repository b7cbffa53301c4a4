"""The audit log: initials and an action word per row, never case data (no models needed)."""

from __future__ import annotations

import datetime as dt

from clinic.storage.vault import Vault


def record_audit(vault: Vault, initials: str, action: str, now: dt.datetime | None = None) -> None:
    """Append initials and an action word to the audit log: never case data."""
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO audit (at, initials, action) VALUES (?, ?, ?)",
            (stamp, initials[:8], action),
        )
