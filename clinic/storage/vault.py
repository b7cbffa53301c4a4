"""The encrypted vault file: create, open, close, rekey, integrity check.

This package is the only code that touches sqlcipher3. The key is the passphrase itself
through SQLCipher 4's standard defaults (PBKDF2-HMAC-SHA512, 256,000 iterations,
HMAC-SHA512, 4096-byte pages); only tests pass a lower `kdf_iter`. A failed open never
modifies the file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

from clinic.errors import (
    DiskFull,
    JournalDamaged,
    PassphraseRejected,
    SchemaTooNew,
    VaultCorrupt,
    VaultTampered,
    VaultUnreadable,
    WrongPassphrase,
)
from clinic.storage import schema

if TYPE_CHECKING:
    from clinic.storage.gate import IntegrityGate

PAGE_SIZE = 4096
DEFAULT_KDF_ITER = 256_000
PASSPHRASE_MIN = 10
PASSPHRASE_MAX = 1024
_PLAIN_SQLITE = b"SQLite format 3\x00"


@dataclass(frozen=True)
class KeySettings:
    """Key derivation settings. Production uses the defaults; tests lower kdf_iter."""

    kdf_iter: int = DEFAULT_KDF_ITER


DEFAULT_KEY = KeySettings()


def normalise_passphrase(passphrase: str) -> str:
    """NFC, so a passphrase typed with combining marks opens the same vault."""
    return unicodedata.normalize("NFC", passphrase)


# Characters a person cannot see (or type again as such): combining marks, which join the
# character before them, format characters (zero-width space and joiners, direction marks),
# controls, line and paragraph separators, unassigned and surrogate code points.
_UNSEEN = frozenset({"Mn", "Mc", "Me", "Cf", "Cc", "Cs", "Cn", "Zl", "Zp"})


def visible_length(passphrase: str) -> int:
    """How many characters a person sees (and can type again): unseen ones count zero.

    Spaces count when something visible stands beside them; a passphrase of spaces alone
    counts zero.
    """
    seen = [c for c in passphrase if unicodedata.category(c) not in _UNSEEN]
    if not any(not c.isspace() for c in seen):
        return 0
    return len(seen)


def check_new_passphrase(passphrase: str) -> str:
    """Apply the rules for a new passphrase; returns it normalised or raises PassphraseRejected."""
    value = normalise_passphrase(passphrase)
    if "\x00" in value:
        raise PassphraseRejected("passphrase_nul")
    if not value.strip():
        raise PassphraseRejected("passphrase_empty")
    seen = visible_length(value)
    if seen == 0:
        raise PassphraseRejected("passphrase_invisible")
    if seen < PASSPHRASE_MIN:
        raise PassphraseRejected("passphrase_too_short", min=PASSPHRASE_MIN)
    if len(value) > PASSPHRASE_MAX:
        raise PassphraseRejected("passphrase_too_long", max=PASSPHRASE_MAX)
    return value


def _key_literal(passphrase: str) -> str:
    value = normalise_passphrase(passphrase)
    if not value or "\x00" in value:
        raise WrongPassphrase()
    return "'" + value.replace("'", "''") + "'"


def _classify_file(path: Path, what: str = "vault") -> None:
    """Refuse files that cannot be a vault (or a backup: `what`) before any key is tried."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise VaultUnreadable("file_missing", what=what) from None
    except OSError:
        raise VaultUnreadable("file_unreadable", what=what) from None
    if size == 0:
        raise VaultCorrupt("file_empty", what=what)
    if head == _PLAIN_SQLITE:
        raise VaultCorrupt("file_plain_sqlite", what=what)
    if size % PAGE_SIZE:
        raise VaultCorrupt("file_truncated", what=what)


def _map_db_error(exc: Exception) -> Exception:
    text = str(exc).lower()
    if "not a database" in text:
        return WrongPassphrase()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull()
    if "disk i/o error" in text:  # e.g. EFBIG past a file-size limit, a failing USB stick
        return DiskFull("disk_write_failed")
    if "malformed" in text or "corrupt" in text:
        return VaultCorrupt()
    if "readonly" in text or "read-only" in text:
        return VaultUnreadable("vault_read_only")
    if "unable to open" in text:
        return VaultUnreadable()
    if "locked" in text or "busy" in text:
        return VaultUnreadable("vault_busy")
    return VaultCorrupt("vault_not_read")


def _connect(path: Path, passphrase: str, key: KeySettings, mode: str) -> Any:
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlcipher3.DatabaseError as exc:
        raise _map_db_error(exc) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_key_literal(passphrase)}")
        if key.kdf_iter != DEFAULT_KDF_ITER:
            conn.execute(f"PRAGMA kdf_iter = {int(key.kdf_iter)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except WrongPassphrase:
        conn.close()
        raise
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise _map_db_error(exc) from None
    return conn


def _apply_pragmas(conn: Any, *, writable: bool) -> None:
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    if not str(version).startswith("4."):
        raise VaultUnreadable("sqlcipher_version")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    if writable:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    expected = {"foreign_keys": 1, "secure_delete": 1, "temp_store": 2, "synchronous": 2}
    for name, want in expected.items():
        got = conn.execute(f"PRAGMA {name}").fetchone()[0]
        if int(got) != want:
            raise VaultUnreadable("vault_setting_failed", setting=name)
    if writable:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "delete":
            raise VaultUnreadable("journal_mode_failed")


class Vault:
    """An open vault: one connection, used from one thread at a time."""

    def __init__(self, path: Path, conn: Any, key: KeySettings) -> None:
        self.path = path
        self._conn = conn
        self.key = key
        self._on_close: list[Callable[[], None]] = []
        self._gate: IntegrityGate | None = None

    # -- lifecycle -------------------------------------------------------------------
    @classmethod
    def create(
        cls, path: str | os.PathLike[str], passphrase: str, key: KeySettings = DEFAULT_KEY
    ) -> Vault:
        """Create a new vault file (0600 in a 0700 folder if the folder is new)."""
        target = Path(path)
        value = check_new_passphrase(passphrase)
        if target.exists():
            raise VaultUnreadable("path_exists", what="vault")
        if not target.parent.exists():
            target.parent.mkdir(parents=True, mode=0o700)
        old_umask = os.umask(0o077)
        try:
            conn = _connect(target, value, key, "rwc")
        finally:
            os.umask(old_umask)
        try:
            _apply_pragmas(conn, writable=True)
            schema.migrate(conn)
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            raise _map_db_error(exc) from None
        os.chmod(target, 0o600)
        return cls(target, conn, key)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        key: KeySettings = DEFAULT_KEY,
        *,
        verify: bool = False,
    ) -> Vault:
        """Open with the passphrase; raises WrongPassphrase, VaultCorrupt or SchemaTooNew.

        With `verify`, both integrity checks run before anything is written (VaultTampered).
        """
        target = Path(path)
        _classify_file(target)
        if _hot_journal(target) or _aside_dir(target).exists():
            conn = _recover_after_crash(target, passphrase, key)
        else:
            conn = _connect(target, passphrase, key, "rw")
        try:
            if verify:
                _verify(conn)
            _apply_pragmas(conn, writable=True)
            found = schema.read_version(conn)
            if found > schema.CURRENT_VERSION:
                raise SchemaTooNew()
            if found < 1:
                raise VaultCorrupt("not_a_vault")
            if not verify and found < schema.CURRENT_VERSION:
                _verify(conn)  # never migrate (write) a vault that was not checked
            schema.migrate(conn, before=_backup_first(conn, target, passphrase, key))
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            raise _map_db_error(exc) from None
        except Exception:
            conn.close()
            raise
        return cls(target, conn, key)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            callbacks, self._on_close = self._on_close, []
            for callback in callbacks:
                callback()

    def call_on_close(self, callback: Callable[[], None]) -> None:
        """Run `callback` once, right after the connection closes (e.g. release a lock)."""
        self._on_close.append(callback)

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- access ----------------------------------------------------------------------
    @property
    def conn(self) -> Any:
        if self._conn is None:
            raise VaultUnreadable("vault_is_locked")
        return self._conn

    def hold_until_verified(self, gate: IntegrityGate) -> None:
        """Hold every write (and every case load) until `gate`'s background check passed."""
        self._gate = gate

    def wait_verified(self) -> None:
        """Block until a background integrity check passed; VaultTampered if it failed."""
        if self._gate is not None:
            self._gate.wait()

    def start_verifying(self) -> None:
        """Start a background check made with `start=False` (no-op otherwise)."""
        if self._gate is not None:
            self._gate.start()

    def watch_check(self, listener: Callable[[BaseException], None]) -> None:
        """Call `listener(error)` if the background check fails (at once if it has)."""
        if self._gate is not None:
            self._gate.on_failure(listener)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction; committed (and synced) on success, rolled back on error.

        Waits first for a background integrity check (`hold_until_verified`), if any.
        """
        self.wait_verified()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlcipher3.DatabaseError as exc:
            raise _map_db_error(exc) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlcipher3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _map_db_error(exc) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def rekey(self, new_passphrase: str) -> None:
        """Change the passphrase in place (atomic: the journal keeps the old key)."""
        value = check_new_passphrase(new_passphrase)
        try:
            self.conn.execute(f"PRAGMA rekey = {_key_literal(value)}")
        except sqlcipher3.DatabaseError as exc:
            raise _map_db_error(exc) from None


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _aside_dir(path: Path) -> Path:
    """Where the untouched vault and journal wait while a crashed save is undone."""
    return path.with_name(path.name + ".before-recovery")


def _hot_journal(path: Path) -> bool:
    try:
        return _journal(path).stat().st_size > 0
    except FileNotFoundError:
        return False


_ASIDE_DONE = "complete"


def _copy_private(source: Path, target: Path) -> None:
    """Copy bytes to a new 0600 file, synced, then renamed into place (all or nothing)."""
    part = target.with_name(target.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        while block := src.read(1 << 20):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, target)


def _put_back(target: Path, aside: Path) -> None:
    """Move the kept vault and journal back over whatever the rollback left, then forget them."""
    kept_journal = aside / "journal"
    if kept_journal.exists():
        os.replace(kept_journal, _journal(target))
    kept_vault = aside / "vault"
    if kept_vault.exists():
        os.replace(kept_vault, target)
    _forget_aside(aside)


def _forget_aside(aside: Path) -> None:
    for child in aside.iterdir():
        child.unlink()
    aside.rmdir()


def _recover_after_crash(target: Path, passphrase: str, key: KeySettings) -> Any:
    """Undo a save a crash left unfinished (a hot `-journal`) only if the result checks out.

    SQLite rolls a hot journal back on the first read. A damaged journal would be rolled
    back silently into a damaged vault, so first the vault and its journal (both encrypted
    pages) are copied aside (0600, in a 0700 folder beside the vault); then the rollback
    runs and both integrity checks (and the full integrity_check) run. If anything fails,
    both files are put back byte for byte and JournalDamaged asks for a backup. A copy left
    aside by a crash during this recovery is put back first.
    """
    aside = _aside_dir(target)
    if aside.exists():
        if (aside / _ASIDE_DONE).exists():
            _put_back(target, aside)  # an earlier recovery stopped half-way: start again
        else:
            _forget_aside(aside)  # stopped while copying: the originals were not touched
    if not _hot_journal(target):
        return _connect(target, passphrase, key, "rw")
    old_umask = os.umask(0o077)
    try:
        aside.mkdir(mode=0o700)
        _copy_private(_journal(target), aside / "journal")
        _copy_private(target, aside / "vault")
        (aside / _ASIDE_DONE).touch(mode=0o600)
    except OSError:
        if aside.exists():
            _forget_aside(aside)
        raise VaultUnreadable("journal_no_room") from None
    finally:
        os.umask(old_umask)
    # The passphrase, tried on the kept copy (no journal beside it: no rollback). A killed
    # passphrase change leaves page 1 under the new key while the journal holds it under
    # the old one: then only the rollback can tell, so a "wrong" answer here is not final.
    copy_refused = False
    try:
        _connect(aside / "vault", passphrase, key, "ro").close()
    except WrongPassphrase:
        copy_refused = True
    except VaultCorrupt:
        pass  # page 1 decrypted (right key) but the half-saved copy is inconsistent: expected
    except BaseException:
        _forget_aside(aside)
        raise
    try:
        conn = _connect(target, passphrase, key, "rw")  # the first read rolls back
    except BaseException as exc:
        _put_back(target, aside)  # both files exactly as they were
        if copy_refused and isinstance(exc, (WrongPassphrase, VaultCorrupt)):
            raise WrongPassphrase() from None
        if isinstance(exc, WrongPassphrase) or type(exc) is VaultCorrupt:
            raise JournalDamaged() from None  # the right passphrase: the rollback broke it
        raise
    try:
        _verify(conn)
        full = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if full != ["ok"]:
            raise VaultTampered()
    except (VaultTampered, sqlcipher3.DatabaseError):
        conn.close()
        _put_back(target, aside)
        raise JournalDamaged() from None
    except BaseException:
        conn.close()
        _put_back(target, aside)
        raise
    _forget_aside(aside)
    return conn


def _backup_first(
    conn: Any, target: Path, passphrase: str, key: KeySettings
) -> Callable[[int], None]:
    """The hook `schema.migrate` runs before migrating an older vault: back it up first.

    No backup, no migration: if it cannot be written (a full disk, a read-only folder) the
    vault stays as it was and the open fails with `migration_backup_failed` (exit 4).
    """

    def run(old_version: int) -> None:
        from clinic.storage.backup import migration_backup

        try:
            migration_backup(conn, target, passphrase, key, old_version)
        except (VaultTampered, WrongPassphrase):
            raise
        except (VaultCorrupt, DiskFull, OSError):
            raise VaultUnreadable("migration_backup_failed") from None

    return run


def _verify(conn: Any, what: str = "vault") -> None:
    """cipher_integrity_check (every page's HMAC) then quick_check; raises VaultTampered."""
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        if problems:
            pages = sorted({int(n) for p in problems for n in re.findall(r"page (\d+)", p)})
            listed = ", ".join(map(str, pages[:10])) or "?"
            raise VaultTampered("integrity_failed", what=what, count=len(problems), pages=listed)
        quick = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlcipher3.DatabaseError:
        raise VaultTampered("altered", what=what) from None
    if quick != ["ok"]:
        raise VaultTampered("structure_failed", what=what)


def check_integrity(
    path: str | os.PathLike[str], passphrase: str, key: KeySettings = DEFAULT_KEY
) -> None:
    """Open read-only, run quick_check and cipher_integrity_check; write nothing.

    Raises WrongPassphrase, VaultCorrupt, or VaultTampered when a page fails its check.
    """
    target = Path(path)
    _classify_file(target)
    try:
        conn = _connect(target, passphrase, key, "ro")
    except VaultUnreadable:
        journal = target.with_name(target.name + "-journal")
        if journal.exists() and journal.stat().st_size > 0:
            raise VaultUnreadable("journal_left") from None
        raise
    try:
        _verify(conn)
        if schema.read_version(conn) > schema.CURRENT_VERSION:
            raise SchemaTooNew()
    except sqlcipher3.DatabaseError as exc:
        mapped = _map_db_error(exc)
        if isinstance(mapped, VaultCorrupt) and not isinstance(mapped, VaultUnreadable):
            raise VaultTampered("altered", what="vault") from None
        raise mapped from None
    finally:
        conn.close()
