"""The `clinic` entry point: no arguments starts the GUI, a subcommand runs the headless CLI.

The CLI path imports nothing from Qt or the rest of ui/. Before Qt loads, the GUI path
checks for a display and for the system libraries Qt's X11 plugin needs
(ui.display_check): a gap is one line naming the packages to install, exit 2, never Qt's
abort.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        from clinic.cli import main as cli_main

        return cli_main(args)
    from ui.display_check import problem

    reason = problem()
    if reason is not None:
        print(f"clinic: {reason}", file=sys.stderr)
        return 2
    try:
        from ui.app import run
    except ImportError as exc:  # a library Qt's GUI module links is missing
        lib = str(exc).split(":")[0]
        lib = lib if lib.startswith("lib") and ".so" in lib and lib.isprintable() else "Qt"
        print(
            f"clinic: the window cannot open: {lib} is missing. Install the packages the"
            " README lists for the window (Debian or Ubuntu).",
            file=sys.stderr,
        )
        return 2

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
