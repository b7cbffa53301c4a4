"""Run every performance budget against its floor, print a table, fail when one is missed.

    python benchmarks/check.py [--markdown]

Builds its demo vaults with `python -m ui.main demo` in a temporary folder (the 10,000-case
vault, one transaction, takes a few seconds), then measures each figure and its floor in the
same run, in fresh processes where the budget is about starting. Exit status 1 when a figure misses
its budget (or could not be measured). Not run by CI: shared machines are too noisy.
"""

from __future__ import annotations

import compileall
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_fresh
from benchmarks.harness import FAST_KDF_ITER, ROOT, Vaults, build_vaults, run_probe

DEFAULT_KDF_ITER = 256_000


@dataclass
class Row:
    figure: str
    unit: str
    value: float | None = None
    floor: float | None = None
    max_ratio: float | None = None
    max_value: float | None = None
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def budget(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"<= {self.max_ratio:g}x floor")
        if self.max_value is not None:
            parts.append(f"< {self.max_value:g} {self.unit}")
        return ", ".join(parts)

    @property
    def passed(self) -> bool:
        if self.value is None or self.error:
            return False
        ratio = self.ratio
        if self.max_ratio is not None and (ratio is None or ratio > self.max_ratio):
            return False
        return self.max_value is None or self.value < self.max_value


def measure(vaults: Vaults, work: Path) -> list[Row]:
    rows: list[Row] = []

    def add(row: Row, fn: Callable[[], tuple[float, float | None]]) -> None:
        started = time.perf_counter()
        try:
            row.value, row.floor = fn()
        except Exception as exc:  # one broken figure must not hide the others
            row.error = f"{type(exc).__name__}: {exc}"[:200]
        rows.append(row)
        print(f"  {row.figure}: {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def gui(mode: str, vault: Path, kdf_iter: int) -> dict[str, float]:
        return run_probe("probe_gui.py", mode, str(vault), str(kdf_iter), str(work / mode))

    def start() -> tuple[float, float]:
        r = bench_fresh.cold_start(vaults.demo, work / "start")
        return r["start_ms"], r["bare_window_ms"]

    def unlock() -> tuple[float, float]:
        r = gui("unlock", vaults.demo, DEFAULT_KDF_ITER)
        return r["unlock_ms"], r["bare_open_ms"]

    cases: dict[str, float] = {}

    def case_list() -> tuple[float, None]:
        cases.update(gui("cases", vaults.many, FAST_KDF_ITER))
        return cases["list_shown_ms"], None

    def report() -> tuple[float, float]:
        from benchmarks import bench_report

        r = bench_report.run()
        return r["export_s"] * 1000, r["bare_reportlab_s"] * 1000

    def cli() -> tuple[float, float]:
        r = bench_fresh.cli_list(vaults.demo)
        return r["cli_list_ms"], r["bare_open_process_ms"]

    add(Row("cold start to unlock view drawn", "ms", max_ratio=1.5), start)
    add(Row("unlock to case list drawn (default key)", "ms", max_ratio=1.3), unlock)
    add(
        Row("open large case, workspace drawn", "ms", max_value=150),
        lambda: (gui("workspace", vaults.demo, DEFAULT_KDF_ITER)["open_large_ms"], None),
    )
    add(
        Row("autosave one edit, p99", "ms", max_value=20),
        lambda: (gui("autosave", vaults.demo, DEFAULT_KDF_ITER)["autosave_p99_ms"], None),
    )
    add(Row("10,000 cases: list shown", "ms", max_value=300), case_list)
    add(
        Row("10,000 cases: filter keystroke", "ms", max_value=50),
        lambda: (cases["filter_key_ms"], None),
    )
    add(Row("survivor PDF, large case", "ms", max_ratio=2, max_value=1000), report)
    add(
        Row("peak memory, large case open", "MB", max_value=250),
        lambda: (gui("memory", vaults.demo, DEFAULT_KDF_ITER)["peak_rss_mb"], None),
    )
    add(Row("`clinic case list`, whole process", "ms", max_ratio=2.5), cli)

    def phone_check() -> tuple[float, float]:
        from benchmarks import bench_phonecheck

        r = bench_phonecheck.cli()
        return r["phone_check_cli_ms"], r["case_list_cli_ms"]

    def matching() -> tuple[float, None]:
        from benchmarks import bench_phonecheck

        return bench_phonecheck.run()["match_ms"], None

    add(Row("`phone-check --packages` 10,000 lines vs case list", "ms", max_ratio=2), phone_check)
    add(Row("phone check: matching 10,000 packages", "ms", max_value=50), matching)
    return rows


def _num(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def table(rows: list[Row], markdown: bool) -> str:
    head = ("figure", "value", "floor", "ratio", "budget", "result")
    lines = []
    for row in rows:
        result = "pass" if row.passed else ("ERROR " + row.error if row.error else "FAIL")
        lines.append(
            (
                row.figure,
                f"{_num(row.value)} {row.unit}" if row.value is not None else "",
                f"{_num(row.floor)} {row.unit}" if row.floor is not None else "",
                f"{_num(row.ratio, 2)}x" if row.ratio is not None else "",
                row.budget,
                result,
            )
        )
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in [head, *lines]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{'<' if i in (0, 4, 5) else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join(fmt.format(*r).rstrip() for r in [head, *lines])


def others() -> str:
    """The benchmarks without a budget in the issue (phone check needs ../shared/data)."""
    from benchmarks import bench_phonecheck, bench_routes

    lines = []
    for name, module in (("routes", bench_routes), ("phone check", bench_phonecheck)):
        try:
            figures = module.run()
        except (OSError, RuntimeError) as exc:
            lines.append(f"{name}: skipped ({type(exc).__name__})")
            continue
        shown = ", ".join(f"{k} {v:.1f}" for k, v in figures.items() if k.endswith("_ms"))
        lines.append(f"{name}: {shown}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    # An installed app runs from bytecode (`pip install .` compiles it), and so does the
    # PySide6 floor; compile ours too, since PYTHONDONTWRITEBYTECODE may be set here.
    for package in ("clinic", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="clinic-bench-") as tmp:
        work = Path(tmp)
        print("building demo vaults...", file=sys.stderr)
        vaults = build_vaults(work)
        print(f"  vaults: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        rows = measure(vaults, work)
    print(table(rows, "--markdown" in argv))
    print("\nWithout a budget (milliseconds, best of 5):\n" + others())
    print(f"\n{time.strftime('%Y-%m-%d')}, {time.perf_counter() - started:.0f} s in all")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
