"""Configuration: where coach's files are, what they say, and in which order they apply.

The whole precedence, later layers winning, is stated once, in ``load``:

1. built-in defaults (``coach.engine.config.EngineConfig``);
2. the user config file (``locations.user_config_file()``, where the app saves rule toggles);
3. the project's ``.coach.yaml`` found upward from the working directory, or ``[tool.coach]``
   in the nearest pyproject.toml that has one;
4. the command line (``CommandLine``).

Rule packs found on the way (entry points, the user and project pack folders, ``packs:`` in
either file) load after the built-ins in that same order (``coach.config.discovery``). The CLI,
the packs commands and the app all build their settings with ``load``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from coach.engine.config import EngineConfig, PackSource
from coach.engine.models import Resource


@dataclass(frozen=True)
class CommandLine:
    """The settings a command line gives; ``None`` and empty mean "not given"."""

    packs: tuple[Path, ...] = ()
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    builtin_packs: bool | None = None
    connection_limit: int | None = None
    platform: str | None = None
    sender_name: str | None = None
    sender_company: str | None = None
    offer: str | None = None
    resources: tuple[Resource, ...] = ()  # given: they replace the configured ones


def load(
    start: Path | None = None, cli: CommandLine | None = None, *, discover: bool = True
) -> EngineConfig:
    """The settings for a run from ``start`` (default: the working directory).

    ``discover=False`` leaves the pack sources out (``pack_sources`` empty; packs named in the
    files stay): the drafting app's first frame needs the platform and the sender, not the
    installed packages' entry points, and loads the rest once that frame is drawn."""
    from coach.config.settings import apply_config, project_config, user_config, with_toggles

    config = EngineConfig()
    configured: dict[str, list[PackSource]] = {"user": [], "project": []}
    for level, layer in (("user", user_config()), ("project", project_config(start))):
        if layer is None:
            continue
        config = apply_config(config, layer)
        configured[level] = [
            PackSource(p, f"{level} config") for p in layer.values.get("packs", ())
        ]
    if discover:
        from coach.config.discovery import discover_sources

        sources = discover_sources(start, configured["user"], configured["project"])
        config = replace(config, pack_sources=tuple(sources))
    if cli is None:
        return config
    config = with_toggles(config, enable=cli.enable, disable=cli.disable)
    changes: dict = {"packs": (*config.packs, *cli.packs)}
    if cli.builtin_packs is not None:
        changes["builtin_packs"] = cli.builtin_packs
    if cli.connection_limit:
        changes["connection_limit"] = cli.connection_limit
    if cli.platform:
        changes["platform"] = cli.platform
    sender = {
        field: value
        for field, value in (
            ("name", cli.sender_name),
            ("company", cli.sender_company),
            ("offer", cli.offer),
            ("resources", cli.resources or None),
        )
        if value is not None
    }
    if sender:
        changes["sender"] = replace(config.sender, **sender)
    return replace(config, **changes)
