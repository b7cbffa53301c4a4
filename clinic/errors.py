"""Typed errors with stable codes. The UI and the CLI map them to messages in one place.

Messages never contain case data or the passphrase.
"""

from __future__ import annotations


class ClinicError(Exception):
    """Base class. `code` is stable; `exit_code` is what the CLI returns."""

    code = "error"
    exit_code = 1


class UsageError(ClinicError):
    code = "usage"
    exit_code = 2


class WrongPassphrase(ClinicError):
    code = "wrong_passphrase"
    exit_code = 3

    def __init__(self, message: str = "Wrong passphrase, or not a vault.") -> None:
        super().__init__(message)


class PassphraseRejected(ClinicError):
    """A new passphrase does not meet the rules."""

    code = "passphrase_rejected"
    exit_code = 2


class VaultCorrupt(ClinicError):
    code = "vault_corrupt"
    exit_code = 4


class VaultUnreadable(VaultCorrupt):
    code = "vault_unreadable"


class SchemaTooNew(VaultCorrupt):
    code = "schema_too_new"


class VaultLocked(ClinicError):
    """Another instance of the app holds this vault."""

    code = "vault_in_use"
    exit_code = 6


class DiskFull(ClinicError):
    code = "disk_full"
    exit_code = 4


class InvalidInput(ClinicError):
    code = "invalid_input"
    exit_code = 5


class Refused(ClinicError):
    code = "refused"
    exit_code = 6


class NotFound(Refused):
    code = "not_found"


class UnlockDelayed(Refused):
    """Too many wrong passphrases in a row: wait `seconds` before the next attempt."""

    code = "unlock_delayed"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Too many wrong passphrases. Wait {max(1, round(seconds))} seconds, then try again."
        )


class VaultTampered(ClinicError):
    code = "vault_tampered"
    exit_code = 7
