"""Every CLI door: the key cannot be weakened, argparse echoes nothing (issue 15, #7 #8)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from clinic.cli import build_parser
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE
from tests.pagecrypt import decrypt_pages

SECRET = "SECRET-pass-4711"
# Page 1 of any SQLCipher 4 vault, bytes 16-23 of the SQLite header once decrypted:
# page size 4096, file format 1/1, 80 reserved bytes (IV + HMAC), payload fractions 64/32/32.
PAGE1_HEADER = bytes.fromhex("1000010150402020")


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _parsers(child)


# -- #7: no installed command weakens the key -----------------------------------------
def test_no_command_has_a_key_derivation_option() -> None:
    parsers = list(_parsers(build_parser()))
    assert len(parsers) > 20
    for parser in parsers:
        for action in parser._actions:
            assert not any("kdf" in flag or "iter" in flag for flag in action.option_strings)


def test_kdf_iter_is_refused_and_no_weak_vault_is_made(tmp_path: Path) -> None:
    weak = tmp_path / "weak.vault"
    proc = run_cli(
        "vault", "init", str(weak), "--kdf-iter", "1", "--passphrase-stdin",
        stdin=PASSPHRASE + "\n", fast=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert not weak.exists()


def test_installed_command_keys_with_sqlcipher_defaults(tmp_path: Path) -> None:
    """Decrypted independently with PBKDF2-HMAC-SHA512 at 256,000 iterations."""
    path = tmp_path / "real.vault"
    proc = run_cli(
        "vault", "init", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n", fast=False
    )
    assert proc.returncode == 0, proc.stderr
    first = next(decrypt_pages(path, PASSPHRASE, 256_000))
    assert first[:8] == PAGE1_HEADER
    assert next(decrypt_pages(path, PASSPHRASE, 4000))[:8] != PAGE1_HEADER


# -- #8: no abbreviations, nothing typed is echoed ------------------------------------
def test_every_parser_refuses_abbreviations() -> None:
    for parser in _parsers(build_parser()):
        assert parser.allow_abbrev is False


@pytest.mark.parametrize(
    ("argv", "count"),
    [
        (["vault", "init", "{v}", "--passphrase", SECRET], 2),
        (["vault", "init", "{v}", f"--passphrase={SECRET}"], 1),
        (["vault", "init", "{v}", "--passphrase-std", SECRET], 2),
        (["case", "list", "{v}", SECRET, "--passphrase-stdin"], 1),
        (["vault", "check", "{v}", f"--{SECRET}", "x", "y"], 3),
    ],
)
def test_unrecognised_arguments_are_counted_never_shown(
    tmp_path: Path, argv: list[str], count: int
) -> None:
    vault = tmp_path / "a.vault"
    proc = run_cli(*[a.format(v=vault) for a in argv], stdin=PASSPHRASE + "\n")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert SECRET not in err
    assert err.count("\n") == 1
    assert f"{count} unrecognised argument" in err
    assert not vault.exists()


@pytest.mark.parametrize(
    "argv",
    [
        [SECRET],
        ["vault", f"{SECRET} (choose from x"],
        ["demo", "{v}", "--cases", f"{SECRET}'\n"],
        ["vault", "purge", "{v}", "--closed-before", SECRET],
    ],
)
def test_invalid_values_are_not_echoed(tmp_path: Path, argv: list[str]) -> None:
    vault = tmp_path / "a.vault"
    proc = run_cli(*[a.format(v=vault) for a in argv])
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert SECRET not in err
    assert err.count("\n") == 1
    assert err.startswith("clinic: usage error:")
