"""Benchmark: access routes (and the three-column layout) of a 200-node inventory.

Run `python benchmarks/bench_routes.py`; `run()` returns the figures (milliseconds).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinic.model import Account, Case, Device, Person  # noqa: E402
from clinic.model.vocab import DeviceKind, PersonRole, Service  # noqa: E402
from clinic.technograph import find_routes, layout  # noqa: E402


def inventory(seed: int = 7) -> Case:
    """10 people (3 of concern), 95 devices, 95 accounts, densely and cyclically linked."""
    rng = random.Random(seed)
    people = [Person(role=PersonRole.CLIENT, label="Client")]
    people += [Person(role=PersonRole.PERSON_OF_CONCERN, label=f"PoC {n}") for n in range(3)]
    people += [Person(role=PersonRole.OTHER, label=f"Other {n}") for n in range(6)]
    pocs = [p.id for p in people[1:4]]
    devices = [
        Device(
            kind=rng.choice([DeviceKind.PHONE, DeviceKind.LAPTOP, DeviceKind.TABLET]),
            label=f"Device {n}",
            owner_id=people[0].id,
            passcode_known_by=rng.sample(pocs, 1) if rng.random() < 0.1 else [],
            physical_access=rng.sample(pocs, 1) if rng.random() < 0.05 else [],
            goes_to_visitation=rng.random() < 0.03,
        )
        for n in range(95)
    ]
    services = list(Service)
    accounts = [
        Account(
            service=rng.choice(services),
            label=f"Account {n}",
            owner_id=people[0].id,
            password_known_by=rng.sample(pocs, 1) if rng.random() < 0.08 else [],
            recovery_email_controlled_by=rng.choice([people[0].id, *pocs])
            if rng.random() < 0.2
            else None,
            signed_in_on=[d.id for d in rng.sample(devices, rng.randint(1, 4))],
        )
        for n in range(95)
    ]
    return Case(
        pseudonym="Bench",
        opened=dt.date(2026, 1, 1),
        people=people,
        devices=devices,
        accounts=accounts,
    )


def run(repeats: int = 5) -> dict[str, float]:
    """Best of `repeats` runs (the machine may be busy with other work)."""
    case = inventory()
    routes_ms = layout_ms = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        report = find_routes(case)
        t1 = time.perf_counter()
        placed = layout(report)
        t2 = time.perf_counter()
        routes_ms, layout_ms = min(routes_ms, (t1 - t0) * 1000), min(layout_ms, (t2 - t1) * 1000)
    return {
        "nodes": float(len(case.people) + len(case.devices) + len(case.accounts)),
        "edges": float(len(report.graph.edges)),
        "routes": float(len(report.routes)),
        "routes_ms": routes_ms,
        "layout_ms": layout_ms,
        "crossings": float(placed.crossings),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.1f}")
