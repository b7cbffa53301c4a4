"""Inventory edits (people, devices, accounts), the use case behind the Inventory stage.

Removing an entry also clears every id that points at it in the other records (an owner,
"signed in on", a checklist run's target...), so no record is left pointing at nothing.
Plain functions on an in-memory Case and its CaseRepository; each returns what changed.
"""

from __future__ import annotations

from clinic.model import Case, Entity
from clinic.services.editing import delete_record, save_record
from clinic.storage import CaseRepository

INVENTORY_KINDS = ("people", "devices", "accounts")

# Fields holding one id, and fields holding a list of ids, per record kind.
_SINGLE: dict[str, tuple[str, ...]] = {
    "devices": ("owner_id", "main_user_id", "paid_by_id", "set_up_by_id"),
    "accounts": (
        "owner_id",
        "recovery_email_controlled_by",
        "recovery_phone_controlled_by",
        "plan_organizer_id",
        "paid_by_id",
    ),
    "checklist_runs": ("target_id",),
    "findings": ("target_id",),
    "phone_checks": ("device_id",),
}
_MULTI: dict[str, tuple[str, ...]] = {
    "devices": ("passcode_known_by", "physical_access"),
    "accounts": ("password_known_by", "signed_in_on", "shared_with"),
}


def clear_references(case: Case, entity_id: str) -> list[tuple[str, Entity]]:
    """Drop `entity_id` from every reference field of the case; returns the changed records."""
    changed: list[tuple[str, Entity]] = []
    for kind in sorted(set(_SINGLE) | set(_MULTI)):
        for record in getattr(case, kind):
            touched = False
            for name in _SINGLE.get(kind, ()):
                if getattr(record, name) == entity_id:
                    setattr(record, name, None)
                    touched = True
            for name in _MULTI.get(kind, ()):
                ids: list[str] = getattr(record, name)
                if entity_id in ids:
                    setattr(record, name, [i for i in ids if i != entity_id])
                    touched = True
            if touched:
                changed.append((kind, record))
    return changed


def save_entry(repo: CaseRepository, case: Case, kind: str, entry: Entity) -> None:
    """Store a new or edited inventory entry (added to the case if it is new)."""
    _check_kind(kind)
    save_record(repo, case, kind, entry)


def remove_entry(
    repo: CaseRepository, case: Case, kind: str, entry_id: str
) -> list[tuple[str, Entity]]:
    """Delete an inventory entry and clear the references to it; returns the changed records.

    The changed records are stored first, then the entry is deleted, so an interruption
    never leaves a stored reference to a deleted entry.
    """
    _check_kind(kind)
    changed = clear_references(case, entry_id)
    for ref_kind, record in changed:
        save_record(repo, case, ref_kind, record)
    delete_record(repo, case, kind, entry_id)
    return changed


def _check_kind(kind: str) -> None:
    if kind not in INVENTORY_KINDS:
        raise ValueError(f"not an inventory kind: {kind!r}")
