"""Quality figures on every labelled set: AUC, band placement, problem recall and precision.

For each set: AUC of the score (value-first above spammy), the share of spammy messages below
50 and of value-first ones at 80 or more, and per problem the recall of the labelled
``problems`` and the precision of the named ones (right when in ``problems`` or
``problems_allowed``). dev.csv and real.csv are the shared corpora; tests/data/holdout.csv and
blind*.csv were written blind but have since been used to improve the rules;
bench/data/final-blind.csv was written by another author and is never used to tune rules, so
its figures are the honest estimate of how the packs do on messages nobody has seen.

The per-set lines use the weights the engine ships (rules/_weights.yaml). The weights lines
compare, on real.csv, the hand weights, the 5-fold cross-validated fit (each fold scored by
weights fitted on the other folds and the other sets, as ``make weights`` fits) and the
shipped in-sample fit. Which problems are named does not depend on the weights.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from corpus import CORPUS, REAL, ROOT, corpus_rows, row_context

from coach.engine import Coach
from coach.fit.labelled import fit_labelled
from coach.fit.metrics import Judged, Quality, decimal, percent, quality

SETS = {
    "dev": CORPUS,
    "real": REAL,
    "holdout": ROOT / "tests" / "data" / "holdout.csv",
    "blind": ROOT / "tests" / "data" / "blind.csv",
    "blind4": ROOT / "tests" / "data" / "blind4.csv",
    "blind5": ROOT / "tests" / "data" / "blind5.csv",
    "blind6": ROOT / "tests" / "data" / "blind6.csv",
    "final-blind (never tuned on)": ROOT / "bench" / "data" / "final-blind.csv",
}
# The sets ``make weights`` fits to (the Makefile's FIT_SETS): all but final-blind.
FIT_SETS = [path for name, path in SETS.items() if not name.startswith("final-blind")]


def problem_set(cell: str | None) -> frozenset[str]:
    return frozenset(p.strip() for p in (cell or "").split(";") if p.strip())


def judge(coach: Coach, path: Path) -> list[Judged]:
    rows = corpus_rows(path)
    reports = coach.check_many((row["message"], row_context(row)) for row in rows)
    return [
        Judged(
            score=report.score,
            value_first=row["label"] == "value-first",
            named=frozenset(report.problems),
            labelled=problem_set(row["problems"]),
            allowed=problem_set(row.get("problems_allowed")),
        )
        for row, report in zip(rows, reports, strict=True)
    ]


def summary(figures: Quality) -> str:
    overall = figures.overall
    return (
        f"{figures.rows} rows ({figures.spammy} spammy, {figures.value_first} value-first): "
        f"AUC {decimal(figures.auc)}, spammy <50 {percent(figures.spammy_below_50)}, "
        f"value-first >=80 {percent(figures.value_first_80)}, "
        f"problem recall {decimal(overall.recall)}, precision {decimal(overall.precision)}"
    )


def problem_table(figures: Quality) -> str:
    cells = []
    for item in figures.problems:
        if item.labelled or item.named:
            cells.append(
                f"{item.problem} {item.found}/{item.labelled}={decimal(item.recall)} "
                f"p {item.right}/{item.named}={decimal(item.precision)}"
            )
    return "     " + "; ".join(cells)


def weights_figures(coach: Coach) -> None:
    """Hand weights, cross-validated fit and shipped fit side by side on real.csv."""
    if not all(path.exists() for path in FIT_SETS):
        return
    fitted = fit_labelled(FIT_SETS, [REAL])
    rows = fitted.learned.folded
    shipped = judge(coach, REAL)
    hand = fitted.data.scores[rows]
    cv = fitted.learned.cv_scores[rows]
    print(f"weights on real.csv ({fitted.learned.folds}-fold, sigma {fitted.learned.sigma:g}):")
    for label, scores in (("hand weights", hand), ("cross-validated fit", cv)):
        judged = [replace(j, score=float(s)) for j, s in zip(shipped, scores, strict=True)]
        print(f"  {label}: {summary(quality(judged))}")
    print(f"  shipped fit (in-sample): {summary(quality(shipped))}")
    moved = fitted.learned.moved
    print(f"  {len(moved)} rules moved; largest: " + ", ".join(
        f"{c.rule_id} {c.before}->{c.after}" for c in moved[:6]))  # fmt: skip


def main() -> None:
    coach = Coach()
    for name, path in SETS.items():
        if path.exists():
            figures = quality(judge(coach, path))
            print(f"{name}: {summary(figures)}")
            print(problem_table(figures))
    weights_figures(coach)


if __name__ == "__main__":
    main()
