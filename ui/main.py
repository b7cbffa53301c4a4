"""The `clinic` entry point: no arguments starts the GUI, a subcommand runs the headless CLI.

The CLI path imports nothing from Qt or the rest of ui/.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        from clinic.cli import main as cli_main

        return cli_main(args)
    from ui.app import run

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
