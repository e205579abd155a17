"""The dev corpus for benchmarks (bench scripts import this; it is not a benchmark itself)."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.csv"


def corpus_rows(path: Path = CORPUS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def row_context(row: dict[str, str]):
    from coach.engine import Context, Recipient

    return Context(
        platform=row["platform"],
        recipient=Recipient(
            first_name=row["first_name"],
            company=row["company"],
            role=row["role"],
            notes=row["recipient_notes"],
        ),
    )
