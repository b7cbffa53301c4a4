"""App settings: defaults, round trip, corrupt or invalid files fall back to defaults."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from clinic.settings import AppSettings, load_settings, save_settings, settings_path


def test_defaults_when_missing(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.json")
    assert settings == AppSettings()
    assert settings.idle_minutes == 5


def test_round_trip_is_private(tmp_path: Path) -> None:
    path = settings_path(tmp_path / "cfg")
    save_settings(path, AppSettings(idle_minutes=12, language="es", window_geometry="01ab"))
    assert load_settings(path) == AppSettings(
        idle_minutes=12, language="es", window_geometry="01ab"
    )
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_corrupt_or_invalid_files_give_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == AppSettings()
    path.write_text('{"idle_minutes": 0}', encoding="utf-8")
    assert load_settings(path) == AppSettings()
    path.write_text('{"case_notes": "x"}', encoding="utf-8")
    assert load_settings(path) == AppSettings()
