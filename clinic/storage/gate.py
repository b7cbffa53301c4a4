"""The GUI's integrity check on a second connection (issue 15 #1).

The unlocking connection derives the key and the case list is shown at once; meanwhile a
second, read-only connection runs both checks (`cipher_integrity_check`, `quick_check`) on
another thread. Until the check has passed, `Vault.transaction()` (every write) and
`CaseRepository.load()` (every open of a case) wait on the gate; if it fails they raise
VaultTampered and the listeners (the GUI session, which locks) are told. A vault that
needs a schema migration is checked before it is migrated, never in the background.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from clinic.errors import ClinicError, VaultTampered
from clinic.storage.vault import KeySettings, _verify, normalise_passphrase

Listener = Callable[[BaseException], None]


class IntegrityGate:
    """Open until the background check finishes; `wait()` raises if it failed."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._error: ClinicError | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self.runner: threading.Thread | None = None

    def start(self) -> None:
        """Start the check (once)."""
        with self._lock:
            runner, self.runner = self.runner, None
        if runner is not None:
            runner.start()

    @property
    def settled(self) -> bool:
        return self._done.is_set()

    @property
    def passed(self) -> bool:
        return self._done.is_set() and self._error is None

    def wait(self) -> None:
        """Block until the check finished; VaultTampered when it failed.

        Starts the check if nobody has yet (a write never waits on a check not running).
        """
        self.start()
        self._done.wait()
        error = self._error
        if isinstance(error, VaultTampered):
            raise error
        if error is not None:
            raise VaultTampered("altered", what="vault") from error

    def on_failure(self, listener: Listener) -> None:
        """Call `listener(error)` once if the check fails (at once if it already has)."""
        with self._lock:
            if not self._done.is_set():
                self._listeners.append(listener)
                return
            error = self._error
        if error is not None:
            listener(error)

    def finish(self, error: ClinicError | None) -> None:
        with self._lock:
            self._error = error
            self._done.set()
            listeners, self._listeners = self._listeners, []
        if error is not None:
            for listener in listeners:
                listener(error)


class KeyDerivation:
    """The vault's key, derived once more in a thread while SQLCipher derives it for the
    unlocking connection (PBKDF2-HMAC-SHA512 over the salt at the start of the file, as
    SQLCipher 4 does), so the second connection opens with the raw key and costs no
    second derivation after the list is drawn."""

    def __init__(self, path: Path, passphrase: str, key: KeySettings) -> None:
        self._raw: bytes | None = None
        self._error: BaseException | None = None
        secret = normalise_passphrase(passphrase).encode("utf-8")

        def derive() -> None:
            try:
                with Path(path).open("rb") as fh:
                    salt = fh.read(16)
                derived = hashlib.pbkdf2_hmac("sha512", secret, salt, key.kdf_iter, 32)
                self._raw = derived + salt
            except BaseException as exc:  # reported by `raw()`
                self._error = exc

        self._thread = threading.Thread(target=derive, name="vault-key-derivation", daemon=True)
        self._thread.start()

    def raw(self) -> bytes:
        self._thread.join()
        if self._raw is None:
            raise VaultTampered() from self._error
        return self._raw


def _connect_raw(path: Path, raw: bytes) -> Any:
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{raw.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def start_check(path: Path, derivation: KeyDerivation, *, start: bool = True) -> IntegrityGate:
    """Run both integrity checks on a second, read-only connection in a daemon thread.

    `start=False`: the caller calls `gate.start()` (the GUI does, right after it has drawn
    the case list, so the check does not compete with the first paint).
    """
    gate = IntegrityGate()

    def run() -> None:
        try:
            conn = _connect_raw(Path(path), derivation.raw())
            try:
                _verify(conn)
            finally:
                conn.close()
        except VaultTampered as exc:
            gate.finish(exc)
        except BaseException:  # any failure holds every write: never a silent pass
            gate.finish(VaultTampered())
        else:
            gate.finish(None)

    gate.runner = threading.Thread(target=run, name="vault-integrity-check", daemon=True)
    if start:
        gate.start()
    return gate
