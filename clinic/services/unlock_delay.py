"""Failed-unlock delay: a growing wait after repeated wrong passphrases, capped at 30 s.

The count lives in a small non-secret JSON file beside the vault (`<vault>.unlock-delay`),
so it survives a restart. It never wipes anything. It only slows someone using this app:
a copied vault file can be attacked offline, so the passphrase and the KDF are the defence.
Call `seconds_left()` (or `check()`) before an attempt, then `failed()` or `succeeded()`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from clinic.errors import UnlockDelayed

DELAY_SUFFIX = ".unlock-delay"
MAX_DELAY = 30.0
FREE_ATTEMPTS = 2

Clock = Callable[[], float]


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

    def _read(self) -> tuple[int, float]:
        """(failures, time of the last failure); a missing or invalid file counts as none."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures, last = int(data["failures"]), float(data["last_failure"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0
        return max(failures, 0), last

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
        record = {"failures": failures, "last_failure": self.clock()}
        write_private(self.path, json.dumps(record).encode("utf-8"))
        return delay_after(failures)

    def succeeded(self) -> None:
        """The right passphrase: forget earlier failures."""
        self.path.unlink(missing_ok=True)
