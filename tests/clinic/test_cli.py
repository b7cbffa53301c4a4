"""The headless CLI contract (docs/cli.md), driven in real subprocesses."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import ROOT, run_cli
from tests.conftest import PASSPHRASE

PW = PASSPHRASE + "\n"


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.vault"
    proc = run_cli(
        "demo",
        str(path),
        "--cases",
        "3",
        "--today",
        "2026-11-27",
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0, proc.stderr
    return path


def _ids(vault: Path) -> list[str]:
    proc = run_cli("case", "list", str(vault), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 0
    assert proc.stderr == b""
    return [line.split("\t")[0] for line in proc.stdout.decode().splitlines()]


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("clinic 0.")


def test_case_list_format(demo_vault: Path) -> None:
    proc = run_cli(
        "case", "list", str(demo_vault), "--passphrase-stdin", stdin=PW + "ignored extra\n"
    )
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 4
    first = lines[0].split("\t")
    assert len(first) == 4
    assert first[1] == "Maple"
    assert first[2] == "open"
    assert first[3] == "2026-11-25"
    assert len(first[0]) == 36


def test_init_refuses_existing_file_and_short_passphrase(tmp_path: Path, demo_vault: Path) -> None:
    proc = run_cli("vault", "init", str(demo_vault), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 4
    proc = run_cli(
        "vault", "init", str(tmp_path / "v.vault"), "--passphrase-stdin", stdin="short\n"
    )
    assert proc.returncode == 2
    assert b"at least" in proc.stderr
    assert not (tmp_path / "v.vault").exists()


@pytest.mark.parametrize("wrong", ["wrong passphrase", PASSPHRASE[:-1]])
def test_wrong_passphrase_exit_3(demo_vault: Path, wrong: str) -> None:
    proc = run_cli("case", "list", str(demo_vault), "--passphrase-stdin", stdin=wrong + "\n")
    assert proc.returncode == 3
    assert proc.stdout == b""
    err = proc.stderr.decode()
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert wrong not in err


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", 4), (b"SQLite format 3\x00" + b"\x00" * 4080, 4), (os.urandom(5000), 4)],
)
def test_corrupt_vault_exit_4(tmp_path: Path, content: bytes, code: int) -> None:
    bad = tmp_path / "bad.vault"
    bad.write_bytes(content)
    proc = run_cli("case", "list", str(bad), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == code
    assert b"Traceback" not in proc.stderr
    assert bad.read_bytes() == content


def test_usage_error_exit_2() -> None:
    proc = run_cli("case", "frobnicate")
    assert proc.returncode == 2
    assert b"usage" in proc.stderr


def test_export_is_deterministic_and_import_round_trips(tmp_path: Path, demo_vault: Path) -> None:
    case_id = _ids(demo_vault)[0]
    first = run_cli("case", "export", str(demo_vault), case_id, "--passphrase-stdin", stdin=PW)
    second = run_cli("case", "export", str(demo_vault), case_id, "--passphrase-stdin", stdin=PW)
    assert first.returncode == 0
    assert first.stdout == second.stdout
    assert b"not encrypted" in first.stderr
    assert first.stderr.count(b"\n") == 1
    data = json.loads(first.stdout)
    assert data["id"] == case_id
    assert data["pseudonym"] == "Maple"

    out = tmp_path / "case.json"
    proc = run_cli(
        "case",
        "export",
        str(demo_vault),
        case_id,
        "--out",
        str(out),
        "--passphrase-stdin",
        stdin=PW,
    )
    assert proc.returncode == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_bytes() == first.stdout

    fresh = tmp_path / "fresh.vault"
    assert run_cli("vault", "init", str(fresh), "--passphrase-stdin", stdin=PW).returncode == 0
    assert (
        run_cli("case", "import", str(fresh), str(out), "--passphrase-stdin", stdin=PW).returncode
        == 0
    )
    again = run_cli("case", "export", str(fresh), case_id, "--passphrase-stdin", stdin=PW)
    assert again.stdout == first.stdout

    dup = run_cli("case", "import", str(fresh), str(out), "--passphrase-stdin", stdin=PW)
    assert dup.returncode == 6
    assert b"--replace" in dup.stderr
    data["pseudonym"] = "Maple renamed"
    out.write_text(json.dumps(data), encoding="utf-8")
    rep = run_cli(
        "case", "import", str(fresh), str(out), "--replace", "--passphrase-stdin", stdin=PW
    )
    assert rep.returncode == 0
    listed = run_cli("case", "list", str(fresh), "--passphrase-stdin", stdin=PW).stdout.decode()
    assert "Maple renamed" in listed


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["devices"][0].__setitem__("label", "x" * 201), "devices[0].label"),
        (lambda d: d.__setitem__("status", "lost"), "status"),
        (lambda d: d["people"][1].__setitem__("notes", "bell\x07"), "people[1].notes"),
        (lambda d: d.pop("pseudonym"), "pseudonym"),
    ],
)
def test_import_names_the_failing_field(
    tmp_path: Path, demo_vault: Path, mutate, field: str
) -> None:  # type: ignore[no-untyped-def]
    case_id = _ids(demo_vault)[0]
    exported = run_cli("case", "export", str(demo_vault), case_id, "--passphrase-stdin", stdin=PW)
    data = json.loads(exported.stdout)
    mutate(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    proc = run_cli("case", "import", str(demo_vault), str(bad), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 5
    err = proc.stderr.decode()
    assert field in err
    assert "x" * 50 not in err
    assert "Traceback" not in err


def test_import_rejects_non_json(tmp_path: Path, demo_vault: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    proc = run_cli("case", "import", str(demo_vault), str(bad), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 5
    assert b"not valid JSON" in proc.stderr


def test_export_refuses_a_terminal(demo_vault: Path) -> None:
    case_id = _ids(demo_vault)[0]
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.cli_runner",
                "case",
                "export",
                str(demo_vault),
                case_id,
                "--passphrase-stdin",
            ],
            input=PW.encode(),
            stdout=slave,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
            check=False,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 6
    assert b"terminal" in proc.stderr


def test_passwd_then_check(tmp_path: Path) -> None:
    vault = tmp_path / "p.vault"
    assert run_cli("vault", "init", str(vault), "--passphrase-stdin", stdin=PW).returncode == 0
    proc = run_cli(
        "vault",
        "passwd",
        str(vault),
        "--passphrase-stdin",
        stdin=PW + "another long passphrase\n",
    )
    assert proc.returncode == 0, proc.stderr
    assert run_cli("vault", "check", str(vault), "--passphrase-stdin", stdin=PW).returncode == 3
    ok = run_cli(
        "vault", "check", str(vault), "--passphrase-stdin", stdin="another long passphrase\n"
    )
    assert ok.returncode == 0
    assert b"ok" in ok.stdout


def test_check_reports_tampering_exit_7(tmp_path: Path, demo_vault: Path) -> None:
    copy = tmp_path / "t.vault"
    data = bytearray(demo_vault.read_bytes())
    data[4096 * 2 + 77] ^= 0x40
    copy.write_bytes(bytes(data))
    proc = run_cli("vault", "check", str(copy), "--passphrase-stdin", stdin=PW)
    assert proc.returncode == 7
    assert copy.read_bytes() == bytes(data)


def test_schema_matches_the_published_copy() -> None:
    proc = run_cli("case", "schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "Case"
    published = json.loads((ROOT / "docs" / "case-schema.json").read_text(encoding="utf-8"))
    assert published == schema


def test_demo_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for n in range(2):
        vault = tmp_path / f"d{n}.vault"
        args = (
            "demo",
            str(vault),
            "--seed",
            "7",
            "--today",
            "2026-11-27",
            "--passphrase-stdin",
        )
        assert run_cli(*args, stdin=PW).returncode == 0
        outputs.append(run_cli("case", "list", str(vault), "--passphrase-stdin", stdin=PW).stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].split(b"\t")[1] == b"Maple"


def test_large_demo_has_the_promised_size(tmp_path: Path) -> None:
    vault = tmp_path / "large.vault"
    assert run_cli("demo", str(vault), "--large", "--passphrase-stdin", stdin=PW).returncode == 0
    lines = (
        run_cli("case", "list", str(vault), "--passphrase-stdin", stdin=PW)
        .stdout.decode()
        .splitlines()
    )
    large_id = next(line.split("\t")[0] for line in lines if "\tLarge case\t" in line)
    data = json.loads(
        run_cli("case", "export", str(vault), large_id, "--passphrase-stdin", stdin=PW).stdout
    )
    assert len(data["devices"]) + len(data["accounts"]) == 60
    assert sum(len(r["results"]) for r in data["checklist_runs"]) == 300
