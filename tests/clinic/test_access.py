"""One writer per vault (T08) and the failed-unlock delay (T27), across processes and restarts."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic.errors import UnlockDelayed, VaultLocked, WrongPassphrase
from clinic.services import lifecycle
from clinic.services.unlock_delay import MAX_DELAY, UnlockDelay, delay_after, delay_path
from clinic.storage import KeySettings, Vault
from clinic.storage.writer_lock import VaultLock, lock_path
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def made_vault(vault_path: Path, fast_key: KeySettings) -> Path:
    Vault.create(vault_path, PASSPHRASE, fast_key).close()
    return vault_path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- one writer --------------------------------------------------------------------------
def _holder(vault: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock, says so, then waits for stdin to close."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from clinic.storage.writer_lock import VaultLock\n"
        f"lock = VaultLock.acquire(Path({str(vault)!r}))\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_instance_is_refused_then_stale_lock_recovered(
    made_vault: Path, fast_key: KeySettings
) -> None:
    proc = _holder(made_vault)
    try:
        for _ in range(20):
            with pytest.raises(VaultLocked, match="in use by another copy") as info:
                lifecycle.open_for_writing(made_vault, PASSPHRASE, fast_key)
            assert f"process {proc.pid}" in str(info.value)
        owner = json.loads(lock_path(made_vault).read_text())
        assert owner["pid"] == proc.pid
    finally:
        proc.kill()  # a crash: the lock file stays behind
        proc.wait(timeout=10)
    assert lock_path(made_vault).exists()
    vault = lifecycle.open_for_writing(made_vault, PASSPHRASE, fast_key)
    assert json.loads(lock_path(made_vault).read_text())["pid"] == os.getpid()
    vault.close()
    assert not lock_path(made_vault).exists()


def test_same_process_cannot_open_twice_but_can_pass_its_lock(
    made_vault: Path, fast_key: KeySettings
) -> None:
    with VaultLock.acquire(made_vault) as held:
        with pytest.raises(VaultLocked):
            VaultLock.acquire(made_vault)
        vault = lifecycle.open_for_writing(made_vault, PASSPHRASE, fast_key, held_lock=held)
        vault.close()
        assert held.held
        assert lock_path(made_vault).exists()
    assert not lock_path(made_vault).exists()


def test_lock_from_another_computer_is_never_taken_over(made_vault: Path) -> None:
    lock_path(made_vault).write_text(json.dumps({"pid": 1, "host": "other-laptop"}))
    with pytest.raises(VaultLocked, match="another computer"):
        VaultLock.acquire(made_vault)
    assert json.loads(lock_path(made_vault).read_text())["host"] == "other-laptop"


def test_cli_write_commands_respect_the_lock(made_vault: Path, tmp_path: Path) -> None:
    from tests.cli_helpers import run_cli

    before = _sha(made_vault)
    with VaultLock.acquire(made_vault):
        for args in (
            ("case", "list", str(made_vault)),
            ("case", "delete", str(made_vault), "x"),
            ("vault", "purge", str(made_vault), "--closed-before", "30"),
            ("vault", "backup", str(made_vault), str(tmp_path / "b.backup")),
        ):
            proc = run_cli(*args, "--passphrase-stdin", stdin=PASSPHRASE + "\n")
            assert proc.returncode == 6, args
            assert b"in use by another copy" in proc.stderr
    assert _sha(made_vault) == before
    assert not (tmp_path / "b.backup").exists()


# -- failed unlocks ---------------------------------------------------------------------
def test_delay_schedule_grows_to_the_cap() -> None:
    delays = [delay_after(n) for n in range(1, 21)]
    assert delays[:2] == [0, 0]
    assert delays[2] < delays[3] < delays[4]
    assert delays[4] >= 30  # after the 5th wrong passphrase (reliability plan T27)
    assert max(delays) == MAX_DELAY


def test_twenty_wrong_passphrases_with_a_restart_wipe_nothing(
    made_vault: Path, fast_key: KeySettings
) -> None:
    before = _sha(made_vault)
    clock = FakeClock()
    imposed = []
    for attempt in range(20):
        assert UnlockDelay(made_vault, clock).seconds_left() == 0
        with pytest.raises(WrongPassphrase):
            lifecycle.open_for_writing(made_vault, "wrong passphrase!", fast_key, clock=clock)
        if attempt == 9:  # a restart: a new clock and a new object read the same file
            clock = FakeClock(clock.now)
        imposed.append(UnlockDelay(made_vault, clock).seconds_left())
        if imposed[-1]:  # even the right passphrase waits
            with pytest.raises(UnlockDelayed, match="Wait"):
                lifecycle.open_for_writing(made_vault, PASSPHRASE, fast_key, clock=clock)
        clock.now += imposed[-1]  # wait out the delay (simulated time)
    assert imposed[:2] == [0, 0]
    assert 0 < imposed[2] < imposed[3] < imposed[4]
    assert imposed[4:] == [MAX_DELAY] * 16
    assert UnlockDelay(made_vault, clock).failures == 20
    assert _sha(made_vault) == before
    vault = lifecycle.open_for_writing(made_vault, PASSPHRASE, fast_key, clock=clock)
    vault.close()
    assert not delay_path(made_vault).exists()  # success resets the count


def test_delay_is_not_bypassed_by_a_clock_set_back(made_vault: Path) -> None:
    clock = FakeClock()
    delay = UnlockDelay(made_vault, clock)
    for _ in range(5):
        delay.failed()
    clock.now -= 3600
    assert delay.seconds_left() == MAX_DELAY
    clock.now += 3600 + MAX_DELAY
    assert delay.seconds_left() == 0


def test_delay_file_is_small_private_and_holds_no_secret(made_vault: Path) -> None:
    UnlockDelay(made_vault).failed()
    path = delay_path(made_vault)
    assert path.stat().st_mode & 0o777 == 0o600
    assert set(json.loads(path.read_text())) == {"failures", "last_failure"}


def test_cli_honours_the_delay_and_vault_check_writes_only_the_count(made_vault: Path) -> None:
    from tests.cli_helpers import run_cli

    for _ in range(3):
        proc = run_cli("case", "list", str(made_vault), "--passphrase-stdin", stdin="nope nope!\n")
        assert proc.returncode == 3
    assert UnlockDelay(made_vault).failures == 3
    proc = run_cli("case", "list", str(made_vault), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert proc.returncode == 6
    assert b"Too many wrong passphrases" in proc.stderr
    listing = sorted(p.name for p in made_vault.parent.iterdir())
    vault_bytes = _sha(made_vault)
    # issue 15 #6: `vault check` obeys the delay too (it used to answer "ok" during one)
    for stdin in ("nope nope!\n", PASSPHRASE + "\n"):
        proc = run_cli("vault", "check", str(made_vault), "--passphrase-stdin", stdin=stdin)
        assert proc.returncode == 6
        assert b"ok" not in proc.stdout
    assert UnlockDelay(made_vault).failures == 3
    _age_delay(made_vault)
    proc = run_cli("vault", "check", str(made_vault), "--passphrase-stdin", stdin="nope nope!\n")
    assert proc.returncode == 3
    assert UnlockDelay(made_vault).failures == 4  # ... and counts a wrong guess
    assert sorted(p.name for p in made_vault.parent.iterdir()) == listing
    _age_delay(made_vault)
    proc = run_cli("vault", "check", str(made_vault), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert proc.returncode == 0
    assert not delay_path(made_vault).exists()  # the one file it may write: the count
    assert _sha(made_vault) == vault_bytes


def _age_delay(vault: Path) -> None:
    """Move the last failure an hour back, as if the volunteer had waited."""
    path = delay_path(vault)
    record = json.loads(path.read_text())
    record["last_failure"] -= 3600
    path.write_text(json.dumps(record))
