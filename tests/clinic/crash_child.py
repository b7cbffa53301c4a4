"""The writer that tests/clinic/test_crash.py kills with SIGKILL.

Usage: python -m tests.clinic.crash_child MODE VAULT KDF_ITER
It prints `go` when ready, then one ack line after each commit RETURNS:
`A <id>` (case added), `S <id> <n>` (case re-saved as version n), `P` (purge done),
`R` (passphrase changed). Modes: save, import, purge, rekey; `hold` leaves a hot journal.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import uuid
from pathlib import Path

from clinic.model import Account, Case, Device, Finding
from clinic.model.vocab import CaseStatus, DeviceKind, Service
from clinic.storage import KeySettings

OLD_PW = "correct horse battery staple"
NEW_PW = "a brand new passphrase for the crash test"
DEVICES, ACCOUNTS, FINDINGS = 50, 100, 200
TODAY = dt.date(2026, 11, 27)


def big_case(case_id: str, pseudonym: str, closed: dt.date | None = None) -> Case:
    """A case with 50 devices, 100 accounts and 200 findings (reliability plan T14)."""
    return Case(
        id=case_id,
        pseudonym=pseudonym,
        opened=dt.date(2025, 1, 1),
        status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
        closed=closed,
        devices=[Device(kind=DeviceKind.PHONE, label=f"phone {i}") for i in range(DEVICES)],
        accounts=[
            Account(service=Service.GOOGLE, label=f"account {i}", notes="n" * (i * 20))
            for i in range(ACCOUNTS)
        ],
        findings=[Finding(title=f"finding {i}", detail="d" * 300) for i in range(FINDINGS)],
    )


def case_id(n: int) -> str:
    """A deterministic UUID4-shaped id, so the parent knows every id the child may write."""
    return str(uuid.UUID(bytes=uuid.uuid5(uuid.NAMESPACE_OID, f"crash-{n}").bytes, version=4))


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _save(vault_path: Path, key: KeySettings) -> None:
    from clinic.storage import CaseRepository, Vault

    template = big_case(case_id(0), "crash")
    with Vault.open(vault_path, OLD_PW, key) as vault:
        repo = CaseRepository(vault)
        _say("go")
        added: list[str] = []
        for n in range(1, 100_000):
            if n % 3 == 0 and added:
                target = added[n % len(added)]
                repo.save(template.model_copy(update={"id": target, "pseudonym": f"saved-{n}"}))
                _say(f"S {target} {n}")
            else:
                cid = case_id(n)
                repo.add(template.model_copy(update={"id": cid, "pseudonym": f"added-{n}"}))
                added.append(cid)
                _say(f"A {cid}")


def _import(vault_path: Path, kdf_iter: int) -> None:
    """Each case goes through the real `clinic case import` command."""
    from clinic.cli import main, support
    from clinic.storage import dump_json

    support.TEST_KEY = KeySettings(kdf_iter=kdf_iter)  # the in-process test seam
    template = big_case(case_id(0), "crash")
    source = vault_path.with_name("import.json")
    _say("go")
    for n in range(1, 100_000):
        cid = case_id(n)
        case = template.model_copy(update={"id": cid, "pseudonym": f"imported-{n}"})
        source.write_text(dump_json(case), encoding="utf-8")
        sys.stdin = io.StringIO(OLD_PW + "\n")
        argv = ["case", "import", str(vault_path), str(source), "--passphrase-stdin"]
        rc = main(argv)
        if rc != 0:
            raise SystemExit(f"import failed with exit code {rc}")
        _say(f"A {cid}")


def _purge(vault_path: Path, key: KeySettings) -> None:
    from clinic.services import lifecycle
    from clinic.storage import Vault

    with Vault.open(vault_path, OLD_PW, key) as vault:
        _say("go")
        lifecycle.purge_closed(vault, 30, TODAY, "CR")
        _say("P")


def _rekey(vault_path: Path, key: KeySettings) -> None:
    from clinic.storage import Vault

    with Vault.open(vault_path, OLD_PW, key) as vault:
        _say("go")
        vault.rekey(NEW_PW)
        _say("R")


def _hold(vault_path: Path, key: KeySettings) -> None:
    """Delete every case in one transaction that never commits: `go`, then wait to be killed.

    A one-page cache makes SQLite spill changed pages into the vault file before the
    commit, so the `-journal` left behind is hot and the vault needs its rollback.
    """
    from clinic.storage import Vault

    vault = Vault.open(vault_path, OLD_PW, key)
    conn = vault.conn
    conn.execute("PRAGMA cache_size = 1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM entities")
    conn.execute("DELETE FROM cases")
    _say("go")
    sys.stdin.read()


def main() -> None:
    mode, path, kdf_iter = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    key = KeySettings(kdf_iter=kdf_iter)
    if mode == "save":
        _save(path, key)
    elif mode == "import":
        _import(path, kdf_iter)
    elif mode == "purge":
        _purge(path, key)
    elif mode == "rekey":
        _rekey(path, key)
    elif mode == "hold":
        _hold(path, key)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
