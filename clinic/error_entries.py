"""Error messages for the app's own areas (phone check, indicators, documents, command line,
statistics, bundles, practice), and the `Entry` they are written in.

Each entry maps a stable code to an English message marked with `N_` and names the
parameters it uses. The storage messages (case files, passphrases, the vault file, backups)
are in `clinic.error_entries_storage`; `clinic.error_catalogue` joins both and renders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from clinic.i18n import N_

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


ENTRIES: dict[str, Entry] = {
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
