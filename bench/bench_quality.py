"""Quality figures on every labelled set: AUC, band placement, problem recall and precision.

For each set: AUC of the score (value-first above spammy), the share of spammy messages below
50 and of value-first ones at 80 or more, and per problem the recall of the labelled
``problems`` and the precision of the named ones (right when in ``problems`` or
``problems_allowed``). dev.csv and real.csv are the shared corpora; tests/data/holdout.csv and
blind*.csv were written blind but have since been used to improve the rules;
bench/data/final-blind.csv was written by another author and is never used to tune rules, so
its figures are the honest estimate of how the packs do on messages nobody has seen.
"""

from __future__ import annotations

from pathlib import Path

from corpus import CORPUS, REAL, ROOT, corpus_rows, row_context

from coach.engine import Coach
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


def main() -> None:
    coach = Coach()
    for name, path in SETS.items():
        if path.exists():
            figures = quality(judge(coach, path))
            print(f"{name}: {summary(figures)}")
            print(problem_table(figures))


if __name__ == "__main__":
    main()
