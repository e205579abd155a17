"""What ``coach learn`` found, as a terminal table and as a self-contained HTML page.

Both show the same facts from one ``LearnSummary``: the rows and outcome rate, the k-fold
cross-validated AUC of the score for the outcome before and after, the rules that moved most
with their firing counts and outcome rates, and the rules that never fired.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from coach.engine.display import count
from coach.fit.learning import Learned, RuleChange
from coach.fit.outcomes import Outcomes

SHOWN_MOVES = 15


@dataclass(frozen=True)
class LearnSummary:
    data: Outcomes
    learned: Learned
    outcome_column: str

    def headline(self) -> list[str]:
        data, learned = self.data, self.learned
        files = len(data.files)
        rate = data.positives / data.rows if data.rows else 0
        return [
            f"{count(data.rows, 'row')} from {count(files, 'file')}"
            f"{f' ({data.skipped:,} could not be checked)' if data.skipped else ''}; "
            f"outcome '{self.outcome_column}': {data.positives:,} yes ({rate:.0%})",
            f"{learned.folds}-fold cross-validated AUC of the score for the outcome: "
            f"current weights {_auc(learned.auc_before)}, learned {_auc(learned.cv_auc_after)}"
            f" (in-sample {_auc(learned.in_sample_auc_after)})",
            f"prior: the current weights, sigma {learned.sigma:g} points; "
            "each file has its own base rate",
        ]

    def rows(self) -> list[tuple[str, ...]]:
        return [_row(c) for c in self.learned.moved[:SHOWN_MOVES]]


HEADERS = ("RULE", "FIELD", "NOW", "LEARNED", "FIRED", "OUTCOME IF FIRED", "OTHERWISE")


def terminal_report(summary: LearnSummary) -> str:
    lines = list(summary.headline())
    rows = summary.rows()
    if rows:
        widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
        lines.append("")
        for row in [HEADERS, *rows]:
            cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            lines.append("  ".join(cells).rstrip())
        more = len(summary.learned.moved) - len(rows)
        if more > 0:
            lines.append(f"... and {more} more rules moved (all are in the pack)")
    else:
        lines.append("no rule moved")
    never = summary.learned.never_fired
    if never:
        lines.append("")
        lines.append(f"never fired ({len(never)}, weights kept): {', '.join(never)}")
    return "\n".join(lines)


def html_report(summary: LearnSummary, title: str = "coach learn") -> str:
    head = "".join(f"<p>{escape(line)}</p>" for line in summary.headline())
    table = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in summary.rows()
    )
    never = ", ".join(escape(r) for r in summary.learned.never_fired) or "none"
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>{head}"
        "<h2>Rules that moved most</h2><table><tr>"
        + "".join(f"<th>{escape(h.lower())}</th>" for h in HEADERS)
        + f"</tr>{table}</table>"
        f"<h2>Rules that never fired</h2><p>{never}</p></body></html>\n"
    )


def _row(change: RuleChange) -> tuple[str, ...]:
    return (
        change.rule_id,
        change.field,
        str(change.before),
        str(change.after),
        f"{change.fired:,}",
        _pct(change.rate_fired),
        _pct(change.rate_otherwise),
    )


def _auc(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


STYLE = (
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}"
    "table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;"
    "text-align:left}th{background:#f4f4f4}"
)
