"""One writer per vault: a lock file beside it (`<vault>.lock`) holding the owner's pid and host.

On POSIX the file is also held with `fcntl.flock`, which the kernel drops when the owner dies,
so a lock left by a crash is recovered at once. Without fcntl (Windows) the lock file alone
counts and a stale one must be deleted by hand (the message names it). A lock taken on another
computer (a shared folder) is never taken over. The file holds no case data.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import IO

from clinic.errors import VaultLocked, VaultUnreadable

LOCK_SUFFIX = ".lock"

if sys.platform == "win32":
    HAVE_FLOCK = False

    def _flock(fd: int) -> bool:
        return True

else:
    import fcntl

    HAVE_FLOCK = True

    def _flock(fd: int) -> bool:
        """Lock without waiting; False when another process holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def lock_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + LOCK_SUFFIX)


def _hostname() -> str:
    return platform.node()[:255]


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "posix":  # os.kill would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _in_use(pid: object) -> VaultLocked:
    if isinstance(pid, int):
        return VaultLocked("vault_in_use_process", pid=pid)
    return VaultLocked()


def _read_owner(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class VaultLock:
    """Held while a vault is open for writing; `release()` (idempotent) removes the file."""

    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self._handle: IO[str] | None = handle

    @classmethod
    def acquire(cls, vault_path: Path) -> VaultLock:
        """Take the lock or raise VaultLocked; recovers a stale lock left by a crash."""
        path = lock_path(Path(vault_path))
        for _ in range(5):
            lock = cls._try_once(path)
            if lock is not None:
                return lock
        raise VaultLocked()

    @classmethod
    def _try_once(cls, path: Path) -> VaultLock | None:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return cls._take_over(path)
        except PermissionError:
            raise VaultUnreadable("folder_read_only") from None
        except FileNotFoundError:
            raise VaultUnreadable("folder_missing", what="vault") from None
        return cls._own(path, fd)

    @classmethod
    def _take_over(cls, path: Path) -> VaultLock | None:
        """The file exists: recover it if its owner is gone, else refuse."""
        owner = _read_owner(path)
        host = owner.get("host")
        pid = owner.get("pid")
        if host not in (None, _hostname()):
            raise VaultLocked("vault_in_use_elsewhere")
        if HAVE_FLOCK:
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                return None  # released meanwhile: try again
            if not _flock(fd):
                os.close(fd)
                raise _in_use(pid)
            return cls._own(path, fd, locked=True)
        if isinstance(pid, int) and _pid_alive(pid):
            raise VaultLocked("vault_in_use_stale_process", pid=pid)
        path.unlink(missing_ok=True)  # stale: its owner is gone
        return None

    @classmethod
    def _own(cls, path: Path, fd: int, *, locked: bool = False) -> VaultLock | None:
        if not locked and not _flock(fd):
            os.close(fd)
            return None
        try:  # the file we hold must still be the one at `path` (not unlinked meanwhile)
            same = os.fstat(fd).st_ino == path.stat().st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            return None
        handle = os.fdopen(fd, "w", encoding="utf-8")
        handle.truncate(0)
        handle.write(json.dumps({"pid": os.getpid(), "host": _hostname()}))
        handle.flush()
        return cls(path, handle)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is None:
            return
        self.path.unlink(missing_ok=True)
        self._handle.close()  # closing drops the flock
        self._handle = None

    def __enter__(self) -> VaultLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
