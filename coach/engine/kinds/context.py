"""``kind: context``: one of the named context checks (``context_checks.CHECKS``) on the text
and what is known of the recipient and sender."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from coach.engine.errors import did_you_mean
from coach.engine.kinds import json_shapes
from coach.engine.kinds.base import Kind, Run
from coach.engine.kinds.context_checks import CHECKS, LOCAL_CHECKS
from coach.engine.models import Spans

if TYPE_CHECKING:
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule


class Context(Kind):
    name = "context"
    description = "checks the text against what is known of the recipient and sender"
    fields: ClassVar[dict[str, str]] = {
        "check": "which check: " + ", ".join(CHECKS),
        "sectors": "for sector-mismatch: a mapping of sector name to the words that mark it",
    }

    def shape(self) -> dict[str, dict[str, Any]]:
        return {
            "check": {"enum": list(CHECKS)},
            "sectors": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": json_shapes.texts(),
            },
        }

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        item = checks.item
        check = item.get("check")
        if check not in CHECKS:
            checks.fail(
                "check" if "check" in item else "kind",
                f"unknown context check '{check}'{did_you_mean(check, CHECKS)}; expected one "
                f"of {', '.join(CHECKS)}",
            )
        sectors = item.get("sectors", {})
        if check == "sector-mismatch" and (
            not isinstance(sectors, dict)
            or not sectors
            or not all(
                isinstance(v, list) and v and all(isinstance(w, str) for w in v)
                for v in sectors.values()
            )
        ):
            checks.fail(
                "sectors" if "sectors" in item else "check",
                "sector-mismatch needs 'sectors': a mapping of sector name to a list of words",
            )
        return {"check": check, "sectors": {str(k): list(v) for k, v in dict(sectors).items()}}

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        if not run.has_words:
            return []
        return run.context_check(rule.spec["check"], run.analysis, rule.spec)

    def is_local(self, rule: Rule) -> bool:
        return rule.spec.get("check") in LOCAL_CHECKS


KIND = Context()
