"""What a whole campaign looks like, gathered as rows stream past in bounded memory."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from typing import Any

from coach.batch.campaign import CampaignScan, Cluster
from coach.batch.rows import EMPTY, ERROR, OK, STATUSES, ScoredRow
from coach.engine import display
from coach.engine.config import BAND_NAMES
from coach.engine.display import one_line

HISTOGRAM_BINS = 10
LOWEST_KEPT = 10
LINES_KEPT = 20


@dataclass(frozen=True)
class RowNote:
    """A row worth naming in the summary: its line, score and what is wrong."""

    line: int
    score: int | None
    recipient: str
    top: str
    text: str


class CampaignSummary:
    """Counts, a score histogram, the most frequent problems and rules, the lowest rows."""

    def __init__(self, scan: CampaignScan | None = None, min_score: int | None = None) -> None:
        self.scan = scan
        self.min_score = min_score
        self.rows = 0
        self.statuses: Counter[str] = Counter({s: 0 for s in STATUSES})
        self.bands: Counter[str] = Counter({b: 0 for b in BAND_NAMES})
        self.histogram = [0] * HISTOGRAM_BINS
        self.problems: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.rule_titles: dict[str, str] = {}
        self.below_min = 0
        self.flagged = 0
        self._score_total = 0
        self._lowest: list[tuple[int, int, RowNote]] = []
        self.error_lines: list[tuple[int, str]] = []
        self.empty_lines: list[int] = []

    def add(self, scored: ScoredRow) -> None:
        self.rows += 1
        self.statuses[scored.status] += 1
        if scored.campaign_flags:
            self.flagged += 1
        line = scored.row.line
        if scored.status == ERROR and len(self.error_lines) < LINES_KEPT:
            self.error_lines.append((line, scored.reason))
        if scored.status == EMPTY and len(self.empty_lines) < LINES_KEPT:
            self.empty_lines.append(line)
        report = scored.report
        if scored.status != OK or report is None:
            return
        self._score_total += report.score
        self.bands[report.band] += 1
        self.histogram[min(report.score * HISTOGRAM_BINS // 100, HISTOGRAM_BINS - 1)] += 1
        self.problems.update(report.problems)
        for rule_id in dict.fromkeys(f.rule_id for f in report.penalties):
            self.rules[rule_id] += 1
        for finding in report.penalties:
            self.rule_titles.setdefault(finding.rule_id, finding.title)
        if self.min_score is not None and report.score < self.min_score:
            self.below_min += 1
        note = RowNote(
            line,
            report.score,
            recipient_label(scored),
            top_finding(scored),
            one_line(report.text, 90),
        )
        item = (-report.score, -line, note)
        if len(self._lowest) < LOWEST_KEPT:
            heapq.heappush(self._lowest, item)
        else:
            heapq.heappushpop(self._lowest, item)

    @property
    def scored(self) -> int:
        return self.statuses[OK]

    @property
    def mean_score(self) -> float | None:
        return self._score_total / self.scored if self.scored else None

    @property
    def lowest(self) -> list[RowNote]:
        """The lowest-scoring rows, lowest first (earlier line first on a tie)."""
        return [note for _, _, note in sorted(self._lowest, reverse=True)]

    @property
    def unchecked(self) -> int:
        return self.statuses[ERROR] + self.statuses[EMPTY]

    @property
    def templates(self) -> list[Cluster]:
        return self.scan.templates if self.scan else []

    @property
    def same_company(self) -> list[Cluster]:
        return self.scan.same_company if self.scan else []

    @property
    def merge_fields(self) -> dict[str, int]:
        return dict(self.scan.merge_fields) if self.scan else {}

    def to_dict(self) -> dict[str, Any]:
        mean = self.mean_score
        return {
            "rows": self.rows,
            "statuses": dict(self.statuses),
            "bands": dict(self.bands),
            "mean_score": round(mean, 1) if mean is not None else None,
            "min_score": self.min_score,
            "below_min_score": self.below_min if self.min_score is not None else None,
            "histogram": [
                {"from": i * 10, "to": min(i * 10 + 9, 100), "rows": n}
                for i, n in enumerate(self.histogram)
            ],
            "problems": dict(self.problems.most_common()),
            "rules": [
                {"rule_id": r, "title": self.rule_titles.get(r, ""), "rows": n}
                for r, n in self.rules.most_common()
            ],
            "templates": [_cluster_dict(c) for c in self.templates],
            "same_company": [_cluster_dict(c) for c in self.same_company],
            "merge_fields": self.merge_fields,
            "error_lines": [{"line": line, "reason": r} for line, r in self.error_lines],
            "empty_lines": self.empty_lines,
        }


def top_finding(scored: ScoredRow) -> str:
    """The heaviest penalty of a row, as its title: the first thing to fix."""
    top = scored.report.top_penalty if scored.report else None
    return top.title if top else ""


def recipient_label(scored: ScoredRow) -> str:
    return display.recipient_label(scored.row.context.recipient)


def _cluster_dict(cluster: Cluster) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": cluster.id,
        "rows": cluster.size,
        "first_line": cluster.first_line,
        "example": cluster.example,
        "lines": cluster.lines,
    }
    if cluster.company:
        data["company"] = cluster.company
    return data
