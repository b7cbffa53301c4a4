"""Failed-unlock delay: a growing wait after repeated wrong passphrases, capped at 30 s.

The count lives in a small non-secret JSON file beside the vault (`<vault>.unlock-delay`),
so it survives a restart (in the user's data folder when the file's own folder is read-only).
It never wipes anything. It only slows someone using this app:
a copied vault file can be attacked offline, so the passphrase and the KDF are the defence.
Call `seconds_left()` (or `check()`) before an attempt, then `failed()` or `succeeded()`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from clinic.errors import UnlockDelayed, WrongPassphrase

DELAY_SUFFIX = ".unlock-delay"
MAX_DELAY = 30.0
FREE_ATTEMPTS = 2

Clock = Callable[[], float]
T = TypeVar("T")


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 2, 8, 30, 30..."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, float(2 ** (2 * failures - 5)))


def delay_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + DELAY_SUFFIX)


class UnlockDelay:
    """The failed-unlock state of one vault file."""

    def __init__(self, vault_path: Path, clock: Clock = time.time) -> None:
        self.path = delay_path(Path(vault_path))
        self.clock = clock
        self._vault_path = Path(vault_path)

    def _fallback(self) -> Path:
        """Where the count goes when the file's own folder is read-only (a backup on a
        locked USB stick): the user's data folder, named by a hash of the file's path."""
        import platformdirs

        from clinic.paths import APP_NAME

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))  # not created
        name = hashlib.sha256(str(self._vault_path.resolve()).encode()).hexdigest()[:32]
        return folder / "unlock-delay" / f"{name}.json"

    def _read_one(self, path: Path) -> tuple[int, float]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            failures, last = int(data["failures"]), float(data["last_failure"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0
        return max(failures, 0), last

    def _read(self) -> tuple[int, float]:
        """(failures, time of the last failure); a missing or invalid file counts as none."""
        own = self._read_one(self.path)
        fallback = self._fallback()
        return max(own, self._read_one(fallback)) if fallback.exists() else own

    @property
    def failures(self) -> int:
        return self._read()[0]

    def seconds_left(self) -> float:
        """How long to wait before the next attempt (0 when one may be made now)."""
        failures, last = self._read()
        wait = delay_after(failures)
        if wait <= 0:
            return 0.0
        elapsed = self.clock() - last
        if elapsed < 0:  # the clock went back: wait the whole delay, never longer
            return wait
        return max(0.0, wait - elapsed)

    def check(self) -> None:
        """Raise UnlockDelayed while a delay is pending."""
        left = self.seconds_left()
        if left > 0:
            raise UnlockDelayed(left)

    def failed(self) -> float:
        """Record a wrong passphrase; returns the delay before the next attempt."""
        from clinic.paths import write_private

        failures = self._read()[0] + 1
        record = json.dumps({"failures": failures, "last_failure": self.clock()}).encode()
        try:
            write_private(self.path, record)
        except OSError:
            fallback = self._fallback()
            fallback.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_private(fallback, record)
        return delay_after(failures)

    def succeeded(self) -> None:
        """The right passphrase: forget earlier failures."""
        for path in (self.path, self._fallback()):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def attempt(file_path: Path, try_passphrase: Callable[[], T], clock: Clock = time.time) -> T:
    """One passphrase attempt on `file_path` (a vault, a backup) under its delay.

    Refused (UnlockDelayed) while a delay runs; WrongPassphrase is counted; success clears
    the count. Every passphrase a command or the GUI checks goes through here or through
    `lifecycle.open_for_writing`.
    """
    delay = UnlockDelay(Path(file_path), clock)
    delay.check()
    try:
        result = try_passphrase()
    except WrongPassphrase:
        delay.failed()
        raise
    delay.succeeded()
    return result
