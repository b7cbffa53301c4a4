"""Practice mode: every scenario played twice through the services, the CLI contract,
practice and real vaults kept apart, and the practice mark on every PDF page."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from clinic.model import Account, Case, Device, HandoffNote, Person, PlanItem
from clinic.model.vocab import Decision, ItemStatus, PersonRole, RiskTag
from clinic.model.work import ChecklistRun, ItemResult
from clinic.services import phonecheck
from clinic.services.training import create_practice_vault, debrief, start_practice
from clinic.storage import CaseRepository, KeySettings, Vault
from clinic.training.scenario import Scenario, load_scenarios
from tests.cli_helpers import run_cli
from tests.conftest import FIXED_TODAY, IOC_YAML, PASSPHRASE

SCENARIOS = load_scenarios()
SAFETY_KINDS = {
    "consent_first",
    "safety_questions",
    "document_first",
    "referred_out",
    "no_safety_claims",
}


def test_the_bundled_scenarios_pass_their_checks() -> None:
    assert not SCENARIOS.problems, [str(p) for p in SCENARIOS.problems]
    assert SCENARIOS.ids()
    for scenario_id in SCENARIOS.ids():
        for lang in ("en", "es"):
            scenario = SCENARIOS.by_locale[lang][scenario_id]
            assert scenario.review.status == "draft"  # no invented reviews


def _save(repo: CaseRepository, case: Case, kind: str, entity: object) -> None:
    repo.save_entity(case.id, kind, entity)  # type: ignore[arg-type]


def _inventory(repo: CaseRepository, case: Case, scenario: Scenario) -> None:
    """What a careful trainee finds: the truth's people, devices, accounts and routes."""
    client = Person(role=PersonRole.CLIENT, label="Client")
    _save(repo, case, "people", client)
    people = {}
    for truth in scenario.truth.people:
        person = Person(role=PersonRole(truth.role), label=truth.label)
        people[truth.id] = person
        _save(repo, case, "people", person)
    reach = {
        r.target: [people[r.person].id for r in scenario.truth.routes if r.target == t]
        for t in {r.target for r in scenario.truth.routes}
        for r in [next(x for x in scenario.truth.routes if x.target == t)]
    }
    for truth in scenario.truth.devices:
        _save(
            repo,
            case,
            "devices",
            Device(
                kind=truth.kind,
                platform=truth.platform,
                label=truth.label,
                owner_id=client.id,
                passcode_known_by=reach.get(truth.id, []),
            ),
        )
    for truth in scenario.truth.accounts:
        _save(
            repo,
            case,
            "accounts",
            Account(
                service=truth.service,
                label=truth.label,
                owner_id=client.id,
                password_known_by=reach.get(truth.id, []),
            ),
        )


def _checklists(repo: CaseRepository, case: Case, scenario: Scenario) -> None:
    for goal in scenario.goals:
        if goal.kind == "checklist_item":
            protocol_id, _, item_id = str(goal.item).rpartition("/")
            run = ChecklistRun(
                visit_id=case.visits[0].id,
                protocol_id=protocol_id or "x",
                results=[ItemResult(item_id=item_id, status=ItemStatus.NO_CONCERN_FOUND)],
            )
            _save(repo, case, "checklist_runs", run)


def _phone_check(vault: Vault, case: Case, scenario: Scenario) -> None:
    if not scenario.truth.phone_apps:
        return
    datas = [IOC_YAML.read_bytes()]
    watchware = IOC_YAML.with_name("watchware.yaml")
    if watchware.is_file():
        datas.append(watchware.read_bytes())
    phonecheck.import_indicators(vault, datas, FIXED_TODAY)
    request = phonecheck.CheckRequest(
        source="list",
        today=FIXED_TODAY,
        list_text="\n".join(scenario.truth.phone_apps),
        visit_id=case.visits[0].id,
    )
    outcome = phonecheck.run_check(request, phonecheck.load_indicators(vault))
    phonecheck.save_to_vault(vault, case.id, outcome)


def _consent_and_check_in(repo: CaseRepository, case: Case) -> None:
    visit = case.visits[0]
    visit.consent.script_read = True
    visit.consent.may_share_with_advocate = True
    visit.check_in.safe_to_talk = "yes"
    _save(repo, case, "visits", visit)


def _option(careful: bool) -> PlanItem:
    tags = [RiskTag.NOTIFIES_OTHER_PERSON, RiskTag.OTHER_PERSON_LOSES_ACCESS]
    if careful:
        return PlanItem(
            title="Change the password together",
            risk_tags=tags,
            decision=Decision.DONE_TOGETHER,
            documented_first=True,
            would_notice="He may see a sign-in alert.",
            access_lost="He can no longer read the mail.",
            reaction="He may call; the plan with the advocate covers that.",
            note="Nothing more was found by this check.",
        )
    return PlanItem(
        title="Remove the app",
        risk_tags=tags,
        decision=Decision.DONE_TOGETHER,
        note="Your phone is clean now.",
    )


def _play(vault: Vault, scenario: Scenario, *, careful: bool) -> list[tuple[str, str, bool]]:
    case = start_practice(vault, scenario.id, today=FIXED_TODAY, scenarios=SCENARIOS)
    repo = CaseRepository(vault)
    if careful:
        _consent_and_check_in(repo, case)
    _inventory(repo, case, scenario)
    _checklists(repo, case, scenario)
    _phone_check(vault, case, scenario)
    _save(repo, case, "plan_items", _option(careful))
    if careful:
        _save(
            repo,
            case,
            "handoff_notes",
            HandoffNote(written_on=FIXED_TODAY, text="Custody question for the advocate."),
        )
    else:  # the check-in, recorded only after the option was chosen
        _consent_and_check_in(repo, repo.load(case.id))
    result = debrief(vault, case.id, scenarios=SCENARIOS)
    return [(r.goal.id, r.goal.kind, r.met) for r in result.results]


@pytest.mark.skipif(not IOC_YAML.is_file(), reason="needs ../shared indicator data")
@pytest.mark.parametrize("scenario_id", SCENARIOS.ids())
def test_each_scenario_played_carefully_and_in_a_hurry(
    scenario_id: str, tmp_path: Path, fast_key: KeySettings
) -> None:
    scenario = SCENARIOS.get(scenario_id)
    assert scenario is not None
    with create_practice_vault(tmp_path / "p.vault", PASSPHRASE, fast_key) as vault:
        careful = _play(vault, scenario, careful=True)
        hurried = _play(vault, scenario, careful=False)
    assert [gid for gid, _k, met in careful if not met] == []
    missed = {gid for gid, kind, met in hurried if not met}
    assert missed == {gid for gid, kind, _m in hurried if kind in SAFETY_KINDS}


def test_real_and_practice_vaults_refuse_each_others_cases(
    tmp_path: Path, fast_key: KeySettings, demo_case: Case
) -> None:
    scenario_id = SCENARIOS.ids()[0]
    real = tmp_path / "real.vault"
    Vault.create(real, PASSPHRASE, fast_key).close()
    refused = run_cli(
        "training", "start", str(real), scenario_id, "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert refused.returncode == 6
    practice = tmp_path / "practice.vault"
    started = run_cli(
        "training",
        "start",
        str(practice),
        scenario_id,
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert started.returncode == 0, started.stderr
    case_id = started.stdout.decode().strip()
    exported = run_cli(
        "case",
        "export",
        str(practice),
        case_id,
        "--out",
        str(tmp_path / "p.json"),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert exported.returncode == 0, exported.stderr
    into_real = run_cli(
        "case",
        "import",
        str(real),
        str(tmp_path / "p.json"),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert into_real.returncode == 6
    real_case = tmp_path / "real.json"
    from clinic.model.case_file import dump_case

    real_case.write_text(dump_case(demo_case), encoding="utf-8")
    into_practice = run_cli(
        "case",
        "import",
        str(practice),
        str(real_case),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert into_practice.returncode == 6
    with Vault.open(real, PASSPHRASE, fast_key) as vault:
        assert CaseRepository(vault).list_cases() == []


def test_cli_training_list_check_and_debrief(tmp_path: Path) -> None:
    listed = run_cli("training", "list", "--lang", "es")
    assert listed.returncode == 0
    rows = [line.split("\t") for line in listed.stdout.decode().splitlines()]
    assert len(rows) == len(SCENARIOS.ids())
    for scenario_id, goals, mode, title in rows:
        assert scenario_id in SCENARIOS.ids()
        assert goals.endswith(" goals")
        assert mode in ("in person", "remote")
        assert title == SCENARIOS.by_locale["es"][scenario_id].title
    ok = run_cli("training", "check", "protocols/scenarios")
    assert ok.returncode == 0, ok.stdout
    assert ok.stdout.decode().startswith("ok: ")

    broken = tmp_path / "scenarios" / "broken"
    broken.mkdir(parents=True)
    source = Path("protocols/scenarios") / SCENARIOS.ids()[0]
    (broken / "en.toml").write_text((source / "en.toml").read_text(encoding="utf-8"))
    bad = run_cli("training", "check", str(tmp_path / "scenarios"))
    assert bad.returncode == 5
    lines = bad.stdout.decode().splitlines()
    assert any(line.startswith("broken/es.toml: ") for line in lines)
    assert any("id must match the folder name" in line for line in lines)

    vault = tmp_path / "p.vault"
    case_id = (
        run_cli(
            "training",
            "start",
            str(vault),
            SCENARIOS.ids()[0],
            "--passphrase-stdin",
            stdin=PASSPHRASE + "\n",
        )
        .stdout.decode()
        .strip()
    )
    pdf = tmp_path / "debrief.pdf"
    done = run_cli(
        "training",
        "debrief",
        str(vault),
        case_id,
        "--out",
        str(pdf),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    scenario = SCENARIOS.get(SCENARIOS.ids()[0])
    assert scenario is not None
    assert len(lines) == len(scenario.goals)
    assert {line.split("\t")[0] for line in lines} <= {"met", "missed"}
    assert [line.split("\t")[1] for line in lines] == [g.id for g in scenario.goals]
    _every_page_marked(pdf, "PRACTICE - fictional case")


def _every_page_marked(pdf: Path, mark: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x.split()[-1] for x in info.stdout.splitlines() if x.startswith("Pages")))
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert mark in text, page


@pytest.mark.parametrize(
    ("kind", "lang", "mark"),
    [
        ("survivor", "en", "PRACTICE - fictional case"),
        ("handoff", "es", "PRÁCTICA - caso ficticio"),
    ],
)
def test_every_page_of_a_practice_report_is_marked(
    kind: str, lang: str, mark: str, tmp_path: Path, fast_key: KeySettings
) -> None:
    path = tmp_path / "p.vault"
    with create_practice_vault(path, PASSPHRASE, fast_key) as vault:
        case = start_practice(vault, SCENARIOS.ids()[0], today=FIXED_TODAY, scenarios=SCENARIOS)
        repo = CaseRepository(vault)
        _consent_and_check_in(repo, case)
        for n in range(40):  # enough to need several pages
            repo.save_entity(
                case.id,
                "handoff_notes",
                HandoffNote(written_on=FIXED_TODAY - dt.timedelta(days=n), text=f"Note {n}. " * 30),
            )
            repo.save_entity(case.id, "plan_items", _option(True))
    pdf = tmp_path / "r.pdf"
    done = run_cli(
        "report",
        str(path),
        case.id,
        "--kind",
        kind,
        "--lang",
        lang,
        "--out",
        str(pdf),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert done.returncode == 0, done.stderr
    _every_page_marked(pdf, mark)
