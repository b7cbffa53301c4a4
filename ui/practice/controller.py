"""Start practice from the first screen: choose a scenario, open (or make) the practice vault
beside the real one, add a practice case, and open it in the workspace.

The practice vault is a separate, encrypted file with its own passphrase; the real vault is
locked first and never holds a practice case (clinic.services.training).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clinic.error_catalogue import render
from clinic.i18n import _, current_language
from clinic.services import training
from clinic.storage import Vault
from clinic.training.scenario import ScenarioSet, load_scenarios
from ui import prompts

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PRACTICE_VAULT = "practice.vault"


class PracticeController(QObject):
    started = Signal(str)
    """A practice case was added and opened; payload: its id."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pending: tuple[str, str] | None = None
        window.session.unlocked.connect(self._after_unlock)

    @property
    def scenarios(self) -> ScenarioSet:
        return load_scenarios()  # the bundled scenarios, read once per process

    def practice_path(self) -> Path:
        """The practice vault sits beside the real one (the user's data folder)."""
        return self._window.session.path.with_name(PRACTICE_VAULT)

    def start(self) -> None:
        """Ask for a scenario and the practice vault's passphrase, then open the case."""
        title = _("Practice")
        lang = current_language()
        items = []
        for scenario_id in self.scenarios.ids():
            scenario = self.scenarios.get(scenario_id, lang)
            assert scenario is not None
            mode = _("remote") if scenario.remote else _("in person")
            items.append((scenario_id, f"{scenario.title} ({mode})"))
        chosen = prompts.choose_item(
            self._window, title, _("Choose a practice scenario (fictional):"), items
        )
        if not chosen:
            return
        path = self.practice_path()
        if path.exists():
            secret = prompts.ask_passphrase(
                self._window, title, _("The practice vault's passphrase")
            )
        else:
            secret = self._new_passphrase(title)
        if not secret:
            return
        self._pending = (chosen, lang)
        if path.exists():
            self._window.open_vault_file(path, secret)
            return
        key = self._window.session.key

        def make() -> None:
            training.create_practice_vault(path, secret, key).close()

        def made(_result: object) -> None:
            self._window.open_vault_file(path, secret)

        def failed(exc: BaseException) -> None:
            self._pending = None
            prompts.info(self._window, title, render(exc))

        self._window.session.tasks.run(make, made, failed)

    def _new_passphrase(self, title: str) -> str | None:
        return prompts.ask_new_passphrase(
            self._window, title, _("A passphrase for the new practice vault")
        )

    def _after_unlock(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        scenario_id, lang = pending
        session = self._window.session
        today = session.clock.today()
        scenarios = self.scenarios

        def job(vault: Vault) -> str:
            return training.start_practice(
                vault, scenario_id, today=today, lang=lang, scenarios=scenarios
            ).id

        def opened(case_id: object) -> None:
            assert isinstance(case_id, str)
            self._window.cases_view.refresh(select_id=case_id)
            self._window.open_case(case_id)
            self.started.emit(case_id)

        session.run_with_vault(
            job, opened, lambda exc: prompts.info(self._window, _("Practice"), render(exc))
        )
