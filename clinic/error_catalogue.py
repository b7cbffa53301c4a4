"""The one table from error code to message: both the GUI and the CLI render errors here.

Every `clinic.errors.ClinicError` carries a `code` and its parameters as data. This module
maps each code to an English message marked with `N_` (extracted to the gettext catalogue,
translated in resources/translations/<lang>/LC_MESSAGES/clinic.po) and names the parameters
the message uses. `render(exc)` gives the message in the interface language; `str(exc)` is
the English one, for logs and tests. An error this table does not know is shown as its
family's message (the class's own code), never as raw exception text.

A message may have whole-sentence variants chosen by one parameter (`variants`), so a
translator always sees full sentences (e.g. "The backup file is empty." next to "The vault
file is empty."), never a noun spliced into a sentence.

Parameters are counts, positions, field names or fixed words, never case data or anything a
person typed. Adding an error: docs/ARCHITECTURE.md, "Errors".
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from clinic.errors import ClinicError
from clinic.i18n import N_, current_language, translation

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Entry:
    message: str
    params: tuple[str, ...] = ()
    # (parameter, {value: whole message}): the value of that parameter picks the sentence.
    variants: tuple[str, Mapping[str, str]] | None = None

    def messages(self) -> list[str]:
        """The message and every variant (what a translator sees)."""
        extra = list(self.variants[1].values()) if self.variants else []
        return [self.message, *extra]

    def pick(self, params: Mapping[str, object]) -> str:
        if self.variants is not None:
            name, table = self.variants
            value = params.get(name)
            if isinstance(value, str) and value in table:
                return table[value]
        return self.message


def _whats(vault: str, backup: str, new_vault: str) -> tuple[str, Mapping[str, str]]:
    """Variants by the kind of file (`what`): the open vault, a backup, a restored vault."""
    return ("what", {"vault": vault, "backup": backup, "new vault": new_vault})


UNEXPECTED = "error"
"""The code shown for anything that is not a ClinicError (never its text)."""

CATALOGUE: dict[str, Entry] = {
    # -- families (each class's own code) -------------------------------------------------
    "error": Entry(N_("Something went wrong. Nothing was changed.")),
    "internal": Entry(N_("Internal error ({kind}). Nothing was changed."), ("kind",)),
    "interrupted": Entry(N_("Interrupted.")),
    "usage": Entry(N_("That command was not used correctly. See clinic --help.")),
    "wrong_passphrase": Entry(
        N_(
            "That passphrase did not open this vault, or the file is not a vault."
            " Check it and try again."
        )
    ),
    "passphrase_rejected": Entry(N_("That passphrase cannot be used. Choose another one.")),
    "vault_corrupt": Entry(N_("The vault file is damaged. Open a backup instead.")),
    "vault_unreadable": Entry(
        N_("The vault file cannot be opened. Check that it exists and is not in use.")
    ),
    "schema_too_new": Entry(
        N_("This vault was made by a newer version of the app. Update the app to open it.")
    ),
    "vault_in_use": Entry(
        N_("The vault is in use by another copy of the app. Close that copy first.")
    ),
    "disk_full": Entry(N_("The disk is full: the last edit was not saved. Free some space.")),
    "invalid_input": Entry(N_("That file or value was refused. Nothing was changed.")),
    "refused": Entry(N_("That was refused. Nothing was changed.")),
    "not_found": Entry(N_("That is not in this vault any more.")),
    "unlock_delayed": Entry(
        N_("Too many wrong passphrases. Wait {seconds} seconds, then try again."), ("seconds",)
    ),
    "vault_tampered": Entry(N_("The vault failed its integrity check. Open a backup instead.")),
    # -- the phone check (clinic/phonecheck/adb.py) --------------------------------------
    "adb_problem": Entry(
        N_("The phone check could not talk to the phone. Check the cable and try again.")
    ),
    "adb_missing": Entry(
        N_(
            "adb was not found. Install Android platform-tools and put adb on PATH,"
            " or use a package list instead."
        )
    ),
    "no_device": Entry(
        N_(
            "No phone found. Connect it with a data cable, unlock it, and turn on USB"
            " debugging in Developer options."
        )
    ),
    "device_unauthorized": Entry(
        N_(
            "The phone has not allowed this laptop yet. Unlock it and accept the"
            " 'Allow USB debugging?' prompt, then try again."
        )
    ),
    "several_devices": Entry(
        N_("More than one phone is connected. Leave only one connected, then try again.")
    ),
    "device_offline": Entry(
        N_("The phone is connected but not responding. Unplug it, plug it back in, and unlock it.")
    ),
    "adb_timeout": Entry(
        N_("The phone did not answer in time. Unlock it, check the cable, and try again.")
    ),
    "adb_not_allowed": Entry(N_("This command is not on the phone check's read-only list.")),
    # -- the iPhone check (clinic/phonecheck/iphone.py) ----------------------------------
    "iphone_problem": Entry(
        N_("The iPhone could not be read. Unplug it, plug it back in, unlock it, and try again.")
    ),
    "iphone_tool_missing": Entry(
        N_(
            "pymobiledevice3 was not found. Install the iPhone extra (see the README),"
            " or type the app names instead."
        )
    ),
    "iphone_none": Entry(
        N_(
            "No iPhone found. Connect it with a cable and unlock it. On Linux, the usbmuxd"
            " service must be running."
        )
    ),
    "iphone_several": Entry(
        N_("More than one iPhone is connected. Leave only one connected, then try again.")
    ),
    "iphone_locked": Entry(
        N_("The iPhone is locked. Unlock it, stay on the home screen, and try again.")
    ),
    "iphone_not_trusted": Entry(
        N_(
            "The iPhone does not trust this laptop yet. Unlock it, tap Trust, enter the"
            " passcode, then try again."
        )
    ),
    "iphone_trust_refused": Entry(
        N_(
            "The iPhone answered Don't Trust. If the survivor agrees, unplug it, plug it back"
            " in and tap Trust; or type the app names instead."
        )
    ),
    "iphone_timeout": Entry(
        N_("The iPhone did not answer in time. Unlock it, check the cable, and try again.")
    ),
    "iphone_bad_answer": Entry(
        N_("pymobiledevice3 gave an answer this app cannot read. Check its version (README).")
    ),
    "iphone_not_allowed": Entry(N_("This command is not on the iPhone check's read-only list.")),
    # -- indicator files (clinic/phonecheck/indicators.py, store.py) ---------------------
    "indicator_file_unreadable": Entry(N_("The indicator file could not be read.")),
    "indicator_too_large": Entry(
        N_("The indicator file is too large to be ioc.yaml or watchware.yaml.")
    ),
    "indicator_not_utf8": Entry(N_("The indicator file is not UTF-8 text.")),
    "indicator_bad_yaml": Entry(N_("The indicator file is not valid YAML.")),
    "indicator_bad_yaml_line": Entry(
        N_("The indicator file is not valid YAML (line {line})."), ("line",)
    ),
    "indicator_not_list": Entry(
        N_("The indicator file must be a YAML list of app families (like ioc.yaml).")
    ),
    "indicator_no_packages": Entry(N_("The indicator file lists no package ids.")),
    "indicator_entry_not_mapping": Entry(
        N_("Indicator entry {entry} is not a mapping."), ("entry",)
    ),
    "indicator_entry_missing": Entry(
        N_("Indicator entry {entry} has no {field}."), ("entry", "field")
    ),
    "indicator_entry_not_text": Entry(
        N_("Indicator entry {entry}, field {field}: expected text."), ("entry", "field")
    ),
    "indicator_entry_not_line": Entry(
        N_("Indicator entry {entry}, field {field}: expected one short line of text."),
        ("entry", "field"),
    ),
    "indicator_entry_not_list": Entry(
        N_("Indicator entry {entry}, field {field}: expected a list."), ("entry", "field")
    ),
    "indicator_entry_bad_package": Entry(
        N_("Indicator entry {entry}, field packages: not a package id."), ("entry",)
    ),
    "indicator_entry_c2_not_mapping": Entry(
        N_("Indicator entry {entry}, field c2: expected a mapping."), ("entry",)
    ),
    "indicator_one_type": Entry(
        N_(
            "The indicator file must hold one Echap type: stalkerware (ioc.yaml)"
            " or watchware (watchware.yaml)."
        )
    ),
    "indicator_same_type": Entry(
        N_(
            "Two of the files have the same type; import one ioc.yaml and one watchware.yaml"
            " at most."
        )
    ),
    "indicator_entry_bad_bundle": Entry(
        N_("Indicator entry {entry}, field ios_bundles: not a bundle id."), ("entry",)
    ),
    "indicator_entry_bad_certificate": Entry(
        N_("Indicator entry {entry}, field certificates: not a fingerprint."), ("entry",)
    ),
    "apps_not_listed": Entry(
        N_(
            "Could not list the apps on this phone. Nothing was stored. Unlock the phone and"
            " try again, or use a package list instead."
        )
    ),
    "list_is_json": Entry(
        N_("This file is JSON, not a package list; for an androidqf folder use --androidqf DIR.")
    ),
    "list_is_dump": Entry(
        N_(
            "This file is a phone dump, not a package list; for an androidqf folder use"
            " --androidqf DIR."
        )
    ),
    "list_mixed": Entry(
        N_(
            "This file mixes package ids with other lines; give pm list packages output,"
            " one id a line, CSV/TSV rows, or app names one a line."
        )
    ),
    "list_unknown": Entry(
        N_(
            "This file is not a package list; give pm list packages output, one id a line,"
            " CSV/TSV rows, or app names one a line (for an androidqf folder use"
            " --androidqf DIR)."
        )
    ),
    "list_not_names": Entry(N_("Some lines are not app names; type one iPhone app name a line.")),
    "indicators_damaged": Entry(N_("The stored indicator data is damaged; import it again.")),
    "no_such_device": Entry(N_("The case has no device with that id.")),
    # -- case edits from the command line (clinic/cli/editing.py) -----------------------
    "checklist_nothing_to_record": Entry(N_("Give --status, --note or both.")),
    "no_such_protocol": Entry(N_("No protocol with that id.")),
    "no_such_item": Entry(N_("The protocol has no item with that id.")),
    "no_such_entry": Entry(N_("The case has no person, device or account with that id.")),
    # -- printed documents (clinic/report) -----------------------------------------------
    "discreet_refused": Entry(
        N_("Discreet mode refused this document. Reword the text and export again.")
    ),
    "discreet_word": Entry(
        N_(
            'Discreet mode: the text in {field} uses the word "{word}", which a discreet'
            " document leaves out. Reword it and export again."
        ),
        ("field", "word"),
    ),
    "discreet_email": Entry(
        N_(
            "Discreet mode: the text in {field} holds an email address (an account"
            " identifier), which a discreet document leaves out. Reword it and export again."
        ),
        ("field",),
    ),
    "discreet_person": Entry(
        N_(
            "Discreet mode: the text in {field} names the person of concern, which a"
            " discreet document leaves out. Reword it and export again."
        ),
        ("field",),
    ),
    "report_language": Entry(N_("The report language must be en or es.")),
    "advocate_only": Entry(N_("Advocate only: this case gets no survivor copy.")),
    "referral_file_unreadable": Entry(
        N_("The referral file {file} cannot be read as TOML."), ("file",)
    ),
    "referral_file_invalid": Entry(
        N_("The referral file {file} is invalid at {field} ({problem})."),
        ("file", "field", "problem"),
    ),
    "referral_not_found": Entry(N_("No referral directory entry with that id.")),
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
    # -- the command line (clinic/cli) ----------------------------------------------------
    "input_unreadable": Entry(N_("The input file could not be read.")),
    "cases_negative": Entry(N_("--cases must be zero or more.")),
    "protocols_dir_not_folder": Entry(N_("--protocols-dir must name a folder.")),
    "not_a_folder": Entry(N_("That path is not a folder.")),
    "protocol_problems": Entry(
        N_("The protocol folder has problems (listed above): {count}."), ("count",)
    ),
    "refuse_terminal": Entry(
        N_("Refusing to write plain text to a terminal; use --out FILE or a pipe.")
    ),
    # -- statistics (clinic/services/statistics.py) ---------------------------------------
    "stats_month": Entry(N_("A month is written YYYY-MM, for example 2026-11.")),
    "stats_month_order": Entry(N_("The first month comes after the last one.")),
    "stats_min_count": Entry(N_("--min-count must be at least 3.")),
    "stats_clinic_label": Entry(
        N_(
            "The clinic label is 1 to 40 letters, digits, spaces, dots, dashes or"
            " underscores, starting with a letter or digit."
        )
    ),
    "stats_practice_vault": Entry(N_("A practice vault has no statistics.")),
    # -- case bundles (clinic/storage/bundle.py, clinic/services/bundles.py) ---------------
    "wrong_bundle_passphrase": Entry(N_("Wrong bundle passphrase, or the file is not a bundle.")),
    "not_a_bundle": Entry(N_("This encrypted file is not a Tech Safety Clinic case bundle.")),
    "bundle_too_new": Entry(
        N_("This bundle was made by a newer version of the app. Update the app to open it.")
    ),
    # -- practice mode (clinic/services/training.py) ---------------------------------------
    "practice_case_in_real_vault": Entry(
        N_("This is a practice case. Only a practice vault takes it.")
    ),
    "real_case_in_practice_vault": Entry(
        N_("This is a real case. A practice vault takes practice cases only.")
    ),
    "not_a_practice_vault": Entry(
        N_(
            "This is a real vault. Practice cases go in a practice vault: give a new file"
            " name to make one."
        )
    ),
    "not_a_practice_case": Entry(N_("That case is not a practice case: it has no debrief.")),
    "scenario_not_found": Entry(N_("No training scenario has that id. See clinic training list.")),
    # -- androidqf folders and the dual-use list (clinic/phonecheck) ------------------------
    "androidqf_unreadable": Entry(
        N_(
            "This folder is not an androidqf acquisition this app can read (packages.json"
            " is missing, too large or not valid)."
        )
    ),
    "dualuse_not_toml": Entry(N_("The dual-use list is not valid TOML.")),
    "dualuse_invalid": Entry(N_("The dual-use list is not valid (field {field})."), ("field",)),
    "dualuse_duplicate": Entry(N_("The dual-use list names one id twice.")),
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
    _entry = CATALOGUE[_code]
    assert _entry.variants is not None
    _name, _table = _entry.variants
    CATALOGUE[_code] = replace(_entry, variants=(_name, {**_table, "bundle": _message}))


def entry_for(exc: BaseException) -> tuple[Entry, Mapping[str, object]]:
    """The catalogue entry and parameters for `exc` (its family's, if its code is unknown)."""
    if not isinstance(exc, ClinicError):
        return CATALOGUE[UNEXPECTED], {}
    params: Mapping[str, object] = getattr(exc, "params", {})
    entry = CATALOGUE.get(exc.code)
    if entry is not None and _fits(entry, params):
        return entry, params
    for cls in type(exc).__mro__:  # an unknown or ill-formed code: the nearest family
        family = CATALOGUE.get(str(getattr(cls, "code", "")))
        if family is not None and _fits(family, params):
            return family, params
    return CATALOGUE[UNEXPECTED], {}


def _fits(entry: Entry, params: Mapping[str, object]) -> bool:
    return all(name in params for name in placeholders(entry))


def placeholders(entry: Entry) -> set[str]:
    """The parameter names that the message and its variants use."""
    names: set[str] = set()
    for message in entry.messages():
        names |= {name for _, name, _, _ in string.Formatter().parse(message) if name}
    return names


def render(exc: BaseException, gettext: Gettext | None = None) -> str:
    """The message for `exc`, translated by `gettext` (default: the interface language)."""
    entry, params = entry_for(exc)
    text = (gettext or translation(current_language()).gettext)(entry.pick(params))
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: fall back to English
        return entry.pick(params).format(**params)


def message_for(exc: BaseException, lang: str | None = None) -> str:
    """`render` in `lang` (default: the interface language)."""
    return render(exc, translation(lang or current_language()).gettext)


def english(exc: ClinicError) -> str:
    """The English message (what `str(exc)` gives); an unknown code is shown as itself."""
    entry = CATALOGUE.get(exc.code)
    if entry is None or not _fits(entry, exc.params):
        return exc.code
    return entry.pick(exc.params).format(**exc.params)
