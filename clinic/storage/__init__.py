"""Encrypted storage: the only package that touches sqlcipher3.

Names are loaded on first use (PEP 562), so opening a vault or listing cases does not
import the case models (pydantic) that the repository needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clinic.storage.audit import record_audit
    from clinic.storage.case_list import CaseSummary
    from clinic.storage.repositories import CaseRepository, dump_json
    from clinic.storage.vault import (
        DEFAULT_KEY,
        KeySettings,
        Vault,
        check_integrity,
        check_new_passphrase,
    )

_WHERE = {
    "CaseSummary": "case_list",
    "CaseRepository": "repositories",
    "dump_json": "repositories",
    "record_audit": "audit",
    "DEFAULT_KEY": "vault",
    "KeySettings": "vault",
    "Vault": "vault",
    "check_integrity": "vault",
    "check_new_passphrase": "vault",
}

__all__ = [
    "DEFAULT_KEY",
    "CaseRepository",
    "CaseSummary",
    "KeySettings",
    "Vault",
    "check_integrity",
    "check_new_passphrase",
    "dump_json",
    "record_audit",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
