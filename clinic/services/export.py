"""Plain-text outputs of a case, the same whichever door (GUI or CLI) asks for them.

Every plain-text output (a PDF report saved or printed, a case exported as JSON) writes
exactly ONE `exported` row in the vault's audit log: the volunteer's initials and the word,
never a case id, a name or a file name. Files are written atomically with 0600 permissions;
a discreet document's file name is checked before anything is rendered or written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.report.discreet import check_text
from clinic.report.export import ExportOptions, ExportResult, PrintMode, render_pdf
from clinic.report.referrals import ReferralDirectory, load_directory
from clinic.services.lifecycle import AuditAction, audit, clean_initials
from clinic.storage import CaseRepository, Vault, dump_json
from clinic.storage.settings_store import get_setting, referral_confirmations

__all__ = [
    "ExportOptions",
    "ExportResult",
    "PrintMode",
    "case_json",
    "check_file_name",
    "export_pdf",
    "record_exported",
    "render_report",
    "save_pdf",
]


def check_file_name(path: Path, mode: PrintMode) -> None:
    """A discreet document's file name must not give it away (raises DiscreetRefused)."""
    if mode == PrintMode.DISCREET:
        check_text(path.name, "the file name")


def render_report(
    vault: Vault,
    case: Case,
    options: ExportOptions,
    protocols: ProtocolSet,
    directory: ReferralDirectory | None = None,
) -> ExportResult:
    """The PDF in memory, with the clinic's name and referral confirmations from the vault.

    Raises Refused (advocate only) or DiscreetRefused before anything is drawn. Writes
    nothing, to disk or to the audit log.
    """
    options = ExportOptions(
        kind=options.kind,
        lang=options.lang,
        mode=options.mode,
        clinic_name=get_setting(vault, "clinic-name"),
        created=options.created,
        invariant=options.invariant,
    )
    confirmed = referral_confirmations(vault)
    return render_pdf(case, options, protocols, directory or load_directory(), confirmed)


def record_exported(vault: Vault, initials: str) -> None:
    """One `exported` audit row (for output that left the app some other way: a printer)."""
    audit(vault, initials, AuditAction.EXPORTED)


def save_pdf(vault: Vault, data: bytes, path: Path, mode: PrintMode, initials: str) -> Path:
    """Write an already rendered PDF atomically (0600), then audit `exported` once."""
    from clinic.paths import write_private

    clean_initials(initials)  # refused before the file is written
    check_file_name(path, mode)
    write_private(path, data)
    record_exported(vault, initials)
    return path


def export_pdf(
    vault: Vault,
    case: Case,
    path: Path,
    options: ExportOptions,
    protocols: ProtocolSet,
    initials: str,
    directory: ReferralDirectory | None = None,
) -> ExportResult:
    """Check, render, write (atomic, 0600) and audit one PDF report: the whole use case."""
    clean_initials(initials)
    check_file_name(path, options.mode)
    result = render_report(vault, case, options, protocols, directory)
    save_pdf(vault, result.data, path, options.mode, initials)
    result.path = path
    return result


def case_json(vault: Vault, case_id: str) -> bytes:
    """A case as JSON (UTF-8); the caller writes it somewhere, then calls record_exported."""
    return dump_json(CaseRepository(vault).load(case_id)).encode("utf-8")


def today_options(kind: str, lang: str, mode: PrintMode, today: dt.date) -> ExportOptions:
    """Options for a document dated today (the GUI's Print stage)."""
    return ExportOptions(
        kind="survivor" if kind == "survivor" else "handoff", lang=lang, mode=mode, created=today
    )
