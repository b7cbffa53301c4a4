"""Practice mode: practice vaults, practice cases for a scenario, and the debrief.

A practice vault is marked as such when it is made here (`clinic training start` or the
GUI's "Practise with a fictional case"); every other vault is real, including one made by
`vault init` or `clinic demo`. A real vault refuses practice cases and a practice vault
refuses real ones, whichever door they come through (import, bundle, start).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from clinic.errors import NotFound, Refused
from clinic.model import Case, Visit
from clinic.model.vocab import Language, VisitMode
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.storage.settings_store import PRACTICE, VAULT_KIND_KEY, is_practice_vault, set_setting
from clinic.storage.vault import DEFAULT_KEY
from clinic.training.goals import GoalResult, judge
from clinic.training.scenario import Scenario, ScenarioSet, load_scenarios


@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    case: Case
    results: list[GoalResult]

    @property
    def met(self) -> int:
        return sum(r.met for r in self.results)


def create_practice_vault(path: Path, passphrase: str, key: KeySettings = DEFAULT_KEY) -> Vault:
    """A new vault marked as a practice vault (it holds practice cases only)."""
    vault = Vault.create(path, passphrase, key)
    try:
        set_setting(vault, VAULT_KIND_KEY, PRACTICE)
    except BaseException:
        vault.close()
        raise
    return vault


def check_case_fits_vault(vault: Vault, case: Case) -> None:
    """Refuse a practice case in a real vault, and a real case in a practice vault (exit 6)."""
    practice_vault = is_practice_vault(vault)
    if case.practice_scenario is not None and not practice_vault:
        raise Refused("practice_case_in_real_vault")
    if case.practice_scenario is None and practice_vault:
        raise Refused("real_case_in_practice_vault")


def scenario_or_refuse(scenarios: ScenarioSet, scenario_id: str, lang: str = "en") -> Scenario:
    scenario = scenarios.get(scenario_id, lang)
    if scenario is None:
        raise NotFound("scenario_not_found")
    return scenario


def practice_case(scenario: Scenario, today: dt.date, lang: str = "en") -> Case:
    """A new practice case: the fictional survivor's pseudonym and an empty first visit."""
    visit = Visit(date=today, mode=VisitMode(scenario.mode))
    return Case(
        pseudonym=scenario.survivor.pseudonym,
        language=Language(lang),
        opened=today,
        fictional=True,
        practice_scenario=scenario.id,
        visits=[visit],
    )


def start_practice(
    vault: Vault,
    scenario_id: str,
    *,
    today: dt.date | None = None,
    lang: str = "en",
    scenarios: ScenarioSet | None = None,
) -> Case:
    """Add a practice case for the scenario to a practice vault (a real vault refuses)."""
    if not is_practice_vault(vault):
        raise Refused("not_a_practice_vault")
    scenario = scenario_or_refuse(scenarios or load_scenarios(), scenario_id, lang)
    case = practice_case(scenario, today or dt.date.today(), lang)
    CaseRepository(vault).add(case)
    return case


def debrief(
    vault: Vault, case_id: str, lang: str = "en", scenarios: ScenarioSet | None = None
) -> Debrief:
    """Each goal of the case's scenario, met or missed, from the session record."""
    repo = CaseRepository(vault)
    case = repo.load(case_id)
    if case.practice_scenario is None or not is_practice_vault(vault):
        raise Refused("not_a_practice_case")
    scenario = scenario_or_refuse(scenarios or load_scenarios(), case.practice_scenario, lang)
    return Debrief(scenario, case, judge(scenario, case, repo.practice_events(case_id)))
