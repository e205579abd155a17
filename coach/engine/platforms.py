"""Platforms are data (rules/_platforms.yaml): their limits and whether they take a subject."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from coach.engine.errors import ConfigError
from coach.engine.packs.builtin import builtin_rules_dir
from coach.engine.packs.yamlsrc import read_yaml

DEFAULT_PLATFORM = "linkedin-connection"


@dataclass(frozen=True)
class Platform:
    name: str
    title: str
    limit: int
    subject: str  # none, optional or required
    subject_limit: int | None = None


@lru_cache(maxsize=1)
def _builtin_platforms() -> dict[str, Platform]:
    data = read_yaml(builtin_rules_dir() / "_platforms.yaml")["platforms"]
    return {
        name: Platform(
            name,
            spec["title"],
            int(spec["limit"]),
            spec.get("subject", "none"),
            spec.get("subject_limit"),
        )
        for name, spec in data.items()
    }


def platform_names() -> tuple[str, ...]:
    return tuple(_builtin_platforms())


def get_platform(name: str, connection_limit: int | None = None) -> Platform:
    """Look a platform up by name; an unknown one is a user error that lists the valid ones."""
    platforms = _builtin_platforms()
    if name not in platforms:
        raise ConfigError.at(
            f"unknown platform '{name}'; valid platforms: {', '.join(platforms)}",
            field="platform",
        )
    platform = platforms[name]
    if name == DEFAULT_PLATFORM and connection_limit:
        platform = _with_limit(platform, connection_limit)
    return platform


@lru_cache(maxsize=64)
def _with_limit(platform: Platform, limit: int) -> Platform:
    """The platform with another hard limit (made once: every check asks for it)."""
    return replace(platform, limit=limit)


@lru_cache(maxsize=1)
def article_titles() -> dict[str, str]:
    return dict(read_yaml(builtin_rules_dir() / "_sources.yaml")["sources"])
