"""`clinic routes PATH CASE_ID`: the access routes of a case, one route a line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from clinic.cli.support import add_passphrase_args, open_vault


def register(sub: Any) -> None:
    routes = sub.add_parser(
        "routes", help="access routes from each person of concern, one route a line"
    )
    routes.add_argument("vault", metavar="PATH")
    routes.add_argument("case_id", metavar="CASE_ID")
    routes.add_argument("--lang", choices=("en", "es"), default=None, help="default: the case's")
    add_passphrase_args(routes)
    routes.set_defaults(handler=_routes)


def _routes(args: argparse.Namespace) -> int:
    from clinic.protocols.loader import load_protocols
    from clinic.storage import CaseRepository
    from clinic.technograph.routes import find_routes

    vault = open_vault(args)
    try:
        case = CaseRepository(vault).load(args.case_id)
    finally:
        vault.close()
    lang = args.lang or case.language.value
    report = find_routes(case, load_protocols())
    out = sys.stdout
    for route in report.routes:
        out.write(report.line(route, lang) + "\n")
    for person_id in report.people_without_routes:
        label = report.graph.label(person_id).replace("\t", " ")
        print(f"note: no route found from {label} (nothing found by this check)", file=sys.stderr)
    return 0
