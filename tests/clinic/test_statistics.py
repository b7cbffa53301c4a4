"""De-identified statistics: what is counted, suppression, purge freezing, the CSV, DuckDB."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import Counter
from pathlib import Path

import pytest

from clinic.model import Case
from clinic.model.vocab import CaseStatus
from clinic.services.lifecycle import purge_closed, read_audit
from clinic.services.statistics import StatsQuery, export_statistics, statistics, vault_counts
from clinic.stats.measures import TOTAL, Key, case_tallies, with_totals
from clinic.stats.suppress import Cell, suppress
from clinic.stats.table import HEADER, to_csv
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.storage.settings_store import PRACTICE, VAULT_KIND_KEY, set_setting
from tests.cli_helpers import run_cli
from tests.conftest import FIXED_TODAY, PASSPHRASE
from tests.factories import with_marker_everywhere

DOCS = Path(__file__).resolve().parents[2] / "docs" / "statistics.md"


def _real(case: Case) -> Case:
    return case.model_copy(update={"fictional": False})


def _vault(path: Path, key: KeySettings, cases: list[Case]) -> Vault:
    vault = Vault.create(path, PASSPHRASE, key)
    repo = CaseRepository(vault)
    for case in cases:
        repo.add(case)
    return vault


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_rich_case_is_tallied_by_month_from_fixed_vocabularies(demo_case: Case) -> None:
    tallies = case_tallies(_real(demo_case), routes=[True, False, True])
    opened = f"{demo_case.opened:%Y-%m}"
    assert tallies[Key(opened, "cases_opened", "all")] == 1
    assert tallies[Key(opened, "access_routes", "direct")] == 2
    assert tallies[Key(opened, "access_routes", "indirect")] == 1
    modes = sum(n for k, n in tallies.items() if k.measure == "visits_by_mode")
    assert modes == len(demo_case.visits)
    platforms = Counter(str(d.platform) for d in demo_case.devices)
    for platform, n in platforms.items():
        assert tallies[Key(opened, "device_platforms", platform)] == n
    for key in tallies:
        assert len(key.month) == 7  # never a day
        assert key.category.replace("_", "").replace("-", "").replace(".", "").isalnum()


def test_no_text_id_or_day_of_any_case_reaches_the_statistics(
    demo_case: Case, tmp_path: Path, fast_key: KeySettings
) -> None:
    marked, fields = with_marker_everywhere(_real(demo_case), "CANARY")
    assert fields > 20
    vault = _vault(tmp_path / "v.vault", fast_key, [marked])
    try:
        out = tmp_path / "stats.csv"
        export_statistics(vault, out, StatsQuery(min_count=3), "AB")
        text = out.read_text(encoding="utf-8")
        assert "CANARY" not in text
        assert marked.id not in text
        assert marked.pseudonym not in text
        assert demo_case.opened.isoformat() not in text
        for entity in marked.entities():
            assert entity.id not in text
        assert oct(out.stat().st_mode & 0o777) == "0o600"
        assert [e.action for e in read_audit(vault)] == ["exported"]
    finally:
        vault.close()


def test_small_counts_and_the_cells_a_total_would_reveal_are_suppressed() -> None:
    def cells(**counts: int) -> list[Cell]:
        return [Cell("c", "2026-01", "m", cat, n) for cat, n in counts.items()]

    def hidden(**counts: int) -> set[str]:
        return {c.category for c in suppress(cells(**counts), 5) if c.suppressed}

    # One small cell: the smallest other cell is hidden too, so subtraction reveals nothing.
    assert hidden(a=2, b=9, c=7, total=18) == {"a", "c"}
    # Two hidden cells that add up to less than K: a third is hidden.
    assert hidden(a=1, b=1, c=6, d=8, total=16) == {"a", "b", "c"}
    # Two categories: both go, the total (their sum, at least K) stays.
    assert hidden(a=2, b=6, total=8) == {"a", "b"}
    # Large counts stay.
    assert not any(c.suppressed for c in suppress(cells(a=5, b=6, total=11), 5))
    with pytest.raises(ValueError, match="at least 3"):
        suppress(cells(a=1), 2)


def test_suppressed_cells_are_empty_in_the_csv_and_never_recoverable() -> None:
    counts = with_totals(
        Counter(
            {
                Key("2026-01", "visits_by_mode", "in_person"): 9,
                Key("2026-01", "visits_by_mode", "phone"): 2,
                Key("2026-01", "visits_by_mode", "video"): 6,
            }
        )
    )
    text = to_csv(suppress([Cell("c", *k, n) for k, n in counts.items()], 5))
    rows = _rows(text)
    assert tuple(rows[0].keys()) == HEADER
    by_cat = {r["category"]: r for r in rows}
    assert by_cat["phone"] == {**by_cat["phone"], "count": "", "suppressed": "true"}
    assert by_cat["video"]["count"] == ""  # hidden so that total - in_person - video fails
    assert by_cat[TOTAL]["count"] == "17"
    assert by_cat["in_person"]["count"] == "9"


def test_demo_cases_count_only_when_asked_and_received_cases_never(
    demo_cases: list[Case], tmp_path: Path, fast_key: KeySettings
) -> None:
    fictional = [c.model_copy(update={"fictional": True}) for c in demo_cases]
    vault = _vault(tmp_path / "v.vault", fast_key, fictional)
    try:
        assert vault_counts(vault) == Counter()
        counted = vault_counts(vault, include_fictional=True)
        assert counted[Key(f"{demo_cases[0].opened:%Y-%m}", "cases_opened", "all")] >= 1
        with vault.transaction() as conn:
            for case in demo_cases:
                conn.execute(
                    "INSERT INTO received_cases (case_id, received_on) VALUES (?, ?)",
                    (case.id, "2026-11-01"),
                )
        assert vault_counts(vault, include_fictional=True) == Counter()
    finally:
        vault.close()


def test_counts_follow_edits_and_survive_a_retention_purge(
    demo_cases: list[Case], tmp_path: Path, fast_key: KeySettings
) -> None:
    case = _real(demo_cases[1]).model_copy(
        update={"status": CaseStatus.CLOSED, "closed": FIXED_TODAY - dt.timedelta(days=400)}
    )
    case = Case.model_validate(case.model_dump())
    vault = _vault(tmp_path / "v.vault", fast_key, [case])
    try:
        before = vault_counts(vault)
        assert before[Key(f"{case.opened:%Y-%m}", "cases_opened", "all")] == 1
        repo = CaseRepository(vault)
        edited = repo.load(case.id)
        edited.devices = []
        repo.save(edited)
        after_edit = vault_counts(vault)
        assert not [k for k in after_edit if k.measure == "device_platforms"]
        assert purge_closed(vault, 30, FIXED_TODAY, "AB") == 1
        assert CaseRepository(vault).list_cases() == []
        assert vault_counts(vault) == after_edit  # frozen, not lost
        rows = vault.conn.execute("SELECT * FROM stats_tallies").fetchall()
        assert rows
        assert all(len(str(r[0])) == 7 for r in rows)
        assert case.id not in repr(rows)
    finally:
        vault.close()


def test_a_practice_vault_has_no_statistics(tmp_path: Path, fast_key: KeySettings) -> None:
    vault = Vault.create(tmp_path / "p.vault", PASSPHRASE, fast_key)
    try:
        set_setting(vault, VAULT_KIND_KEY, PRACTICE)
        with pytest.raises(Exception, match="practice") as err:
            statistics(vault, StatsQuery())
        assert getattr(err.value, "exit_code", None) == 6
    finally:
        vault.close()


def test_cli_stats_export_contract(tmp_path: Path) -> None:
    vault = tmp_path / "demo.vault"
    made = run_cli(
        "demo", str(vault), "--cases", "40", "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert made.returncode == 0, made.stderr
    out = tmp_path / "s.csv"
    done = run_cli(
        "stats",
        "export",
        str(vault),
        "--out",
        str(out),
        "--include-fictional",
        "--min-count",
        "3",
        "--from",
        "2025-01",
        "--to",
        "2026-12",
        "--clinic",
        "North 1",
        "--initials",
        "ZX",
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("ok: ")
    assert "not encrypted" in done.stderr.decode()
    rows = _rows(out.read_text(encoding="utf-8"))
    assert rows
    assert {r["clinic"] for r in rows} == {"North 1"}
    assert all("2025-01" <= r["month"] <= "2026-12" for r in rows)
    for r in rows:
        assert (r["count"] == "") == (r["suppressed"] == "true")
        assert r["count"] == "" or int(r["count"]) >= 3
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    for bad in (
        ["--min-count", "2"],
        ["--from", "2026-13"],
        ["--clinic", "=cmd()"],
        ["--from", "2026-05", "--to", "2026-01"],
    ):
        refused = run_cli(
            "stats",
            "export",
            str(vault),
            "--out",
            str(tmp_path / "x.csv"),
            *bad,
            "--passphrase-stdin",
            stdin=PASSPHRASE + "\n",
        )
        assert refused.returncode == 2, (bad, refused.stderr)
        assert len(refused.stderr.decode().strip().splitlines()) == 1
        assert not (tmp_path / "x.csv").exists()


def test_docs_duckdb_queries_merge_three_clinics(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    files = []
    for n, (a, b) in enumerate(((9, 2), (4, 7), (6, 6))):
        counts = with_totals(
            Counter(
                {
                    Key("2026-03", "visits_by_mode", "in_person"): a,
                    Key("2026-03", "visits_by_mode", "phone"): b,
                    Key("2026-03", "visits_by_mode", "video"): 8,
                }
            )
        )
        cells = suppress([Cell(f"clinic{n}", *k, v) for k, v in counts.items()], 3)
        path = tmp_path / f"clinic{n}.csv"
        path.write_text(to_csv(cells), encoding="utf-8")
        files.append(path)
    queries = _sql_blocks(DOCS.read_text(encoding="utf-8"))
    assert len(queries) >= 2
    con = duckdb.connect()
    con.execute(f"SET VARIABLE files = {[str(f) for f in files]!r}")
    con.execute("SET VARIABLE k = 5")
    results = [con.execute(q).fetchall() for q in queries]
    merged = {(r[0], r[1], r[2]): r for r in results[-1]}
    # in_person: 9 + 4 + 6, published by every clinic; phone: clinic0 hid its 2 (and its
    # video 8 with it, so its total could not reveal the 2): both stay hidden when merged.
    assert merged[("2026-03", "visits_by_mode", "in_person")][3:] == (19, False)
    assert merged[("2026-03", "visits_by_mode", "phone")][3:] == (None, True)
    assert merged[("2026-03", "visits_by_mode", "video")][3:] == (None, True)
    assert merged[("2026-03", "visits_by_mode", "total")][3:] == (19 + 19 + 20, False)
    # The first query reads every clinic's rows as they are.
    assert len(results[0]) == sum(len(_rows(f.read_text(encoding="utf-8"))) for f in files)


def _sql_blocks(markdown: str) -> list[str]:
    blocks, inside, current = [], False, []
    for line in markdown.splitlines():
        if line.strip() == "```sql":
            inside, current = True, []
        elif line.strip() == "```" and inside:
            inside = False
            blocks.append("\n".join(current))
        elif inside:
            current.append(line)
    return blocks
