"""`clinic case list|export|import|schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from clinic.cli.support import (
    add_initials_arg,
    add_passphrase_args,
    open_vault,
    write_plaintext_output,
)
from clinic.errors import Refused


def register(sub: Any) -> None:
    group = sub.add_parser("case", help="list, export and import cases")
    csub = group.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    lst = csub.add_parser("list", help="one case per line: id, pseudonym, status, opened")
    lst.add_argument("vault", metavar="PATH")
    add_passphrase_args(lst)
    lst.set_defaults(handler=_list)

    exp = csub.add_parser("export", help="a case as JSON (not encrypted)")
    exp.add_argument("vault", metavar="PATH")
    exp.add_argument("case_id", metavar="CASE_ID")
    exp.add_argument("--out", metavar="FILE", help="write to FILE (0600) instead of stdout")
    add_initials_arg(exp)
    add_passphrase_args(exp)
    exp.set_defaults(handler=_export)

    imp = csub.add_parser("import", help="import a case JSON file")
    imp.add_argument("vault", metavar="PATH")
    imp.add_argument("file", metavar="FILE.json")
    imp.add_argument("--replace", action="store_true", help="replace a case with the same id")
    add_passphrase_args(imp)
    imp.set_defaults(handler=_import)

    schema = csub.add_parser("schema", help="the JSON Schema of the case format")
    schema.set_defaults(handler=_schema)


def _list(args: argparse.Namespace) -> int:
    from clinic.storage.case_list import list_cases

    vault = open_vault(args)
    try:
        rows = list_cases(vault.conn)
    finally:
        vault.close()
    out = sys.stdout
    for r in rows:
        out.write(f"{r.id}\t{_one_line(r.pseudonym)}\t{r.status}\t{r.opened.isoformat()}\n")
    return 0


def _one_line(text: str) -> str:
    return text.replace("\t", " ")


def _export(args: argparse.Namespace) -> int:
    from clinic.services import export
    from clinic.services.lifecycle import clean_initials

    clean_initials(args.initials)
    with open_vault(args) as vault:
        data = export.case_json(vault, args.case_id)
        write_plaintext_output(data, args.out, "exported case")
        export.record_exported(vault, args.initials)
    return 0


def parse_case_file(path: Path) -> Any:
    """Read and validate a case file; errors say where, never what (clinic.model.case_file)."""
    from clinic.model.case_file import read_case_file

    return read_case_file(path)


def _import(args: argparse.Namespace) -> int:
    from clinic.storage import CaseRepository

    case = parse_case_file(Path(args.file))
    vault = open_vault(args)
    try:
        from clinic.services.training import check_case_fits_vault

        check_case_fits_vault(vault, case)  # practice cases and real ones never mix
        repo = CaseRepository(vault)
        if repo.exists(case.id):
            if not args.replace:
                raise Refused("case_exists_use_replace")
            repo.save(case)
        else:
            repo.add(case)
    finally:
        vault.close()
    return 0


def _schema(args: argparse.Namespace) -> int:
    from clinic.model.case_file import case_json_schema

    print(json.dumps(case_json_schema(), indent=2, ensure_ascii=False))
    return 0
