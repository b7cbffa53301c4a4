"""Every door checks the same way (issue 15 #1, #5, #6, #9).

#1: a 200-case vault with one byte flipped on page 18 is refused by EVERY command that opens
a vault (walked from the parser, so a new command is covered the day it is added) with exit 7
and one line, nothing on stdout, the file byte-identical; and by the GUI's unlock service.
#5: `clinic demo` on an existing vault takes the writer lock, obeys the delay, writes in one
transaction and says what it made. #6: every passphrase prompt obeys and counts the delay.
#9: invisible passphrases, a backup passphrase equal to the vault's, no terminal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import pytest

from clinic import paths
from clinic.cli import build_parser
from clinic.errors import VaultTampered
from clinic.services import lifecycle
from clinic.services.demo import generate
from clinic.services.unlock_delay import UnlockDelay, delay_path
from clinic.storage import CaseRepository, KeySettings, Vault, dump_json
from tests.cli_helpers import ROOT, run_cli
from tests.clinic.test_access import _holder
from tests.conftest import FIXED_TODAY, PASSPHRASE

PW = PASSPHRASE + "\n"
OTHER = "another long passphrase"
IOC = ROOT.parent / "shared" / "data" / "stalkerware-indicators" / "ioc.yaml"
NEW_VAULT_DOORS = {("vault", "init"), ("vault", "restore")}  # `vault` is the file to make
TRIED: dict[str, int] = {}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _doors() -> list[tuple[tuple[str, ...], list[argparse.Action]]]:
    """Every leaf command whose first positional is an existing vault."""
    found = []

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for sub in subs:
            for name, child in sub.choices.items():
                walk(child, (*prefix, name))
        if not subs:
            positionals = [a for a in parser._actions if not a.option_strings]
            if positionals and positionals[0].dest == "vault" and prefix not in NEW_VAULT_DOORS:
                found.append((prefix, parser._actions))

    walk(build_parser(), ())
    return found


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory, protocol_set: object) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("doors")
    path = folder / "healthy.vault"
    cases = generate(7, 200, False, FIXED_TODAY, protocol_set)  # type: ignore[arg-type]
    with Vault.create(path, PASSPHRASE, KeySettings(kdf_iter=4000)) as vault:
        CaseRepository(vault).put_all(cases)
    assert path.stat().st_size // 4096 > 40
    (folder / "case.json").write_text(dump_json(cases[3]), encoding="utf-8")
    return path, cases[3].id


def _argv(
    door: tuple[str, ...], actions: list[argparse.Action], vault: Path, case_id: str
) -> list[str]:
    folder = vault.parent
    fill = {
        "vault": str(vault),
        "case_id": case_id,
        "out": str(folder / "new-output"),
        "file": str(folder.parent / "case.json"),
        "bundle": str(folder / "no-such.bundle"),
        "entry_id": "us-national-hotline",
        "files": str(IOC),
    }
    argv = [*door]
    for action in actions:
        if not action.option_strings:
            argv.append(fill.get(action.dest, "x"))
    options = {"--closed-before": "30", "--kind": "survivor", "--out": str(folder / "out.pdf")}
    for action in actions:
        if action.option_strings and action.required:
            argv += [action.option_strings[0], options[action.option_strings[0]]]
    if any(a.dest == "packages" for a in actions):  # phone-check needs one source
        argv += ["--packages", str(folder.parent / "packages.txt")]
    if door == ("checklist", "record"):  # something to record
        argv += ["--note", "x"]
    return [*argv, "--passphrase-stdin"]


DOORS = _doors()


def test_the_parser_walk_finds_every_vault_door() -> None:
    names = {" ".join(d) for d, _ in DOORS}
    assert {"case list", "case export", "case import", "demo", "vault check"} <= names
    assert {"vault backup", "vault passwd", "vault purge", "case delete", "routes"} <= names
    assert len(names) >= 15


@pytest.mark.parametrize(("door", "actions"), DOORS, ids=[" ".join(d) for d, _ in DOORS])
def test_every_door_refuses_a_damaged_vault_with_exit_7(
    tmp_path: Path, healthy: tuple[Path, str], door: tuple[str, ...], actions: list
) -> None:  # type: ignore[type-arg]
    if "files" in {a.dest for a in actions} and not IOC.exists():
        pytest.skip("needs ../shared/data for a valid indicator file")
    source, case_id = healthy
    (tmp_path / "sub").mkdir()
    vault = tmp_path / "sub" / "damaged.vault"
    data = bytearray(source.read_bytes())
    data[17 * 4096 + 1000] ^= 0x01  # one bit on page 18
    vault.write_bytes(bytes(data))
    (tmp_path / "case.json").write_text((source.parent / "case.json").read_text())
    (tmp_path / "packages.txt").write_text("package:com.example.notes\n")
    before = _sha(vault)
    proc = run_cli(*_argv(door, actions, vault, case_id), stdin=PW + OTHER + "\n" + OTHER + "\n")
    TRIED[" ".join(door)] = proc.returncode
    assert proc.returncode == 7, proc.stderr
    assert proc.stdout == b""
    assert proc.stderr.count(b"\n") == 1
    assert _sha(vault) == before
    assert sorted(p.name for p in vault.parent.iterdir()) == ["damaged.vault"]


def test_the_gui_unlock_refuses_a_damaged_vault(
    tmp_path: Path, healthy: tuple[Path, str], fast_key: KeySettings
) -> None:
    source, _ = healthy
    vault = tmp_path / "damaged.vault"
    data = bytearray(source.read_bytes())
    data[17 * 4096 + 1000] ^= 0x01
    vault.write_bytes(bytes(data))
    before = _sha(vault)
    with pytest.raises(VaultTampered):
        lifecycle.unlock_in_app(vault, PASSPHRASE, "AB", fast_key)
    assert _sha(vault) == before


# -- #5: demo on an existing vault ------------------------------------------------------
def test_demo_on_an_existing_vault_takes_the_lock_and_the_delay(
    tmp_path: Path, fast_key: KeySettings
) -> None:
    vault = tmp_path / "demo.vault"
    Vault.create(vault, PASSPHRASE, fast_key).close()
    holder = _holder(vault)
    try:
        proc = run_cli("demo", str(vault), "--cases", "3", "--passphrase-stdin", stdin=PW)
        assert proc.returncode == 6
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    for _ in range(3):
        proc = run_cli("demo", str(vault), "--passphrase-stdin", stdin="wrong guess here\n")
        assert proc.returncode == 3
    assert UnlockDelay(vault).failures == 3
    proc = run_cli("demo", str(vault), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 6  # the delay runs: not even the right passphrase is tried
    with Vault.open(vault, PASSPHRASE, fast_key) as v:
        assert CaseRepository(v).list_cases() == []


def test_demo_says_what_it_made_and_writes_in_one_transaction(
    tmp_path: Path, fast_key: KeySettings
) -> None:
    vault = tmp_path / "new" / "demo.vault"
    proc = run_cli("demo", str(vault), "--cases", "5", "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 0, proc.stderr
    with Vault.open(vault, PASSPHRASE, fast_key) as v:
        count = len(CaseRepository(v).list_cases())
    assert proc.stdout.decode() == (
        f"ok: {count} fictional demo cases written; vault made: {vault}\n"
    )
    with Vault.open(vault, PASSPHRASE, fast_key) as v:  # a failing write stores nothing
        repo = CaseRepository(v)
        cases = [repo.load(s.id) for s in repo.list_cases()]
        fresh = [
            c.model_copy(update={"id": f"{n:08d}-0000-4000-8000-000000000000"})
            for n, c in enumerate(cases)
        ]
        with pytest.raises(Exception):  # noqa: B017, PT011 - a NOT NULL column refuses the last
            repo.put_all([*fresh, fresh[0].model_copy(update={"pseudonym": None})])  # type: ignore[list-item]
        assert len(repo.list_cases()) == count


# -- #6: every passphrase prompt obeys and counts the delay ----------------------------
def _age(path: Path) -> None:
    state = delay_path(path)
    record = json.loads(state.read_text())
    record["last_failure"] -= 3600
    state.write_text(json.dumps(record))


def test_restore_obeys_and_counts_the_backup_passphrase_delay(
    tmp_path: Path, fast_key: KeySettings
) -> None:
    vault = tmp_path / "v.vault"
    Vault.create(vault, PASSPHRASE, fast_key).close()
    backup = tmp_path / "v.backup"
    proc = run_cli(
        "vault", "backup", str(vault), str(backup), "--passphrase-stdin", stdin=PW + OTHER + "\n"
    )
    assert proc.returncode == 0, proc.stderr
    for n in range(3):
        target = tmp_path / f"restored-{n}.vault"
        stdin = "not the backup one\n" + OTHER + "\n"
        proc = run_cli(
            "vault", "restore", str(backup), str(target), "--passphrase-stdin", stdin=stdin
        )
        assert proc.returncode == 3
    assert UnlockDelay(backup).failures == 3
    target = tmp_path / "restored.vault"
    proc = run_cli(
        "vault",
        "restore",
        str(backup),
        str(target),
        "--passphrase-stdin",
        stdin=OTHER + "\n" + OTHER + "\n",
    )
    assert proc.returncode == 6  # right passphrase, but the delay runs
    assert not target.exists()
    _age(backup)
    proc = run_cli(
        "vault",
        "restore",
        str(backup),
        str(target),
        "--passphrase-stdin",
        stdin=OTHER + "\n" + OTHER + "\n",
    )
    assert proc.returncode == 0, proc.stderr
    assert not delay_path(backup).exists()


def test_the_delay_is_counted_when_the_backup_folder_is_read_only(
    tmp_path: Path, fast_key: KeySettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = tmp_path / "v.vault"
    Vault.create(vault, PASSPHRASE, fast_key).close()
    stick = tmp_path / "stick"
    stick.mkdir()
    backup = stick / "v.backup"
    with Vault.open(vault, PASSPHRASE, fast_key) as v:
        lifecycle.backup(v, backup, OTHER, "AB")
    real_write = paths.write_private

    def read_only(path: Path, data: bytes) -> None:  # root ignores chmod: refuse like EROFS
        if path.parent == stick:
            raise PermissionError(30, "Read-only file system")
        real_write(path, data)

    monkeypatch.setattr(paths, "write_private", read_only)
    for n in range(3):
        with pytest.raises(Exception) as caught:  # noqa: PT011
            lifecycle.restore(backup, "wrong guess here", tmp_path / f"r{n}", OTHER, "AB", fast_key)
        assert type(caught.value).__name__ == "WrongPassphrase"
    assert UnlockDelay(backup).failures == 3
    assert not delay_path(backup).exists()
    assert UnlockDelay(backup).seconds_left() > 0


# -- #9: passphrases and prompts --------------------------------------------------------
@pytest.mark.parametrize(
    "invisible",
    ["\u200b" * 10, "\u0301" * 12, "\u200d\u200c\u2060" * 5, "\u00ad" * 11, "e" + "\u0301" * 11],
)
def test_invisible_or_combining_passphrases_are_refused(tmp_path: Path, invisible: str) -> None:
    vault = tmp_path / "v.vault"
    proc = run_cli("vault", "init", str(vault), "--passphrase-stdin", stdin=invisible + "\n")
    assert proc.returncode == 2
    assert proc.stderr.count(b"\n") == 1
    assert invisible.encode() not in proc.stderr
    assert not vault.exists()


def test_a_backup_passphrase_equal_to_the_vaults_gets_a_warning(
    tmp_path: Path, fast_key: KeySettings
) -> None:
    vault = tmp_path / "v.vault"
    Vault.create(vault, PASSPHRASE, fast_key).close()
    same = run_cli(
        "vault", "backup", str(vault), str(tmp_path / "a"), "--passphrase-stdin", stdin=PW + PW
    )
    assert same.returncode == 0
    assert b"warning: the backup passphrase is the vault's own" in same.stderr
    assert PASSPHRASE.encode() not in same.stderr
    other = run_cli(
        "vault",
        "backup",
        str(vault),
        str(tmp_path / "b"),
        "--passphrase-stdin",
        stdin=PW + OTHER + "\n",
    )
    assert other.returncode == 0
    assert b"warning" not in other.stderr


@pytest.mark.parametrize(
    "argv",
    [("vault", "init", "{v}"), ("case", "list", "{v}"), ("vault", "check", "{v}"), ("demo", "{v}")],
)
def test_no_terminal_and_no_passphrase_stdin_is_one_line_exit_2(
    tmp_path: Path, fast_key: KeySettings, argv: tuple[str, ...]
) -> None:
    vault = tmp_path / "v.vault"
    if argv[0] != "vault" or argv[1] != "init":
        Vault.create(vault, PASSPHRASE, fast_key).close()
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = run_cli(*[a.format(v=vault) for a in argv], stdin=PW)
    assert proc.returncode == 2
    assert (
        proc.stderr
        == b"clinic: There is no terminal to ask for the passphrase: use --passphrase-stdin.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before
