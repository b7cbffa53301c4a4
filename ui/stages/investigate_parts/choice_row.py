"""A row of buttons acting as one choice: each press is one deliberate decision.

Unlike a combo box, moving through the choices with the keyboard records nothing; Tab
moves between buttons and Space presses one. A label's buddy should be this widget (it
forwards focus to the chosen button), never a button (a mnemonic would click it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget


class ChoiceRow(QWidget):
    chosen = Signal(object)
    """A button was pressed; payload: its value. The owner calls set_value to accept it."""

    def __init__(
        self, choices: list[tuple[Any, str]], accessible: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.buttons: dict[Any, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (value, label) in enumerate(choices):
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setAccessibleName(f"{accessible}: {label}")
            button.clicked.connect(lambda _c=False, v=value: self._pressed(v))
            # Never squeezed below its own height (in a scrolled form the rows got half of it,
            # cutting the words through the middle).
            button.setMinimumHeight(button.sizeHint().height())
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.buttons[value] = button
            grid.addWidget(button, n // 2, n % 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(grid.sizeHint().height())
        self.set_value(choices[0][0])

    def value(self) -> Any:
        return next(v for v, b in self.buttons.items() if b.isChecked())

    def set_value(self, value: Any) -> None:
        for key, button in self.buttons.items():
            button.setChecked(key == value)
        self.setFocusProxy(self.buttons[value])

    def _pressed(self, value: Any) -> None:
        self.set_value(self._previous())
        self.chosen.emit(value)

    def _previous(self) -> Any:
        proxy = self.focusProxy()
        return next(v for v, b in self.buttons.items() if b is proxy)
