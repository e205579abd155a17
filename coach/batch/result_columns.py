"""The columns a scored campaign adds to its own: one table, read by every tabular output.

The CSV, TSV and Excel writers and ``score_frame`` (pandas, and through it Dask, Spark and
Ray) take their column names, order, values and types from ``RESULT_TABLE``; a column added
here appears in all of them, so the outputs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coach.batch.rows import ScoredRow
from coach.batch.summary import top_finding

TEXT, INTEGER = "text", "integer"


@dataclass(frozen=True)
class ResultColumn:
    """One output column: its name, how a scored row gives its value, and its type.

    A missing value is "" (what a CSV cell shows); a data frame keeps an ``INTEGER`` column
    as nullable integers, with "" as a missing value. ``rewrite`` columns appear only when
    rewrites were asked for.
    """

    name: str
    value: Callable[[ScoredRow], Any]
    kind: str = TEXT
    rewrite: bool = False


def _score(scored: ScoredRow) -> Any:
    return scored.report.score if scored.report else ""


def _band(scored: ScoredRow) -> str:
    return scored.report.band if scored.report else ""


def _problems(scored: ScoredRow) -> str:
    return "; ".join(scored.report.problems) if scored.report else ""


def _suggestion(scored: ScoredRow) -> str:
    top = scored.report.top_penalty if scored.report else None
    return top.suggestion if top else ""


def _rewrite_text(scored: ScoredRow) -> str:
    return scored.rewrite.text if scored.rewrite else ""


def _rewrite_score(scored: ScoredRow) -> Any:
    return scored.rewrite.report.score if scored.rewrite else ""


RESULT_TABLE = (
    ResultColumn("line", lambda scored: scored.row.line, INTEGER),
    ResultColumn("status", lambda scored: scored.status),
    ResultColumn("reason", lambda scored: scored.reason),
    ResultColumn("score", _score, INTEGER),
    ResultColumn("band", _band),
    ResultColumn("problems", _problems),
    ResultColumn("top_finding", top_finding),
    ResultColumn("suggestion", _suggestion),
    ResultColumn("campaign_flags", lambda scored: "; ".join(scored.campaign_flags)),
    ResultColumn("rewrite", _rewrite_text, rewrite=True),
    ResultColumn("rewrite_score", _rewrite_score, INTEGER, rewrite=True),
)
RESULT_COLUMNS = tuple(c.name for c in RESULT_TABLE if not c.rewrite)
REWRITE_COLUMNS = tuple(c.name for c in RESULT_TABLE if c.rewrite)


def selected(with_rewrite: bool = False) -> tuple[ResultColumn, ...]:
    """The columns of one run, in output order."""
    return tuple(c for c in RESULT_TABLE if with_rewrite or not c.rewrite)


def result_columns(headers: Sequence[str], with_rewrite: bool = False) -> list[str]:
    """Our columns, renamed ``coach_<name>`` where the input already has that header."""
    taken = set(headers)
    return [f"coach_{c.name}" if c.name in taken else c.name for c in selected(with_rewrite)]


def result_values(scored: ScoredRow, with_rewrite: bool = False) -> list[Any]:
    return [column.value(scored) for column in selected(with_rewrite)]
