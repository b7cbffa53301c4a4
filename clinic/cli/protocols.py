"""`clinic protocols list|check|coverage`: the protocol content from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic.cli.support import add_passphrase_args, open_vault
from clinic.errors import InvalidInput, UsageError

if TYPE_CHECKING:
    from clinic.protocols.loader import ProtocolSet
    from clinic.protocols.schema import Review

DRAFT_NOTE = "draft: not yet reviewed by an advocate"
LANGS = ("en", "es")


def register(sub: Any) -> None:
    group = sub.add_parser("protocols", help="list and check consultation protocols")
    psub = group.add_subparsers(dest="protocols_command", metavar="ACTION", required=True)

    lst = psub.add_parser("list", help="one protocol per line: id, items, review, title")
    lst.add_argument("--lang", choices=LANGS, default="en", help="language of the titles")
    add_protocols_dir_arg(lst)
    lst.set_defaults(handler=_list)

    chk = psub.add_parser("check", help="validate a folder of protocols (exit 5 on any problem)")
    chk.add_argument("folder", metavar="DIR")
    chk.set_defaults(handler=_check)

    cov = psub.add_parser("coverage", help="which protocols apply to a case, and how far done")
    cov.add_argument("vault", metavar="PATH")
    cov.add_argument("case_id", metavar="CASE_ID")
    add_protocols_dir_arg(cov)
    add_passphrase_args(cov)
    cov.set_defaults(handler=_coverage)


def add_protocols_dir_arg(parser: argparse.ArgumentParser) -> None:
    """`--protocols-dir DIR` (repeatable): a clinic's own protocols, overriding by id."""
    parser.add_argument(
        "--protocols-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also load a clinic's protocols folder (overrides built-in protocols by id)",
    )


def protocols_from_args(args: argparse.Namespace) -> ProtocolSet:
    """The built-in protocols plus every --protocols-dir, in order."""
    from clinic.protocols.loader import load_protocols

    folders = [Path(d) for d in getattr(args, "protocols_dir", [])]
    for folder in folders:
        if not folder.is_dir():
            raise UsageError("protocols_dir_not_folder")
    return load_protocols(folders)


def review_note(review: Review) -> str:
    if review.is_draft or review.reviewed_on is None:
        return DRAFT_NOTE
    return f"reviewed by {review.reviewed_by} on {review.reviewed_on.isoformat()}"


def _list(args: argparse.Namespace) -> int:
    pset = protocols_from_args(args)
    out = sys.stdout
    for protocol_id in sorted(pset.protocols):
        by_locale = pset.protocols[protocol_id]
        proto = by_locale.get(args.lang) or by_locale["en"]
        missing = "" if args.lang in by_locale else f" [no {args.lang} translation]"
        out.write(
            f"{protocol_id}\t{len(proto.items)} items\t{review_note(proto.review)}\t"
            f"{_one_line(proto.title)}{missing}\n"
        )
    out.write(f"{len(pset.protocols)} protocols, {pset.item_count('en')} items\n")
    for lang in LANGS:
        present = [p[lang] for p in pset.protocols.values() if lang in p]
        items = sum(len(p.items) for p in present)
        guides = sum(1 for g in pset.guides.values() if lang in g)
        out.write(f"{lang}: {len(present)} protocols, {items} items, {guides} guides\n")
    for problem in pset.problems:
        print(f"clinic: warning: {problem}", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from clinic.protocols.lint import lint_set
    from clinic.protocols.loader import LoadProblem, load_protocols

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError("not_a_folder")
    pset = load_protocols([folder], builtin=False)
    problems = pset.problems + lint_set(pset)
    if not pset.protocols and not pset.guides and not problems:
        problems.append(LoadProblem(str(folder), "no protocol folders (<id>/en.toml) found"))
    for problem in problems:
        print(problem)
    if problems:
        raise InvalidInput("protocol_problems", count=len(problems))
    print(
        f"ok: {len(pset.protocols)} protocols, {pset.item_count('en')} items, "
        f"{len(pset.guides)} guides"
    )
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from clinic.protocols.select import coverage, select
    from clinic.storage import CaseRepository

    pset = protocols_from_args(args)
    vault = open_vault(args)
    try:
        case = CaseRepository(vault).load(args.case_id)
    finally:
        vault.close()
    result = coverage(case, pset, select(case, pset, case.language.value))
    out = sys.stdout
    for entry in result.entries:
        mark = "" if entry.suggested else "\t(not suggested)"
        out.write(
            f"{entry.target.kind}\t{_one_line(entry.target.label)}\t{entry.protocol_id}\t"
            f"{len(entry.done)}/{len(entry.item_ids)}{mark}\n"
        )
    for target in result.uncovered:
        out.write(f"no protocol\t{target.kind}\t{_one_line(target.label)}\n")
    out.write(f"done {result.done_count} of {result.item_count} items\n")
    return 0


def _one_line(text: str) -> str:
    return text.replace("\t", " ")
