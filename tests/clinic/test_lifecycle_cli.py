"""`clinic vault backup|restore|purge`, `clinic case delete`; no leaks on the way (T29-T31)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from clinic.model import Case
from clinic.model.vocab import CaseStatus
from clinic.storage import CaseRepository, KeySettings, Vault, dump_json
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE
from tests.factories import with_marker_everywhere

PW = PASSPHRASE + "\n"
BACKUP_PW = "backup passphrase for the cli\n"
NEW_PW = "passphrase of the restored vault\n"
MARKER = "ZQXLEAKCANARY"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(*args: str, stdin: str = PW) -> tuple[int, str, str]:
    proc = run_cli(*args, "--passphrase-stdin", stdin=stdin)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture
def vault(tmp_path: Path, fast_key: KeySettings, demo_cases: list[Case]) -> Path:
    path = tmp_path / "vault" / "clinic.vault"
    with Vault.create(path, PASSPHRASE, fast_key) as v:
        repo = CaseRepository(v)
        for case in demo_cases:
            repo.add(case)
    return path


def test_backup_then_restore_round_trip(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.backup"
    rc, stdout, err = _cli("vault", "backup", str(vault), str(out), stdin=PW + BACKUP_PW)
    assert (rc, err) == (0, "")
    assert stdout.startswith("ok: backup written")
    rc, _, err = _cli("vault", "backup", str(vault), str(out), stdin=PW + BACKUP_PW)
    assert rc == 4
    assert "already exists" in err
    rc, _, err = _cli("vault", "backup", str(vault), str(tmp_path / "c"), stdin=PW + "\n")
    assert rc == 2  # an empty backup passphrase is refused
    assert not (tmp_path / "c").exists()
    new = tmp_path / "restored" / "new.vault"
    new.parent.mkdir()
    before = _sha(vault)
    rc, stdout, err = _cli("vault", "restore", str(out), str(new), stdin=BACKUP_PW + NEW_PW)
    assert (rc, err) == (0, "")
    assert _sha(vault) == before
    _, listed_old, _ = _cli("case", "list", str(vault))
    _, listed_new, _ = _cli("case", "list", str(new), stdin=NEW_PW)
    assert listed_new == listed_old
    assert len(listed_new.splitlines()) == 3


@pytest.mark.parametrize(
    ("stdin", "code", "message"),
    [
        ("wrong backup passphrase\n" + NEW_PW, 3, "Wrong backup passphrase"),
        (BACKUP_PW + "short\n", 2, "at least"),
    ],
)
def test_restore_refusals(vault: Path, tmp_path: Path, stdin: str, code: int, message: str) -> None:
    out = tmp_path / "b.backup"
    assert _cli("vault", "backup", str(vault), str(out), stdin=PW + BACKUP_PW)[0] == 0
    rc, _, err = _cli("vault", "restore", str(out), str(tmp_path / "n.vault"), stdin=stdin)
    assert rc == code
    assert message in err
    assert not (tmp_path / "n.vault").exists()
    rc, _, err = _cli("vault", "restore", str(out), str(vault), stdin=BACKUP_PW + NEW_PW)
    assert rc == 4
    assert "already exists" in err


def test_tampered_backup_exits_7(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.backup"
    assert _cli("vault", "backup", str(vault), str(out), stdin=PW + BACKUP_PW)[0] == 0
    data = bytearray(out.read_bytes())
    data[4096 * 2 + 7] ^= 0xFF
    out.write_bytes(bytes(data))
    rc, _, err = _cli(
        "vault", "restore", str(out), str(tmp_path / "n.vault"), stdin=BACKUP_PW + NEW_PW
    )
    assert rc == 7
    assert "integrity check" in err


def test_case_delete_and_purge(vault: Path, fast_key: KeySettings) -> None:
    with Vault.open(vault, PASSPHRASE, fast_key) as v:
        repo = CaseRepository(v)
        ids = [c.id for c in repo.list_cases()]
        old = repo.load(ids[1])
        repo.save(
            old.model_copy(update={"status": CaseStatus.CLOSED, "closed": dt.date(2026, 6, 1)})
        )
    rc, out, _ = _cli("case", "delete", str(vault), ids[0], "--initials", "jd")
    assert (rc, out) == (0, "ok: case deleted\n")
    rc, _, err = _cli("case", "delete", str(vault), ids[0])
    assert rc == 6
    assert "not in this vault" in err
    today = ("--today", "2026-11-27")
    purge = ("vault", "purge", str(vault), "--closed-before", "300", *today)
    assert _cli(*purge)[1] == "ok: 0 closed cases deleted\n"
    assert _cli(*purge[:4], "100", "--dry-run", *today)[1] == "1 closed cases would be deleted\n"
    assert _cli(*purge[:4], "100", *today)[1] == "ok: 1 closed cases deleted\n"
    _, listed, _ = _cli("case", "list", str(vault))
    assert [line.split("\t")[0] for line in listed.splitlines()] == [ids[2]]
    with Vault.open(vault, PASSPHRASE, fast_key) as v:
        audit = v.conn.execute("SELECT initials, action FROM audit ORDER BY seq").fetchall()
    assert audit == [("JD", "deleted"), ("CLI", "purged"), ("CLI", "purged")]


def test_vault_check_writes_nothing_not_even_audit(vault: Path) -> None:
    before = (_sha(vault), sorted(p.name for p in vault.parent.iterdir()))
    rc, out, _ = _cli("vault", "check", str(vault))
    assert rc == 0
    assert out.startswith("ok")
    assert (_sha(vault), sorted(p.name for p in vault.parent.iterdir())) == before


def test_canary_leaks_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path, demo_case: Case
) -> None:
    """Import, list, export, backup, restore, check, delete via the CLI with a canary everywhere.

    Scanned: the temp dir, the home/config/data/cache dirs, the vault folders, the backup,
    stderr of every command, and every file name. Only the export the user asked for holds it.
    """
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    case, fields = with_marker_everywhere(demo_case, MARKER)
    assert fields > 60
    source = tmp_path / "input" / "case.json"
    source.parent.mkdir()
    source.write_text(dump_json(case), encoding="utf-8")
    vault = tmp_path / "vault" / "v.vault"
    export = tmp_path / "chosen" / "export.json"
    export.parent.mkdir()
    backup = tmp_path / "backups" / "b.backup"
    backup.parent.mkdir()
    restored = tmp_path / "restored" / "r.vault"
    restored.parent.mkdir()
    errors = []
    steps: list[tuple[tuple[str, ...], str]] = [
        (("vault", "init", str(vault)), PW),
        (("case", "import", str(vault), str(source)), PW),
        (("case", "list", str(vault)), PW),
        (("case", "export", str(vault), case.id, "--out", str(export)), PW),
        (("vault", "backup", str(vault), str(backup)), PW + BACKUP_PW),
        (("vault", "restore", str(backup), str(restored)), BACKUP_PW + NEW_PW),
        (("vault", "check", str(restored)), NEW_PW),
        (("case", "import", str(vault), str(tmp_path / "missing.json")), PW),
        (("case", "delete", str(vault), case.id), PW),
    ]
    for args, stdin in steps:
        rc, _, err = _cli(*args, stdin=stdin)
        assert rc == (5 if args[-1].endswith("missing.json") else 0), (args, err)
        errors.append(err)
    assert json.loads(export.read_text())["pseudonym"].startswith(MARKER)  # positive control
    needles = [MARKER.encode(), MARKER.encode("utf-16-le")]
    scanned = 0
    for folder in (scratch, isolated_user_dirs, vault.parent, backup.parent, restored.parent):
        for path in folder.rglob("*"):
            assert MARKER not in path.name
            if path.is_file():
                raw = path.read_bytes()
                assert not any(n in raw for n in needles), path
                scanned += 1
    assert scanned >= 3  # the vault, the backup, the restored vault at least
    assert list(scratch.iterdir()) == []  # T29: nothing was written to TMPDIR
    assert all(MARKER not in err for err in errors)
    assert all(MARKER not in p.name for p in tmp_path.rglob("*"))
