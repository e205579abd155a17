"""Where packs come from and loading them: the built-ins, then the configured sources.

Discovery of installed, user and project packs is configuration (``coach.config.discovery``);
the engine receives the result as ``EngineConfig.pack_sources``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from coach.engine.config import EngineConfig, PackSource
from coach.engine.errors import PackError, Problem
from coach.engine.packs.builtin import builtin_rules_dir
from coach.engine.packs.model import Pack
from coach.engine.packs.parse import load_pack

# Seconds all packs together may take to read, validate and compile their expressions. The
# size, nesting, alias and repetition limits stop the known blow-ups; this stops the rest (the
# built-ins take well under a second). The file during which it runs out is named.
LOAD_BUDGET = 20.0


def pack_files(path: Path) -> list[Path]:
    """The pack files of a folder (``*.yaml``/``*.yml``, not ``_*``), or the file itself."""
    if path.is_dir():
        found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        return [p for p in found if not p.name.startswith("_")]
    return [path]


# The fitted weights and bonuses of the built-in rules (``make weights``), an overrides pack
# loaded right after the built-ins; the weights in the packs themselves are the hand weights
# the fit starts from. It ships with the rules, so a missing one is a broken install.
FITTED_WEIGHTS = "_weights.yaml"


def load_packs(sources: Iterable[PackSource]) -> list[Pack]:
    """Load every pack of every source, collecting problems across all files.

    A file reached twice (a project folder also given with ``--packs``) is loaded once, with
    the origin of its first source.
    """
    packs: list[Pack] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    started = time.monotonic()
    for source in sources:
        if not source.path.exists():
            missing = "no such file or folder"
            if source.origin == "built-in" and source.path.name == FITTED_WEIGHTS:
                missing = "the fitted weights are missing (`make weights` writes them)"
            problems.append(Problem(missing, str(source.path)))
            continue
        for path in pack_files(source.path):
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            file_started = time.monotonic()
            try:
                packs.append(load_pack(path, source.origin))
            except PackError as error:
                problems.extend(error.problems)
            if time.monotonic() - started > LOAD_BUDGET:
                took = time.monotonic() - file_started
                message = (
                    f"loading packs took over {LOAD_BUDGET:g} s ({took:.1f} s for this file); "
                    "split or simplify it"
                )
                raise PackError(*problems, Problem(message, str(path)))
    if problems:
        raise PackError(*problems)
    return packs


def builtin_sources(fitted: bool = True) -> list[PackSource]:
    """The built-in packs, then (unless ``fitted`` is false: the hand weights) their fitted
    weights."""
    rules = builtin_rules_dir()
    sources = [PackSource(rules, "built-in")]
    if fitted:
        sources.append(PackSource(rules / FITTED_WEIGHTS, "built-in"))
    return sources


def config_sources(config: EngineConfig) -> list[PackSource]:
    """Built-ins (unless turned off), then discovered and configured packs, then ``packs``."""
    sources = builtin_sources() if config.builtin_packs else []
    sources += config.pack_sources
    return sources + [PackSource(Path(p), "--packs") for p in config.packs]
