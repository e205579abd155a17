"""Where the built-in packs and their data files (platforms, sources) are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_rules_dir() -> Path:
    """Inside the wheel (``coach/_builtin_rules``), or ``rules/`` at the top of a checkout."""
    packaged = Path(str(resources.files("coach"))) / "_builtin_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"
