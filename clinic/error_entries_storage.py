"""Error messages for storage: case files, passphrases, the vault file, backups, bundles.

Written as `clinic.error_entries.Entry`s; `clinic.error_catalogue` joins them with the rest.
"""

from __future__ import annotations

from dataclasses import replace

from clinic.error_entries import Entry, _whats
from clinic.i18n import N_

ENTRIES: dict[str, Entry] = {
    # -- case files and the vault's contents ---------------------------------------------
    "case_not_found": Entry(N_("That case is not in this vault any more.")),
    "case_exists": Entry(N_("A case with that id is already in the vault.")),
    "case_exists_use_replace": Entry(
        N_("A case with that id is already in the vault (use --replace).")
    ),
    "case_file_unreadable": Entry(N_("The case file could not be read.")),
    "case_file_not_utf8": Entry(N_("The case file is not UTF-8 text.")),
    "case_file_not_json": Entry(N_("The case file is not valid JSON (line {line})."), ("line",)),
    "case_file_invalid": Entry(
        N_("The case file is invalid at field {field} ({problem}). Problems found: {count}."),
        ("field", "problem", "count"),
    ),
    "stdin_not_utf8": Entry(N_("Standard input is not UTF-8 text.")),
    "migration_backup_failed": Entry(
        N_(
            "This vault is from an older version. Before updating it, the app keeps a backup"
            " beside it, and that backup could not be written (the disk may be full or the"
            " folder read-only). Nothing was changed."
        )
    ),
    # clinic/model/case_file.py: each says where, never what the file holds
    "case_file_too_large": Entry(
        N_("The case file is larger than {max_mib} MiB. No real case is; nothing was imported."),
        ("max_mib",),
    ),
    "case_file_bom": Entry(
        N_("The case file starts with a byte-order mark. Save it as plain UTF-8 text.")
    ),
    "case_file_too_deep": Entry(
        N_(
            "The case file is nested more than {max} levels deep. No real case is;"
            " nothing was imported."
        ),
        ("max",),
    ),
    "case_file_too_many_items": Entry(
        N_(
            "A list or object in the case file has more than {max} items. No real case has;"
            " nothing was imported."
        ),
        ("max",),
    ),
    "case_file_too_many_entries": Entry(
        N_(
            "The case file has more than {max} items in all. No real case has;"
            " nothing was imported."
        ),
        ("max",),
    ),
    "case_file_duplicate_key": Entry(
        N_("A key appears twice in one object of the case file. Each key may appear once.")
    ),
    "case_file_not_number": Entry(
        N_("The case file holds NaN or Infinity, which JSON does not allow.")
    ),
    "case_file_not_object": Entry(N_("The case file must hold one JSON object: a case.")),
    "case_file_bad_format": Entry(
        N_("The case file's format must be a whole number this version knows.")
    ),
    "case_file_too_new": Entry(
        N_("This case file was made by a newer version of the app. Update the app to import it.")
    ),
    "case_file_unknown_field": Entry(
        N_(
            "The case file has an unknown field at {field}. Unknown fields: {unknown}."
            " Problems found: {count}."
        ),
        ("field", "unknown", "count"),
    ),
    "case_file_field": Entry(
        N_("The case file is invalid at {field}. Problems found: {count}."),
        ("field", "count", "problem"),
        (
            "problem",
            {
                "missing": N_(
                    "The case file is invalid at {field}: this field is missing (a case file"
                    " holds every field, as clinic case export writes it)."
                    " Problems found: {count}."
                ),
                "type": N_(
                    "The case file is invalid at {field}: the value has the wrong type"
                    " (numbers unquoted, true or false unquoted). Problems found: {count}."
                ),
                "choice": N_(
                    "The case file is invalid at {field}: the value is not one of the allowed"
                    " ones. Problems found: {count}."
                ),
                "date": N_(
                    "The case file is invalid at {field}: not a date written YYYY-MM-DD."
                    " Problems found: {count}."
                ),
                "id": N_(
                    "The case file is invalid at {field}: not a lowercase UUID4 id."
                    " Problems found: {count}."
                ),
                "text_long": N_(
                    "The case file is invalid at {field}: the text is too long."
                    " Problems found: {count}."
                ),
                "text_lines": N_(
                    "The case file is invalid at {field}: control characters (or, in a short"
                    " field, line breaks) are not allowed. Problems found: {count}."
                ),
                "empty": N_(
                    "The case file is invalid at {field}: it must not be empty."
                    " Problems found: {count}."
                ),
                "too_many": N_(
                    "The case file is invalid at {field}: too many items. Problems found: {count}."
                ),
                "range": N_(
                    "The case file is invalid at {field}: the number is out of range."
                    " Problems found: {count}."
                ),
                "unique": N_(
                    "The case file is invalid at {field}: every id in a case must be unique."
                    " Problems found: {count}."
                ),
                "dates": N_(
                    "The case file is invalid at {field}: the status and the dates do not fit"
                    " (a closed case has a closed date, not before the opened date)."
                    " Problems found: {count}."
                ),
                "key": N_(
                    "The case file is invalid at {field}: one of its keys or values is not"
                    " allowed. Problems found: {count}."
                ),
                "exact": N_(
                    "The case file is invalid at {field}: not written the way the app writes"
                    " it (dates as YYYY-MM-DD). Problems found: {count}."
                ),
            },
        ),
    ),
    "initials_invalid": Entry(N_("Initials are 1 to {max} letters or digits."), ("max",)),
    "days_negative": Entry(N_("The number of days must be zero or more.")),
    # -- passphrases ----------------------------------------------------------------------
    "passphrase_nul": Entry(N_("The passphrase must not contain a NUL character.")),
    "passphrase_empty": Entry(N_("The passphrase must not be empty.")),
    "passphrase_too_short": Entry(
        N_("Use at least {min} characters you can see. A few unrelated words work well."),
        ("min",),
    ),
    "passphrase_too_long": Entry(N_("Use at most {max} characters."), ("max",)),
    "passphrase_invisible": Entry(
        N_(
            "The passphrase has no characters you can see. Invisible or combining"
            " characters alone cannot be typed again; choose a few words."
        )
    ),
    "passphrase_no_terminal": Entry(
        N_("There is no terminal to ask for the passphrase: use --passphrase-stdin.")
    ),
    "passphrases_differ": Entry(N_("The two passphrases are different.")),
    "passphrase_stdin_missing": Entry(N_("Expected a passphrase line on standard input.")),
    # -- the vault file (clinic/storage) --------------------------------------------------
    "file_missing": Entry(
        N_("The vault file does not exist."),
        ("what",),
        _whats(
            N_("The vault file does not exist."),
            N_("The backup file does not exist."),
            N_("The new vault file does not exist."),
        ),
    ),
    "file_unreadable": Entry(
        N_("The vault file cannot be read."),
        ("what",),
        _whats(
            N_("The vault file cannot be read."),
            N_("The backup file cannot be read."),
            N_("The new vault file cannot be read."),
        ),
    ),
    "file_empty": Entry(
        N_("The vault file is empty."),
        ("what",),
        _whats(
            N_("The vault file is empty."),
            N_("The backup file is empty."),
            N_("The new vault file is empty."),
        ),
    ),
    "file_plain_sqlite": Entry(
        N_("This is a plain, unencrypted SQLite file, not a vault."),
        ("what",),
        _whats(
            N_("This is a plain, unencrypted SQLite file, not a vault."),
            N_("This is a plain, unencrypted SQLite file, not a backup."),
            N_("This is a plain, unencrypted SQLite file, not a vault."),
        ),
    ),
    "file_truncated": Entry(
        N_("The vault file is truncated or damaged (its size is not whole pages)."),
        ("what",),
        _whats(
            N_("The vault file is truncated or damaged (its size is not whole pages)."),
            N_("The backup file is truncated or damaged (its size is not whole pages)."),
            N_("The new vault file is truncated or damaged (its size is not whole pages)."),
        ),
    ),
    "path_exists": Entry(
        N_("A file already exists at that path; choose another."),
        ("what",),
        _whats(
            N_("A file already exists at that path; choose another."),
            N_("A file already exists at the backup path; choose a new name."),
            N_("A file already exists at the new vault path; choose a new name."),
        ),
    ),
    "folder_missing": Entry(
        N_("The vault's folder does not exist."),
        ("what",),
        _whats(
            N_("The vault's folder does not exist."),
            N_("The folder for the backup does not exist."),
            N_("The folder for the new vault does not exist."),
        ),
    ),
    "folder_read_only": Entry(
        N_(
            "The vault's folder is read-only, so nothing could be saved there."
            " Move the vault to a folder you can write to."
        )
    ),
    "integrity_failed": Entry(
        N_(
            "The vault failed its integrity check ({count} damaged or altered pages; page {pages})."
            " It may have been damaged or changed; restore a backup."
        ),
        ("what", "count", "pages"),
        _whats(
            N_(
                "The vault failed its integrity check ({count} damaged or altered"
                " pages; page {pages}). It may have been damaged or changed; restore a backup."
            ),
            N_(
                "The backup failed its integrity check ({count} damaged or altered"
                " pages; page {pages}). It may have been damaged or changed; make a new backup."
            ),
            N_(
                "The new vault failed its integrity check ({count} damaged or altered"
                " pages; page {pages}). Nothing was restored."
            ),
        ),
    ),
    "altered": Entry(
        N_("The vault is damaged or was altered; restore a backup."),
        ("what",),
        _whats(
            N_("The vault is damaged or was altered; restore a backup."),
            N_("The backup is damaged or was altered; make a new backup."),
            N_("The new vault is damaged or was altered. Nothing was restored."),
        ),
    ),
    "structure_failed": Entry(
        N_("The vault failed its structure check; restore a backup."),
        ("what",),
        _whats(
            N_("The vault failed its structure check; restore a backup."),
            N_("The backup failed its structure check; make a new backup."),
            N_("The new vault failed its structure check. Nothing was restored."),
        ),
    ),
    "not_a_vault": Entry(N_("This encrypted file is not a Tech Safety Clinic vault.")),
    "vault_read_only": Entry(N_("The vault file cannot be written (read-only).")),
    "vault_busy": Entry(N_("The vault file is busy. Try again.")),
    "vault_not_read": Entry(N_("The vault could not be read.")),
    "vault_is_locked": Entry(N_("The vault is locked.")),
    "disk_write_failed": Entry(
        N_("The disk is full or could not be written: the last edit was not saved.")
    ),
    "sqlcipher_version": Entry(N_("This SQLCipher library is not version 4; refusing to open.")),
    "vault_setting_failed": Entry(
        N_("The vault setting {setting} could not be applied; refusing."), ("setting",)
    ),
    "journal_damaged": Entry(
        N_(
            "A crash left an unfinished save that cannot be undone safely. The vault and its"
            " journal were left exactly as they were. Restore a backup."
        )
    ),
    "journal_no_room": Entry(
        N_(
            "A crash left an unfinished save, and there is no room to keep a copy of the"
            " vault while it is undone. Free some space, then try again."
        )
    ),
    "journal_mode_failed": Entry(N_("The vault journal mode could not be applied; refusing.")),
    "journal_left": Entry(
        N_(
            "A crash left an unfinished save beside the vault (its -journal file)."
            " Open the vault once with the app to finish it; then check again."
        )
    ),
    "vault_in_use_process": Entry(
        N_("The vault is in use by another copy of the app (process {pid}). Close it first."),
        ("pid",),
    ),
    "vault_in_use_stale_process": Entry(
        N_(
            "The vault is in use by another copy of the app (process {pid}). Close it first;"
            " if none is running, delete the file ending in .lock beside the vault."
        ),
        ("pid",),
    ),
    "vault_in_use_elsewhere": Entry(
        N_(
            "The vault is in use on another computer. If it is not, close the app there,"
            " or delete the file ending in .lock beside the vault."
        )
    ),
    # -- backups (clinic/storage/backup.py) -----------------------------------------------
    "backup_wrong_passphrase": Entry(N_("Wrong backup passphrase, or the file is not a backup.")),
    "backup_damaged": Entry(N_("The backup file is damaged or incomplete. Nothing was restored.")),
    "backup_too_new": Entry(
        N_("This backup was made by a newer version of the app. Update the app to restore it.")
    ),
    "not_a_backup": Entry(N_("This encrypted file is not a Tech Safety Clinic backup.")),
}

# A case bundle (`what="bundle"`) has its own whole sentences for the file checks.
_BUNDLE_VARIANTS = {
    "file_missing": N_("The bundle file does not exist."),
    "file_unreadable": N_("The bundle file cannot be read."),
    "file_empty": N_("The bundle file is empty."),
    "file_plain_sqlite": N_("This is a plain, unencrypted SQLite file, not a bundle."),
    "file_truncated": N_("The bundle file is truncated or damaged (its size is not whole pages)."),
    "path_exists": N_("A file already exists at the bundle path; choose a new name."),
    "folder_missing": N_("The folder for the bundle does not exist."),
    "integrity_failed": N_(
        "The bundle failed its integrity check ({count} damaged or altered pages; page"
        " {pages}). Nothing was imported."
    ),
    "altered": N_("The bundle is damaged or was altered. Nothing was imported."),
    "structure_failed": N_("The bundle failed its structure check. Nothing was imported."),
}
for _code, _message in _BUNDLE_VARIANTS.items():
    _entry = ENTRIES[_code]
    assert _entry.variants is not None
    _name, _table = _entry.variants
    ENTRIES[_code] = replace(_entry, variants=(_name, {**_table, "bundle": _message}))
