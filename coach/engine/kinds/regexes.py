"""``kind: regex``: regular expressions (merge fields, links, prices), run with a timeout."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import regex

from coach.engine.kinds import json_shapes
from coach.engine.kinds.base import Kind, Run
from coach.engine.models import Spans

if TYPE_CHECKING:
    from coach.engine.kinds.matchers import Matchers
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule
    from coach.engine.packs.yamlsrc import Located


def compile_regexes(
    expressions: list[str], ignore_case: bool, checks: RuleChecks, key: str, source: Located
) -> list[regex.Pattern]:
    """Compile each expression, reporting the ones that do not compile at their position."""
    flags = regex.IGNORECASE if ignore_case else 0
    compiled = []
    for index, expression in enumerate(expressions):
        try:
            compiled.append(regex.compile(expression, flags | regex.VERSION1))
        except regex.error as error:
            value = source.get(key)
            where = value.position_of(index) if hasattr(value, "position_of") else None
            checks.add(f"invalid regex {expression!r}: {error}", where)
    return compiled


class Regex(Kind):
    name = "regex"
    description = (
        "regular expressions (merge fields, links, prices, percentages), run with a timeout"
    )
    fields: ClassVar[dict[str, str]] = {
        "regex": "regular expressions",
        "ignore_case": "true (default) or false",
    }

    def shape(self) -> dict[str, dict[str, Any]]:
        return {"regex": json_shapes.texts(), "ignore_case": {"type": "boolean"}}

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        expressions = checks.string_list("regex")
        ignore_case = checks.item.get("ignore_case", True)
        if not isinstance(ignore_case, bool):
            checks.fail("ignore_case", "'ignore_case' must be true or false")
        compile_regexes(expressions, bool(ignore_case), checks, "regex", checks.item)
        return {"regex": expressions, "ignore_case": bool(ignore_case)}

    def compile(self, rule: Rule, matchers: Matchers) -> None:
        matchers.add_regex(rule.id, rule.spec["regex"], rule.spec["ignore_case"])

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        return run.found.get(rule.id, [])

    def is_local(self, rule: Rule) -> bool:
        return True


KIND = Regex()
