"""The built-in weights fitted to the labelled sets (value-first above spammy): ``make weights``.

The prior is the hand weights written in the packs (the built-ins without their fitted
weights file); each labelled file has its own offset and weighs both classes alike, so a
rule cannot earn weight by telling one set from another (all of real.csv's emails lack a
subject line, for instance) rather than value-first from spammy. The sets that are not
cross-validated are the project's contract (every row placed in its band, which the tests
check) and add a hinge on band placement; the cross-validated set (real.csv) is fitted on
likelihood alone, since a hinge there overfits (it lowered the cross-validated figures).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.engine.coach import Coach
from coach.engine.packs.sources import builtin_sources, load_packs
from coach.fit import model
from coach.fit.learning import FOLDS, SIGMA, Learned, learn
from coach.fit.metrics import auc
from coach.fit.outcomes import OutcomeReader, Outcomes, read_outcomes
from coach.fit.packfile import pack_text

BAND_WEIGHT = 1.0
TITLE = "Fitted weights of the built-in rules"
LABELS = OutcomeReader.of("label", positive=["value-first"], negative=["spammy"])


def hand_weight_coach() -> Coach:
    """The built-in rules with the weights their packs state, before any fit."""
    return Coach(packs=load_packs(builtin_sources(fitted=False)))


@dataclass(frozen=True)
class LabelledFit:
    data: Outcomes
    learned: Learned
    paths: tuple[Path, ...]
    cross_validated: tuple[Path, ...]

    def band_figures(self, scores: np.ndarray) -> str:
        """AUC, spammy below 50 and value-first at 80+ of the cross-validated rows."""
        rows = self.learned.folded
        good = self.data.outcome[rows]
        s = scores[rows]
        value = auc(list(s), list(good))
        return (
            f"AUC {value:.2f}, spammy <50 {np.mean(s[~good] < 50):.0%}, "
            f"value-first >=80 {np.mean(s[good] >= 80):.0%}"
        )

    def provenance(self) -> list[str]:
        learned = self.learned
        names = ", ".join(self.names(self.cross_validated))
        in_sample = model.score(self.data.firings, learned.values)
        return [
            "Fitted weights of the built-in rules, written by `make weights` (coach.fit).",
            "Do not edit by hand: change the hand weights in the packs and refit.",
            "See docs/weights.md. Rules not listed keep their hand weight.",
            "Labelled sets:",
            *(f"  {name}" for name in self.names(self.paths)),
            f"{self.data.rows} messages, {self.data.positives} value-first; prior: hand weights "
            f"with sigma {learned.sigma:g} points; each set has its own offset; band hinge "
            f"{BAND_WEIGHT:g} on the sets not cross-validated",
            f"On {names}, hand weights: {self.band_figures(self.data.scores)}",
            f"On {names}, {learned.folds}-fold cross-validated: "
            f"{self.band_figures(learned.cv_scores)}",
            f"On {names}, in-sample: {self.band_figures(in_sample)}",
        ]

    def pack_text(self) -> str:
        return pack_text("fitted-weights", TITLE, self.learned, self.provenance())

    @staticmethod
    def names(paths: Sequence[Path]) -> list[str]:
        return [f"{p.name} (sha256 {_digest(p)})" for p in paths]


def fit_labelled(
    paths: Sequence[str | Path],
    cross_validate: Sequence[str | Path],
    sigma: float = SIGMA,
    folds: int = FOLDS,
    coach: Coach | None = None,
) -> LabelledFit:
    """Fit on all the sets; cross-validate on the rows of the ``cross_validate`` files."""
    paths = tuple(Path(p) for p in paths)
    held = tuple(Path(p) for p in cross_validate)
    data = read_outcomes(coach or hand_weight_coach(), paths, LABELS)
    chosen = {p.resolve() for p in held}
    fold_files = np.array([p.resolve() in chosen for p in paths])
    folded = fold_files[data.group]
    bands = np.where(folded, 0.0, BAND_WEIGHT)
    learned = learn(data, sigma, folds, balance=True, folded=folded, band_weight=bands)
    return LabelledFit(data, learned, paths, held)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
