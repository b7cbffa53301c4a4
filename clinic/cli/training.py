"""`clinic training list|check|start|debrief`: practice mode (mock consultations)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinic.cli.support import (
    add_initials_arg,
    add_passphrase_args,
    key_settings,
    open_vault,
    passphrases,
    write_plaintext_output,
)

LANGS = ("en", "es")


def register(sub: Any) -> None:
    group = sub.add_parser("training", help="practice mode: mock consultations and a debrief")
    tsub = group.add_subparsers(dest="training_command", metavar="ACTION", required=True)

    lst = tsub.add_parser("list", help="one scenario a line: id, goals, mode, title")
    lst.add_argument("--lang", choices=LANGS, default="en")
    lst.set_defaults(handler=_list)

    check = tsub.add_parser("check", help="validate a scenarios folder (schema, parity, linter)")
    check.add_argument("folder", metavar="DIR")
    check.set_defaults(handler=_check)

    start = tsub.add_parser("start", help="add a practice case (makes the practice vault)")
    start.add_argument("vault", metavar="PATH")
    start.add_argument("scenario_id", metavar="SCENARIO_ID")
    start.add_argument("--lang", choices=LANGS, default="en")
    add_passphrase_args(start)
    start.set_defaults(handler=_start)

    deb = tsub.add_parser("debrief", help="each goal met or missed, why, where to look")
    deb.add_argument("vault", metavar="PATH")
    deb.add_argument("case_id", metavar="CASE_ID")
    deb.add_argument("--lang", choices=LANGS, default="en")
    deb.add_argument("--out", metavar="FILE.pdf", default=None, help="also print it (0600)")
    add_initials_arg(deb)
    add_passphrase_args(deb)
    deb.set_defaults(handler=_debrief)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _list(args: argparse.Namespace) -> int:
    from clinic.training.scenario import load_scenarios

    scenarios = load_scenarios()
    for scenario_id in scenarios.ids():
        scenario = scenarios.get(scenario_id, args.lang)
        assert scenario is not None
        goals = len(scenario.goals)
        mode = "remote" if scenario.remote else "in person"
        noun = "goal" if goals == 1 else "goals"
        print(f"{scenario.id}\t{goals} {noun}\t{mode}\t{_one_line(scenario.title)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from clinic.protocols.loader import load_protocols
    from clinic.training.checks import guide_problems
    from clinic.training.scenario import load_scenarios

    scenarios = load_scenarios(Path(args.folder))
    problems = [str(p) for p in scenarios.problems]
    guides = load_protocols()
    for scenario_id in scenarios.ids():
        for lang in ("en", "es"):
            scenario = scenarios.by_locale.get(lang, {}).get(scenario_id)
            if scenario is not None:
                label = f"{scenario_id}/{lang}.toml"
                problems.extend(str(p) for p in guide_problems(scenario, guides, label))
    for line in problems:
        print(_one_line(line))
    if problems:
        return 5
    count = len(scenarios.ids())
    print(f"ok: {count} scenario{'' if count == 1 else 's'} in en and es")
    return 0


def _start(args: argparse.Namespace) -> int:
    from clinic.services.training import create_practice_vault, start_practice

    path = Path(args.vault)
    pw = passphrases(args)
    if path.exists():
        vault = open_vault(args, pw)
    else:
        vault = create_practice_vault(path, pw.new(), key_settings(args))
    with vault:
        case = start_practice(vault, args.scenario_id, lang=args.lang)
    print(case.id)
    return 0


def _debrief(args: argparse.Namespace) -> int:
    from clinic.i18n import translation
    from clinic.services.export import record_exported
    from clinic.services.lifecycle import clean_initials
    from clinic.services.training import debrief

    clean_initials(args.initials)
    say = translation(args.lang).gettext
    with open_vault(args) as vault:
        result = debrief(vault, args.case_id, args.lang)
        if args.out:
            from clinic.report.debrief import render_debrief

            write_plaintext_output(
                render_debrief(result.scenario, result.results, args.lang), args.out, "PDF"
            )
            record_exported(vault, args.initials)
    for goal in result.results:
        state = "met" if goal.met else "missed"
        text, why = _one_line(goal.goal.text), _one_line(goal.goal.why)
        print(f"{state}\t{goal.goal.id}\t{text}\t{why} ({say(goal.where)})")
    return 0
