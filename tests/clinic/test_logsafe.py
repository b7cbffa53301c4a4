"""Logging stays in memory and never carries case data (reliability plan T30, issue 8 item 8)."""

from __future__ import annotations

import ast
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from clinic.errors import NotFound
from clinic.logsafe import REDACTED, RingBufferHandler, install, strip_controls
from clinic.model import Case
from clinic.model.vocab import CaseStatus
from clinic.services import lifecycle
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import PASSPHRASE
from tests.factories import with_marker_everywhere

ROOT = Path(__file__).resolve().parents[2]
MARKER = "ZQXLOGCANARY"
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


@pytest.fixture
def ring() -> Iterator[RingBufferHandler]:
    handler = install(RingBufferHandler(capacity=50))
    yield handler
    for name in ("clinic", "ui"):
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).propagate = True


def test_string_arguments_and_exception_text_are_redacted(ring: RingBufferHandler) -> None:
    log = logging.getLogger("clinic.storage.test")
    log.info("saved case %s with %d records (%s)", MARKER, 12, CaseStatus.OPEN)
    log.warning("flags %(a)s %(b)s", {"a": MARKER, "b": True})
    try:
        raise NotFound(f"no case {MARKER}")
    except NotFound:
        log.exception("load failed")
    log.info(ValueError(MARKER))  # a non-string message is reduced to its type
    messages = [line.message for line in ring.lines()]
    assert messages == [
        f"saved case {REDACTED} with 12 records (CaseStatus.OPEN)",
        f"flags {REDACTED} True",
        "load failed (NotFound, code not_found)",
        "<ValueError>",
    ]
    assert all(MARKER not in m for m in messages)


def test_ring_is_bounded_strips_controls_and_keeps_nothing_on_disk(
    ring: RingBufferHandler, tmp_path: Path
) -> None:
    log = logging.getLogger("ui.session")
    for n in range(120):
        log.info("tick %d\x1b[31m\u202e", n)
    lines = ring.lines()
    assert len(lines) == 50
    assert lines[-1].message == "tick 119"
    assert strip_controls("a\x00b\x07c\td\ne\x9f") == "abc\td\ne"
    assert not any(isinstance(h, logging.FileHandler) for h in logging.getLogger("clinic").handlers)
    ring.clear()
    assert ring.lines() == []


def test_a_workflow_with_case_data_logs_none_of_it(
    ring: RingBufferHandler,
    vault_path: Path,
    fast_key: KeySettings,
    demo_case: Case,
    tmp_path: Path,
) -> None:
    """Every record any logger emits during a workflow is captured at DEBUG and scanned."""
    seen: list[logging.LogRecord] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    capture = Capture(level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(capture)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    logging.getLogger("clinic").addHandler(capture)
    try:
        case, _ = with_marker_everywhere(demo_case, MARKER)
        with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
            repo = CaseRepository(vault)
            repo.add(case)
            assert repo.load(case.id) == case
            lifecycle.backup(vault, tmp_path / "b.backup", "backup passphrase!", "AB")
            lifecycle.delete_case(vault, case.id, "AB")
            with pytest.raises(NotFound):
                lifecycle.delete_case(vault, case.id, "AB")
        logging.getLogger("clinic.test").info("after %s", MARKER)  # the capture works
    finally:
        root.removeHandler(capture)
        root.setLevel(old_level)
        logging.getLogger("clinic").removeHandler(capture)
    assert seen, "the capture saw nothing at all"
    for record in seen:
        if record.name == "clinic.test":
            continue
        text = record.getMessage() + repr(record.args) + str(record.exc_info)
        assert MARKER not in text
    assert all(MARKER not in line.message for line in ring.lines())


def _format_in_first_arg(node: ast.Call) -> bool:
    if not node.args:
        return False
    first = node.args[0]
    if isinstance(first, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(first, ast.Call)
        and isinstance(first.func, ast.Attribute)
        and first.func.attr == "format"
    )


def test_no_log_call_formats_its_own_message() -> None:
    """Static rule: log messages are fixed strings; values go in as arguments (redactable)."""
    bad = []
    for folder in ("clinic", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in LOG_METHODS
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in {"log", "logger", "_log", "LOG", "logging"}
                    and _format_in_first_arg(node)
                ):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []
