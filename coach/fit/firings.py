"""Which rules fired on which messages: the features of the fit.

The engine's score is a function of the set of rules that fired (each counts once) and their
weights and bonuses; which rules fire does not depend on the weights. So the engine runs once
over the messages and every fit, fold and candidate weight is scored from this table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from coach.engine.coach import Coach
from coach.engine.models import Context, Report
from coach.engine.packs.fields import RULE_CHANGES

WEIGHT = RULE_CHANGES["weight"]
BONUS = RULE_CHANGES["bonus"]


@dataclass(frozen=True)
class RuleTerm:
    """One rule as a term of the score: its current value and the range a pack allows."""

    rule_id: str
    is_bonus: bool
    value: int
    blocks_bonus: bool

    @property
    def low(self) -> int:
        return (BONUS if self.is_bonus else WEIGHT).low

    @property
    def high(self) -> int:
        return (BONUS if self.is_bonus else WEIGHT).high


@dataclass(frozen=True)
class Firings:
    """Rows x rules: ``fired[i, j]`` is true when rule ``j`` fired on message ``i``."""

    terms: tuple[RuleTerm, ...]
    fired: np.ndarray
    bonus_cap: int

    @property
    def values(self) -> np.ndarray:
        return np.array([t.value for t in self.terms], dtype=np.int64)

    def rows(self, index: np.ndarray | Sequence[int]) -> Firings:
        return Firings(self.terms, self.fired[np.asarray(index)], self.bonus_cap)

    def counts(self) -> np.ndarray:
        return self.fired.sum(axis=0)


def rule_terms(coach: Coach) -> tuple[RuleTerm, ...]:
    blockers = set(coach.config.bonus_blockers)
    return tuple(
        RuleTerm(
            rule.id,
            rule.bonus > 0,
            rule.bonus if rule.bonus > 0 else rule.weight,
            rule.bonus == 0 and rule.problem in blockers,
        )
        for rule in coach.rules
    )


def collect(
    coach: Coach, items: Iterable[tuple[str, Context | None]]
) -> tuple[Firings, list[Report]]:
    """Run the engine over the messages; the firings table and the reports, in order."""
    reports = list(coach.check_many(items))
    return firings_of(coach, reports), reports


def firings_of(coach: Coach, reports: Sequence[Report | None]) -> Firings:
    """The firings table of reports made by ``coach``."""
    terms = rule_terms(coach)
    column = {t.rule_id: j for j, t in enumerate(terms)}
    fired = np.zeros((len(reports), len(terms)), dtype=bool)
    for i, report in enumerate(reports):
        for finding in report.findings if report else ():
            fired[i, column[finding.rule_id]] = True
    return Firings(terms, fired, coach.config.bonus_cap)


def with_values(firings: Firings, values: np.ndarray) -> Firings:
    terms = tuple(
        RuleTerm(t.rule_id, t.is_bonus, int(v), t.blocks_bonus)
        for t, v in zip(firings.terms, values, strict=True)
    )
    return Firings(terms, firings.fired, firings.bonus_cap)
