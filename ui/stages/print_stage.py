"""The Print stage: survivor summary or handoff report, language, discreet mode, advocate only.

The document is built by clinic.report in the background and previewed from memory. Print
paints the pages onto the system printer (no file); Save as PDF writes the chosen file
(atomic, 0600) after a reminder that it is not encrypted. Both record "exported" in the
vault's audit log. A discreet refusal names the field and the word to reword.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic.error_catalogue import render
from clinic.i18n import _
from clinic.model import Case, Visit
from clinic.report.discreet import DiscreetRefused
from clinic.report.export import PrintMode, suggested_mode
from clinic.services import export
from clinic.storage import Vault
from ui import prompts
from ui.stages.base import StageContext, StagePage, register
from ui.stages.print_parts import export_job, printing
from ui.stages.print_parts.pages import open_pages
from ui.stages.print_parts.preview import PagePreview
from ui.widgets import SafeLabel

MODES = (PrintMode.STANDARD, PrintMode.DISCREET, PrintMode.ADVOCATE_ONLY)


@register
class PrintStage(StagePage):
    stage_id = "print"

    def __init__(self, context: StageContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._case: Case | None = None
        self._built: export_job.Built | None = None
        self._busy = False
        self._suggested = PrintMode.STANDARD
        self._mode_chosen = False
        """The volunteer picked a mode by hand: a new suggestion no longer overrides it."""
        self._filling = False
        self._build_ui()

    # -- layout ----------------------------------------------------------------------
    def _build_ui(self) -> None:
        title = QLabel(_("Print"), self)
        title.setObjectName("viewTitle")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Document"))
        self.kind.addItem(_("Survivor summary"), "survivor")
        self.kind.addItem(_("Handoff report for the advocate"), "handoff")
        self.lang = QComboBox(self)
        self.lang.setAccessibleName(_("Language of the document"))
        self.lang.addItem("English", "en")
        self.lang.addItem("Español", "es")
        self.mode = QComboBox(self)
        self.mode.setAccessibleName(_("Mode"))
        self.mode.addItem(_("Standard"), PrintMode.STANDARD.value)
        self.mode.addItem(_("Discreet: neutral title and words"), PrintMode.DISCREET.value)
        self.mode.addItem(_("Advocate only: no survivor copy"), PrintMode.ADVOCATE_ONLY.value)
        self.suggestion = SafeLabel("", self)
        self.suggestion.setObjectName("muted")
        self.suggestion.setAccessibleName(_("Suggested mode"))
        form = QFormLayout()
        for text, field in (
            (_("&Document"), self.kind),
            (_("&Language"), self.lang),
            (_("&Mode"), self.mode),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.suggestion)

        self.preview_button = QPushButton(_("Pre&view"), self)
        self.preview_button.setAccessibleName(_("Build the document and preview it"))
        self.print_button = QPushButton(_("&Print..."), self)
        self.print_button.setAccessibleName(_("Print the document"))
        self.save_button = QPushButton(_("&Save as PDF..."), self)
        self.save_button.setAccessibleName(_("Save the document as a PDF file"))
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.status = SafeLabel("", self)
        self.status.setAccessibleName(_("Print status"))
        self.refusal = SafeLabel("", self)
        self.refusal.setObjectName("errorText")
        self.refusal.setAccessibleName(_("Why the document was refused"))
        self.refusal.hide()
        self.warnings = SafeLabel("", self)
        self.warnings.setObjectName("warningBox")
        self.warnings.setAccessibleName(_("Warnings about the document"))
        self.warnings.hide()
        self.preview = PagePreview(self)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        for widget in (self.status, self.refusal, self.warnings):
            layout.addWidget(widget)
        layout.addWidget(self.preview, 1)

        for box in (self.kind, self.lang, self.mode):
            box.currentIndexChanged.connect(self._options_changed)
        self.preview_button.clicked.connect(lambda: self.build())
        self.print_button.clicked.connect(lambda: self._with_document(self._print))
        self.save_button.clicked.connect(lambda: self._with_document(self._save))
        self.mode.activated.connect(self._on_mode_picked)

    def _on_mode_picked(self, _index: int) -> None:
        if not self._filling:
            self._mode_chosen = True

    # -- StagePage -------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._case = case
        self._select(self.lang, case.language.value)
        suggested = self._suggested = suggested_mode(case)
        self._filling = True
        self._select(self.mode, suggested.value)
        self._filling = False
        self._mode_chosen = False
        self.suggestion.setText(self._suggestion_text(suggested))
        self._options_changed()

    def refresh(self) -> None:
        """The check-in or the situation changed elsewhere: follow the new suggestion,
        unless the volunteer chose a mode by hand since."""
        if self._case is None:
            return
        suggested = suggested_mode(self._case)
        if suggested == self._suggested:
            return
        self._suggested = suggested
        self.suggestion.setText(self._suggestion_text(suggested))
        if not self._mode_chosen:
            self._filling = True
            self._select(self.mode, suggested.value)
            self._filling = False

    def clear(self) -> None:
        self._case = None
        self._built = None
        self.preview.clear()
        self.status.clear()
        self.refusal.hide()
        self.refusal.clear()
        self.warnings.hide()
        self.warnings.clear()
        self.suggestion.clear()

    # -- options ---------------------------------------------------------------------
    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    @staticmethod
    def _suggestion_text(mode: PrintMode) -> str:
        if mode == PrintMode.DISCREET:
            return _("Discreet is suggested: the survivor lives with the person of concern.")
        if mode == PrintMode.ADVOCATE_ONLY:
            return _("Advocate only is suggested: a summary is not safe to take home.")
        return ""

    @property
    def print_mode(self) -> PrintMode:
        return PrintMode(str(self.mode.currentData()))

    def _options_changed(self) -> None:
        advocate_only = self.print_mode == PrintMode.ADVOCATE_ONLY
        if advocate_only:
            self._select(self.kind, "handoff")
        self.kind.setEnabled(not advocate_only)
        self._built = None
        self.preview.show_message(_("Press Preview to build the document and see its pages here."))
        self.refusal.hide()
        self.warnings.hide()
        self.status.setText(
            _("Advocate only: the survivor gets no printed copy.") if advocate_only else ""
        )

    # -- building --------------------------------------------------------------------
    def build(self, then: Callable[[], None] | None = None) -> None:
        """Build the document in the background, show it, then run `then`."""
        if self._case is None or self.context is None or self._busy:
            return
        session = self.context.session
        options = export.today_options(
            str(self.kind.currentData()),
            str(self.lang.currentData()),
            self.print_mode,
            session.clock.today(),
        )
        case = self._case.model_copy(deep=True)
        protocols = self.context.protocols
        self._set_busy(True, _("Building the document..."))
        self.refusal.hide()

        def done(result: object) -> None:
            assert isinstance(result, export_job.Built)
            self._set_busy(False, "")
            if self._case is None:
                return
            self._show_built(result)
            if then is not None:
                then()

        session.run_with_vault(
            lambda vault: export_job.build(vault, case, options, protocols), done, self._failed
        )

    def _show_built(self, built: export_job.Built) -> None:
        self._built = built
        self.preview.show_pages(built.images)
        self.status.setText(
            _("Ready: {pages}. Check it before printing.").format(pages=self.preview.summary())
        )
        warnings = built.result.warnings
        self.warnings.setText("\n".join(f"- {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, "")
        if isinstance(exc, DiscreetRefused):
            self._show_refusal(exc)
        else:
            self.status.setText(render(exc))

    def _show_refusal(self, exc: DiscreetRefused) -> None:
        # exc.place: the stage and field as this interface names them ("Advise > Note ...").
        where = _("In {field}.").format(field=exc.place)
        if exc.word:
            what = _('Reword "{word}": a discreet document leaves that word out.').format(
                word=exc.word
            )
        else:
            what = _("Reword it: a discreet document leaves out names and account identifiers.")
        self.refusal.setText(_("Discreet mode refused this document.") + f"\n{where}\n{what}")
        self.refusal.show()
        self.status.setText("")

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        for widget in (
            self.preview_button,
            self.print_button,
            self.save_button,
            self.kind,
            self.lang,
            self.mode,
        ):
            widget.setEnabled(not busy)
        if not busy:
            self.kind.setEnabled(self.print_mode != PrintMode.ADVOCATE_ONLY)
        if text:
            self.status.setText(text)

    def _with_document(self, action: Callable[[], None]) -> None:
        if self._built is not None:
            action()
        else:
            self.build(then=action)

    # -- print / save ----------------------------------------------------------------
    def _print(self) -> None:
        if self._built is None or self.context is None:
            return
        pages = open_pages(self._built.result.data)
        if pages is None:
            self.status.setText(_("Printing is not available on this computer. Save as PDF."))
            return
        printer = printing.choose_printer(self, pages.page_count())
        if printer is None:
            return
        sent = printing.paint_pages(pages, printer)
        if not sent:
            self.status.setText(_("Nothing was printed. Check the printer and try again."))
            return
        session = self.context.session
        self.status.setText(_("Sent to the printer. Collect the pages now."))
        session.run_with_vault(
            lambda vault: export.record_exported(vault, session.initials), None, self._failed
        )

    def _save(self) -> None:
        if self._built is None or self.context is None:
            return
        if not prompts.confirm(
            self,
            _("Save as PDF"),
            _(
                "A saved PDF is not encrypted. On a shared laptop, anyone who uses it can open"
                " the file. Save it where it will be kept safe, and delete it when done."
            ),
            yes=_("Choose where to save"),
        ):
            return
        chosen = prompts.choose_save_file(self, _("Save as PDF"), _("PDF files (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        data, mode, session = self._built.result.data, self.print_mode, self.context.session

        def job(vault: Vault) -> Path:
            return export.save_pdf(vault, data, path, mode, session.initials)

        def saved(_result: object) -> None:
            self.status.setText(
                _("Saved as {name}. It is not encrypted: delete it when done.").format(
                    name=path.name
                )
            )

        session.run_with_vault(job, saved, self._failed)
