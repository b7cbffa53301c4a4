"""Rewrite the demo case files in resources/demo/ in the current case format.

Run after a change to the case format (`python tools/demo_cases.py`): each file is read
through the upgrade chain, takes the defaults of fields added since, and is written back as
`clinic case export` would write it. Its ids and dates stay as they are (see
clinic/services/demo_data.py for how they are used).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    import json

    from clinic.model import Case
    from clinic.model.case_file import dump_case
    from clinic.services.demo_data import index, raw_case

    for name in index()["cases"]:
        case = Case.model_validate_json(json.dumps(raw_case(name)), strict=True)
        (ROOT / "resources" / "demo" / name).write_text(dump_case(case), encoding="utf-8")
        print(f"rewrote resources/demo/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
