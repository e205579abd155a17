"""The engine's settings as one plain value; files and discovery live outside the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.engine.models import Sender
from coach.engine.nlp import DEFAULT_MODEL
from coach.engine.platforms import DEFAULT_PLATFORM


@dataclass(frozen=True)
class Band:
    """One band of the score: a stable key, the name shown, a colour name, what it means."""

    key: str
    name: str
    colour: str
    meaning: str


# The one band table, best first. Every renderer, the help text and the sub-score colours read
# it; the thresholds between the bands are ``Bands`` (configurable).
BAND_TABLE: tuple[Band, ...] = (
    Band("ready", "ready to send", "green", "a recipient would welcome it"),
    Band("needs-work", "needs work", "yellow", "fix the problems listed first"),
    Band("dont-send", "don't send", "red", "it reads like the spam the articles describe"),
)
BAND_NAMES = tuple(band.name for band in BAND_TABLE)


def band_named(name: str) -> Band:
    """The band a report's ``band`` names (the last, "don't send", for an unknown name)."""
    return next((b for b in BAND_TABLE if b.name == name), BAND_TABLE[-1])


@dataclass(frozen=True)
class Bands:
    """Score thresholds: at or above ``ready`` is ready to send; below ``needs_work`` don't send."""

    ready: int = 80
    needs_work: int = 50

    def band(self, score: int) -> Band:
        ready, needs_work, dont_send = BAND_TABLE
        if score >= self.ready:
            return ready
        return needs_work if score >= self.needs_work else dont_send

    def name(self, score: int) -> str:
        return self.band(score).name

    def ranges(self) -> tuple[tuple[Band, int, int], ...]:
        """Each band with its lowest and highest score."""
        ready, needs_work, dont_send = BAND_TABLE
        return (
            (ready, self.ready, 100),
            (needs_work, self.needs_work, self.ready - 1),
            (dont_send, 0, self.needs_work - 1),
        )


@dataclass(frozen=True)
class PackSource:
    """Where packs were found: a file or folder, and how it got there (built-in, --packs, ...)."""

    path: Path
    origin: str


@dataclass(frozen=True)
class EngineConfig:
    model: str = DEFAULT_MODEL
    builtin_packs: bool = True
    packs: tuple[Path, ...] = ()
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    platform: str = DEFAULT_PLATFORM
    connection_limit: int = 300
    bands: Bands = field(default_factory=Bands)
    bonus_cap: int = 15
    # Value-first signals earn points only in a message that neither sells nor takes: a
    # personalised pitch is still a pitch ("If you have to mention your product in the first
    # contact then, then a relationship is not going to happen").
    bonus_blockers: tuple[str, ...] = (
        "pitch",
        "vague-ask",
        "wrong-audience",
        "wrong-platform",
        "merge-field",
    )
    regex_timeout: float = 0.25
    sender: Sender = field(default_factory=Sender)
    # Packs found by discovery and configuration files (entry points, user and project folders),
    # loaded after the built-ins and before ``packs``; each keeps its origin for ``packs list``.
    pack_sources: tuple[PackSource, ...] = ()
