"""The headless `clinic` commands. Never imports Qt or ui/.

Contract (docs/cli.md): errors are one line on stderr, no traceback; exit codes 0 ok,
2 usage, 3 wrong passphrase, 4 corrupt or unreadable vault, 5 invalid input file,
6 refused, 7 vault tampered. One module per area in this package registers its
subcommands (`register(sub)`); handlers import what they need lazily so `clinic case list`
stays light. Commands call `clinic.services`; nothing below this package imports it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from clinic import __version__
from clinic.cli import case, demo, lifecycle, phonecheck, protocols, report, routes, vault
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
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"clinic: usage error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="clinic", description="Tech Safety Clinic (headless commands)")
    parser.add_argument("--version", action="version", version=f"clinic {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_usage(sys.stderr)
        return 2
    try:
        return handler(args)
    except ClinicError as exc:
        print(f"clinic: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("clinic: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, no traceback, no case data
        print(f"clinic: internal error ({type(exc).__name__})", file=sys.stderr)
        return 1
