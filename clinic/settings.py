"""App settings: non-sensitive preferences only, in a small JSON file in the config folder.

Never case data. A missing, unreadable or invalid file gives the defaults instead of a crash.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from clinic.model.text import STRICT_CONFIG
from clinic.paths import SETTINGS_FILENAME

__all__ = ["SETTINGS_FILENAME", "AppSettings", "load_settings", "save_settings", "settings_path"]


class AppSettings(BaseModel):
    """Preferences a clinic laptop keeps between runs."""

    model_config = STRICT_CONFIG
    idle_minutes: int = Field(default=5, ge=1, le=120)
    language: Literal["en", "es"] = "en"
    protocols_folder: str | None = None
    clipboard_seconds: int = Field(default=10, ge=5, le=300)
    retention_days: int = Field(default=90, ge=1, le=3650)
    initials: str = Field(default="", max_length=8, pattern=r"^[A-Za-z0-9]*$")
    window_geometry: str | None = Field(default=None, max_length=4000)


def settings_path(config_dir: Path | None = None) -> Path:
    from clinic.paths import user_config_dir

    return (config_dir or user_config_dir()) / SETTINGS_FILENAME


def load_settings(path: Path) -> AppSettings:
    """The settings in `path`, or the defaults when it is missing or not valid."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return AppSettings.model_validate(raw)
    except (OSError, ValueError, ValidationError):
        return AppSettings()


def save_settings(path: Path, settings: AppSettings) -> None:
    from clinic.paths import ensure_private_dir, write_private

    ensure_private_dir(path.parent)
    write_private(path, settings.model_dump_json(indent=2).encode("utf-8"))
