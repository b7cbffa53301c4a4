"""Training scenarios as reviewed data: `protocols/scenarios/<id>/en.toml` and `es.toml`.

A scenario holds a fictional survivor, what they say when each guide entry is asked
(`answers.<guide id>.<entry id>`: the safety check-in questions, the consent script, the
questionnaire topics), follow-up prompts with replies, the ground truth a trainee should
discover, and the learning goals the debrief judges. Both locales carry the same ids, goal
kinds and parameters (parity), and the texts a trainee reads pass the protocols' linter.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from clinic.model.text import STRICT_CONFIG, LongText, ShortText
from clinic.model.vocab import DeviceKind, Platform, Service
from clinic.protocols.loader import LoadProblem, load_file
from clinic.protocols.schema import ContentId, Review

SCENARIOS_FOLDER = "scenarios"
LOCALES = ("en", "es")
Mode = Literal["in_person", "phone", "video"]
GoalKind = Literal[
    "consent_first",
    "route_found",
    "checklist_item",
    "safety_questions",
    "document_first",
    "referred_out",
    "phone_check_found",
    "no_safety_claims",
]


class Survivor(BaseModel):
    """The fictional survivor the trainee talks to."""

    model_config = STRICT_CONFIG
    pseudonym: ShortText
    situation: LongText = Field(min_length=1)
    """For the trainee: who they are and why they came, in two or three sentences."""
    opening: LongText = Field(min_length=1)
    """What they say first, in their own words."""


class FollowUp(BaseModel):
    model_config = STRICT_CONFIG
    id: ContentId
    prompt: LongText = Field(min_length=1)
    """A question the trainee may ask."""
    reply: LongText = Field(min_length=1)


class TruthPerson(BaseModel):
    model_config = STRICT_CONFIG
    id: ContentId
    label: ShortText
    role: Literal["person_of_concern", "child", "other"]


class TruthDevice(BaseModel):
    model_config = STRICT_CONFIG
    id: ContentId
    label: ShortText
    kind: DeviceKind
    platform: Platform = Platform.UNKNOWN


class TruthAccount(BaseModel):
    model_config = STRICT_CONFIG
    id: ContentId
    label: ShortText
    service: Service


class TruthRoute(BaseModel):
    """Who can reach what, as the trainee should find it in the technograph."""

    model_config = STRICT_CONFIG
    person: ContentId
    target: ContentId
    how: LongText = Field(min_length=1)


class Truth(BaseModel):
    """What the trainee must discover (shown to a trainer in the debrief, never before)."""

    model_config = STRICT_CONFIG
    people: list[TruthPerson] = Field(default_factory=list)
    devices: list[TruthDevice] = Field(default_factory=list)
    accounts: list[TruthAccount] = Field(default_factory=list)
    routes: list[TruthRoute] = Field(default_factory=list)
    phone_apps: list[ShortText] = Field(default_factory=list, max_length=500)
    """The package ids on the fictional survivor's Android phone (for the phone check)."""

    @model_validator(mode="after")
    def _routes_name_known_ids(self) -> Truth:
        people = {p.id for p in self.people}
        targets = {d.id for d in self.devices} | {a.id for a in self.accounts}
        for route in self.routes:
            if route.person not in people or route.target not in targets:
                raise ValueError("a route names a person, device or account that is not listed")
        return self


class Goal(BaseModel):
    """One learning goal, judged from the session record only (clinic.training.goals)."""

    model_config = STRICT_CONFIG
    id: ContentId
    kind: GoalKind
    text: LongText = Field(min_length=1)
    why: LongText = Field(min_length=1)
    """Why it matters, in plain words."""
    service: Service | None = None
    """route_found: a person of concern reaches an account of this service..."""
    device_kind: DeviceKind | None = None
    """route_found: ...or a device of this kind."""
    item: ShortText | None = None
    """checklist_item: `protocol/item` (or an item id) that must have a result."""
    package: ShortText | None = None
    """phone_check_found: the planted app's package id."""

    @model_validator(mode="after")
    def _parameters(self) -> Goal:
        needs = {
            "route_found": self.service is not None or self.device_kind is not None,
            "checklist_item": self.item is not None,
            "phone_check_found": self.package is not None,
        }
        if not needs.get(self.kind, True):
            raise ValueError(f"a {self.kind} goal needs its parameter")
        return self


class Scenario(BaseModel):
    model_config = STRICT_CONFIG
    id: ContentId
    version: int = Field(ge=1)
    review: Review = Field(default_factory=Review)
    title: ShortText
    mode: Mode
    survivor: Survivor
    answers: dict[ContentId, dict[ContentId, LongText]] = Field(default_factory=dict)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    truth: Truth
    goals: list[Goal] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Scenario:
        for name, ids in (
            ("goal", [g.id for g in self.goals]),
            ("follow-up", [f.id for f in self.follow_ups]),
        ):
            if len(ids) != len(set(ids)):
                raise ValueError(f"every {name} id must be unique")
        return self

    @property
    def remote(self) -> bool:
        return self.mode != "in_person"

    def answer(self, guide_id: str, entry_id: str) -> str | None:
        return self.answers.get(guide_id, {}).get(entry_id)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


@dataclass
class ScenarioSet:
    """Scenarios by id, one per locale, with every problem found while loading."""

    by_locale: dict[str, dict[str, Scenario]] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def get(self, scenario_id: str, lang: str = "en") -> Scenario | None:
        found = self.by_locale.get(lang, {}).get(scenario_id)
        return found or self.by_locale.get("en", {}).get(scenario_id)

    def ids(self) -> list[str]:
        return sorted(self.by_locale.get("en", {}))


def scenarios_dir() -> Path:
    from clinic.paths import protocols_dir

    return protocols_dir() / SCENARIOS_FOLDER


def load_scenarios(root: Path | None = None) -> ScenarioSet:
    """Every scenario folder under `root`; the bundled scenarios (read once) by default."""
    return _bundled() if root is None else _load(root)


@functools.cache
def _bundled() -> ScenarioSet:
    return _load(scenarios_dir())


def _load(root: Path) -> ScenarioSet:
    from clinic.training.checks import lint_scenario, parity_problems

    out = ScenarioSet()
    if not root.is_dir():
        out.problems.append(LoadProblem(str(root), "is not a folder"))
        return out
    folders = (
        [root]
        if (root / "en.toml").is_file()
        else sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    )
    for folder in folders:
        loaded: dict[str, Scenario] = {}
        for lang in LOCALES:
            path = folder / f"{lang}.toml"
            label = f"{folder.name}/{lang}.toml"
            if not path.is_file():
                out.problems.append(
                    LoadProblem(label, "is missing (every scenario needs en and es)")
                )
                continue
            scenario, problems = load_file(path, Scenario, label)
            out.problems.extend(problems)
            if scenario is None:
                continue
            if scenario.id != folder.name:
                out.problems.append(LoadProblem(label, "id must match the folder name", None, "id"))
                continue
            out.problems.extend(lint_scenario(scenario, label, lang))
            loaded[lang] = scenario
            out.by_locale.setdefault(lang, {})[scenario.id] = scenario
        if "en" in loaded and "es" in loaded:
            out.problems.extend(
                parity_problems(loaded["en"], loaded["es"], f"{folder.name}/es.toml")
            )
    return out
