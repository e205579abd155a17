"""The rules in force: every pack's rules, then overrides, then configuration.

A later pack may change an earlier rule only through an explicit ``overrides`` entry; a rule id
defined twice is an error naming both files. What an override may change, and to what, is
``fields.RULE_CHANGES``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from coach.engine.config import EngineConfig
from coach.engine.errors import PackError, Problem
from coach.engine.packs.fields import change_problem
from coach.engine.packs.model import Pack, Rule
from coach.engine.packs.sources import FITTED_WEIGHTS


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
    for key, value in changes.items():
        problem = change_problem(key, value)
        if problem:
            raise ValueError(problem)
    return replace(rule, **changes)


def rule_states(
    packs: Sequence[Pack], config: EngineConfig | None = None
) -> list[tuple[Rule, bool]]:
    """Every rule with overrides applied and whether it is on, disabled ones included."""
    everything = replace(config or EngineConfig(), enable=("*",), disable=())
    on = {rule.id for rule in resolve_rules(packs, config)}
    return [(rule, rule.id in on) for rule in resolve_rules(packs, everything)]


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
