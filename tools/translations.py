"""Developer tool: extract, update and compile the gettext catalogs.

python tools/translations.py extract   # refresh resources/translations/clinic.pot
python tools/translations.py update    # merge the template into every <lang>.po
python tools/translations.py compile   # write the .mo files the app reads
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
POT = TRANSLATIONS / "clinic.pot"
LANGS = ("es",)
# A fixed header date keeps the compiled .mo byte-for-byte reproducible from the .po.
MO_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extract() -> Catalog:
    catalog = Catalog(project="tech-safety-clinic", charset="utf-8")
    for folder in ("clinic", "ui"):
        method_map = [("**.py", "python")]
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / folder, method_map, keywords=KEYWORDS
        ):
            catalog.add(
                message,
                None,
                [(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "clinic.po"


def compiled(lang: str) -> bytes:
    with po_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    catalog.creation_date = MO_DATE
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "compile"
    if action == "extract":
        with POT.open("wb") as fh:
            write_po(fh, extract(), omit_header=True, sort_output=True)
    elif action == "update":
        template = extract()
        for lang in LANGS:
            path = po_path(lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                with path.open("rb") as fh:
                    catalog = read_po(fh, locale=lang)
            else:
                catalog = Catalog(locale=lang)
            catalog.update(template, no_fuzzy_matching=True)
            with path.open("wb") as fh:
                write_po(fh, catalog, omit_header=True, sort_output=True, ignore_obsolete=True)
    elif action == "compile":
        for lang in LANGS:
            po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
