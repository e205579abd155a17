"""Plain-text forms of engine values that every renderer shares (terminal, HTML, app, files)."""

from __future__ import annotations

from coach.engine.models import Finding, Recipient, Report
from coach.engine.scoring import counted_bonuses


def one_line(text: str, limit: int) -> str:
    """``text`` on one line, white space folded, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recipient_label(recipient: Recipient) -> str:
    """'First Last, Company' with whatever of it is known ('' when nothing is)."""
    name = " ".join(p for p in (recipient.first_name, recipient.last_name) if p)
    return ", ".join(p for p in (name, recipient.company) if p)


def count(number: int, singular: str, plural: str = "") -> str:
    """``number`` and the noun it counts, singular for exactly one: '1 row', '2 rows',
    '1,204 rows', '0 strengths'. ``plural`` for a noun that does not take an s ('person',
    'people'). Every count a person reads (CLI, app, HTML report) is said with this."""
    return f"{number:,} {noun(number, singular, plural)}"


def noun(number: int, singular: str, plural: str = "") -> str:
    """The noun alone, as ``count`` says it: 'line' for exactly one, 'lines' otherwise."""
    return singular if number == 1 else plural or singular + "s"


class CountedBonuses:
    """What each value-first rule of a report adds to its score (``scoring.counted_bonuses``:
    nothing in a message with a blocking problem, no more than the cap in all), and why it
    adds less than its bonus: the app and the CLI show what the score counts."""

    def __init__(self, report: Report, bonus_cap: int, bonus_blockers: tuple[str, ...]) -> None:
        self.counted = counted_bonuses(report.findings, bonus_cap, bonus_blockers)
        self.cap = bonus_cap
        self.blocking = [problem for problem in report.problems if problem in bonus_blockers]
        self._categories = {f.rule_id: f.category for f in report.signals}
        self._signals = report.signals

    def points(self, finding: Finding) -> int:
        return self.counted.get(finding.rule_id, finding.bonus)

    def by_category(self) -> dict[str, int]:
        """The points counted per category (a category's own bonus sum can pass the cap)."""
        totals: dict[str, int] = {}
        for rule_id, points in self.counted.items():
            category = self._categories[rule_id]
            totals[category] = totals.get(category, 0) + points
        return totals

    def shortfall(self, finding: Finding) -> str:
        """'' when the rule adds its whole bonus; else why it adds less."""
        points = self.points(finding)
        if points >= finding.bonus:
            return ""
        if self.blocking:
            return self.reason()
        return f"Counts +{points} of its +{finding.bonus}: {self.reason()}"

    def reason(self) -> str:
        """Why some value-first rules of the report add less than their bonus, or ''."""
        if self.blocking:
            return (
                "Not counted here: value-first points go only to a message that neither "
                f"pitches nor asks, and this one has {', '.join(self.blocking)} "
                "(bonus_blockers)."
            )
        if any(self.points(f) < f.bonus for f in self._signals):
            return f"value-first points are capped at {self.cap} in all (bonus_cap)."
        return ""
