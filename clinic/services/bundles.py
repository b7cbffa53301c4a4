"""Hand a case to another laptop in an encrypted bundle, and receive one.

Both doors (the CLI's `case bundle` / `case receive` and the GUI's "Hand over to another
laptop..." / "Receive a case...") call these functions. A bundle holds the case in the
interchange format, so receiving validates it exactly like `case import` and keeps every id.
A practice case never travels into a real vault, nor a real case into a practice vault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clinic.errors import Refused, WrongPassphrase
from clinic.services.lifecycle import AuditAction, Now, _utc_now, audit, clean_initials
from clinic.services.unlock_delay import UnlockDelay
from clinic.storage import CaseRepository, Vault
from clinic.storage.bundle import BundleContents, read_bundle, store_received, write_bundle
from clinic.storage.settings_store import is_practice_vault
from clinic.storage.vault import DEFAULT_KEY, KeySettings


@dataclass(frozen=True)
class Received:
    case_id: str
    replaced: bool


def bundle_case(
    vault: Vault,
    case_id: str,
    out: Path,
    bundle_passphrase: str,
    initials: str,
    now: Now = _utc_now,
) -> None:
    """Write the case to the new bundle `out` with its own passphrase; audit 'bundled'."""
    from clinic.model.case_file import dump_case

    clean_initials(initials)
    case = CaseRepository(vault).load(case_id)
    practice = is_practice_vault(vault)
    write_bundle(Path(out), dump_case(case), bundle_passphrase, vault.key, practice=practice)
    audit(vault, initials, AuditAction.BUNDLED, now)


def open_bundle_case(
    bundle: Path,
    bundle_passphrase: str,
    key: KeySettings = DEFAULT_KEY,
    clock: Callable[[], float] | None = None,
) -> BundleContents:
    """The bundle's case JSON and whether it came from a practice vault.

    Obeys and counts the failed-unlock delay of the bundle file, as for vaults and backups.
    """
    delay = UnlockDelay(Path(bundle)) if clock is None else UnlockDelay(Path(bundle), clock)
    delay.check()
    try:
        raw = read_bundle(Path(bundle), bundle_passphrase, key)
    except WrongPassphrase:
        delay.failed()
        raise
    delay.succeeded()
    return raw


def receive_case(
    vault: Vault,
    contents: BundleContents,
    *,
    replace: bool,
    initials: str,
    today: dt.date | None = None,
    now: Now = _utc_now,
) -> Received:
    """Validate the bundle's case like `case import` and store it; audit 'received'."""
    from clinic.model.case_file import parse_case_bytes

    clean_initials(initials)
    from clinic.services.training import check_case_fits_vault

    case = parse_case_bytes(contents.case_json)  # InvalidInput (5) naming the field only
    practice_vault = is_practice_vault(vault)
    if contents.practice and not practice_vault:
        raise Refused("practice_case_in_real_vault")
    check_case_fits_vault(vault, case)
    on = (today or dt.date.today()).isoformat()
    replaced = store_received(vault, case, replace=replace, on=on)
    audit(vault, initials, AuditAction.RECEIVED, now)
    return Received(case.id, replaced)
