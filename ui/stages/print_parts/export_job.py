"""What the Print stage runs in the background: build the PDF, render its preview, save it.

The job gets a deep copy of the case (the GUI keeps editing the original) and the open vault
(for the clinic's referral confirmations and name, and the audit row). Nothing here touches
a widget; images are QImage, which a worker thread may create.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

from clinic.i18n import N_
from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.report.discreet import check_text
from clinic.report.export import ExportOptions, ExportResult, PrintMode, render_pdf
from clinic.report.referrals import load_directory
from clinic.services.lifecycle import AuditAction, audit
from clinic.storage import Vault
from clinic.storage.settings_store import get_setting, referral_confirmations
from ui.stages.print_parts.preview import render_preview

STAGE_OF_KIND = {
    "people": N_("Inventory"),
    "devices": N_("Inventory"),
    "accounts": N_("Inventory"),
    "visits": N_("Before or Understand"),
    "checklist_runs": N_("Investigate"),
    "findings": N_("Investigate"),
    "phone_checks": N_("Investigate"),
    "plan_items": N_("Advise"),
    "referrals": N_("Hand off"),
    "handoff_notes": N_("Hand off"),
    "follow_ups": N_("Hand off"),
}


@dataclass
class Built:
    result: ExportResult
    images: list[QImage] | None


def build(vault: Vault, case: Case, options: ExportOptions, protocols: ProtocolSet) -> Built:
    """Render the PDF in memory and its preview images (raises Refused / DiscreetRefused)."""
    confirmed = referral_confirmations(vault)
    clinic_name = get_setting(vault, "clinic-name")
    options = ExportOptions(
        kind=options.kind,
        lang=options.lang,
        mode=options.mode,
        clinic_name=clinic_name,
        created=options.created,
    )
    result = render_pdf(case, options, protocols, load_directory(), confirmed)
    return Built(result, render_preview(result.data))


def save(vault: Vault, data: bytes, path: Path, mode: PrintMode, initials: str) -> Path:
    """Write the PDF atomically (0600) and audit 'exported'; a discreet file name is checked."""
    from clinic.paths import write_private

    if mode == PrintMode.DISCREET:
        check_text(path.name, "the file name")
    write_private(path, data)
    audit(vault, initials, AuditAction.EXPORTED)
    return path


def record_printed(vault: Vault, initials: str) -> None:
    audit(vault, initials, AuditAction.EXPORTED)


def stage_of(field: str) -> str | None:
    """The stage where a refused field is edited ("findings[2].notes" -> "Investigate")."""
    kind = field.split("[", 1)[0].strip()
    return STAGE_OF_KIND.get(kind)


def today_options(kind: str, lang: str, mode: PrintMode, today: dt.date) -> ExportOptions:
    return ExportOptions(
        kind="survivor" if kind == "survivor" else "handoff", lang=lang, mode=mode, created=today
    )
