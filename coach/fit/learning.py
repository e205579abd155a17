"""One fit, start to finish: the weights, their cross-validated figures, what moved and why.

``make weights`` (labelled value-first/spammy sets) and ``coach learn`` (campaign outcomes)
both call ``learn``; they differ only in their prior (hand weights or the weights in force)
and in ``balance`` (labelled sets weight both classes alike, outcomes keep their base rate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.fit import model
from coach.fit.crossval import held_out_scores, stratified_folds
from coach.fit.firings import RuleTerm
from coach.fit.metrics import auc
from coach.fit.outcomes import Outcomes

SIGMA = 10.0  # points: how far a hand weight is believed to be off before any data
FOLDS = 5


@dataclass(frozen=True)
class RuleChange:
    """A rule's value before and after the fit, with the evidence it was fitted on."""

    term: RuleTerm
    after: int
    fired: int
    rate_fired: float | None
    rate_otherwise: float | None

    @property
    def rule_id(self) -> str:
        return self.term.rule_id

    @property
    def before(self) -> int:
        return self.term.value

    @property
    def field(self) -> str:
        return "bonus" if self.term.is_bonus else "weight"

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Learned:
    values: np.ndarray
    changes: tuple[RuleChange, ...]
    cv_scores: np.ndarray
    folded: np.ndarray
    auc_before: float | None
    cv_auc_after: float | None
    in_sample_auc_after: float | None
    folds: int
    sigma: float

    @property
    def moved(self) -> tuple[RuleChange, ...]:
        """Rules whose value changed, largest move first."""
        moved = [c for c in self.changes if c.delta]
        return tuple(sorted(moved, key=lambda c: (-abs(c.delta), c.rule_id)))

    @property
    def never_fired(self) -> tuple[str, ...]:
        return tuple(c.rule_id for c in self.changes if not c.fired)

    @property
    def beats_current(self) -> bool:
        return (
            self.cv_auc_after is not None
            and self.auc_before is not None
            and self.cv_auc_after > self.auc_before
        )


def learn(
    data: Outcomes,
    sigma: float = SIGMA,
    folds: int = FOLDS,
    balance: bool = False,
    folded: np.ndarray | None = None,
    band_weight: float | np.ndarray = 0.0,
) -> Learned:
    """Fit on every row; cross-validate on the ``folded`` rows (all by default).

    The "before" AUC is that of the weights in force on the same rows: they are not fitted,
    so holding folds out changes nothing for them. ``band_weight``: see ``model.fit``.
    """
    folded = np.ones(data.rows, dtype=bool) if folded is None else folded
    weight = class_balanced(data.outcome, data.group) if balance else np.ones(data.rows)
    fold_of = stratified_folds(data.outcome, folds, folded)
    cv_scores = held_out_scores(
        data.firings, data.outcome, weight, sigma, data.group, fold_of, band_weight
    )
    fitted = model.fit(data.firings, data.outcome, weight, sigma, data.group, band_weight)
    in_sample = model.score(data.firings, fitted.values)
    outcome = list(data.outcome[folded])
    return Learned(
        values=fitted.values,
        changes=_changes(data, fitted.values),
        cv_scores=cv_scores,
        folded=folded,
        auc_before=auc(list(data.scores[folded]), outcome),
        cv_auc_after=auc(list(cv_scores[folded]), outcome),
        in_sample_auc_after=auc(list(in_sample[folded]), outcome),
        folds=folds,
        sigma=sigma,
    )


def class_balanced(outcome: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Row weights under which both outcomes of every group weigh half the group's rows."""
    weight = np.ones(len(outcome))
    for g in np.unique(group):
        rows = group == g
        for value in (True, False):
            these = rows & (outcome == value)
            if these.any():
                weight[these] = rows.sum() / (2 * these.sum())
    return weight


def _changes(data: Outcomes, values: np.ndarray) -> tuple[RuleChange, ...]:
    fired = data.firings.fired
    changes = []
    for j, term in enumerate(data.firings.terms):
        on = fired[:, j]
        changes.append(
            RuleChange(
                term,
                int(values[j]),
                int(on.sum()),
                _rate(data.outcome[on]),
                _rate(data.outcome[~on]),
            )
        )
    return tuple(changes)


def _rate(outcome: np.ndarray) -> float | None:
    return float(outcome.mean()) if len(outcome) else None
