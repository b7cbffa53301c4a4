"""The rules a scenario file must follow: locale parity and the protocols' text linter."""

from __future__ import annotations

from collections.abc import Iterator

from clinic.protocols.lint import absolute_problems, text_problems
from clinic.protocols.loader import LoadProblem, ProtocolSet
from clinic.training.scenario import Scenario


def _trainee_texts(scenario: Scenario) -> Iterator[tuple[str | None, str, str]]:
    """(goal id, field, text) for what the trainee and trainer read (not the survivor's words:
    a survivor may well ask "is my phone safe?")."""
    yield None, "title", scenario.title
    yield None, "survivor.situation", scenario.survivor.situation
    for goal in scenario.goals:
        yield goal.id, "text", goal.text
        yield goal.id, "why", goal.why


def lint_scenario(scenario: Scenario, label: str, lang: str) -> list[LoadProblem]:
    out: list[LoadProblem] = []
    for goal_id, name, text in _trainee_texts(scenario):
        for message in [*text_problems(text), *absolute_problems(text, lang)]:
            out.append(LoadProblem(label, message, f"goal {goal_id}" if goal_id else None, name))
    return out


def _shape(scenario: Scenario) -> dict[str, object]:
    """Everything both locales must share: ids, kinds, parameters, app lists."""
    truth = scenario.truth
    return {
        "version": scenario.version,
        "mode": scenario.mode,
        "pseudonym": scenario.survivor.pseudonym,
        "answers": {g: sorted(entries) for g, entries in sorted(scenario.answers.items())},
        "follow_ups": [f.id for f in scenario.follow_ups],
        "goals": [
            (g.id, g.kind, g.service, g.device_kind, g.item, g.package) for g in scenario.goals
        ],
        "people": [(p.id, p.role) for p in truth.people],
        "devices": [(d.id, d.kind, d.platform) for d in truth.devices],
        "accounts": [(a.id, a.service) for a in truth.accounts],
        "routes": [(r.person, r.target) for r in truth.routes],
        "phone_apps": list(truth.phone_apps),
    }


def parity_problems(base: Scenario, other: Scenario, label: str) -> list[LoadProblem]:
    mine, theirs = _shape(base), _shape(other)
    return [
        LoadProblem(
            label, "differs from en.toml (same ids, kinds and values in every locale)", None, name
        )
        for name in mine
        if mine[name] != theirs[name]
    ]


def guide_problems(scenario: Scenario, protocols: ProtocolSet, label: str) -> list[LoadProblem]:
    """Every answer is keyed by a real guide entry (so the survivor panel can find it)."""
    out = []
    for guide_id, entries in scenario.answers.items():
        guide = protocols.guide(guide_id, "en")
        known = {e.id for e in guide.entries} if guide is not None else set()
        for entry_id in entries:
            if entry_id not in known:
                out.append(
                    LoadProblem(
                        label,
                        "answers a guide entry that does not exist",
                        None,
                        f"answers.{guide_id}.{entry_id}",
                    )
                )
    return out
