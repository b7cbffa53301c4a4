"""Where things live: bundled data (protocols, resources) and the user's data folder.

Bundled data is found through importlib.resources only, so it works from a source
checkout and from a real `pip install .` alike. User folders are created 0700.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "TechSafetyClinic"
VAULT_FILENAME = "clinic.vault"
SETTINGS_FILENAME = "settings.json"
"""The app settings file in the config folder (clinic/settings.py reads and writes it)."""


def bundled(package: str, *parts: str) -> Path:
    """A path inside the bundled `protocols` or `resources` data packages."""
    if package not in ("protocols", "resources"):
        raise ValueError(f"unknown data package {package!r}")
    root = Path(str(resources.files(package)))
    return root.joinpath(*parts)


def protocols_dir() -> Path:
    return bundled("protocols")


def resource(*parts: str) -> Path:
    return bundled("resources", *parts)


def user_data_dir() -> Path:
    """The platform's per-user data folder for the app (created 0700)."""
    import platformdirs

    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    ensure_private_dir(path)
    return path


def user_config_dir() -> Path:
    import platformdirs

    path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    ensure_private_dir(path)
    return path


def default_vault_path() -> Path:
    return user_data_dir() / VAULT_FILENAME


def ensure_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and (path.stat().st_mode & 0o077):
        path.chmod(0o700)


def write_private(path: Path, data: bytes) -> None:
    """Write a file atomically with 0600 permissions (temp file in the same folder)."""
    tmp = path.with_name(f".{path.name}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)
