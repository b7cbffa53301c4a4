"""The headless `clinic` commands. Never imports Qt or ui/.

Contract (docs/cli.md): errors are one line on stderr, no traceback; exit codes 0 ok,
2 usage, 3 wrong passphrase, 4 corrupt or unreadable vault, 5 invalid input file,
6 refused, 7 vault tampered. One module per area in this package registers its
subcommands (`register(sub)`); handlers import what they need lazily so `clinic case list`
stays light. Commands call `clinic.services`; nothing below this package imports it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from clinic import __version__
from clinic.cli import (
    bundle,
    case,
    demo,
    editing,
    lifecycle,
    phonecheck,
    protocols,
    report,
    routes,
    stats,
    training,
    vault,
)
from clinic.errors import ClinicError

Handler = Callable[[argparse.Namespace], int]

# The command areas, in registration order (lifecycle adds to the vault and case groups).
# Each has a `register(subparsers)` function; tests/clinic/test_cli_table.py checks that
# every module of this package is listed here.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    vault,
    case,
    demo,
    lifecycle,
    protocols,
    report,
    routes,
    phonecheck,
    bundle,
    stats,
    editing,
    training,
)


# argparse's "invalid int value: <value>" and "invalid choice: <value> (choose from ...)".
_ECHOED_VALUE = re.compile(r"(invalid \S+ value): .*\Z", re.DOTALL)
_ECHOED_CHOICE = re.compile(r"(invalid choice): .*(?= \(choose from )", re.DOTALL)


class _Parser(argparse.ArgumentParser):
    """Usage errors are one line that never repeats what was typed (it may be a passphrase).

    Abbreviations are off (`--passphrase` is not `--passphrase-stdin`), and unrecognised
    arguments are counted, never shown.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            n = len(extras)
            self.error(f"{n} unrecognised argument{'' if n == 1 else 's'} (not shown)")
        return parsed

    def error(self, message: str) -> None:  # type: ignore[override]
        shown = _ECHOED_CHOICE.sub(r"\1", _ECHOED_VALUE.sub(r"\1", message))
        shown = "".join(c if c.isprintable() else " " for c in shown)
        self.exit(2, f"clinic: usage error: {shown}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="clinic", description="Tech Safety Clinic (headless commands)")
    parser.add_argument("--version", action="version", version=f"clinic {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from clinic.error_catalogue import render
    from clinic.i18n import cli_language, set_language

    set_language(cli_language())  # errors are rendered in this language (docs/cli.md)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_usage(sys.stderr)
        return 2
    try:
        return handler(args)
    except ClinicError as exc:
        print(f"clinic: {render(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"clinic: {render(ClinicError('interrupted'))}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, no traceback, no case data
        internal = ClinicError("internal", kind=type(exc).__name__)
        print(f"clinic: {render(internal)}", file=sys.stderr)
        return 1
