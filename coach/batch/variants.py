"""Checking a filled row: every spintax render scored, the worst one kept, unfilled fields named.

A spintax template (``{Hi|Hello|Hey} {{firstName}}``) sends a different text to different
people, so every render is checked and the row's report is its worst one: a campaign is as
good as the weakest message it sends. The row says which render that was ("2 of 3").
A merge field the row could not fill keeps the engine's finding, with a message naming the
placeholder and the column it needed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from coach.batch.rows import CampaignRow

if TYPE_CHECKING:
    from coach.engine import Coach
    from coach.engine.models import Context, Report

MERGE_FIELD_PROBLEM = "merge-field"


def check_rows(
    coach: Coach, rows: Iterable[CampaignRow], batch_size: int = 64
) -> Iterator[tuple[Report, str]]:
    """One (report, variant label) per row, in order; rows stream through ``check_many``."""
    pending: deque[CampaignRow] = deque()

    def texts() -> Iterator[tuple[str, Context]]:
        for row in rows:
            pending.append(row)
            yield row.text, row.context
            for variant in row.variants:
                yield variant, row.context

    reports = coach.check_many(texts(), batch_size=batch_size)
    for first in reports:
        row = pending.popleft()
        group = [first, *(next(reports) for _ in row.variants)]
        worst = min(range(len(group)), key=lambda i: (group[i].score, i))
        label = f"{worst + 1} of {len(group)}" if row.variants else ""
        yield name_unfilled(group[worst], row), label


def name_unfilled(report: Report, row: CampaignRow) -> Report:
    """The report with each unfilled merge field's finding saying which column it needed."""
    if not row.unfilled:
        return report
    reasons = dict(row.unfilled)
    findings = tuple(
        replace(f, message=reasons[f.quote])
        if f.problem == MERGE_FIELD_PROBLEM and f.quote in reasons
        else f
        for f in report.findings
    )
    return replace(report, findings=findings)
