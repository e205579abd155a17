"""Configuration: the settings in force for this run, as an ``EngineConfig``."""

from __future__ import annotations

from coach.engine.config import EngineConfig


def load_settings() -> EngineConfig:
    """Built-in defaults (configuration files are layered on in a later change)."""
    return EngineConfig()
