"""The phone check tab: read an Android phone through adb or an iPhone through
pymobiledevice3 (read-only, in the background), or check a pasted/loaded list; import
indicator data (ioc.yaml, watchware.yaml); show the five groups and the standing notes;
store the PhoneCheck and its findings.

The mode follows the chosen phone's platform (an iPhone gets the iPhone button and "iPhone
app names"). In a phone or video session there is no cable: the tab offers the guided
self-check instead (Safety Check on an iPhone, the settings walk on Android).

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
from clinic.errors import ClinicError
from clinic.i18n import N_, _, current_language
from clinic.model import Case, Visit
from clinic.model.vocab import DeviceKind, Platform, VisitMode
from clinic.phonecheck import IndicatorSet, standing_notes
from clinic.phonecheck.scan import Method
from clinic.phonecheck.texts import iphone_after_lines
from clinic.storage import Vault
from ui import prompts
from ui.session import VaultSession
from ui.stages.investigate_parts import phone_jobs
from ui.stages.investigate_parts.phone_results import fill
from ui.widgets import SafeLabel

_PHONE_KINDS = {DeviceKind.PHONE, DeviceKind.TABLET}
_APPLE = {Platform.IOS, Platform.IPADOS}
_REMOTE = {VisitMode.PHONE, VisitMode.VIDEO}

PAIRING_GUIDE = N_(
    "Before you start: the survivor unlocks the iPhone and connects it with a cable. The"
    ' iPhone asks "Trust This Computer?": the survivor decides, taps Trust and enters the'
    " passcode. Nothing is changed on the phone; the laptop's pairing record is removed after"
    " the check."
)
SELF_CHECK_IPHONE = N_(
    "Remote session: no cable. The survivor looks on their own iPhone, you guide.\n"
    "1. Settings > Privacy & Security > Safety Check > Manage Sharing & Access: read who"
    " sees the location and which apps and people have access. Do not choose Emergency"
    " Reset now: it stops all sharing at once and the other person may notice.\n"
    "2. Settings > General > VPN & Device Management: is any profile listed? Read its name.\n"
    "3. Settings > your name at the top: scroll to the devices. Is any device unknown?\n"
    "Look only; change nothing yet. If the survivor wants, type the app names below."
)
SELF_CHECK_ANDROID = N_(
    "Remote session: no cable. The survivor looks on their own phone, you guide.\n"
    "1. Settings > Security (or Security & privacy) > Device admin apps: is an unknown app"
    " turned on?\n"
    "2. Settings > Accessibility > installed or downloaded apps: is an unknown service on?\n"
    "3. Settings > Notifications > Notification access (or Device & app notifications): is"
    " an unknown app allowed?\n"
    "4. Google Maps > profile picture > Location sharing: who sees the location?\n"
    "5. Play Store > profile picture > Play Protect: is it on?\n"
    "Look only; change nothing yet. Changes can be noticed; decide together first."
)


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
        self.platform_box = QComboBox(self)
        self.platform_box.setAccessibleName(_("Kind of phone"))
        self.platform_box.addItem(_("Android"), "android")
        self.platform_box.addItem(_("iPhone"), "iphone")
        self.keep_box = QCheckBox(_("&Keep the full app list (the survivor agreed)"), self)
        self.keep_box.setAccessibleName(_("Keep app list"))
        self.adb_button = QPushButton(_("Check the connected &Android phone (adb)"), self)
        self.adb_button.setAccessibleName(_("Check the connected Android phone with adb"))
        self.iphone_button = QPushButton(_("Check the connected i&Phone (USB)"), self)
        self.iphone_button.setAccessibleName(_("Check the connected iPhone over USB"))
        self.pairing = SafeLabel(_(PAIRING_GUIDE), self)
        self.pairing.setWordWrap(True)
        self.pairing.setAccessibleName(_("How the iPhone check pairs"))
        self.self_check = SafeLabel("", self)
        self.self_check.setWordWrap(True)
        self.self_check.setObjectName("warningBox")
        self.self_check.setAccessibleName(_("Guided self-check"))
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
        self.import_button = QPushButton(
            _("&Import indicator data (ioc.yaml or watchware.yaml)…"), self
        )
        self.import_button.setAccessibleName(_("Import indicator data from a file"))
        self.source = SafeLabel("", self)
        self.source.setObjectName("muted")
        self.source.setAccessibleName(_("Indicator data and attribution"))
        self.status = SafeLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Phone check status"))
        self.device_line = SafeLabel("", self)
        self.device_line.setAccessibleName(_("Phone that was checked"))
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
        kind_label = QLabel(_("&Kind:"), self)
        kind_label.setBuddy(self.platform_box)
        form.addRow(kind_label, self.platform_box)
        form.addRow("", self.keep_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adb_button)
        buttons.addWidget(self.iphone_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.addWidget(self.kind_box)
        list_row.addWidget(self.list_button)
        list_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.self_check)
        layout.addLayout(buttons)
        layout.addWidget(self.pairing)
        layout.addWidget(self.paste)
        layout.addLayout(list_row)
        layout.addWidget(self.status)
        layout.addWidget(self.notes)
        layout.addWidget(self.device_line)
        layout.addWidget(self.tree, 1)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        layout.addLayout(import_row)
        layout.addWidget(self.source)

        self.keep_box.toggled.connect(self._on_keep)
        self.device_box.currentIndexChanged.connect(self._device_chosen)
        self.platform_box.currentIndexChanged.connect(self._apply_mode)
        self.adb_button.clicked.connect(self.check_adb)
        self.iphone_button.clicked.connect(self.check_iphone)
        self.file_button.clicked.connect(self.load_file)
        self.list_button.clicked.connect(self.check_pasted)
        self.import_button.clicked.connect(self.import_indicators)
        self._busy_now = False
        self._apply_mode()

    # -- content -----------------------------------------------------------------------
    def load(self, case: Case, visit: Visit | None) -> None:
        self._case, self._visit = case, visit
        self.device_box.blockSignals(True)
        self.device_box.clear()
        self.device_box.blockSignals(False)
        self.refresh_devices()
        self.keep_box.blockSignals(True)
        self.keep_box.setChecked(bool(visit and visit.consent.may_keep_app_list))
        self.keep_box.blockSignals(False)
        self.keep_box.setEnabled(visit is not None)
        checks = [c for c in case.phone_checks if visit is None or c.visit_id == visit.id]
        self.device_line.setText(fill(self.results, checks[-1] if checks else None))
        self.tree.expandToDepth(0)
        self.status.clear()
        self.session.run_with_vault(phone_jobs.load_indicators, self._got_indicators, self._failed)

    def refresh_devices(self) -> None:
        """The case's phones and tablets (the inventory may have changed), keeping the choice;
        the first phone of the inventory when nothing was chosen yet."""
        chosen = self.device_box.currentData()
        had_choice = self.device_box.count() > 0
        self.device_box.blockSignals(True)
        self.device_box.clear()
        for device in self._case.devices if self._case else []:
            if device.kind in _PHONE_KINDS or device.platform in (Platform.ANDROID, *_APPLE):
                self.device_box.addItem(device.label, device.id)
        self.device_box.addItem(_("A phone not in the inventory"), None)
        found = self.device_box.findData(chosen) if had_choice else -1
        self.device_box.setCurrentIndex(max(found, 0))
        self.device_box.blockSignals(False)
        self._device_chosen()

    def clear(self) -> None:
        self._case = self._visit = None
        self.indicators = None
        self.device_box.clear()
        self.paste.clear()
        self.results.clear()
        self.status.clear()
        self.source.clear()
        self.device_line.clear()

    def _got_indicators(self, indicators: Any) -> None:
        self.indicators = indicators if isinstance(indicators, IndicatorSet) else None
        if self.indicators is None or not self.indicators.sources:
            self.source.setText(_("No indicator data is imported yet."))
        else:
            self.source.setText(f"{self.indicators.version()}\n{self.indicators.attribution}")

    def _on_keep(self, keep: bool) -> None:
        if self._visit is not None:
            self._visit.consent.may_keep_app_list = keep
            self.edited.emit("visits", self._visit)

    # -- mode --------------------------------------------------------------------------
    def _device_platform(self) -> Platform | None:
        device_id = self.device_box.currentData()
        for device in self._case.devices if self._case else []:
            if device.id == device_id:
                return device.platform
        return None

    def _device_chosen(self, *_args: object) -> None:
        platform = self._device_platform()
        if platform in _APPLE:
            self.platform_box.setCurrentIndex(self.platform_box.findData("iphone"))
        elif platform == Platform.ANDROID:
            self.platform_box.setCurrentIndex(self.platform_box.findData("android"))
        self._apply_mode()

    def is_iphone(self) -> bool:
        return bool(self.platform_box.currentData() == "iphone")

    def is_remote(self) -> bool:
        return self._visit is not None and self._visit.mode in _REMOTE

    def _apply_mode(self, *_args: object) -> None:
        iphone, remote = self.is_iphone(), self.is_remote()
        self.kind_box.setCurrentIndex(
            self.kind_box.findData("app_names" if iphone else "package_list")
        )
        self.adb_button.setVisible(not iphone and not remote)
        self.iphone_button.setVisible(iphone and not remote)
        self.pairing.setVisible(iphone and not remote)
        self.self_check.setVisible(remote)
        self.self_check.setText(_(SELF_CHECK_IPHONE if iphone else SELF_CHECK_ANDROID))
        self._enable(not self._busy_now)

    # -- checks ------------------------------------------------------------------------
    def _request(self, source: phone_jobs.Source, **extra: Any) -> phone_jobs.CheckRequest:
        return phone_jobs.CheckRequest(
            source,
            self.session.clock.today(),
            lang=current_language(),
            keep_app_list=bool(self._visit and self._visit.consent.may_keep_app_list),
            device_id=self.device_box.currentData(),
            visit_id=self._visit.id if self._visit else None,
            **extra,
        )

    def _run(self, request: phone_jobs.CheckRequest) -> None:
        indicators = self.indicators

        def job() -> phone_jobs.CheckOutcome:
            return phone_jobs.run_check(request, indicators)

        self.session.tasks.run(job, self._checked, self._failed)

    def check_adb(self) -> None:
        if self._case is None or self.is_iphone() or self.is_remote():
            return
        self._busy(_("Reading the phone (read-only)…"))
        self._run(self._request("adb"))

    def check_iphone(self) -> None:
        if self._case is None or not self.is_iphone() or self.is_remote():
            return
        self._busy(_("Reading the iPhone (read-only). Tap Trust on the iPhone if it asks…"))
        self._run(self._request("iphone"))

    def check_pasted(self) -> None:
        text = self.paste.toPlainText()
        if not text.strip():
            self.status.setText(_("Paste or type a list first."))
            return
        self._check_text(text)

    def _check_text(self, text: str) -> None:
        if self._case is None:
            return
        method: Method = (
            "app_names" if self.kind_box.currentData() == "app_names" else "package_list"
        )
        request = self._request("list", list_text=text, list_method=method)
        try:
            outcome = phone_jobs.run_check(request, self.indicators)
        except ClinicError as exc:
            self.status.setText(render(exc))
            return
        self._checked(outcome)

    def load_file(self) -> None:
        path = prompts.choose_open_file(
            self, _("Package list"), _("Text files (*.txt *.csv *.tsv);;All files (*)")
        )
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            self.status.setText(_("That file could not be read."))
            return
        self._check_text(text)

    def _checked(self, outcome: object) -> None:
        if self._case is None or not isinstance(outcome, phone_jobs.CheckOutcome):
            self._done("")
            return
        result = outcome.result
        self._case.phone_checks.append(outcome.check)
        self.edited.emit("phone_checks", outcome.check)
        for finding in outcome.findings:
            self._case.findings.append(finding)
            self.edited.emit("findings", finding)
        lines = [
            _("Checked {apps} apps and {names} app names.").format(
                apps=result.apps_checked, names=result.names_checked
            )
        ]
        if "known_stalkerware" in result.not_checked:
            lines.append(_("Known stalkerware was not checked (see the results below)."))
        lines.extend(
            _("Could not check on this phone: {what}").format(what=w) for w in result.unavailable
        )
        if outcome.pairing_removed is not None:
            lines.extend(iphone_after_lines(outcome.pairing_removed, current_language()))
        self._done("\n".join(lines))
        self.device_line.setText(fill(self.results, outcome.check))
        self.tree.expandToDepth(0)

    # -- indicators --------------------------------------------------------------------
    def import_indicators(self) -> None:
        path = prompts.choose_open_file(
            self,
            _("Indicator data (ioc.yaml or watchware.yaml)"),
            _("YAML files (*.yaml *.yml);;All files (*)"),
        )
        if not path or self._case is None:
            return
        self._busy(_("Importing indicator data…"))
        today, case_id = self.session.clock.today(), self._case.id

        def job(vault: Vault) -> Any:
            return phone_jobs.import_and_recheck(vault, [Path(path)], today, case_id)

        self.session.run_with_vault(job, self._imported, self._failed)

    def _imported(self, outcome: object) -> None:
        if self._case is None or not isinstance(outcome, phone_jobs.ImportOutcome):
            self._done("")
            return
        indicators = outcome.indicators
        self._got_indicators(indicators)
        changed, to_save = phone_jobs.recheck_in_memory(self._case, indicators, current_language())
        for check in changed:
            self.edited.emit("phone_checks", check)
        for finding in to_save:
            self.edited.emit("findings", finding)
        text = _("Imported {families} families. Stored checks re-checked: {changed} changed.")
        self._done(text.format(families=len(indicators.families), changed=len(changed)))
        mine = [c for c in self._case.phone_checks if self._visit and c.visit_id == self._visit.id]
        if mine:
            self.device_line.setText(fill(self.results, mine[-1]))
            self.tree.expandToDepth(0)

    # -- state -------------------------------------------------------------------------
    def _enable(self, on: bool) -> None:
        remote = self.is_remote()
        self.adb_button.setEnabled(on and not remote and not self.is_iphone())
        self.iphone_button.setEnabled(on and not remote and self.is_iphone())
        for button in (self.list_button, self.file_button, self.import_button):
            button.setEnabled(on)

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self._busy_now = True
        self._enable(False)

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self._busy_now = False
        self._enable(True)
        self.finished.emit()

    def _failed(self, exc: BaseException) -> None:
        self._done(render(exc))
