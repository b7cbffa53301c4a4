"""Fuzz the CLI (issue 15 #10): hostile JSON, byte-flipped vaults and journals, bad stdin.

Runs the real `clinic.cli.main` in this process (the tests' fast key through the in-process
seam) and asserts, for every input: the exit code is one docs/cli.md documents (never 1,
"internal error"); stderr is one line when the command fails and never repeats the input
(every hostile input carries the token ECHO7Q; no ESC, no NUL reaches the terminal); and a
damaged vault or journal is never silently used: either refused (exit 4 or 7, the files
byte-identical) or still passing both integrity checks afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.cli import main
from clinic.storage import CaseRepository, KeySettings, Vault, check_integrity, dump_json
from tests.conftest import PASSPHRASE, ROOT

pytestmark = pytest.mark.slow
TOKEN = "ECHO7Q"
DOCUMENTED = {0, 2, 3, 4, 5, 6, 7}
KEY = KeySettings(kdf_iter=4000)
FUZZ = settings(
    max_examples=75,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
COUNTS: dict[str, int] = {}


@dataclass
class Run:
    code: int
    out: bytes
    err: bytes


def run(argv: list[str], stdin: bytes) -> Run:
    """`clinic ARGV` in this process, with stdin/stdout/stderr as byte streams."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Run(int(code), out.getvalue(), err.getvalue())


def assert_contract(result: Run, what: str) -> None:
    COUNTS[what] = COUNTS.get(what, 0) + 1
    assert result.code in DOCUMENTED, (result.code, result.err[:300])
    lines = result.err.splitlines()
    if result.code != 0:
        assert len(lines) == 1, result.err[:500]
        assert lines[0].startswith(b"clinic: ")
    assert TOKEN.encode() not in result.err
    assert b"\x1b" not in result.err
    assert b"\x00" not in result.err
    assert b"Traceback" not in result.err
    assert b"Warning" not in result.err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _fast_cli_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from clinic.cli import support

    monkeypatch.setattr(support, "TEST_KEY", KEY)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, protocol_set: Any) -> dict[str, Path]:
    """A small vault, one case's export, and a crashed copy with a hot journal."""
    from clinic.services.demo import generate

    folder = tmp_path_factory.mktemp("fuzz")
    vault = folder / "template.vault"
    cases = generate(3, 12, False, None, protocol_set)
    with Vault.create(vault, PASSPHRASE, KEY) as v:
        CaseRepository(v).put_all(cases)
    export = folder / "case.json"
    export.write_text(dump_json(cases[2]), encoding="utf-8")
    crashed = folder / "crashed.vault"
    shutil.copy(vault, crashed)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.clinic.crash_child", "hold", str(crashed), "4000"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"go"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert crashed.with_name(crashed.name + "-journal").stat().st_size > 0
    return {"vault": vault, "export": export, "crashed": crashed, "case_id": Path(cases[2].id)}


@contextlib.contextmanager
def copy_of(template: Path, folder: Path, journal: bool = False) -> Iterator[Path]:
    folder.mkdir()
    target = folder / "v.vault"
    shutil.copy(template, target)
    if journal:
        shutil.copy(template.with_name(template.name + "-journal"), folder / "v.vault-journal")
    try:
        yield target
    finally:
        shutil.rmtree(folder)


# -- hostile JSON -------------------------------------------------------------------------
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30).map(lambda s: TOKEN + s),
    st.sampled_from(["\x1b[31m" + TOKEN, TOKEN + "\nclinic: ok: forged", "\x00" + TOKEN, "\ud800"]),
)
_json = st.recursive(
    _scalars,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4),
        st.dictionaries(st.text(max_size=12).map(lambda s: TOKEN + s), kids, max_size=4),
    ),
    max_leaves=25,
)


def _graft(doc: Any, path: list[int], value: Any) -> Any:
    """Put `value` somewhere inside a real case document (chosen by `path`)."""
    node = doc
    for step in path:
        if isinstance(node, dict) and node:
            key = sorted(node)[step % len(node)]
            if not isinstance(node[key], (dict, list)) or not node[key]:
                node[key] = value
                return doc
            node = node[key]
        elif isinstance(node, list) and node:
            i = step % len(node)
            if not isinstance(node[i], (dict, list)) or not node[i]:
                node[i] = value
                return doc
            node = node[i]
    if isinstance(node, dict):
        node[TOKEN + "extra"] = value
    elif isinstance(node, list):
        node.append(value)
    return doc


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


_raw_files = st.one_of(
    st.binary(max_size=300).map(lambda b: TOKEN.encode() + b),
    st.integers(1, 200_000).map(lambda n: b"[" * n),
    st.integers(1, 5_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.just(b'{"id": "' + TOKEN.encode() + b'", "id": 1}'),
    st.just(b"\xef\xbb\xbf{}"),
    st.just(b"\xff\xfe" + TOKEN.encode()),
)


@FUZZ
@given(
    mode=st.sampled_from(["graft", "json", "raw"]),
    path=st.lists(st.integers(0, 50), max_size=6),
    value=_json,
    raw=_raw_files,
)
def test_hostile_case_files(
    template: dict[str, Path], tmp_path: Path, mode: str, path: list[int], value: Any, raw: bytes
) -> None:
    if mode == "graft":
        doc = json.loads(template["export"].read_text(encoding="utf-8"))
        data = _dump(_graft(doc, path, value))
    elif mode == "json":
        data = _dump(value)
    else:
        data = raw
    source = tmp_path / f"in-{hashlib.sha256(data).hexdigest()[:12]}.json"
    source.write_bytes(data)
    with copy_of(template["vault"], tmp_path / source.stem) as vault:
        before = _sha(vault)
        result = run(["case", "import", str(vault), str(source), "--passphrase-stdin"],
                     (PASSPHRASE + "\n").encode())  # fmt: skip
        assert_contract(result, "hostile case file")
        if result.code != 0:
            assert _sha(vault) == before  # a refused import changes nothing
    source.unlink()


# -- byte-flipped and truncated vaults ------------------------------------------------------
COMMANDS = [
    ["case", "list", "{v}"],
    ["case", "export", "{v}", "{id}", "--out", "{out}"],
    ["vault", "check", "{v}"],
    ["demo", "{v}"],
    ["case", "delete", "{v}", "{id}"],
]


@FUZZ
@given(
    command=st.sampled_from(COMMANDS),
    flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), min_size=1, max_size=3),
    truncate=st.one_of(st.none(), st.integers(0, 10**9)),
)
def test_byte_flipped_vaults(
    template: dict[str, Path],
    tmp_path: Path,
    command: list[str],
    flips: list[tuple[int, int]],
    truncate: int | None,
) -> None:
    folder = tmp_path / f"flip-{abs(hash((tuple(flips), truncate, tuple(command))))}"
    with copy_of(template["vault"], folder) as vault:
        data = bytearray(vault.read_bytes())
        for at, mask in flips:
            data[at % len(data)] ^= mask
        if truncate is not None:
            del data[truncate % len(data) :]
        vault.write_bytes(bytes(data))
        before = _sha(vault)
        argv = [
            a.format(v=vault, id=template["case_id"].name, out=folder / "out.json") for a in command
        ]
        result = run([*argv, "--passphrase-stdin"], (PASSPHRASE + "\n").encode())
        assert_contract(result, "damaged vault")
        if result.code in (3, 4, 7):
            assert _sha(vault) == before
        elif result.code == 0:  # the flips missed every page that is read: it must be whole
            check_integrity(vault, PASSPHRASE, KEY)


# -- damaged hot journals ---------------------------------------------------------------------
@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), max_size=3),
    truncate=st.one_of(st.none(), st.integers(0, 10**9)),
)
def test_damaged_hot_journals(
    template: dict[str, Path],
    tmp_path: Path,
    flips: list[tuple[int, int]],
    truncate: int | None,
) -> None:
    folder = tmp_path / f"journal-{abs(hash((tuple(flips), truncate)))}"
    with copy_of(template["crashed"], folder, journal=True) as vault:
        journal = vault.with_name(vault.name + "-journal")
        data = bytearray(journal.read_bytes())
        for at, mask in flips:
            data[at % len(data)] ^= mask
        if truncate is not None:
            del data[truncate % len(data) :]
        journal.write_bytes(bytes(data))
        before = (_sha(vault), _sha(journal) if journal.exists() else None)
        result = run(
            ["case", "list", str(vault), "--passphrase-stdin"], (PASSPHRASE + "\n").encode()
        )
        assert_contract(result, "damaged journal")
        if result.code == 0:  # rolled back: the vault must pass both checks
            check_integrity(vault, PASSPHRASE, KEY)
        else:
            assert result.code in (4, 7)
            after = (_sha(vault), _sha(journal) if journal.exists() else None)
            assert after == before  # put back byte for byte
        assert not folder.joinpath("v.vault.before-recovery").exists()


# -- bad stdin -------------------------------------------------------------------------------
_stdin = st.one_of(
    st.binary(max_size=200).map(lambda b: TOKEN.encode() + b),
    st.text(max_size=60).map(lambda s: (TOKEN + s).encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"",
            b"\n",
            b"\xff\xfe" + TOKEN.encode() + b"\n",
            (TOKEN + "\u200b" * 20 + "\n").encode(),
            (TOKEN * 2000).encode(),
            b"\x00" + TOKEN.encode() + b"\n",
            b"\x1b[2J" + TOKEN.encode() + b"\n",
        ]
    ),
)
STDIN_COMMANDS = [
    ["case", "list", "{v}"],
    ["vault", "check", "{v}"],
    ["vault", "init", "{new}"],
    ["vault", "passwd", "{v}"],
    ["vault", "backup", "{v}", "{out}"],
    ["vault", "restore", "{v}", "{new}"],
    ["demo", "{new}", "--cases", "1"],
]


@FUZZ
@given(command=st.sampled_from(STDIN_COMMANDS), first=st.booleans(), stdin=_stdin)
def test_bad_stdin(
    template: dict[str, Path], tmp_path: Path, command: list[str], first: bool, stdin: bytes
) -> None:
    folder = tmp_path / f"stdin-{hashlib.sha256(stdin + str(command).encode()).hexdigest()[:12]}"
    with copy_of(template["vault"], folder) as vault:
        argv = [a.format(v=vault, new=folder / "new.vault", out=folder / "out") for a in command]
        # the bad line first, or after the right vault passphrase (a new or backup one)
        data = stdin if first else (PASSPHRASE + "\n").encode() + stdin
        result = run([*argv, "--passphrase-stdin"], data)
        assert_contract(result, "bad stdin")
        for leftover in folder.glob(".*.part*"):
            raise AssertionError(f"partial file left: {leftover.name}")
