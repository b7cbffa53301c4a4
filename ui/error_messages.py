"""Map clinic.errors to short, translated, actionable messages. Never raw exception text."""

from __future__ import annotations

from clinic import errors
from clinic.i18n import _


def message_for(exc: BaseException) -> str:
    if isinstance(exc, errors.VaultLocked):
        return _(
            "This vault is open in another copy of the app. Close that copy first, then"
            " unlock here."
        )
    if isinstance(exc, errors.UnlockDelayed):
        return _("Too many wrong passphrases. Wait {seconds} seconds, then try again.").format(
            seconds=max(1, round(exc.seconds))
        )
    if isinstance(exc, errors.WrongPassphrase):
        return _("That passphrase did not open this vault. Check it and try again.")
    if isinstance(exc, errors.PassphraseRejected):
        return _(str(exc))
    if isinstance(exc, errors.SchemaTooNew):
        return _("This vault was made by a newer version of the app. Update the app to open it.")
    if isinstance(exc, errors.VaultUnreadable):
        return _("The vault file cannot be opened. Check that it exists and is not in use.")
    if isinstance(exc, errors.VaultCorrupt):
        return _("The vault file is damaged. Open a backup instead.")
    if isinstance(exc, errors.DiskFull):
        return _("The disk is full: the last edit was not saved. Free some space.")
    if isinstance(exc, errors.VaultTampered):
        return _("The vault failed its integrity check. Open a backup instead.")
    if isinstance(exc, errors.NotFound):
        return _("That case is not in this vault any more.")
    if isinstance(exc, errors.Refused):
        return _("That was refused.")
    return _("Something went wrong. Nothing was changed.")
