"""Entry script of the frozen build: the same `clinic` command as the installed one."""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # the bundle folder stays exactly as shipped

from ui.main import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
