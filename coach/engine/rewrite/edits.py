"""Applying the per-finding edits of a report: one at a time or all at once, in any order."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from coach.engine.models import Edit, Report


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; the order they are given in does not change the result.

    Edits are applied from the end of the text backwards so that earlier offsets stay valid.
    Overlapping edits are a programming error (a report never carries them).
    """
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement, e.reason))
    for before, after in pairwise(ordered):
        if after.start < before.end or after.start == before.start:
            raise ValueError(
                f"overlapping edits at {before.start}-{before.end} and {after.start}-{after.end}"
            )
    for edit in reversed(ordered):
        if not 0 <= edit.start <= edit.end <= len(text):
            raise ValueError(f"edit {edit.start}-{edit.end} is outside the text")
        text = edit.apply(text)
    return text


def report_edits(report: Report) -> tuple[Edit, ...]:
    """The edits a report's findings carry, in text order, without overlaps or repeats."""
    edits: list[Edit] = []
    for finding in sorted(report.findings, key=lambda f: (f.start, f.end)):
        edit = finding.edit
        if edit is None or edit in edits:
            continue
        if any((edit.start < e.end and e.start < edit.end) or edit.start == e.start for e in edits):
            continue
        edits.append(edit)
    return tuple(sorted(edits, key=lambda e: (e.start, e.end)))
