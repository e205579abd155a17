"""The one table of result columns: what every tabular output adds beside the input columns.

CSV, TSV, Excel and any table-shaped API (a data frame) read this table, so they all give
the same columns in the same order. A sequence adds which step and platform a row is;
``rendered`` is the message as sent (a template filled from the row), ``variant`` which
spintax render the score is of.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from coach.batch.rows import ScoredRow
from coach.batch.summary import top_finding


def _suggestion(scored: ScoredRow) -> str:
    top = scored.report.top_penalty if scored.report else None
    return top.suggestion if top else ""


def _report_value(get: Callable[[Any], Any]) -> Callable[[ScoredRow], Any]:
    return lambda scored: get(scored.report) if scored.report is not None else ""


# (column, value of a scored row), in output order
BASE: tuple[tuple[str, Callable[[ScoredRow], Any]], ...] = (
    ("line", lambda s: s.row.line),
    ("status", lambda s: s.status),
    ("reason", lambda s: s.reason),
    ("score", _report_value(lambda r: r.score)),
    ("band", _report_value(lambda r: r.band)),
    ("problems", _report_value(lambda r: "; ".join(r.problems))),
    ("top_finding", top_finding),
    ("suggestion", _suggestion),
    ("campaign_flags", lambda s: "; ".join(s.campaign_flags)),
    ("variant", lambda s: s.variant),
    ("rendered", lambda s: s.row.text if s.row.template else ""),
)
SEQUENCE: tuple[tuple[str, Callable[[ScoredRow], Any]], ...] = (
    ("step", lambda s: s.row.step),
    ("step_platform", lambda s: s.row.context.platform),
)
REWRITE: tuple[tuple[str, Callable[[ScoredRow], Any]], ...] = (
    ("rewrite", lambda s: s.rewrite.text if s.rewrite else ""),
    ("rewrite_score", lambda s: s.rewrite.report.score if s.rewrite else ""),
)
RESULT_COLUMNS = tuple(name for name, _ in BASE)
SEQUENCE_COLUMNS = tuple(name for name, _ in SEQUENCE)
REWRITE_COLUMNS = tuple(name for name, _ in REWRITE)


def _table(with_rewrite: bool, sequence: bool) -> list[tuple[str, Callable[[ScoredRow], Any]]]:
    table = [BASE[0], *(SEQUENCE if sequence else ()), *BASE[1:]]
    return table + list(REWRITE) if with_rewrite else table


def result_columns(
    headers: Sequence[str], with_rewrite: bool = False, sequence: bool = False
) -> list[str]:
    """Our columns, renamed ``coach_<name>`` where the input already has that header."""
    taken = set(headers)
    return [f"coach_{n}" if n in taken else n for n, _ in _table(with_rewrite, sequence)]


def result_values(scored: ScoredRow, with_rewrite: bool = False, sequence: bool = False) -> list:
    return [value(scored) for _, value in _table(with_rewrite, sequence)]
