"""Encrypted storage: the only package that touches sqlcipher3."""

from clinic.storage.repositories import CaseRepository, CaseSummary, dump_json, record_audit
from clinic.storage.vault import (
    DEFAULT_KEY,
    KeySettings,
    Vault,
    check_integrity,
    check_new_passphrase,
)

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
