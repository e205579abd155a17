"""Campaign files with an outcome column, read the way ``coach batch`` reads them.

Each checkable row becomes one row of the firings table with a yes/no outcome and the index of
its file (every file gets its own base rate in the fit). Values of the outcome column are read
as yes or no from a small vocabulary of what sales tools export; anything else is a refusal
that lists the values, so a mistyped ``--positive`` never silently turns replies into silence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.batch.columns import normalise_header
from coach.batch.readers import read_campaign
from coach.batch.rows import OK, row_status
from coach.batch.scoring import score_campaign
from coach.engine.coach import Coach
from coach.engine.display import count
from coach.engine.errors import InputError
from coach.fit.firings import Firings, firings_of

POSITIVE = frozenset(
    {"yes", "y", "true", "1", "replied", "reply", "accepted", "connected", "answered",
     "responded", "meeting", "booked", "interested", "positive", "won"}
)  # fmt: skip
NEGATIVE = frozenset(
    {"no", "n", "false", "0", "", "ignored", "declined", "rejected", "withdrawn", "pending",
     "noreply", "notreplied", "unanswered", "none", "bounced", "negative", "lost", "sent"}
)  # fmt: skip
# A reply or meeting date in a CRM export means it happened.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ t].*)?$|^\d{1,2}[./]\d{1,2}[./]\d{2,4}( .*)?$")
SHOWN_VALUES = 8


@dataclass(frozen=True)
class Outcomes:
    """The firings of every checked row, its outcome, its file, and the engine's scores."""

    firings: Firings
    outcome: np.ndarray
    group: np.ndarray
    scores: np.ndarray
    files: tuple[str, ...]
    skipped: int
    problems: tuple[frozenset[str], ...] = ()

    @property
    def rows(self) -> int:
        return len(self.outcome)

    @property
    def positives(self) -> int:
        return int(self.outcome.sum())


@dataclass(frozen=True)
class OutcomeReader:
    """How to read yes/no from an outcome column."""

    column: str
    positive: frozenset[str] = POSITIVE
    negative: frozenset[str] = NEGATIVE
    dates_positive: bool = True

    @classmethod
    def of(
        cls, column: str, positive: Sequence[str] = (), negative: Sequence[str] = ()
    ) -> OutcomeReader:
        """Given values replace the vocabulary of their side (compared case-insensitively)."""
        return cls(
            column,
            frozenset(map(_norm, positive)) or POSITIVE,
            frozenset(map(_norm, negative)) or NEGATIVE - frozenset(map(_norm, positive)),
            dates_positive=not positive,
        )

    def read(self, value: str) -> bool | None:
        key = _norm(value)
        if key in self.positive:
            return True
        if key in self.negative:
            return False
        if self.dates_positive and DATE.match(value.strip().lower()):
            return True
        return None


def read_outcomes(
    coach: Coach,
    paths: Sequence[str | Path],
    reader: OutcomeReader,
    column: str | None = None,
    mapping: Mapping[str, str] | None = None,
    platform: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
) -> Outcomes:
    """Read every file, run the engine on its checkable rows and return the table.

    The rows are scored as ``coach batch`` scores them (``jobs`` worker processes).

    Raises ``InputError`` when a file has no such outcome column or the column holds values
    that are neither yes nor no (listed with their counts, first line of each).
    """
    rows, outcome, group, unknown = [], [], [], {}
    skipped = 0
    for index, path in enumerate(paths):
        campaign = read_campaign(path, column, mapping, platform, encoding)
        header = _outcome_header(campaign.headers, reader.column, campaign.name)
        for row in campaign:
            if row_status(row)[0] != OK:
                skipped += 1
                continue
            raw = row.fields.get(header) or ""
            value = reader.read(raw)
            if value is None:
                unknown.setdefault(raw.strip(), [campaign.name, row.line, 0])[2] += 1
                continue
            rows.append(row)
            outcome.append(value)
            group.append(index)
    if unknown:
        raise _unexpected(reader.column, unknown)
    reports = [scored.report for scored in score_campaign(coach, rows, jobs=jobs)]
    firings = firings_of(coach, reports)
    return Outcomes(
        firings=firings,
        outcome=np.array(outcome, dtype=bool),
        group=np.array(group, dtype=np.int64),
        scores=np.array([r.score for r in reports], dtype=np.int64),
        files=tuple(str(p) for p in paths),
        skipped=skipped,
        problems=tuple(frozenset(r.problems) for r in reports),
    )


def _outcome_header(headers: Sequence[str], wanted: str, path: str) -> str:
    if wanted in headers:
        return wanted
    for header in headers:
        if normalise_header(header) == normalise_header(wanted):
            return header
    raise InputError.at(
        f"no outcome column '{wanted}'; headers found: {', '.join(headers)}",
        path,
        1,
        field="--outcome",
    )


def _unexpected(column: str, unknown: dict[str, list]) -> InputError:
    counts = Counter({value: where[2] for value, where in unknown.items()})
    shown = [
        f"'{value}' ({count(seen, 'row')}, first at {unknown[value][0]}:{unknown[value][1]})"
        for value, seen in counts.most_common(SHOWN_VALUES)
    ]
    more = f" and {len(counts) - SHOWN_VALUES} more" if len(counts) > SHOWN_VALUES else ""
    return InputError.at(
        f"outcome column '{column}' has values that are neither yes nor no: "
        f"{', '.join(shown)}{more}; name them with --positive or --negative",
        field="--outcome",
    )


def _norm(value: str) -> str:
    return re.sub(r"[\s_\-']+", "", value.strip().lower())
