"""The set of packs in force: built-ins first, then extra packs, then configuration.

A later pack may change an earlier rule only through an explicit ``overrides`` entry; a rule id
defined twice is an error naming both files.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from coach.engine.config import EngineConfig, PackSource
from coach.engine.errors import PackError, Problem
from coach.engine.models import SEVERITIES
from coach.engine.packs import Pack, Rule, load_pack
from coach.engine.resources import builtin_rules_dir


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
            try:
                packs.append(load_pack(path, source.origin))
            except PackError as error:
                problems.extend(error.problems)
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


def resolve_rules(packs: Sequence[Pack], config: EngineConfig | None = None) -> list[Rule]:
    """All rules in pack order with overrides and configuration applied; disabled ones dropped."""
    rules: dict[str, Rule] = {}
    problems: list[Problem] = []
    for pack in packs:
        for rule in pack.rules:
            if rule.id in rules:
                first = rules[rule.id]
                problems.append(
                    Problem(
                        f"duplicate rule id, first defined at {first.path}:{first.line}; "
                        "use 'overrides' to change a rule of another pack",
                        rule.path,
                        rule.line,
                        None,
                        rule.id,
                    )
                )
                continue
            rules[rule.id] = rule
    for pack in packs:
        for override in pack.overrides:
            if override.rule_id not in rules:
                stale = Path(override.path).name == FITTED_WEIGHTS
                problems.append(
                    Problem(
                        "override names an unknown rule"
                        + ("; the fitted weights are stale: run `make weights`" if stale else ""),
                        override.path,
                        override.line,
                        None,
                        override.rule_id,
                    )
                )
                continue
            try:
                rules[override.rule_id] = _changed(rules[override.rule_id], override.changes)
            except ValueError as error:
                problems.append(
                    Problem(str(error), override.path, override.line, None, override.rule_id)
                )
    if problems:
        raise PackError(*problems)
    if config is not None:
        for rule_id, changes in config.overrides.items():
            if rule_id in rules:
                rules[rule_id] = _changed(rules[rule_id], changes)
    return [rule for rule in rules.values() if _enabled(rule, config)]


def _changed(rule: Rule, changes: dict[str, Any]) -> Rule:
    allowed: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("weight", "bonus"):
            low = 0 if key == "weight" else 1
            high = 100 if key == "weight" else 30
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValueError(f"'{key}' must be a whole number from {low} to {high}")
        elif key == "severity" and value not in SEVERITIES:
            raise ValueError(f"unknown severity '{value}'; expected one of {', '.join(SEVERITIES)}")
        elif key == "enabled" and not isinstance(value, bool):
            raise ValueError("'enabled' must be true or false")
        elif key not in ("weight", "bonus", "severity", "enabled"):
            raise ValueError(f"cannot override '{key}'")
        allowed[key] = value
    return replace(rule, **allowed)


def rule_states(
    packs: Sequence[Pack], config: EngineConfig | None = None
) -> list[tuple[Rule, bool]]:
    """Every rule with overrides applied and whether it is on, disabled ones included."""
    everything = replace(config or EngineConfig(), enable=("*",), disable=())
    on = {rule.id for rule in resolve_rules(packs, config)}
    return [(rule, rule.id in on) for rule in resolve_rules(packs, everything)]


def matches_any(rule: Rule, patterns: Iterable[str]) -> bool:
    """True when a pattern names the rule by id, by glob, or by its pack."""
    return any(p == rule.pack or fnmatch.fnmatchcase(rule.id, p) for p in patterns)


def _enabled(rule: Rule, config: EngineConfig | None) -> bool:
    """The most specific name decides (rule id, then glob, then pack); on a tie, enable wins.

    So ``enable: [self-focus]`` with ``--disable self-focus.we-centric`` turns the pack on
    except that rule.
    """
    if config is None:
        return rule.enabled
    on = _specificity(rule, config.enable)
    off = _specificity(rule, config.disable)
    if on is None and off is None:
        return rule.enabled
    return off is None or (on is not None and on >= off)


def _specificity(rule: Rule, patterns: Iterable[str]) -> int | None:
    """How closely the best of ``patterns`` names the rule: 2 its id, 1 a glob, 0 its pack."""
    best = None
    for pattern in patterns:
        if pattern == rule.id:
            return 2
        if fnmatch.fnmatchcase(rule.id, pattern):
            best = 1
        elif pattern == rule.pack and best is None:
            best = 0
    return best
