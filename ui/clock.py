"""Time for the GUI: today's date and a monotonic clock, injectable for tests."""

from __future__ import annotations

import datetime as dt
import time


class Clock:
    """The real clock. Tests pass a subclass that they move by hand."""

    def today(self) -> dt.date:
        return dt.date.today()

    def monotonic(self) -> float:
        return time.monotonic()


class ManualClock(Clock):
    """A clock that only moves when told to (tests and screenshots)."""

    def __init__(self, today: dt.date, start: float = 1000.0) -> None:
        self._today = today
        self._now = start

    def today(self) -> dt.date:
        return self._today

    def monotonic(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds
