"""The campaign summary as plain text for a terminal: what a sales-ops lead reads first."""

from __future__ import annotations

from coach.batch.summary import CampaignSummary
from coach.engine.config import BAND_NAMES
from coach.engine.display import count, noun

BAR_WIDTH = 40
TOP_RULES = 8


def render_summary(summary: CampaignSummary) -> str:
    lines = [_headline(summary)]
    if summary.scored:
        mean = summary.mean_score or 0.0
        bands = "   ".join(f"{band} {summary.bands[band]:,}" for band in BAND_NAMES)
        lines.append(f"Mean score {mean:.1f}   {bands}")
        if summary.min_score is not None:
            lines.append(f"Below {summary.min_score}: {count(summary.below_min, 'row')}")
        lines += ["", "Score distribution", *_histogram(summary)]
        if summary.steps:
            lines += ["", "Per step (step  platform  rows  mean score)"]
            for step, platform, rows, mean in summary.step_means():
                lines.append(f"  {step:>4}  {platform:<20} {rows:>6,}  {mean:5.1f}")
    if summary.problems:
        problems = ", ".join(f"{p} {n:,}" for p, n in summary.problems.most_common())
        lines += ["", f"Problems (rows): {problems}"]
    if summary.rules:
        lines += ["", "Most frequent findings (rows  rule)"]
        for rule_id, rows in summary.rules.most_common(TOP_RULES):
            lines.append(f"  {rows:>6,}  {summary.rule_titles.get(rule_id, '')} [{rule_id}]")
    lines += _campaign_lines(summary)
    if summary.lowest:
        heading = "line/step" if summary.steps else "line"
        lines += ["", f"Lowest scores ({heading}  score  recipient: first thing to fix)"]
        for note in summary.lowest:
            who = f"{note.recipient}: " if note.recipient else ""
            where = f"{note.line}/{note.step}" if note.step else str(note.line)
            lines.append(f"  {where:>6}  {note.score:>5}  {who}{note.top or 'no penalty'}")
            lines.append(f'                 "{note.text}"')
    return "\n".join(lines)


def _lines(cluster) -> str:
    """'line 4' or 'lines 4, 9, 12…': the lines of a cluster's rows (the first few kept)."""
    shown = ", ".join(str(n) for n in cluster.lines)
    return f"{noun(cluster.size, 'line')} {shown}" + (
        "…" if cluster.size > len(cluster.lines) else ""
    )


def _headline(summary: CampaignSummary) -> str:
    parts = [f"{summary.scored:,} scored"]
    if summary.statuses["empty"]:
        parts.append(f"{summary.statuses['empty']:,} empty")
    if summary.statuses["error"]:
        parts.append(f"{summary.statuses['error']:,} not readable")
    return f"Campaign: {count(summary.rows, 'row')} ({', '.join(parts)})"


def _histogram(summary: CampaignSummary) -> list[str]:
    peak = max(summary.histogram) or 1
    lines = []
    for index, rows in enumerate(summary.histogram):
        low, high = index * 10, 100 if index == len(summary.histogram) - 1 else index * 10 + 9
        bar = "█" * round(BAR_WIDTH * rows / peak) if rows else ""
        lines.append(f"  {low:>3}-{high:<3} {bar} {rows:,}")
    return lines


def _campaign_lines(summary: CampaignSummary) -> list[str]:
    lines: list[str] = []
    if summary.templates:
        lines += ["", "Same note to many people (identical once name and company are removed)"]
        for cluster in summary.templates:
            lines.append(
                f"  {cluster.id}  {count(cluster.size, 'row')}, first at line "
                f'{cluster.first_line}: "{cluster.example}"'
            )
    if summary.near_duplicates:
        lines += ["", "Near-duplicate notes (word 3-shingles, Jaccard 0.5 or more)"]
        for cluster in summary.near_duplicates:
            lines.append(
                f"  {cluster.id}  {count(cluster.size, 'row')} ({_lines(cluster)}): "
                f'"{cluster.example}"'
            )
    if summary.same_company:
        lines += ["", "Several people at one company"]
        for cluster in summary.same_company:
            same = f"; {cluster.same_note:,} got the same note" if cluster.same_note else ""
            lines.append(
                f"  {cluster.id}  {cluster.company}: {count(cluster.size, 'row')} "
                f"({_lines(cluster)}){same}"
            )
    if summary.merge_fields:
        fields = ", ".join(f"{p} {n:,}" for p, n in summary.merge_fields.items())
        lines += ["", f"Unfilled merge fields (rows): {fields}"]
        lines += [f"  {reason}" for reason in summary.merge_field_reasons.values()]
    empty = summary.statuses["empty"]
    if empty:
        shown = ", ".join(str(n) for n in summary.empty_lines)
        lines += [
            "",
            f"Empty messages: {count(empty, 'row')} ({noun(empty, 'line')} {shown}"
            f"{'…' if empty > len(summary.empty_lines) else ''})",
        ]
    if summary.error_lines:
        lines += ["", "Rows that could not be checked"]
        lines += [f"  line {line}: {reason}" for line, reason in summary.error_lines]
        hidden = summary.statuses["error"] - len(summary.error_lines)
        if hidden > 0:
            lines.append(f"  … and {count(hidden, 'more row', 'more rows')}")
    return lines
