"""Running every rule's own examples: texts that must fire it and texts that must pass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.engine.coach import Coach
from coach.engine.models import Context
from coach.engine.packs import Example, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    expected: str  # "fire" or "pass"
    text: str
    fired: bool
    path: str
    line: int

    @property
    def ok(self) -> bool:
        return self.fired == (self.expected == "fire")


def example_context(coach: Coach, example: Example) -> Context:
    data = dict(example.context)
    data.setdefault("platform", coach.config.platform)
    return Context.from_dict(data)


def check_examples(coach: Coach, rules: Iterable[Rule] | None = None) -> list[ExampleResult]:
    """Check each example of each rule with the whole coach, as a user's draft would be."""
    cases = [
        (rule, expected, example)
        for rule in (coach.rules if rules is None else rules)
        for expected, examples in (("fire", rule.fire_examples), ("pass", rule.pass_examples))
        for example in examples
    ]
    items = ((example.text, example_context(coach, example)) for _, _, example in cases)
    results = []
    for (rule, expected, example), report in zip(cases, coach.check_many(items), strict=True):
        fired = any(f.rule_id == rule.id for f in report.findings)
        results.append(
            ExampleResult(rule.id, expected, example.text, fired, rule.path, example.line)
        )
    return results
