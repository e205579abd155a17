"""Where coach keeps its files, following the platform's conventions (XDG on Linux).

``COACH_CONFIG_DIR`` and ``COACH_DATA_DIR`` override the locations (tests use temp dirs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "coach"
PROJECT_CONFIG_NAME = ".coach.yaml"
PROJECT_PACKS_DIR = Path(".coach") / "packs"


def config_dir() -> Path:
    override = os.environ.get("COACH_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("COACH_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def user_config_file() -> Path:
    return config_dir() / "config.yaml"


def user_packs_dir() -> Path:
    return config_dir() / "packs"


def drafts_db_path() -> Path:
    return data_dir() / "drafts.sqlite3"


def find_upward(name: str | Path, start: Path | None = None) -> Path | None:
    """The nearest ``name`` in ``start`` (default: the working directory) or its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / name
        if candidate.exists():
            return candidate
    return None
