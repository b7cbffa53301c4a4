"""Vault-wide settings (`vault_settings`): plain key/value text, and referral confirmations.

Keys are fixed strings chosen by the app ("referral-confirmed:<entry id>", "clinic-name");
values never hold case data.
"""

from __future__ import annotations

import datetime as dt

from clinic.storage.vault import Vault

REFERRAL_PREFIX = "referral-confirmed:"


def get_setting(vault: Vault, key: str) -> str | None:
    row = vault.conn.execute("SELECT value FROM vault_settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(vault: Vault, key: str, value: str) -> None:
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO vault_settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def confirm_referral(vault: Vault, entry_id: str, on: dt.date) -> None:
    """Record that the clinic checked this directory entry's details on `on`."""
    set_setting(vault, REFERRAL_PREFIX + entry_id, on.isoformat())


def referral_confirmations(vault: Vault) -> dict[str, dt.date]:
    """Entry id -> the date the clinic confirmed it."""
    rows = vault.conn.execute(
        "SELECT key, value FROM vault_settings WHERE key LIKE ? ESCAPE '\\'",
        (REFERRAL_PREFIX.replace("_", "\\_") + "%",),
    ).fetchall()
    out: dict[str, dt.date] = {}
    for key, value in rows:
        try:
            out[str(key)[len(REFERRAL_PREFIX) :]] = dt.date.fromisoformat(str(value))
        except ValueError:
            continue
    return out


VAULT_KIND_KEY = "vault-kind"
PRACTICE = "practice"


def vault_kind(vault: Vault) -> str:
    """`practice` for a practice vault (made by `clinic training start`), else `real`."""
    return PRACTICE if get_setting(vault, VAULT_KIND_KEY) == PRACTICE else "real"


def is_practice_vault(vault: Vault) -> bool:
    return vault_kind(vault) == PRACTICE
