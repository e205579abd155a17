"""Quality figures of scores against labels: AUC, band placement, problem recall/precision.

Pure Python so the bench and ``coach learn`` share one definition of every figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coach.engine.config import Bands
from coach.engine.models import PROBLEMS


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float | None:
    """Probability that a random positive scores above a random negative (ties count half).

    None when one class is missing. Computed from ranks, so O(n log n).
    """
    pairs = sorted(zip(scores, positive, strict=True), key=lambda p: p[0])
    n_pos = sum(1 for _, p in pairs if p)
    n_neg = len(pairs) - n_pos
    if not n_pos or not n_neg:
        return None
    rank_sum = 0.0
    index = 0
    while index < len(pairs):
        end = index
        while end + 1 < len(pairs) and pairs[end + 1][0] == pairs[index][0]:
            end += 1
        mid_rank = (index + end) / 2 + 1
        rank_sum += mid_rank * sum(1 for _, p in pairs[index : end + 1] if p)
        index = end + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


@dataclass(frozen=True)
class ProblemFigures:
    """Recall of the labelled problems and precision of the named ones, for one problem."""

    problem: str
    labelled: int
    named: int
    found: int
    right: int

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    @property
    def precision(self) -> float | None:
        return self.right / self.named if self.named else None


@dataclass(frozen=True)
class Quality:
    """Every figure of one labelled set under one scoring."""

    rows: int
    spammy: int
    value_first: int
    auc: float | None
    spammy_below_50: float | None
    value_first_80: float | None
    problems: tuple[ProblemFigures, ...] = field(default_factory=tuple)

    @property
    def overall(self) -> ProblemFigures:
        return ProblemFigures(
            "overall",
            sum(p.labelled for p in self.problems),
            sum(p.named for p in self.problems),
            sum(p.found for p in self.problems),
            sum(p.right for p in self.problems),
        )


@dataclass(frozen=True)
class Judged:
    """One labelled message as the coach judged it."""

    score: float
    value_first: bool
    named: frozenset[str]
    labelled: frozenset[str]
    allowed: frozenset[str] = frozenset()


def quality(rows: Iterable[Judged], bands: Bands | None = None) -> Quality:
    """The figures of a set: a named problem is right when labelled or allowed."""
    bands = bands or Bands()
    ready, needs_work = bands.ready, bands.needs_work
    rows = list(rows)
    good = [r for r in rows if r.value_first]
    bad = [r for r in rows if not r.value_first]
    per_problem = []
    for problem in PROBLEMS:
        labelled = [r for r in rows if problem in r.labelled]
        named = [r for r in rows if problem in r.named]
        per_problem.append(
            ProblemFigures(
                problem,
                len(labelled),
                len(named),
                sum(1 for r in labelled if problem in r.named),
                sum(1 for r in named if problem in r.labelled | r.allowed),
            )
        )
    return Quality(
        rows=len(rows),
        spammy=len(bad),
        value_first=len(good),
        auc=auc([r.score for r in rows], [r.value_first for r in rows]),
        spammy_below_50=_share(r.score < needs_work for r in bad),
        value_first_80=_share(r.score >= ready for r in good),
        problems=tuple(per_problem),
    )


def _share(flags: Iterable[bool]) -> float | None:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else None


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def decimal(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
