"""The CLI's command table is explicit: every area module is registered, none by a string."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import clinic.cli
from clinic.cli import COMMAND_MODULES, build_parser

NOT_COMMANDS = {"support", "__main__"}


def test_every_module_of_the_cli_package_is_in_the_table() -> None:
    folder = Path(clinic.cli.__file__).parent
    found = {m.name for m in pkgutil.iter_modules([str(folder)])} - NOT_COMMANDS
    listed = {m.__name__.rsplit(".", 1)[1] for m in COMMAND_MODULES}
    assert found == listed
    assert all(callable(getattr(m, "register", None)) for m in COMMAND_MODULES)


def test_every_command_is_registered_once_and_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    names = set(sub.choices)  # type: ignore[attr-defined]
    # the long-standing commands are all still there
    assert {"vault", "case", "demo", "protocols", "report", "referrals", "routes"} <= names
    assert {"indicators", "phone-check"} <= names
    docs = (Path(clinic.cli.__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in names:
        assert f"clinic {name}" in docs, name
