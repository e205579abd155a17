"""Deterministic stratified k-fold cross-validation of the fit.

Folds are dealt in file order within each outcome (row 1 of the positives to fold 0, row 2
to fold 1, ...), so the same files always give the same folds and every fold holds both
outcomes in proportion. Rows outside ``folded`` are never held out: they are always trained on.
"""

from __future__ import annotations

import numpy as np

from coach.fit import model
from coach.fit.firings import Firings

NOT_HELD_OUT = -1


def stratified_folds(outcome: np.ndarray, k: int, folded: np.ndarray | None = None) -> np.ndarray:
    """The fold of every row (``NOT_HELD_OUT`` for rows outside ``folded``)."""
    folded = np.ones(len(outcome), dtype=bool) if folded is None else folded
    folds = np.full(len(outcome), NOT_HELD_OUT, dtype=np.int64)
    for value in (True, False):
        rows = np.flatnonzero(folded & (outcome == value))
        folds[rows] = np.arange(len(rows)) % k
    return folds


def held_out_scores(
    firings: Firings,
    outcome: np.ndarray,
    row_weight: np.ndarray,
    sigma: float,
    groups: np.ndarray | None,
    folds: np.ndarray,
    band_weight: float | np.ndarray = 0.0,
) -> np.ndarray:
    """Each held-out row's score under weights fitted without its fold (NaN if never held out)."""
    scores = np.full(len(outcome), np.nan)
    for fold in range(int(folds.max()) + 1):
        test = folds == fold
        train = ~test
        fitted = model.fit(
            firings.rows(np.flatnonzero(train)),
            outcome[train],
            row_weight[train],
            sigma,
            None if groups is None else groups[train],
            np.broadcast_to(band_weight, outcome.shape)[train],
        )
        scores[test] = model.score(firings.rows(np.flatnonzero(test)), fitted.values)
    return scores
