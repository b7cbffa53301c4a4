"""kill -9 during save, import, purge and passphrase change (reliability plan T07, T12, T14, T17).

A writer subprocess (tests/clinic/crash_child.py) acknowledges each commit on a pipe after it
returns; the parent kills it at a random point, then checks: the vault opens, both integrity
checks pass, every acknowledged record is there, every case is whole (50 devices, 100
accounts, 200 findings) or absent, and `foreign_key_check` is empty. 110 trials in all.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from clinic.errors import WrongPassphrase
from clinic.storage import CaseRepository, KeySettings, Vault, check_integrity
from clinic.storage.writer_lock import VaultLock
from tests.clinic.crash_child import (
    ACCOUNTS,
    DEVICES,
    FINDINGS,
    NEW_PW,
    OLD_PW,
    TODAY,
    big_case,
    case_id,
)

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
KDF = 4000
KEY = KeySettings(kdf_iter=KDF)
WHOLE = {"devices": DEVICES, "accounts": ACCOUNTS, "findings": FINDINGS}
RESULTS: dict[str, list[str]] = {}
T = TypeVar("T")


@dataclass
class Trial:
    acks: list[str] = field(default_factory=list)
    killed: bool = False
    seconds_to_done: float | None = None


def run_child(mode: str, vault: Path, kill_after: float | None) -> Trial:
    """Start the writer, wait for `go`, let it run `kill_after` s, then SIGKILL it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.clinic.crash_child", mode, str(vault), str(KDF)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    trial = Trial()
    go = threading.Event()
    lines: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "go":
                go.set()
            else:
                lines.append(line.strip())
        go.set()  # end of output: never leave the parent waiting

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert go.wait(timeout=60), "the child never started"
    started = time.monotonic()
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        trial.killed = True
    proc.wait(timeout=30)
    if not trial.killed:
        trial.seconds_to_done = time.monotonic() - started
    reader.join(timeout=30)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    proc.stdout.close()  # type: ignore[union-attr]
    assert trial.killed or proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err, err[-2000:]
    trial.acks = [ln for ln in lines if ln]
    return trial


def check_vault(path: Path, passphrase: str = OLD_PW) -> tuple[Any, dict[str, str]]:
    """Both integrity checks, then open: (open vault, case id -> pseudonym); every case whole."""
    vault = Vault.open(path, passphrase, KEY, verify=True)  # rolls back a hot journal (T17)
    check_integrity(path, passphrase, KEY)
    conn = vault.conn
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    cases = dict(conn.execute("SELECT id, pseudonym FROM cases").fetchall())
    counts: dict[str, dict[str, int]] = {cid: {} for cid in cases}
    for cid, kind, n in conn.execute(
        "SELECT case_id, kind, count(*) FROM entities GROUP BY case_id, kind"
    ):
        assert cid in cases, "orphan child rows"
        counts[cid][kind] = n
    for found in counts.values():
        assert found in (WHOLE, {}), f"half-saved case: {found}"
    return vault, cases


def in_parallel(count: int, trial: Callable[[int], T], workers: int = 2) -> list[T]:
    """Run `count` independent trials, `workers` at a time (each on its own vault copy).

    Timed kills (purge, rekey) run one at a time so the calibrated duration holds.
    """
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(trial, range(count)))


def _seeded(tmp_path: Path, name: str, closed: int, open_: int) -> Path:
    path = tmp_path / name
    with Vault.create(path, OLD_PW, KEY) as vault:
        repo = CaseRepository(vault)
        old = TODAY.replace(year=2026, month=1)
        for n in range(closed):
            repo.add(big_case(case_id(10_000 + n), f"old-{n}", closed=old))
        for n in range(open_):
            repo.add(big_case(case_id(20_000 + n), f"open-{n}"))
    return path


def _fresh_copy(seed: Path, folder: Path) -> Path:
    folder.mkdir()
    target = folder / seed.name
    shutil.copyfile(seed, target)  # the test copies a closed vault; the app never does
    return target


@pytest.mark.parametrize("mode", ["save", "import"])
def test_kill_during_save_and_import(tmp_path: Path, mode: str) -> None:
    trials = 40 if mode == "save" else 30
    rng = random.Random(f"crash-{mode}")
    delays = [rng.uniform(0.05, 0.9) for _ in range(trials)]
    seed = _seeded(tmp_path, "seed.vault", 0, 1)

    def one(t: int) -> int:
        path = _fresh_copy(seed, tmp_path / f"t{t}")
        trial = run_child(mode, path, delays[t])
        assert trial.killed
        vault, cases = check_vault(path)
        vault.close()
        latest: dict[str, int] = {}
        for ack in trial.acks:
            kind, cid, *rest = ack.split()
            assert cid in cases, "an acknowledged case was lost"
            if kind == "S":
                latest[cid] = int(rest[0])
        for cid, n in latest.items():  # an acknowledged re-save is never rolled back
            stored = cases[cid]
            assert stored.startswith("saved-")
            assert int(stored.split("-")[1]) >= n
        if mode == "import":  # the killed CLI left its lock file: it is recovered
            VaultLock.acquire(path).release()
        return len(trial.acks)

    acked_total = sum(in_parallel(trials, one))
    assert acked_total > trials  # the child made real progress before the kills
    RESULTS[mode] = [f"{trials} trials, {acked_total} acknowledged commits, 0 lost"]


def _calibrate(seed: Path, folder: Path, mode: str) -> float:
    trial = run_child(mode, _fresh_copy(seed, folder), None)
    assert trial.seconds_to_done is not None
    return trial.seconds_to_done


def test_kill_during_purge(tmp_path: Path) -> None:
    seed = _seeded(tmp_path, "seed.vault", closed=12, open_=2)
    duration = _calibrate(seed, tmp_path / "calibrate", "purge")
    rng = random.Random("crash-purge")
    delays = [rng.uniform(0, duration * 1.3) for _ in range(20)]

    def one(t: int) -> str:
        path = _fresh_copy(seed, tmp_path / f"t{t}")
        trial = run_child("purge", path, delays[t])
        vault, cases = check_vault(path)
        vault.close()
        old = [cid for cid, name in cases.items() if name.startswith("old-")]
        assert len([c for c in cases if cases[c].startswith("open-")]) == 2
        assert len(old) in (0, 12), "a purge must be all or nothing"
        if "P" in trial.acks:
            assert old == []
        return "purged" if not old else "untouched"

    results = in_parallel(20, one, workers=1)
    outcomes = {k: results.count(k) for k in ("purged", "untouched")}
    RESULTS["purge"] = [f"20 trials, purge {duration:.2f} s: {outcomes}"]


def test_kill_during_passphrase_change(tmp_path: Path) -> None:
    seed = _seeded(tmp_path, "seed.vault", closed=0, open_=16)
    duration = _calibrate(seed, tmp_path / "calibrate", "rekey")
    rng = random.Random("crash-rekey")
    delays = [rng.uniform(0, duration * 1.3) for _ in range(20)]

    def one(t: int) -> str:
        path = _fresh_copy(seed, tmp_path / f"t{t}")
        trial = run_child("rekey", path, delays[t])
        opens = []
        for name, phrase in (("old", OLD_PW), ("new", NEW_PW)):
            try:
                vault, cases = check_vault(path, phrase)
            except WrongPassphrase:
                continue
            assert len(cases) == 16
            vault.close()
            opens.append(name)
        assert len(opens) == 1, f"exactly one passphrase must open the vault, got {opens}"
        if "R" in trial.acks:
            assert opens == ["new"]
        return opens[0]

    results = in_parallel(20, one, workers=1)
    outcomes = {k: results.count(k) for k in ("old", "new")}
    size = (tmp_path / "seed.vault").stat().st_size / 1e6
    RESULTS["rekey"] = [f"20 trials, {size:.1f} MB, rekey {duration:.2f} s: {outcomes}"]


def test_report_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """Print the measured numbers (visible with -s or in the CI log)."""
    with capsys.disabled():
        for mode, lines in RESULTS.items():
            print(f"\ncrash {mode}: " + "; ".join(lines))
