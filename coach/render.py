"""Plain-text rendering of reports for the terminal (no colour library needed)."""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TextIO

from coach.engine.config import band_named
from coach.engine.display import CountedBonuses, one_line
from coach.engine.models import Finding, Report

ANSI_COLOURS = {"green": "32", "yellow": "33", "red": "31"}
SEVERITY_MARKS = {"error": "✖", "warning": "▲", "info": "•"}


def use_colour(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if colour else text


def render_report(
    report: Report,
    colour: bool = False,
    width: int = 88,
    bonuses: CountedBonuses | None = None,
) -> str:
    """The score, its band, sub-scores per category, then each finding with why and what instead."""
    lines = []
    band = _paint(report.band, ANSI_COLOURS[band_named(report.band).colour], colour)
    lines.append(
        f"Score {report.score}/100  {band}  ({report.platform}, "
        f"{report.length}/{report.limit} characters)"
    )
    subs = "  ".join(f"{c.category} {c.score}" for c in report.categories)
    lines.append(f"  {subs}")
    if report.problems:
        lines.append(f"  problems: {', '.join(report.problems)}")
    penalties = report.penalties
    if not penalties:
        lines.append("\nNo problems found.")
    for finding in penalties:
        lines.extend(_finding_lines(finding, colour, width, report.text))
    if report.signals:
        lines.append("\nWhat works:")
        lines.extend(_signal_lines(report, bonuses, width))
    for error in report.rule_errors:
        lines.append(f"\nrule {error.rule_id} could not run: {error.message}")
    return "\n".join(lines)


def _signal_lines(report: Report, bonuses: CountedBonuses | None, width: int) -> list[str]:
    """One line per value-first rule with the points it adds; below them, once, why some
    add less than their bonus (a blocking problem, the cap)."""
    lines, seen = [], set()
    for finding in report.signals:
        if finding.rule_id in seen:
            continue
        seen.add(finding.rule_id)
        points = bonuses.points(finding) if bonuses else finding.bonus
        lines.append(f'  + {finding.message} "{one_line(finding.quote, 70)}" (+{points})')
    reason = bonuses.reason() if bonuses else ""
    if reason:
        reason = reason[0].upper() + reason[1:]
        lines.extend(textwrap.wrap(reason, width, initial_indent="  ", subsequent_indent="  "))
    return lines


def _finding_lines(finding: Finding, colour: bool, width: int, text: str) -> list[str]:
    mark = SEVERITY_MARKS.get(finding.severity, "•")
    head = f"\n{mark} {finding.title} [{finding.rule_id}, -{finding.weight}]"
    lines = [_paint(head, "1", colour)]
    if finding.quote.strip():
        lines.append(f'  "{one_line(finding.quote, 70)}" (chars {finding.start}-{finding.end})')
    wrap = textwrap.TextWrapper(width=width, initial_indent="  ", subsequent_indent="    ")
    lines.extend(wrap.wrap(finding.message))
    if finding.why:
        lines.extend(wrap.wrap(f"Why: {finding.why} ({finding.source})"))
    if finding.suggestion:
        lines.extend(wrap.wrap(f"Instead: {finding.suggestion}"))
    if finding.edit:
        _, action = finding.edit.describe(text)
        lines.extend(wrap.wrap(f"Fix: {action} ({finding.edit.reason})"))
    return lines
