"""After a delete or a purge no byte of the case is left in any page (issue 15, #4; T20).

Every page of the vault file is decrypted with the test's own SQLCipher 4 decryptor
(tests/pagecrypt.py, each page's HMAC verified, freelist pages included) and searched
for a marker the case carried in every text field, across several layouts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from clinic.model import Case
from clinic.model.vocab import CaseStatus
from clinic.services import lifecycle
from clinic.services.demo import generate
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.conftest import FIXED_TODAY, PASSPHRASE
from tests.factories import with_marker_everywhere
from tests.pagecrypt import plaintext

MARK = "QZXDELETED"
RESULTS: dict[str, tuple[int, int]] = {}  # layout -> (hits before, hits after)


def _hits(vault: Vault, key: KeySettings) -> int:
    data = plaintext(vault.path, PASSPHRASE, key.kdf_iter, check_hmac=True)
    return data.count(MARK.encode())


def _fill(repo: CaseRepository, cases: list[Case], marked: Case, at: int) -> None:
    for n, case in enumerate(cases):
        if n == at:
            repo.add(marked)
        repo.add(case)


def _edit_many(repo: CaseRepository, marked: Case, others: list[Case]) -> None:
    """Autosave-sized edits on the marked case and its neighbours: rows grow and move."""
    for round_ in range(6):
        for case in [marked, *others[:5]]:
            for device in case.devices:
                grown = device.model_copy(update={"notes": (device.notes or "") + " x" * 40})
                repo.save_entity(case.id, "devices", grown)
            if round_ % 2:
                repo.save(case)


def _layout(name: str, protocol_set: object) -> Callable[[CaseRepository, Case], None]:
    def small(repo: CaseRepository, marked: Case) -> None:
        cases = generate(2, 2, False, FIXED_TODAY, protocol_set)[1:]  # type: ignore[arg-type]
        _fill(repo, cases, marked, 1)

    def two_hundred(repo: CaseRepository, marked: Case) -> None:
        cases = generate(3, 200, False, FIXED_TODAY, protocol_set)[1:]  # type: ignore[arg-type]
        _fill(repo, cases, marked, 100)

    def large_first(repo: CaseRepository, marked: Case) -> None:
        repo.add(marked)
        for case in generate(4, 30, True, FIXED_TODAY, protocol_set)[1:]:  # type: ignore[arg-type]
            repo.add(case)

    def many_edits(repo: CaseRepository, marked: Case) -> None:
        cases = generate(5, 40, False, FIXED_TODAY, protocol_set)[1:]  # type: ignore[arg-type]
        _fill(repo, cases, marked, 20)
        _edit_many(repo, repo.load(marked.id), [repo.load(c.id) for c in cases[18:24]])

    return {
        "small": small,
        "200 cases": two_hundred,
        "large case after": large_first,
        "many edits": many_edits,
    }[name]


LAYOUTS = ("small", "200 cases", "large case after", "many edits")


@pytest.fixture
def marked(demo_case: Case) -> Case:
    case, fields = with_marker_everywhere(demo_case, MARK)
    assert fields > 60
    # A referral's entry_id names an entry of the clinic's directory, not the survivor's
    # words: the statistics keep it (as a referral kind) after a purge, so it is not marked.
    referrals = [r.model_copy(update={"entry_id": None}) for r in case.referrals]
    return case.model_copy(update={"referrals": referrals})


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("how", ["delete", "purge"])
def test_no_byte_of_a_deleted_case_is_left_in_any_page(
    vault_path: Path,
    fast_key: KeySettings,
    marked: Case,
    protocol_set: object,
    layout: str,
    how: str,
) -> None:
    closed = FIXED_TODAY - dt.timedelta(days=400)
    if how == "purge":
        marked = marked.model_copy(
            update={"status": CaseStatus.CLOSED, "closed": closed, "opened": closed}
        )
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        _layout(layout, protocol_set)(repo, marked)
        before = _hits(vault, fast_key)
        assert before > 60  # the decryptor reads the case's text before the delete
        ids = {c.id for c in repo.list_cases()}
        if how == "delete":
            lifecycle.delete_case(vault, marked.id, "AB")
            gone = 1
        else:  # the marked case and any demo case closed over a year ago
            gone = lifecycle.purge_closed(vault, 365, FIXED_TODAY, "AB")
        after = _hits(vault, fast_key)
        RESULTS[f"{how} / {layout}"] = (before, after)
        assert after == 0
        left = {c.id for c in repo.list_cases()}
        assert marked.id not in left
        assert left <= ids
        assert len(ids) - len(left) == gone
        assert vault.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    for sidecar in ("-journal", "-wal"):
        assert not vault_path.with_name(vault_path.name + sidecar).exists()


def test_purge_with_nothing_to_purge_still_compacts(
    vault_path: Path, fast_key: KeySettings, marked: Case, protocol_set: object
) -> None:
    """Text freed earlier (a record deleted, not compacted) is gone after any purge."""
    with Vault.create(vault_path, PASSPHRASE, fast_key) as vault:
        repo = CaseRepository(vault)
        _layout("200 cases", protocol_set)(repo, marked)
        for kind in ("devices", "accounts", "people"):
            for entity in getattr(marked, kind):
                repo.delete_entity(marked.id, kind, entity.id)
        lifecycle.purge_closed(vault, 365, FIXED_TODAY, "AB")  # nothing is old enough
        data = plaintext(vault.path, PASSPHRASE, fast_key.kdf_iter, check_hmac=True)
        deleted = {
            m
            for kind in ("devices", "accounts", "people")
            for entity in getattr(marked, kind)
            for m in re.findall(MARK + r"\d+", entity.model_dump_json())
        }
        assert len(deleted) > 10
        left = set(re.findall(MARK.encode() + rb"\d+", data))
        assert not {m.encode() for m in deleted} & left
        assert vault.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
