"""`clinic protocols list|check|coverage`, run as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clinic.model import Case
from clinic.storage import CaseRepository, KeySettings, Vault
from tests.clinic.protocol_samples import edit, write_guide, write_protocol

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"


def clinic(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "tests.cli_runner", "protocols", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_list_shows_each_protocol_and_totals() -> None:
    proc = clinic("list")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    ios = next(line for line in lines if line.startswith("ios-device\t"))
    count, review, title = ios.split("\t")[1:]
    assert count.endswith(" items")
    assert int(count.split()[0]) > 0
    assert review == "draft: not yet reviewed by an advocate"
    assert title
    rows = [line for line in lines if line.count("\t") == 3]
    total = next(line for line in lines if line.endswith(" items") and "\t" not in line)
    assert total == f"{len(rows)} protocols, {sum(int(r.split()[1]) for r in rows)} items"
    assert any(line.startswith("en: ") and " protocols, " in line for line in lines)
    assert any(line.startswith("es: ") for line in lines)


def test_list_in_spanish_with_a_clinic_folder(tmp_path: Path) -> None:
    write_protocol(
        tmp_path, "clinic-own", title="Nuestro protocolo",
        review='status = "reviewed"\nreviewed_by = "R. Advocate"\nreviewed_on = 2025-06-30',
    )  # fmt: skip
    proc = clinic("list", "--lang", "es", "--protocols-dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    own = next(line for line in proc.stdout.splitlines() if line.startswith("clinic-own\t"))
    assert own.split("\t")[1:] == [
        "2 items",
        "reviewed by R. Advocate on 2025-06-30",
        "es Nuestro protocolo",
    ]


def test_list_refuses_a_missing_protocols_dir(tmp_path: Path) -> None:
    proc = clinic("list", "--protocols-dir", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("clinic: --protocols-dir")


def test_check_a_clean_folder(tmp_path: Path) -> None:
    write_protocol(tmp_path, "alpha")
    write_protocol(tmp_path, "beta", items=("one", "two", "three"))
    write_guide(tmp_path, "consent")
    proc = clinic("check", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "ok: 2 protocols, 5 items, 1 guides"


def test_check_lists_every_problem_and_exits_5(tmp_path: Path) -> None:
    write_protocol(tmp_path, "good")
    broken = write_protocol(tmp_path, "broken")
    edit(broken / "es.toml", 'why = "Someone could reach this without asking."\n', "")
    (write_protocol(tmp_path, "toml") / "en.toml").write_text("id = [", encoding="utf-8")
    wordy = write_protocol(tmp_path, "wordy")
    edit(wordy / "en.toml", 'survivor_text = "We looked at second together."',
         'survivor_text = "Your account is secure."')  # fmt: skip
    proc = clinic("check", str(tmp_path))
    assert proc.returncode == 5
    out = proc.stdout.splitlines()
    assert "broken/es.toml: item first: field why: Field required" in out
    assert any(line.startswith("toml/en.toml: not valid TOML") for line in out)
    assert 'wordy/en.toml: item second: field survivor_text: claims "is secure"' in "\n".join(out)
    assert not any(line.startswith("good/") for line in out)
    assert proc.stderr.strip() == (
        f"clinic: The protocol folder has problems (listed above): {len(out)}."
    )
    assert str(tmp_path) not in proc.stderr  # the path typed is not echoed


def test_check_an_empty_folder_fails(tmp_path: Path) -> None:
    proc = clinic("check", str(tmp_path))
    assert proc.returncode == 5
    assert "no protocol folders" in proc.stdout


def test_check_the_shipped_protocols() -> None:
    proc = clinic("check", str(ROOT / "protocols"))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("ok: ")


def test_coverage_of_a_case_in_a_vault(
    vault_path: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    vault = Vault.create(vault_path, PASSPHRASE, fast_key)
    try:
        CaseRepository(vault).add(demo_case)
    finally:
        vault.close()
    proc = clinic(
        "coverage", str(vault_path), demo_case.id, "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    iphone = next(d for d in demo_case.devices if d.label == "Maple's iPhone 13")
    row = next(line for line in lines if line.startswith(f"device\t{iphone.label}\tios-device\t"))
    assert row.split("\t")[3].startswith("4/")
    assert lines[-1].startswith("done ")
