"""Safe logging: an in-memory ring buffer (never a file) and a filter that keeps case data out.

Log calls take a fixed message with codes and counts only: `log.info("saved %d records", n)`.
`RedactingFilter` (on the ring's handler) enforces it: any argument that is not an int, a
float, a bool, an enum or None becomes `<redacted>`, an exception's text is replaced by its
type and its `code`, and control characters are stripped. `install()` attaches the ring to the
`clinic` and `ui` loggers and stops them propagating to the root logger (stderr).
"""

from __future__ import annotations

import collections
import enum
import logging
import re
import threading
from dataclasses import dataclass

RING_SIZE = 1000
REDACTED = "<redacted>"
LOGGER_NAMES = ("clinic", "ui")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, C0/C1 controls and bidi overrides (keeps tab, newline)."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def _safe_arg(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return (
            value.value if isinstance(value.value, int) else type(value).__name__ + "." + value.name
        )
    return REDACTED


class RedactingFilter(logging.Filter):
    """Drops every argument that could carry case data; never drops the record itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict):
            record.args = {k: _safe_arg(v) for k, v in args.items()}
        elif args:
            record.args = tuple(_safe_arg(a) for a in args)
        msg = record.msg
        record.msg = strip_controls(msg) if isinstance(msg, str) else f"<{type(msg).__name__}>"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            code = getattr(exc, "code", None)
            if code is not None:
                from clinic.error_catalogue import CATALOGUE

                # Only a catalogue code is a fixed word; anything else may hold case text.
                code = code if code in CATALOGUE else getattr(type(exc), "code", None)
                code = code if code in CATALOGUE else None
            suffix = f" ({type(exc).__name__}" + (f", code {code})" if code else ")")
            record.msg = f"{record.msg}{suffix}"
            record.exc_info = None  # a traceback's text and locals may hold case data
            record.exc_text = None
        record.stack_info = None
        return True


@dataclass(frozen=True, slots=True)
class LogLine:
    created: float
    level: str
    logger: str
    message: str


class RingBufferHandler(logging.Handler):
    """Keeps the last `capacity` formatted lines in memory, for the log window; no file."""

    def __init__(self, capacity: int = RING_SIZE) -> None:
        super().__init__(level=logging.INFO)
        self._lines: collections.deque[LogLine] = collections.deque(maxlen=capacity)
        self._guard = threading.Lock()
        self.addFilter(RedactingFilter())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = strip_controls(record.getMessage())
        except (TypeError, ValueError):
            message = strip_controls(str(record.msg)) + " (bad log arguments)"
        line = LogLine(record.created, record.levelname, record.name, message)
        with self._guard:
            self._lines.append(line)

    def lines(self) -> list[LogLine]:
        with self._guard:
            return list(self._lines)

    def clear(self) -> None:
        with self._guard:
            self._lines.clear()


def install(handler: RingBufferHandler | None = None) -> RingBufferHandler:
    """Attach a ring buffer to the app's loggers (idempotent); returns it."""
    ring = handler or RingBufferHandler()
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if ring not in logger.handlers:
            logger.addHandler(ring)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return ring
