"""Vault lifecycle use cases: open for writing, back up, restore, delete, purge, audit.

Opening for writing takes the one-writer lock and applies the failed-unlock delay. Every
lifecycle action appends one audit row: the volunteer's initials and an action word, never a
case id, a name or a count. Read-only checks (`check_integrity`) write nothing at all.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from clinic.errors import InvalidInput, UsageError, WrongPassphrase
from clinic.services.unlock_delay import UnlockDelay
from clinic.storage import DEFAULT_KEY, KeySettings, Vault, record_audit
from clinic.storage.backup import restore_backup, write_backup
from clinic.storage.retention import delete_case as _delete_case
from clinic.storage.retention import purge_closed_before
from clinic.storage.writer_lock import VaultLock

Now = Callable[[], dt.datetime]
INITIALS_MAX = 8


class AuditAction(StrEnum):
    UNLOCKED = "unlocked"
    EXPORTED = "exported"
    DELETED = "deleted"
    PURGED = "purged"
    BACKED_UP = "backed up"
    RESTORED = "restored"
    BUNDLED = "bundled"
    RECEIVED = "received"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    initials: str
    action: str


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def clean_initials(initials: str) -> str:
    """A volunteer's initials: 1-8 letters or digits, upper-cased; anything else is refused."""
    value = initials.strip().upper()
    if not value or len(value) > INITIALS_MAX or not all(c.isalnum() for c in value):
        raise InvalidInput("initials_invalid", max=INITIALS_MAX)
    return value


def audit(vault: Vault, initials: str, action: AuditAction, now: Now = _utc_now) -> None:
    record_audit(vault, clean_initials(initials), action.value, now())


def read_audit(vault: Vault) -> list[AuditEntry]:
    rows = vault.conn.execute("SELECT at, initials, action FROM audit ORDER BY seq").fetchall()
    return [AuditEntry(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def open_for_writing(
    path: Path,
    passphrase: str,
    key: KeySettings = DEFAULT_KEY,
    *,
    verify: bool = True,
    held_lock: VaultLock | None = None,
    clock: Callable[[], float] = time.time,
) -> Vault:
    """Open a vault as its one writer.

    Raises UnlockDelayed while a failed-unlock delay runs, VaultLocked when another app holds
    the vault (unless the caller passes the lock it holds), WrongPassphrase (counted),
    VaultTampered when `verify` finds a damaged page. The lock is released on close unless
    it was `held_lock`.
    """
    path = Path(path)
    delay = UnlockDelay(path, clock)
    delay.check()
    lock = held_lock or VaultLock.acquire(path)
    try:
        vault = Vault.open(path, passphrase, key, verify=verify)
    except WrongPassphrase:
        delay.failed()
        if held_lock is None:
            lock.release()
        raise
    except BaseException:
        if held_lock is None:
            lock.release()
        raise
    delay.succeeded()
    if held_lock is None:
        vault.call_on_close(lock.release)
    return vault


def unlock_in_app(
    path: Path,
    passphrase: str,
    initials: str,
    key: KeySettings = DEFAULT_KEY,
    *,
    held_lock: VaultLock | None = None,
    clock: Callable[[], float] = time.time,
    now: Now = _utc_now,
) -> Vault:
    """What the GUI calls to unlock: open_for_writing, then audit 'unlocked'."""
    vault = open_for_writing(path, passphrase, key, held_lock=held_lock, clock=clock)
    return _audit_unlocked(vault, initials, now)


def unlock_checking_in_background(
    path: Path,
    passphrase: str,
    key: KeySettings = DEFAULT_KEY,
    *,
    held_lock: VaultLock | None = None,
    clock: Callable[[], float] = time.time,
    start: bool = True,
) -> Vault:
    """Open for writing, with both integrity checks on a second connection (the GUI).

    `start=False`: the caller starts the check with `vault.start_verifying()` (the GUI does,
    once the case list is drawn); until then writes and case opens wait.

    The case list can be read at once; every write and every case load waits until the
    check passed (VaultTampered if it failed: `vault.wait_verified()`). The caller writes
    the 'unlocked' audit row with `audit_unlocked_when_verified`. A vault that needs a
    migration, or a crashed save, is still checked before anything is written.
    """
    from clinic.storage.gate import KeyDerivation, start_check

    delay = UnlockDelay(Path(path), clock)
    delay.check()  # no second derivation for an attempt that is not allowed
    derivation = KeyDerivation(Path(path), passphrase, key)  # alongside SQLCipher's own
    vault = open_for_writing(path, passphrase, key, verify=False, held_lock=held_lock, clock=clock)
    vault.hold_until_verified(start_check(Path(path), derivation, start=start))
    return vault


def audit_unlocked_when_verified(vault: Vault, initials: str, now: Now = _utc_now) -> None:
    """Wait for the background check, then the 'unlocked' audit row (VaultTampered)."""
    vault.wait_verified()
    audit(vault, initials, AuditAction.UNLOCKED, now)


def _audit_unlocked(vault: Vault, initials: str, now: Now) -> Vault:
    try:
        audit(vault, initials, AuditAction.UNLOCKED, now)
    except BaseException:
        vault.close()
        raise
    return vault


def backup(
    vault: Vault, out: Path, backup_passphrase: str, initials: str, now: Now = _utc_now
) -> None:
    """An encrypted, checked backup in the new file `out`, then audit 'backed up'."""
    clean_initials(initials)
    write_backup(vault, Path(out), backup_passphrase)
    audit(vault, initials, AuditAction.BACKED_UP, now)


def restore(
    backup_file: Path,
    backup_passphrase: str,
    target: Path,
    new_passphrase: str,
    initials: str,
    key: KeySettings = DEFAULT_KEY,
    now: Now = _utc_now,
) -> None:
    """Restore into the new vault `target` (never over a file), then audit 'restored' in it.

    The vault in use (if any) is not touched: the GUI opens `target` afterwards. The backup
    passphrase obeys and counts the failed-unlock delay of the backup file (UnlockDelayed).
    """
    from clinic.services.unlock_delay import attempt

    clean_initials(initials)
    backup_file = Path(backup_file)
    with VaultLock.acquire(Path(target)):
        attempt(
            backup_file,
            lambda: restore_backup(
                backup_file, backup_passphrase, Path(target), new_passphrase, key
            ),
        )
        with Vault.open(target, new_passphrase, key) as vault:
            audit(vault, initials, AuditAction.RESTORED, now)


def delete_case(vault: Vault, case_id: str, initials: str, now: Now = _utc_now) -> None:
    """Delete one case for good, then audit 'deleted' (without the id)."""
    clean_initials(initials)
    _delete_case(vault, case_id)
    audit(vault, initials, AuditAction.DELETED, now)


def purge_cutoff(days: int, today: dt.date) -> dt.date:
    if days < 0:
        raise UsageError("days_negative")
    return today - dt.timedelta(days=days)


def purge_closed(
    vault: Vault, days: int, today: dt.date, initials: str, now: Now = _utc_now
) -> int:
    """Delete cases closed more than `days` days before `today`; audit 'purged'; the count."""
    clean_initials(initials)
    from clinic.services.statistics import freeze_before_purge

    cutoff = purge_cutoff(days, today)
    count = purge_closed_before(vault, cutoff, freeze_before_purge(vault, cutoff))
    audit(vault, initials, AuditAction.PURGED, now)
    return count
