"""Encrypted case bundles: one case in its own SQLCipher 4 file, to hand over between laptops.

A bundle uses SQLCipher 4's standard settings and its own passphrase, so any SQLCipher 4
tool opens it (`SELECT value FROM bundle WHERE key = 'case'` gives the case JSON, the same
interchange format as `clinic case export`). It is written to `.<name>.part` beside the
target, checked (both integrity checks), then renamed; it never replaces a file. A bundle
is not a vault: its `user_version` stays 0, so `Vault.open` refuses it before writing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from clinic.errors import Refused, SchemaTooNew, VaultCorrupt, WrongPassphrase
from clinic.model import Case
from clinic.storage.backup import _part_path, _refuse_existing, _remove_partial
from clinic.storage.repositories import CaseRepository
from clinic.storage.vault import (
    DEFAULT_KEY,
    KeySettings,
    Vault,
    _apply_pragmas,
    _classify_file,
    _connect,
    _map_db_error,
    _verify,
    check_new_passphrase,
)

BUNDLE_FORMAT = 1
APPLICATION_ID = 0x54534342  # "TSCB": Tech Safety Clinic bundle
WHAT = "bundle"


def write_bundle(
    out: Path,
    case_json: str,
    passphrase: str,
    key: KeySettings = DEFAULT_KEY,
    *,
    practice: bool = False,
) -> None:
    """Write a new bundle holding `case_json` at `out` (0600); refuses an existing file.

    `practice` marks a case from a practice vault, which only a practice vault accepts.
    """
    out = Path(out)
    _refuse_existing(out, WHAT)
    value = check_new_passphrase(passphrase)
    part = _part_path(out)
    _remove_partial(part)
    old_umask = os.umask(0o077)
    try:
        conn = _connect(part, value, key, "rwc")
    finally:
        os.umask(old_umask)
    try:
        _apply_pragmas(conn, writable=True)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE bundle (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.executemany(
            "INSERT INTO bundle (key, value) VALUES (?, ?)",
            [
                ("format", str(BUNDLE_FORMAT)),
                ("vault_kind", "practice" if practice else "real"),
                ("case", case_json),
            ],
        )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
        _verify(conn, WHAT)
        conn.close()
        with part.open("rb") as fh:
            os.fsync(fh.fileno())
        _refuse_existing(out, WHAT)
        os.replace(part, out)
        os.chmod(out, 0o600)
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        _remove_partial(part)
        raise _map_db_error(exc) from None
    except BaseException:
        conn.close()
        _remove_partial(part)
        raise


@dataclass(frozen=True)
class BundleContents:
    case_json: bytes
    practice: bool


def read_bundle(path: Path, passphrase: str, key: KeySettings = DEFAULT_KEY) -> BundleContents:
    """The case JSON inside a bundle, after both integrity checks; the file is not written.

    Raises WrongPassphrase (3), VaultCorrupt (4: truncated, empty, not a database, not a
    bundle), VaultTampered (7: a page failed its check).
    """
    path = Path(path)
    _classify_file(path, WHAT)
    try:
        conn = _connect(path, passphrase, key, "ro")
    except WrongPassphrase:
        raise WrongPassphrase("wrong_bundle_passphrase") from None
    try:
        _verify(conn, WHAT)
        return _case_json(conn)
    except sqlcipher3.DatabaseError as exc:
        mapped = _map_db_error(exc)
        raise mapped from None
    finally:
        conn.close()


def _case_json(conn: Any) -> BundleContents:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    if app_id != APPLICATION_ID or "bundle" not in tables:
        raise VaultCorrupt("not_a_bundle")
    rows = dict(conn.execute("SELECT key, value FROM bundle").fetchall())
    if rows.get("format") != str(BUNDLE_FORMAT):
        raise SchemaTooNew("bundle_too_new")
    data = rows.get("case")
    if not isinstance(data, str):
        raise VaultCorrupt("not_a_bundle")
    return BundleContents(data.encode("utf-8"), rows.get("vault_kind") == "practice")


def store_received(vault: Vault, case: Case, *, replace: bool, on: str) -> bool:
    """Store a received case and mark it received, in one transaction; True if it replaced one.

    Refuses (`case_exists`) an id already in the vault unless `replace`.
    """
    with vault.transaction() as conn:
        exists = conn.execute("SELECT 1 FROM cases WHERE id = ?", (case.id,)).fetchone()
        if exists and not replace:
            raise Refused("case_exists")
        if exists:
            conn.execute("DELETE FROM entities WHERE case_id = ?", (case.id,))
        CaseRepository(vault)._write_all(conn, case)
        _mark_received(conn, case.id, on)
    return bool(exists)


def _mark_received(conn: Any, case_id: str, on: str) -> None:
    conn.execute(
        "INSERT INTO received_cases (case_id, received_on) VALUES (?, ?)"
        " ON CONFLICT (case_id) DO UPDATE SET received_on = excluded.received_on",
        (case_id, on),
    )


def received_case_ids(conn: Any) -> set[str]:
    """Cases this vault received from another laptop (they count where they were opened)."""
    return {str(r[0]) for r in conn.execute("SELECT case_id FROM received_cases")}
