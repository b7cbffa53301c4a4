"""Benchmark: a 10,000-package list matched against the full Echap indicator data.

Run `python benchmarks/bench_phonecheck.py`; `run()` returns the in-process figures
(milliseconds; budget: matching under 50 ms) and `cli()` the whole-process figure:
`clinic phone-check --packages` of a 10,000-line list against `clinic case list` on the same
vault (budget: at most 2x). Reads ../shared/data/stalkerware-indicators/ (never copied).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinic.phonecheck.indicators import IndicatorSet, parse_ioc  # noqa: E402
from clinic.phonecheck.matching import match  # noqa: E402
from clinic.phonecheck.scan import snapshot_from_list  # noqa: E402

IOC_YAML = ROOT.parent / "shared" / "data" / "stalkerware-indicators" / "ioc.yaml"
PACKAGES = 10_000


def _listing(known: list[str]) -> str:
    lines = [
        f"package:/data/app/~~x{n}==/org.bench.app{n}-y==/base.apk=org.bench.app{n}"
        f"  installer={'null' if n % 50 == 0 else 'com.android.vending'} uid:{10000 + n}"
        for n in range(PACKAGES - len(known))
    ]
    lines.extend(
        f"package:/data/app/~~k==/{p}-z==/base.apk={p}  installer=null uid:1" for p in known
    )
    return "\n".join(lines) + "\n"


def run(repeats: int = 5) -> dict[str, float]:
    """Best of `repeats` runs for each step (the machine may be busy with other work)."""
    t0 = time.perf_counter()
    indicators = parse_ioc(IOC_YAML.read_bytes())
    t1 = time.perf_counter()
    doc, imported = indicators.to_doc(), dt.date(2026, 11, 27)
    t2 = time.perf_counter()
    IndicatorSet.from_doc(doc, imported, None, indicators.attribution)
    t3 = time.perf_counter()
    known = sorted(indicators.by_package)[:20]
    text = _listing(known)
    parse_ms = match_ms = float("inf")
    for _ in range(repeats):
        a = time.perf_counter()
        snap = snapshot_from_list(text)
        b = time.perf_counter()
        result = match(snap, indicators)
        c = time.perf_counter()
        parse_ms, match_ms = min(parse_ms, (b - a) * 1000), min(match_ms, (c - b) * 1000)
        found = len(result.in_group("known_stalkerware"))
        if len(snap.apps) != PACKAGES or found != len(known):
            raise RuntimeError("benchmark data did not match as expected")
    return {
        "packages": float(PACKAGES),
        "indicator_packages": float(indicators.package_count),
        "import_yaml_ms": (t1 - t0) * 1000,
        "load_from_vault_doc_ms": (t3 - t2) * 1000,
        "parse_list_ms": parse_ms,
        "match_ms": match_ms,
        "parse_and_match_ms": parse_ms + match_ms,
    }


def cli(repeats: int = 5) -> dict[str, float]:
    """Whole processes on one demo vault with both indicator files imported."""
    import subprocess
    import tempfile

    from benchmarks.harness import PASSPHRASE, PYTHON, ROOT, child_env, clinic_demo, median

    def wall(*args: str) -> tuple[float, str]:
        start = time.perf_counter()
        done = subprocess.run(
            [PYTHON, "-m", "ui.main", *args, "--passphrase-stdin"],
            input=PASSPHRASE + "\n",
            text=True,
            cwd=ROOT,
            env=child_env(),
            capture_output=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()[:200]}")
        return (time.perf_counter() - start) * 1000, done.stdout

    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "demo.vault"
        clinic_demo(vault)
        watch = IOC_YAML.parent / "watchware.yaml"
        wall("indicators", "import", str(vault), str(IOC_YAML), str(watch))
        case_id = wall("case", "list", str(vault))[1].splitlines()[0].split("\t")[0]
        known = sorted(parse_ioc(IOC_YAML.read_bytes()).by_package)[:20]
        listing = Path(tmp) / "packages.txt"
        listing.write_text(_listing(known), encoding="utf-8")
        lists, checks = [], []
        for _ in range(repeats):
            lists.append(wall("case", "list", str(vault))[0])
            checks.append(wall("phone-check", str(vault), case_id, "--packages", str(listing))[0])
    ours, floor = median(checks), median(lists)
    return {"phone_check_cli_ms": ours, "case_list_cli_ms": floor, "ratio": ours / floor}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.1f}")
    if "--cli" in sys.argv:
        for key, value in cli().items():
            print(f"{key}: {value:.2f}")
