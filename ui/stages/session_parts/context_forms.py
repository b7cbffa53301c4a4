"""Case-level forms: the situation context (Case.situation) and safe contact (Case.safe_contact).

Both edit the shared case object in place; `changed` asks the page to emit edited("case").
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic.i18n import _, current_language
from clinic.model import Case, SafeContact, SituationContext
from ui.stages.session_parts.forms import assign, choice_box, error_line, set_choice, yes_no_unknown
from ui.widgets import SafeLabel


def notes_box(name: str, parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(64)
    return edit


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class SituationForm(QWidget):
    """Lives with the person of concern, children, visitation, order, date separated, notes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._situation: SituationContext | None = None
        self.choices: dict[str, QComboBox] = {
            "lives_with_poc": choice_box(
                yes_no_unknown(), _("Lives with the person of concern"), self
            ),
            "children": choice_box(yes_no_unknown(), _("Children"), self),
            "order_of_protection": choice_box(yes_no_unknown(), _("Order of protection"), self),
        }
        self.choices["children_visitation"] = choice_box(
            (("unknown", _("Not asked yet")), ("yes", _("Yes")), ("no", _("No"))),
            _("Children have visits with the person of concern"),
            self,
        )
        self.separated_known = QCheckBox(_("Known"), self)
        self.separated_known.setAccessibleName(_("The month of the separation is known"))
        self.separated_month = QComboBox(self)
        self.separated_month.setAccessibleName(_("Month of the separation"))
        locale = QLocale(current_language())
        for number in range(1, 13):
            name = locale.standaloneMonthName(number, QLocale.FormatType.LongFormat)
            self.separated_month.addItem(name[:1].upper() + name[1:], number)
        self.separated_year = QSpinBox(self)
        self.separated_year.setAccessibleName(_("Year of the separation"))
        self.separated_year.setRange(1950, 2100)
        self.separated_year.setGroupSeparatorShown(False)
        self.notes = notes_box(_("Situation notes"), self)
        self.error = error_line(self)
        date_row = QHBoxLayout()
        date_row.addWidget(self.separated_known)
        date_row.addWidget(self.separated_month, 1)
        date_row.addWidget(self.separated_year)
        form = QFormLayout(self)
        form.addRow(_("Lives with the person of concern"), self.choices["lives_with_poc"])
        form.addRow(_("Children"), self.choices["children"])
        form.addRow(_("Children's visits"), self.choices["children_visitation"])
        form.addRow(_("Order of protection"), self.choices["order_of_protection"])
        form.addRow(_("Separated since (month)"), date_row)
        form.addRow(_("Notes"), self.notes)
        form.addRow(self.error)
        for field, box in self.choices.items():
            box.currentIndexChanged.connect(lambda _i, f=field: self._on_choice(f))
        self.separated_known.toggled.connect(self._on_date)
        self.separated_month.currentIndexChanged.connect(self._on_date)
        self.separated_year.valueChanged.connect(self._on_date)
        self.notes.textChanged.connect(self._on_notes)

    def load(self, case: Case | None, today: dt.date) -> None:
        self._situation = None
        situation = case.situation if case else SituationContext()
        for field, box in self.choices.items():
            set_choice(box, getattr(situation, field))
        month = situation.separated_month
        year, number = (int(p) for p in month.split("-")) if month else (today.year, today.month)
        blockers = (self.separated_known, self.separated_month, self.separated_year)
        with QSignalBlocker(blockers[0]), QSignalBlocker(blockers[1]), QSignalBlocker(blockers[2]):
            self.separated_known.setChecked(month is not None)
            self.separated_month.setCurrentIndex(number - 1)
            self.separated_year.setValue(year)
        self._enable_month(month is not None)
        with QSignalBlocker(self.notes):
            self.notes.setPlainText(situation.notes)
        self.error.hide()
        self.setEnabled(case is not None)
        self._situation = case.situation if case else None

    def _on_choice(self, field: str) -> None:
        if self._situation is not None:
            setattr(self._situation, field, self.choices[field].currentData())
            self.changed.emit()

    def _enable_month(self, known: bool) -> None:
        self.separated_month.setEnabled(known)
        self.separated_year.setEnabled(known)

    def _on_date(self) -> None:
        """Only the month is asked and stored ("2026-10"): ticking Known asks for it."""
        known = self.separated_known.isChecked()
        self._enable_month(known)
        if known and self.sender() is self.separated_known:
            self.separated_month.setFocus()
        if self._situation is not None:
            number = int(self.separated_month.currentData())
            month = f"{self.separated_year.value():04d}-{number:02d}"
            self._situation.separated_month = month if known else None
            self.changed.emit()

    def _on_notes(self) -> None:
        if self._situation is not None and assign(
            self._situation, "notes", self.notes.toPlainText(), self.error
        ):
            self.changed.emit()


class SafeContactForm(QWidget):
    """How the clinic may reach the survivor; confirm it again every visit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contact: SafeContact | None = None
        self.texts: dict[str, QLineEdit] = {
            "method": QLineEdit(self),
            "times": QLineEdit(self),
        }
        self.texts["method"].setAccessibleName(_("Safe way to make contact"))
        self.texts["times"].setAccessibleName(_("Safe times to make contact"))
        self.voicemail = choice_box(yes_no_unknown(), _("Voicemail or text is OK"), self)
        self.advocate_only = QCheckBox(_("Only through the advocate"), self)
        self.advocate_only.setAccessibleName(_("Contact only through the advocate"))
        self.notes = notes_box(_("Safe contact notes"), self)
        self.error = error_line(self)
        form = QFormLayout()
        form.addRow(_("How"), self.texts["method"])
        form.addRow(_("When"), self.texts["times"])
        form.addRow(_("Voicemail or text OK"), self.voicemail)
        form.addRow("", self.advocate_only)
        form.addRow(_("Notes"), self.notes)
        hint = _("Use only what the survivor marked as OK. Check it again at every visit.")
        note = SafeLabel(hint, self)
        note.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        for field, edit in self.texts.items():
            edit.textChanged.connect(lambda text, f=field: self._on_text(f, text))
        self.voicemail.currentIndexChanged.connect(self._on_voicemail)
        self.advocate_only.toggled.connect(self._on_advocate)
        self.notes.textChanged.connect(lambda: self._on_text("notes", self.notes.toPlainText()))

    def load(self, case: Case | None) -> None:
        self._contact = None
        contact = case.safe_contact if case else SafeContact()
        for field, edit in self.texts.items():
            with QSignalBlocker(edit):
                edit.setText(getattr(contact, field))
        set_choice(self.voicemail, contact.voicemail_ok)
        with QSignalBlocker(self.advocate_only):
            self.advocate_only.setChecked(contact.only_through_advocate)
        with QSignalBlocker(self.notes):
            self.notes.setPlainText(contact.notes)
        self.error.hide()
        self.setEnabled(case is not None)
        self._contact = case.safe_contact if case else None

    def _on_text(self, field: str, text: str) -> None:
        if self._contact is not None and assign(self._contact, field, text, self.error):
            self.changed.emit()

    def _on_voicemail(self) -> None:
        if self._contact is not None:
            self._contact.voicemail_ok = self.voicemail.currentData()
            self.changed.emit()

    def _on_advocate(self, on: bool) -> None:
        if self._contact is not None:
            self._contact.only_through_advocate = on
            self.changed.emit()
