"""What the Print stage runs in the background: build the PDF and render its preview.

The job gets a deep copy of the case (the GUI keeps editing the original) and the open vault.
Rendering, the discreet file-name check, the 0600 write and the one `exported` audit row are
clinic.services.export, the same code `clinic report` runs. Nothing here touches a widget;
images are QImage, which a worker thread may create.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QImage

from clinic.model import Case
from clinic.protocols.loader import ProtocolSet
from clinic.services.export import ExportOptions, ExportResult, render_report
from clinic.stages import stage_of_field
from clinic.storage import Vault
from ui.stages.print_parts.preview import render_preview


@dataclass
class Built:
    result: ExportResult
    images: list[QImage] | None


def build(vault: Vault, case: Case, options: ExportOptions, protocols: ProtocolSet) -> Built:
    """Render the PDF in memory and its preview images (raises Refused / DiscreetRefused)."""
    result = render_report(vault, case, options, protocols)
    return Built(result, render_preview(result.data))


def stage_of(field: str) -> str | None:
    """The title (English, marked N_) of the stage where a refused field is edited
    ("findings[2].notes" -> "Investigate"), from the stage table."""
    stage = stage_of_field(field)
    return stage.title if stage is not None else None
