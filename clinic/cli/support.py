"""Shared plumbing for CLI commands: passphrases, opening vaults, writing output.

Passphrases come from the terminal (getpass) or, with --passphrase-stdin, one line each
from standard input, in order: the vault's passphrase first, then a new or backup one.
Never from argv or the environment.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic.errors import PassphraseRejected, Refused, UsageError

if TYPE_CHECKING:
    from clinic.storage import KeySettings, Vault


class Passphrases:
    """Reads passphrases from the terminal or from stdin, one line each."""

    def __init__(self, use_stdin: bool) -> None:
        self.use_stdin = use_stdin
        self.first: str | None = None  # the first passphrase read (the vault's own)

    @staticmethod
    def _ask(prompt: str) -> str:
        """getpass on a terminal; without one, exit 2 with one line (no Python warning)."""
        import warnings

        if not sys.stdin.isatty():
            raise UsageError("passphrase_no_terminal")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # getpass.GetPassWarning would print a warning
            return getpass.getpass(prompt)

    def _read_line(self) -> str:
        try:
            line = sys.stdin.readline()
            line.encode("utf-8")  # undecodable bytes come through as lone surrogates
        except (UnicodeDecodeError, UnicodeEncodeError):
            raise UsageError("stdin_not_utf8") from None
        if not line:
            raise UsageError("passphrase_stdin_missing")
        if line.endswith("\n"):
            line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
        return line

    def existing(self, prompt: str = "Vault passphrase: ") -> str:
        value = self._read_line() if self.use_stdin else self._ask(prompt)
        if self.first is None:
            self.first = value
        return value

    def new(self, prompt: str = "New passphrase: ") -> str:
        if self.use_stdin:
            return self._read_line()
        first = self._ask(prompt)
        second = self._ask("Repeat it: ")
        if first != second:
            raise PassphraseRejected("passphrases_differ")
        return first


def add_passphrase_args(parser: argparse.ArgumentParser) -> None:
    """The options every command that opens a vault takes (after its positionals)."""
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read passphrases from standard input, one line each",
    )


DEFAULT_INITIALS = "CLI"


def add_initials_arg(parser: argparse.ArgumentParser) -> None:
    """`--initials`: who did it, for the vault's audit log (commands that write an audit row)."""
    parser.add_argument(
        "--initials",
        default=DEFAULT_INITIALS,
        help=f"your initials for the vault's audit log (default {DEFAULT_INITIALS})",
    )


# The key settings of every vault a command opens or makes. No option, environment variable
# or file changes them: only Python code in the same process can (tests/conftest.py and the
# test-only runner tests/cli_runner.py set a fast key here). The installed `clinic` command
# always uses SQLCipher 4's defaults (issue 15, #7).
TEST_KEY: KeySettings | None = None


def key_settings(args: argparse.Namespace | None = None) -> KeySettings:
    from clinic.storage import DEFAULT_KEY

    return TEST_KEY if TEST_KEY is not None else DEFAULT_KEY


def passphrases(args: argparse.Namespace) -> Passphrases:
    return Passphrases(bool(getattr(args, "passphrase_stdin", False)))


def open_vault(args: argparse.Namespace, pw: Passphrases | None = None) -> Vault:
    """The one open path of every command that reads or writes a vault.

    Refused while an unlock delay runs (before the passphrase is asked for) or while the app
    holds the vault; a wrong passphrase is counted; both integrity checks run before the
    first read, so a damaged vault is refused with exit 7 and nothing is read or written.
    """
    from clinic.services.lifecycle import open_for_writing
    from clinic.services.unlock_delay import UnlockDelay

    source = pw or passphrases(args)
    UnlockDelay(Path(args.vault)).check()  # before asking for the passphrase
    return open_for_writing(Path(args.vault), source.existing(), key_settings(), verify=True)


def create_vault(args: argparse.Namespace, pw: Passphrases | None = None) -> Vault:
    """Make a new vault as its one writer (the lock is released when it closes)."""
    from clinic.storage import Vault
    from clinic.storage.writer_lock import VaultLock

    path = Path(args.vault)
    passphrase = (pw or passphrases(args)).new()
    if not path.parent.exists():  # as Vault.create: a new folder is private
        path.parent.mkdir(parents=True, mode=0o700)
    lock = VaultLock.acquire(path)
    try:
        vault = Vault.create(path, passphrase, key_settings())
    except BaseException:
        lock.release()
        raise
    vault.call_on_close(lock.release)
    return vault


def same_passphrase(a: str | None, b: str) -> bool:
    """Whether two passphrases open the same vault (compared as the vault compares them)."""
    from clinic.storage.vault import normalise_passphrase

    return a is not None and normalise_passphrase(a) == normalise_passphrase(b)


def write_plaintext_output(data: bytes, out: str | None, what: str) -> None:
    """Write unencrypted output to --out (0600) or stdout, never to a terminal."""
    from clinic.paths import write_private

    if out:
        write_private(Path(out), data)
    else:
        if sys.stdout.isatty():
            raise Refused("refuse_terminal")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    print(
        f"note: the {what} is not encrypted; keep it safe and delete it when done", file=sys.stderr
    )


def subcommands_of(sub: Any, name: str) -> Any:
    """The subcommand list of an existing group (`vault`, `case`), to add commands to it."""
    parser = sub.choices[name]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(name)
