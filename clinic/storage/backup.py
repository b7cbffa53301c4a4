"""Encrypted backups and restores through `ATTACH ... KEY` + `sqlcipher_export`, never file copies.

A backup is a new SQLCipher file with its own passphrase, written to `.<name>.part` beside the
target, checked, then renamed; any failure (disk full included) deletes the partial file. A
restore checks the backup (passphrase, page HMACs, structure, schema version) and writes a NEW
vault file with the passphrase the user chooses; it never writes over a file, and it never
writes to the backup or to any open vault.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlcipher3

from clinic.errors import SchemaTooNew, VaultCorrupt, VaultUnreadable, WrongPassphrase
from clinic.storage import schema
from clinic.storage.vault import (
    DEFAULT_KDF_ITER,
    DEFAULT_KEY,
    KeySettings,
    Vault,
    _classify_file,
    _connect,
    _key_literal,
    _map_db_error,
    _verify,
    check_new_passphrase,
)

_ALIAS = "clinic_export"


def _part_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.part")


def _remove_partial(part: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        Path(str(part) + extra).unlink(missing_ok=True)


def _refuse_existing(target: Path, what: str) -> None:
    if target.exists() or target.is_symlink():
        raise VaultUnreadable("path_exists", what=what)
    if not target.parent.is_dir():
        raise VaultUnreadable("folder_missing", what=what)


def _export(
    conn: Any, part: Path, passphrase: str, key: KeySettings, *, new_key: bool = True
) -> None:
    """Write every table of `conn`'s main database into a new encrypted file at `part`.

    `new_key=False` keys it with the vault's own existing passphrase (the pre-migration
    backup), which was accepted by the rules of its day and is not checked again.
    """
    value = check_new_passphrase(passphrase) if new_key else passphrase
    literal = _key_literal(value)  # an empty key is never accepted
    path_sql = "'" + str(part).replace("'", "''") + "'"
    version = schema.read_version(conn)
    old_umask = os.umask(0o077)
    try:
        conn.execute(f"ATTACH DATABASE {path_sql} AS {_ALIAS} KEY {literal}")
    finally:
        os.umask(old_umask)
    try:
        if key.kdf_iter != DEFAULT_KDF_ITER:
            conn.execute(f"PRAGMA {_ALIAS}.kdf_iter = {int(key.kdf_iter)}")
        conn.execute(f"PRAGMA {_ALIAS}.journal_mode = DELETE")
        conn.execute(f"PRAGMA {_ALIAS}.synchronous = FULL")
        conn.execute(f"SELECT sqlcipher_export('{_ALIAS}')")
        conn.execute(f"PRAGMA {_ALIAS}.user_version = {int(version)}")
    finally:
        conn.execute(f"DETACH DATABASE {_ALIAS}")


def _finish(part: Path, target: Path, passphrase: str, key: KeySettings, what: str) -> None:
    """Check the new file opens with its passphrase and passes both checks; then rename it."""
    check = _connect(part, passphrase, key, "ro")
    try:
        _verify(check, what)
    finally:
        check.close()
    with part.open("rb") as fh:
        os.fsync(fh.fileno())
    _refuse_existing(target, what)
    os.replace(part, target)
    os.chmod(target, 0o600)


def write_backup(vault: Vault, out: Path, backup_passphrase: str) -> None:
    """Write an encrypted copy of the open vault to the new file `out`.

    The vault is checked first (a damaged vault is not backed up over a good backup).
    Raises PassphraseRejected (empty or weak key), VaultTampered, DiskFull, VaultUnreadable.
    """
    out = Path(out)
    _refuse_existing(out, "backup")
    _verify(vault.conn)
    part = _part_path(out)
    _remove_partial(part)
    try:
        _export(vault.conn, part, backup_passphrase, vault.key)
        _finish(part, out, backup_passphrase, vault.key, "backup")
    except sqlcipher3.DatabaseError as exc:
        _remove_partial(part)
        raise _map_db_error(exc) from None
    except BaseException:
        _remove_partial(part)
        raise


def restore_backup(
    backup: Path,
    backup_passphrase: str,
    target: Path,
    new_passphrase: str,
    key: KeySettings = DEFAULT_KEY,
) -> None:
    """Restore `backup` into the new vault file `target`, keyed with `new_passphrase`.

    Refuses, with a specific message each: an existing target, a wrong backup passphrase,
    a tampered or truncated backup, a backup made by a newer version. The backup is opened
    read-only and stays byte-identical.
    """
    backup, target = Path(backup), Path(target)
    check_new_passphrase(new_passphrase)
    _refuse_existing(target, "new vault")
    _classify_file(backup, "backup")
    try:
        conn = _connect(backup, backup_passphrase, key, "ro")
    except WrongPassphrase:
        raise WrongPassphrase("backup_wrong_passphrase") from None
    except VaultUnreadable:
        raise
    except VaultCorrupt:
        raise VaultCorrupt("backup_damaged") from None
    part = _part_path(target)
    try:
        _verify(conn, "backup")
        found = schema.read_version(conn)
        if found > schema.CURRENT_VERSION:
            raise SchemaTooNew("backup_too_new")
        if found < 1:
            raise VaultCorrupt("not_a_backup")
        _remove_partial(part)
        _export(conn, part, new_passphrase, key)
        conn.close()
        _finish(part, target, new_passphrase, key, "new vault")
    except sqlcipher3.DatabaseError as exc:
        _remove_partial(part)
        raise _map_db_error(exc) from None
    except BaseException:
        _remove_partial(part)
        raise
    finally:
        conn.close()


def migration_backup_path(vault_path: Path, old_version: int) -> Path:
    """`<vault>.before-upgrade-from-v<old>.backup` beside the vault; `-2`, `-3`... if taken."""
    base = f"{vault_path.name}.before-upgrade-from-v{int(old_version)}"
    candidate = vault_path.with_name(base + ".backup")
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = vault_path.with_name(f"{base}-{n}.backup")
        n += 1
    return candidate


def migration_backup(
    conn: Any, vault_path: Path, passphrase: str, key: KeySettings, old_version: int
) -> Path:
    """Before a schema migration: an encrypted copy of the vault as it is, beside it.

    Same passphrase and key settings as the vault, 0600, checked before it is kept. It
    restores with `clinic vault restore` like any backup. Raises like `write_backup`;
    the caller then does not migrate.
    """
    out = migration_backup_path(Path(vault_path), old_version)
    part = _part_path(out)
    _remove_partial(part)
    try:
        _verify(conn)
        _export(conn, part, passphrase, key, new_key=False)
        _finish(part, out, passphrase, key, "backup")
    except sqlcipher3.DatabaseError as exc:
        _remove_partial(part)
        raise _map_db_error(exc) from None
    except BaseException:
        _remove_partial(part)
        raise
    return out
