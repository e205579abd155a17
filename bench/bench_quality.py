"""Quality figures on every labelled set: band accuracy and problem recall/precision.

dev.csv is the shared development corpus; tests/data/holdout.csv and blind*.csv
were written blind but have since been used to improve the rules; bench/data/final-blind.csv
was written by another author and is never used to tune rules, so its figures are the honest
estimate of how the packs do on messages nobody has seen.
"""

from __future__ import annotations

from pathlib import Path

from corpus import ROOT, corpus_rows, row_context

from coach.engine import Coach

SETS = {
    "dev": ROOT.parent / "shared" / "corpus" / "dev.csv",
    "holdout": ROOT / "tests" / "data" / "holdout.csv",
    "blind": ROOT / "tests" / "data" / "blind.csv",
    "blind4": ROOT / "tests" / "data" / "blind4.csv",
    "blind5": ROOT / "tests" / "data" / "blind5.csv",
    "blind6": ROOT / "tests" / "data" / "blind6.csv",
    "final-blind (never tuned on)": ROOT / "bench" / "data" / "final-blind.csv",
}


def evaluate(coach: Coach, path: Path) -> str:
    rows = corpus_rows(path)
    band_ok = strict_ok = expected = named = reported = correct = 0
    for row in rows:
        report = coach.check(row["message"], row_context(row))
        wanted = set(filter(None, row["problems"].split(";")))
        got = set(report.problems)
        good = report.score >= 80 if row["label"] == "value-first" else report.score < 50
        band_ok += good
        strict_ok += good and wanted <= got
        expected += len(wanted)
        named += len(wanted & got)
        reported += len(got)
        correct += len(got & wanted)
    n = len(rows)
    return (
        f"{n} rows: band accuracy {band_ok / n:.0%}, all labelled problems named "
        f"{strict_ok / n:.0%}, problem recall {named / max(expected, 1):.0%}, "
        f"problem precision {correct / max(reported, 1):.0%}"
    )


def main() -> None:
    coach = Coach()
    for name, path in SETS.items():
        if path.exists():
            print(f"{name}: {evaluate(coach, path)}")


if __name__ == "__main__":
    main()
