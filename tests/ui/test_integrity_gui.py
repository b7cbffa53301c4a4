"""The GUI's unlock with the integrity check on a second connection (issue 15 #1).

A healthy vault: the case list is shown, and the "unlocked" audit row is written once the
check has passed. A vault with one flipped bit: the list may show for a moment, then the
session locks and the unlock view says the vault failed its integrity check; the file is
byte-identical (nothing was written, not even the audit row).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pytestqt.qtbot import QtBot

from clinic.services import lifecycle
from clinic.services.demo import generate
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import FIXED_TODAY, PASSPHRASE
from tests.ui.conftest import WindowFactory, unlock


def _vault(path: Path, key: KeySettings, protocol_set: object) -> Path:
    cases = generate(9, 200, False, FIXED_TODAY, protocol_set)  # type: ignore[arg-type]
    with Vault.create(path, PASSPHRASE, key) as vault:
        CaseRepository(vault).put_all(cases)
    return path


def test_healthy_vault_lists_at_once_and_audits_after_the_check(
    qtbot: QtBot,
    make_window: WindowFactory,
    tmp_path: Path,
    fast_key: KeySettings,
    protocol_set: object,
) -> None:
    path = _vault(tmp_path / "ok.vault", fast_key, protocol_set)
    window = make_window(path)
    unlock(qtbot, window)
    assert window.cases_view.model.rowCount() == 201
    qtbot.waitUntil(lambda: not window.session.tasks.busy, timeout=10_000)
    vault = window.session._vault
    assert vault is not None
    with window.session._db:
        assert [e.action for e in lifecycle.read_audit(vault)] == ["unlocked"]


def test_damaged_vault_locks_with_the_integrity_message_and_is_untouched(
    qtbot: QtBot,
    make_window: WindowFactory,
    tmp_path: Path,
    fast_key: KeySettings,
    protocol_set: object,
) -> None:
    path = _vault(tmp_path / "bad.vault", fast_key, protocol_set)
    data = bytearray(path.read_bytes())
    data[17 * 4096 + 1500] ^= 0x10  # page 18
    path.write_bytes(bytes(data))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    window = make_window(path)
    with qtbot.waitSignal(window.session.unlock_failed, timeout=10_000) as failed:
        unlock(qtbot, window)
    assert type(failed.args[0]).__name__ == "VaultTampered"
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5_000)
    assert window.stack.currentWidget() is window.unlock_view
    assert "integrity check" in window.unlock_view.error.text()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
