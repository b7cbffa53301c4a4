"""The phone check tab: read an Android phone through adb (read-only, in the background),
or check a pasted/loaded package list or typed iPhone app names; import indicator data;
show the four groups and the standing notes; store the PhoneCheck and its findings.

Nothing here changes a phone. The full app list is kept only when the consent box is ticked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clinic.error_catalogue import render
from clinic.i18n import _, current_language
from clinic.model import Case, PhoneCheck, Visit
from clinic.model.vocab import DeviceKind, Platform
from clinic.phonecheck import IndicatorSet, match, standing_notes, to_records
from clinic.phonecheck.scan import Method, Snapshot, snapshot_from_list
from clinic.storage import Vault
from ui import prompts
from ui.session import VaultSession
from ui.stages.investigate_parts import phone_jobs
from ui.stages.investigate_parts.phone_results import fill
from ui.widgets import SafeLabel

_PHONE_KINDS = {DeviceKind.PHONE, DeviceKind.TABLET}


class PhoneCheckPanel(QWidget):
    edited = Signal(str, object)
    finished = Signal()
    """A check or an import ended (stored, or a problem shown)."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._case: Case | None = None
        self._visit: Visit | None = None
        self.indicators: IndicatorSet | None = None
        self._build()

    def _build(self) -> None:
        self.device_box = QComboBox(self)
        self.device_box.setAccessibleName(_("Phone being checked"))
        self.keep_box = QCheckBox(_("&Keep the full app list (the survivor agreed)"), self)
        self.keep_box.setAccessibleName(_("Keep app list"))
        self.adb_button = QPushButton(_("Check the connected &Android phone (adb)"), self)
        self.adb_button.setAccessibleName(_("Check the connected Android phone with adb"))
        self.file_button = QPushButton(_("Load a package &list…"), self)
        self.file_button.setAccessibleName(_("Load a package list from a file"))
        self.paste = QPlainTextEdit(self)
        self.paste.setAccessibleName(_("Package ids or iPhone app names, one a line"))
        self.paste.setPlaceholderText(_("Paste package ids, or type iPhone app names, one a line"))
        self.paste.setTabChangesFocus(True)
        self.paste.setFixedHeight(64)
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName(_("What the list holds"))
        self.kind_box.addItem(_("Android package ids"), "package_list")
        self.kind_box.addItem(_("iPhone app names"), "app_names")
        self.list_button = QPushButton(_("Check &this list"), self)
        self.list_button.setAccessibleName(_("Check the pasted list"))
        self.import_button = QPushButton(_("&Import indicator data (ioc.yaml)…"), self)
        self.import_button.setAccessibleName(_("Import indicator data from a file"))
        self.source = SafeLabel("", self)
        self.source.setObjectName("muted")
        self.source.setAccessibleName(_("Indicator data and attribution"))
        self.status = SafeLabel("", self)
        self.status.setAccessibleName(_("Phone check status"))
        self.results = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.results)
        self.tree.setAccessibleName(_("Phone check results"))
        self.tree.setMinimumHeight(160)
        self.tree.header().setAccessibleName(_("Phone check results"))
        self.notes = SafeLabel("\n".join(standing_notes(current_language())), self)
        self.notes.setObjectName("warningBox")
        self.notes.setAccessibleName(_("No match does not mean no monitoring."))

        form = QFormLayout()
        phone_label = QLabel(_("P&hone:"), self)
        phone_label.setBuddy(self.device_box)
        form.addRow(phone_label, self.device_box)
        form.addRow("", self.keep_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adb_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.addWidget(self.kind_box)
        list_row.addWidget(self.list_button)
        list_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.paste)
        layout.addLayout(list_row)
        layout.addWidget(self.status)
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        layout.addLayout(import_row)
        layout.addWidget(self.source)

        self.keep_box.toggled.connect(self._on_keep)
        self.adb_button.clicked.connect(self.check_adb)
        self.file_button.clicked.connect(self.load_file)
        self.list_button.clicked.connect(self.check_pasted)
        self.import_button.clicked.connect(self.import_indicators)

    # -- content -----------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._case, self._visit = case, visit
        self.refresh_devices()
        self.keep_box.blockSignals(True)
        self.keep_box.setChecked(bool(visit and visit.consent.may_keep_app_list))
        self.keep_box.blockSignals(False)
        self.keep_box.setEnabled(visit is not None)
        checks = [c for c in case.phone_checks if visit is None or c.visit_id == visit.id]
        fill(self.results, checks[-1] if checks else None)
        self.tree.expandToDepth(0)
        self.status.clear()
        self.session.run_with_vault(phone_jobs.load_indicators, self._got_indicators, self._failed)

    def refresh_devices(self) -> None:
        """The case's phones and tablets (the inventory may have changed), keeping the choice."""
        chosen = self.device_box.currentData()
        self.device_box.clear()
        for device in self._case.devices if self._case else []:
            if device.kind in _PHONE_KINDS or device.platform == Platform.ANDROID:
                self.device_box.addItem(device.label, device.id)
        self.device_box.addItem(_("A phone not in the inventory"), None)
        self.device_box.setCurrentIndex(max(self.device_box.findData(chosen), 0))

    def clear(self) -> None:
        self._case = self._visit = None
        self.indicators = None
        self.device_box.clear()
        self.paste.clear()
        self.results.clear()
        self.status.clear()
        self.source.clear()

    def _got_indicators(self, indicators: Any) -> None:
        self.indicators = indicators if isinstance(indicators, IndicatorSet) else None
        if self.indicators is None:
            self.source.setText(_("No indicator data is imported yet."))
        else:
            self.source.setText(f"{self.indicators.version()}\n{self.indicators.attribution}")

    def _on_keep(self, keep: bool) -> None:
        if self._visit is not None:
            self._visit.consent.may_keep_app_list = keep
            self.edited.emit("visits", self._visit)

    # -- checks ------------------------------------------------------------------------
    def check_adb(self) -> None:
        self._busy(_("Reading the phone (read-only)…"))
        self.session.tasks.run(phone_jobs.scan_connected_phone, self._scanned, self._failed)

    def check_pasted(self) -> None:
        text = self.paste.toPlainText()
        if not text.strip():
            self.status.setText(_("Paste or type a list first."))
            return
        method: Method = (
            "app_names" if self.kind_box.currentData() == "app_names" else "package_list"
        )
        self._scanned(snapshot_from_list(text, method))

    def load_file(self) -> None:
        path = prompts.choose_open_file(
            self, _("Package list"), _("Text files (*.txt *.csv);;All files (*)")
        )
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            self.status.setText(_("That file could not be read."))
            return
        self._scanned(snapshot_from_list(text))

    def _scanned(self, snap: object) -> None:
        if self._case is None or not isinstance(snap, Snapshot):
            return
        lang = current_language()
        result = match(snap, self.indicators, frozenset(), lang)
        keep = bool(self._visit and self._visit.consent.may_keep_app_list)
        check, findings = to_records(
            result,
            snap,
            self.session.clock.today(),
            keep,
            self.device_box.currentData(),
            self._visit.id if self._visit else None,
        )
        self._store(check, findings)
        lines = [
            _("Checked {apps} apps and {names} app names.").format(
                apps=result.apps_checked, names=result.names_checked
            )
        ]
        if self.indicators is None:
            lines.append(_("No indicator data is imported, so known stalkerware was not checked."))
        lines.extend(
            _("Could not check on this phone: {what}").format(what=w) for w in result.unavailable
        )
        self._done("\n".join(lines))
        fill(self.results, check)
        self.tree.expandToDepth(0)

    def _store(self, check: PhoneCheck, findings: list[Any]) -> None:
        assert self._case is not None
        self._case.phone_checks.append(check)
        self.edited.emit("phone_checks", check)
        for finding in findings:
            self._case.findings.append(finding)
            self.edited.emit("findings", finding)

    # -- indicators --------------------------------------------------------------------
    def import_indicators(self) -> None:
        path = prompts.choose_open_file(
            self, _("Indicator data (ioc.yaml)"), _("YAML files (*.yaml *.yml);;All files (*)")
        )
        if not path or self._case is None:
            return
        self._busy(_("Importing indicator data…"))
        today, case_id = self.session.clock.today(), self._case.id

        def job(vault: Vault) -> IndicatorSet:
            return phone_jobs.import_and_recheck(vault, Path(path), today, case_id)

        self.session.run_with_vault(job, self._imported, self._failed)

    def _imported(self, indicators: object) -> None:
        if self._case is None or not isinstance(indicators, IndicatorSet):
            return
        self._got_indicators(indicators)
        changed, to_save = phone_jobs.recheck_in_memory(self._case, indicators)
        for check in changed:
            self.edited.emit("phone_checks", check)
        for finding in to_save:
            self.edited.emit("findings", finding)
        text = _("Imported {families} families. Stored checks re-checked: {changed} changed.")
        self._done(text.format(families=len(indicators.families), changed=len(changed)))
        mine = [c for c in self._case.phone_checks if self._visit and c.visit_id == self._visit.id]
        if mine:
            fill(self.results, mine[-1])
            self.tree.expandToDepth(0)

    # -- state -------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.status.setText(text)
        for button in (self.adb_button, self.list_button, self.file_button, self.import_button):
            button.setEnabled(False)

    def _done(self, text: str) -> None:
        self.status.setText(text)
        for button in (self.adb_button, self.list_button, self.file_button, self.import_button):
            button.setEnabled(True)
        self.finished.emit()

    def _failed(self, exc: BaseException) -> None:
        self._done(render(exc))
