"""``kind: phrases``: phrases found by spaCy's PhraseMatcher, on lower case or lemmas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from coach.engine.kinds import json_shapes
from coach.engine.kinds.base import Kind, Run
from coach.engine.models import Spans

if TYPE_CHECKING:
    from coach.engine.kinds.matchers import Matchers
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule

MATCH_ON = ("lower", "lemma")


class Phrases(Kind):
    name = "phrases"
    description = "spaCy PhraseMatcher over lower-case text or lemmas"
    fields: ClassVar[dict[str, str]] = {
        "phrases": "phrases to find",
        "match_on": "lower (default) or lemma",
    }

    def shape(self) -> dict[str, dict[str, Any]]:
        return {"phrases": json_shapes.texts(), "match_on": {"enum": list(MATCH_ON)}}

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        phrases = checks.string_list("phrases")
        match_on = checks.choice("match_on", MATCH_ON, "lower")
        return {"phrases": phrases, "match_on": match_on}

    def compile(self, rule: Rule, matchers: Matchers) -> None:
        matchers.add_phrases(rule.id, rule.spec["phrases"], rule.spec["match_on"])

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        return run.found.get(rule.id, [])

    def is_local(self, rule: Rule) -> bool:
        return True


KIND = Phrases()
