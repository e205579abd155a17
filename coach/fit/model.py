"""The score as a logistic model, and the fit of its weights and bonuses.

The engine's score is ``100 - weights of the penalties that fired + min(cap, bonuses)``
(bonuses only when no blocking problem fired), clamped to 0..100. The fit reads it as
log-odds: ``logit P(good) = offset + (score - 50) / K`` with ``K = 30 / ln 9``, so a score of
50 is even odds and 80 is 9:1 for a value-first message (the bands keep their meaning). With
labelled value-first/spammy sets the offset is 0 (rows are weighted so both classes count
alike); with campaign outcomes it is fitted, since a reply rate is not a property of the
message.

Weights and bonuses are fitted as whole numbers inside the pack ranges, one rule at a time
(exact coordinate descent over every allowed value, scored with the engine's own arithmetic),
minimising the weighted log-loss plus a Gaussian prior ``((value - prior) / sigma)^2 / 2``
centred on the current weight: a rule with little evidence keeps its weight, a rule that
never fired keeps it exactly. Deterministic: fixed rule order, ties go to the lower value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coach.engine.config import Bands
from coach.fit.firings import Firings

K = 30 / math.log(9)
MIDPOINT = 50
READY, NEEDS_WORK = Bands().ready, Bands().needs_work
MAX_SWEEPS = 40


def score(firings: Firings, values: np.ndarray | None = None) -> np.ndarray:
    """The engine's score of every row under the given values (the terms' own by default)."""
    values = firings.values if values is None else values
    penalty, bonus, blocked = _parts(firings, values)
    return _total(penalty, np.where(blocked, 0, np.minimum(firings.bonus_cap, bonus)))


def logit(scores: np.ndarray, offset: float | np.ndarray = 0.0) -> np.ndarray:
    return offset + (scores - MIDPOINT) / K


def log_loss(
    outcome: np.ndarray, scores: np.ndarray, offset: float | np.ndarray = 0.0
) -> np.ndarray:
    """Per-row negative log-likelihood of the outcome under the score's log-odds."""
    z = logit(scores, offset)
    return np.where(outcome, np.logaddexp(0, -z), np.logaddexp(0, z))


def band_loss(outcome: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """How far (in log-odds) a row is from its band: good ones below 80, bad ones at 50+."""
    short = np.where(outcome, READY - scores, scores - (NEEDS_WORK - 1))
    return np.maximum(0, short) / K


@dataclass(frozen=True)
class Fit:
    values: np.ndarray
    offsets: np.ndarray
    sweeps: int


def fit(
    firings: Firings,
    outcome: np.ndarray,
    row_weight: np.ndarray,
    sigma: float,
    groups: np.ndarray | None = None,
    band_weight: float | np.ndarray = 0.0,
) -> Fit:
    """Fit every rule's value to the outcome, starting from (and pulled toward) the current.

    ``groups`` (an integer per row) gives each group of rows its own fitted offset; without
    it the offset is 0. ``band_weight`` adds a hinge on band placement (labelled sets:
    value-first at 80+, spammy below 50) to the log-loss, per row or for all. Identical
    rows (same firings, outcome, group and band weight) are fitted once with their summed
    weight, which gives the same fit: a campaign of thousands of rows has few patterns.
    """
    bands = np.broadcast_to(np.asarray(band_weight, dtype=float), outcome.shape)
    firings, outcome, row_weight, groups, bands = _compressed(
        firings, outcome, row_weight, groups, bands
    )
    prior = firings.values
    values = prior.copy()
    fired = firings.fired
    penalty, bonus, blocked = _parts(firings, values)
    offsets = np.zeros(0 if groups is None else int(groups.max()) + 1)
    if groups is not None:
        offsets = _fit_offsets(outcome, row_weight, score(firings, values), groups)
    offset = offsets[groups] if groups is not None else np.zeros(len(outcome))
    sweeps = 0
    while sweeps < MAX_SWEEPS:
        sweeps += 1
        changed = False
        for j, term in enumerate(firings.terms):
            rows = np.flatnonzero(fired[:, j])
            if not len(rows):
                continue
            candidates = np.arange(term.low, term.high + 1)
            parts = (penalty[rows], bonus[rows], blocked[rows])
            totals = _candidate_scores(term.is_bonus, values[j], candidates, parts, firings)
            losses = log_loss(outcome[rows, None], totals, offset[rows, None])
            if bands.any():
                losses = losses + bands[rows, None] * band_loss(outcome[rows, None], totals)
            objective = (row_weight[rows, None] * losses).sum(axis=0)
            objective += ((candidates - prior[j]) / sigma) ** 2 / 2
            best = int(candidates[int(np.argmin(objective))])
            if best != values[j]:
                target = bonus if term.is_bonus else penalty
                target[rows] += best - values[j]
                values[j] = best
                changed = True
        if groups is not None:
            new = _fit_offsets(outcome, row_weight, score(firings, values), groups)
            changed = changed or bool(np.abs(new - offsets).max() > 1e-6)
            offsets, offset = new, new[groups]
        if not changed:
            break
    return Fit(values, offsets, sweeps)


def _candidate_scores(
    is_bonus: bool,
    current: int,
    candidates: np.ndarray,
    parts: tuple[np.ndarray, np.ndarray, np.ndarray],
    firings: Firings,
) -> np.ndarray:
    """Rows x candidates: each row's score with the rule at each candidate value."""
    penalty, bonus, blocked = parts
    cap = firings.bonus_cap
    if is_bonus:
        capped = np.minimum(cap, (bonus - current)[:, None] + candidates[None, :])
        return _total(penalty[:, None], np.where(blocked[:, None], 0, capped))
    added = np.where(blocked, 0, np.minimum(cap, bonus))
    return _total((penalty - current)[:, None] + candidates[None, :], added[:, None])


def _compressed(
    firings: Firings,
    outcome: np.ndarray,
    row_weight: np.ndarray,
    groups: np.ndarray | None,
    bands: np.ndarray,
) -> tuple[Firings, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
    """One row per distinct (firings, outcome, group, band weight), in order of first
    appearance, with the weights summed."""
    group = np.zeros(len(outcome), dtype=np.int64) if groups is None else groups
    extra = np.column_stack([outcome, group, bands]).astype(np.float64)
    raw = np.hstack([np.packbits(firings.fired, axis=1), extra.view(np.uint8)])
    seen: dict[bytes, int] = {}
    inverse = np.fromiter(
        (seen.setdefault(row.tobytes(), len(seen)) for row in raw), np.int64, len(raw)
    )
    first = np.zeros(len(seen), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(raw))[::-1]
    weight = np.bincount(inverse, weights=row_weight, minlength=len(seen))
    return (
        firings.rows(first),
        outcome[first],
        weight,
        None if groups is None else groups[first],
        bands[first],
    )


def _parts(firings: Firings, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    is_bonus = np.array([t.is_bonus for t in firings.terms], dtype=bool)
    blocks = np.array([t.blocks_bonus for t in firings.terms], dtype=bool)
    fired = firings.fired.astype(np.int64)
    penalty = fired[:, ~is_bonus] @ values[~is_bonus]
    bonus = fired[:, is_bonus] @ values[is_bonus]
    blocked = firings.fired[:, blocks].any(axis=1)
    return penalty, bonus, blocked


def _total(penalty: np.ndarray, added: np.ndarray) -> np.ndarray:
    return np.clip(100 - penalty + added, 0, 100)


def _fit_offsets(
    outcome: np.ndarray, row_weight: np.ndarray, scores: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """Each group's intercept that maximises the likelihood with the scores fixed (Newton)."""
    offsets = np.zeros(int(groups.max()) + 1)
    for group in range(len(offsets)):
        rows = groups == group
        offsets[group] = _fit_offset(outcome[rows], row_weight[rows], scores[rows])
    return offsets


def _fit_offset(outcome: np.ndarray, row_weight: np.ndarray, scores: np.ndarray) -> float:
    offset = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-logit(scores, offset)))
        gradient = float((row_weight * (p - outcome)).sum())
        hessian = float((row_weight * p * (1 - p)).sum()) + 1e-9
        step = max(-5.0, min(5.0, gradient / hessian))
        offset -= step
        if abs(step) < 1e-9:
            break
    return offset
