"""Shared fixtures: fast vault keys, isolated user folders, demo cases, offscreen Qt."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The CLI picks its language from the environment and the user's settings: English in tests
# unless a test asks for another (tests/clinic/test_error_catalogue.py).
os.environ.setdefault("CLINIC_LANGUAGE", "en")

from clinic.model import Case
from clinic.storage import KeySettings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IOC_YAML = SHARED / "data" / "stalkerware-indicators" / "ioc.yaml"
PASSPHRASE = "correct horse battery staple"
FIXED_TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def fast_key() -> KeySettings:
    """Tests only: a low key-derivation cost so each open takes milliseconds."""
    return KeySettings(kdf_iter=4000)


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the user's data, config and temp folders at empty per-test folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "test.vault"


@pytest.fixture(scope="session")
def protocol_set():  # type: ignore[no-untyped-def]
    from clinic.protocols.loader import load_protocols

    return load_protocols()


@pytest.fixture
def demo_cases(protocol_set) -> list[Case]:  # type: ignore[no-untyped-def]
    from clinic.services.demo import generate

    return generate(seed=1, extra_cases=2, large=False, today=FIXED_TODAY, protocols=protocol_set)


@pytest.fixture
def demo_case(demo_cases: list[Case]) -> Case:
    """The rich demo case (Maple)."""
    return demo_cases[0]
