"""Removing an inventory entry: clear every id that points at it in the other records (no Qt)."""

from __future__ import annotations

from clinic.model import Case, Entity

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
