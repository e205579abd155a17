"""The headless core of outreach-coach: text and context in, report out. Never imports Textual.

Names are exported lazily so that importing a light module (errors, models) does not load spaCy.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Coach": "coach.engine.coach",
    "Bands": "coach.engine.config",
    "EngineConfig": "coach.engine.config",
    "CoachError": "coach.engine.errors",
    "ConfigError": "coach.engine.errors",
    "InputError": "coach.engine.errors",
    "PackError": "coach.engine.errors",
    "PROBLEMS": "coach.engine.models",
    "CategoryScore": "coach.engine.models",
    "Context": "coach.engine.models",
    "Edit": "coach.engine.models",
    "Finding": "coach.engine.models",
    "Recipient": "coach.engine.models",
    "Report": "coach.engine.models",
    "Resource": "coach.engine.models",
    "Sender": "coach.engine.models",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'coach.engine' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
