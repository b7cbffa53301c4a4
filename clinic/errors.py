"""Typed errors with stable codes. The UI and the CLI render them in one place.

An error carries a `code` (a key of `clinic.error_catalogue.CATALOGUE`) and its parameters
as data (`params`: counts, field names, positions; never case data, never user input).
The class gives the family and the CLI exit code; `code` defaults to the class's own code,
and a raise site may name a more specific one: `raise VaultCorrupt("vault_file_empty")`.
`str(exc)` is the English message, for logs and tests; people see
`clinic.error_catalogue.render(exc)`, in the interface language.

A new error: a code here or at the raise site, one entry in the catalogue, its Spanish in
resources/translations/es/LC_MESSAGES/clinic.po (docs/ARCHITECTURE.md, "Errors").
"""

from __future__ import annotations

Param = str | int


class ClinicError(Exception):
    """Base class. `code` is stable; `exit_code` is what the CLI returns."""

    code = "error"
    exit_code = 1

    def __init__(self, code: str | None = None, /, **params: Param) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, Param] = dict(params)
        super().__init__(self.code)

    def __str__(self) -> str:
        from clinic.error_catalogue import english

        return english(self)


class UsageError(ClinicError):
    code = "usage"
    exit_code = 2


class WrongPassphrase(ClinicError):
    code = "wrong_passphrase"
    exit_code = 3


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
        super().__init__(None, seconds=max(1, round(seconds)))


class VaultTampered(ClinicError):
    code = "vault_tampered"
    exit_code = 7


class JournalDamaged(VaultTampered):
    """A crash left an unfinished save whose journal would not roll back cleanly."""

    code = "journal_damaged"
