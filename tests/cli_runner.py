"""Tests only: run `clinic` with a fast key (`python -m tests.cli_runner ARGS...`).

The installed command has no way to lower the key-derivation cost (issue 15, #7). This
runner, which is not installed, sets the in-process seam `clinic.cli.support.TEST_KEY`
before calling the real `clinic.cli.main`, so subprocess tests stay fast.
"""

from __future__ import annotations

import sys

FAST_KDF_ITER = 4000


def main() -> int:
    from clinic.cli import main as cli_main
    from clinic.cli import support
    from clinic.storage import KeySettings

    support.TEST_KEY = KeySettings(kdf_iter=FAST_KDF_ITER)
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
