"""The score: 100 minus the weights of the rules that fired, plus capped bonuses, in 0..100.

A rule's weight counts once however many spans it flags.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.engine.config import Bands
from coach.engine.models import CategoryScore, Finding


def score(
    findings: Sequence[Finding],
    categories: Sequence[str],
    bonus_categories: set[str],
    bonus_cap: int,
    bands: Bands,
    bonus_blockers: Sequence[str] = (),
) -> tuple[int, str, tuple[CategoryScore, ...]]:
    """Return the score, its band and a sub-score per category (in the order given).

    Penalty categories count down from 100; a category of value-first signals counts up to
    100 as its bonus approaches the cap. Bonuses count for nothing once a finding of one of
    the ``bonus_blockers`` problems is present.
    """
    blocked = bonuses_blocked(findings, bonus_blockers)
    penalties = dict.fromkeys(categories, 0)
    bonuses = dict.fromkeys(categories, 0)
    seen: set[str] = set()
    for finding in findings:
        if finding.rule_id in seen:
            continue
        seen.add(finding.rule_id)
        if finding.positive:
            if blocked:
                continue
            bonuses[finding.category] = bonuses.get(finding.category, 0) + finding.bonus
        else:
            penalties[finding.category] = penalties.get(finding.category, 0) + finding.weight
    bonus = min(bonus_cap, sum(bonuses.values()))
    total = max(0, min(100, 100 - sum(penalties.values()) + bonus))
    subscores = tuple(
        CategoryScore(
            name,
            min(100, round(100 * bonuses.get(name, 0) / max(bonus_cap, 1)))
            if name in bonus_categories
            else max(0, 100 - penalties.get(name, 0)),
            penalties.get(name, 0),
            bonuses.get(name, 0),
        )
        for name in dict.fromkeys([*categories, *penalties, *bonuses])
    )
    return total, bands.name(total), subscores


def bonuses_blocked(findings: Sequence[Finding], bonus_blockers: Sequence[str]) -> bool:
    """Whether value-first points count for nothing: a finding of a blocking problem fired."""
    return any(f.problem in bonus_blockers for f in findings if not f.positive)


def counted_bonuses(
    findings: Sequence[Finding], bonus_cap: int, bonus_blockers: Sequence[str] = ()
) -> dict[str, int]:
    """The points each value-first rule that fired adds to the score, as ``score`` counts
    them: none once a blocking problem fired, and no more than ``bonus_cap`` in all (given
    to the rules in the order they fired). For the app and the CLI to show what counts."""
    left = 0 if bonuses_blocked(findings, bonus_blockers) else max(bonus_cap, 0)
    counted: dict[str, int] = {}
    for finding in findings:
        if finding.positive and finding.rule_id not in counted:
            counted[finding.rule_id] = min(finding.bonus, left)
            left -= counted[finding.rule_id]
    return counted
