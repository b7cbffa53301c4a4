"""What practice mode adds to the main window: the title, a banner, the survivor panel dock
and the debrief screen. Everything stays hidden for real vaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel

from clinic.error_catalogue import render
from clinic.i18n import _, current_language
from clinic.model import Case
from ui import prompts
from ui.practice.survivor_panel import SurvivorPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.practice.debrief_view import DebriefView

PRACTICE_TITLE = "Practice: fictional case"


class PracticeHooks:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.banner = QLabel(_(PRACTICE_TITLE), window)
        self.banner.setObjectName("practiceBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(
            "background: #5b3a8c; color: white; font-weight: bold; padding: 4px;"
        )
        self.banner.hide()
        window.statusBar().insertWidget(0, self.banner, 1)
        self.panel = SurvivorPanel(window)
        self.dock = QDockWidget(_("The survivor (fictional)"), window)
        self.dock.setObjectName("survivorDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(300)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.debrief_view: DebriefView | None = None
        self.panel.debrief_requested.connect(self.open_debrief)
        self.panel.phone_check_requested.connect(self.check_fictional_phone)
        window.session.case_edited.connect(self._edited)

    def vault_opened(self, practice: bool) -> None:
        from ui.main_window import APP_TITLE

        title = f"{_(PRACTICE_TITLE)} - {APP_TITLE}" if practice else APP_TITLE
        self.window.setWindowTitle(title)
        self.banner.setVisible(practice)

    def locked(self) -> None:
        self.banner.hide()
        self.dock.hide()
        self.panel.clear()

    def case_opened(self, case: Case) -> None:
        if case.practice_scenario is None:
            if self.dock.isVisible():
                self.window.workspace.guidance_button.setChecked(True)
            self.dock.hide()
            self.panel.clear()
            return
        from clinic.training.scenario import load_scenarios

        lang = current_language()
        scenario = load_scenarios().get(case.practice_scenario, lang)
        protocols = self.window.protocol_set()
        if scenario is None or protocols is None:
            self.dock.hide()
            return
        self.panel.show_scenario(scenario, protocols, lang)
        self.panel.show_stage(self.window.workspace.stage_id)
        # The survivor panel takes the guidance panel's room on a laptop screen (Ctrl+G
        # brings the guidance back); the stage page keeps its width.
        self.window.workspace.guidance_button.setChecked(False)
        size = self.window.size()
        self.dock.show()
        # The panel takes room inside the window, never grows it (after the layout settles).
        QTimer.singleShot(0, lambda: self.window.resize(size))

    def stage_changed(self) -> None:
        if self.dock.isVisible():
            self.panel.show_stage(self.window.workspace.stage_id)

    def case_closed(self) -> None:
        self.dock.hide()

    def _edited(self, kind: str, _entity: object) -> None:
        case = self.window.session.case
        if kind == "visits" and case is not None and self.dock.isVisible():
            self.panel.topics_changed(case)

    def open_debrief(self) -> None:
        from clinic.services.training import debrief
        from ui.practice.debrief_view import DebriefView

        session, case = self.window.session, self.window.session.case
        if case is None:
            return
        self.window.autosaver.flush()
        lang, case_id = current_language(), case.id

        def done(result: object) -> None:
            view = DebriefView(session, result, self.window)  # type: ignore[arg-type]
            self.debrief_view = view
            view.open()

        session.run_with_vault(
            lambda vault: debrief(vault, case_id, lang),
            done,
            lambda exc: prompts.info(self.window, _("Practice debrief"), render(exc)),
        )

    def check_fictional_phone(self) -> None:
        """The phone check on the scenario's app list, stored in the practice case like a
        check of a real list; the results show in Investigate > Phone check."""
        from clinic.services import phonecheck

        session, case, scenario = self.window.session, self.window.session.case, self.panel.scenario
        if case is None or scenario is None or not scenario.truth.phone_apps:
            return
        visit = case.latest_visit()
        request = phonecheck.CheckRequest(
            source="list",
            today=session.clock.today(),
            lang=current_language(),
            list_text="\n".join(scenario.truth.phone_apps),
            visit_id=visit.id if visit else None,
        )
        case_id = case.id

        def job(vault: object) -> tuple[int, bool]:
            indicators = phonecheck.load_indicators(vault)  # type: ignore[arg-type]
            outcome = phonecheck.run_check(request, indicators)
            phonecheck.save_to_vault(vault, case_id, outcome)  # type: ignore[arg-type]
            return len(outcome.check.hits), indicators is not None

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            hits, had_data = result
            text = _("The phone check read the fictional phone: {n} results. See Investigate.")
            if not had_data:
                text += " " + _(
                    "No indicator data is imported in the practice vault: known stalkerware"
                    " was not checked. Import it in Investigate > Phone check."
                )
            self.window.open_case(case_id, visit.id if visit else None, "investigate")
            prompts.info(self.window, _("Practice"), text.format(n=hits))

        session.run_with_vault(
            job, done, lambda exc: prompts.info(self.window, _("Practice"), render(exc))
        )
