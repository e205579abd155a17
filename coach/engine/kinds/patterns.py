"""``kind: patterns`` (spaCy Matcher token patterns) and ``kind: dependency`` (DependencyMatcher
patterns over the parse)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from coach.engine.kinds import json_shapes
from coach.engine.kinds.base import Kind, Linter, Run, yaml_get, yaml_items
from coach.engine.models import Spans
from coach.engine.packs.yamlsrc import Located, plain

if TYPE_CHECKING:
    import yaml

    from coach.engine.kinds.matchers import Matchers
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule


def validate_patterns(checks: RuleChecks, source: Located, key: str = "patterns") -> list:
    """A non-empty list of patterns, each a non-empty list of token mappings."""
    patterns = source.get(key)
    if (
        not isinstance(patterns, list)
        or not patterns
        or not all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns
        )
    ):
        checks.add(
            "'patterns' must be a non-empty list of patterns, each a list of token dicts",
            source.position_of(key if key in source else "kind"),
        )
        return []
    return plain(patterns)


def lint_token_patterns(node: yaml.Node | None, linter: Linter) -> None:
    for pattern in yaml_items(node):
        for token in yaml_items(pattern):
            linter.token(token)


class Patterns(Kind):
    name = "patterns"
    description = "spaCy Matcher token patterns"
    fields: ClassVar[dict[str, str]] = {
        "patterns": "a list of spaCy Matcher patterns (each a list of token dicts)"
    }

    def shape(self) -> dict[str, dict[str, Any]]:
        return {"patterns": json_shapes.token_patterns()}

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        return {"patterns": validate_patterns(checks, checks.item)}

    def compile(self, rule: Rule, matchers: Matchers) -> None:
        matchers.add_tokens(rule.id, rule.spec["patterns"])

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        return run.found.get(rule.id, [])

    def is_local(self, rule: Rule) -> bool:
        return True

    def lint(self, node: yaml.MappingNode, linter: Linter) -> None:
        lint_token_patterns(yaml_get(node, "patterns"), linter)


class Dependency(Patterns):
    name = "dependency"
    description = "spaCy DependencyMatcher patterns over the parse"
    fields: ClassVar[dict[str, str]] = {"patterns": "a list of spaCy DependencyMatcher patterns"}

    def shape(self) -> dict[str, dict[str, Any]]:
        node = {
            "type": "object",
            "required": ["RIGHT_ID", "RIGHT_ATTRS"],
            "properties": {
                "RIGHT_ID": json_shapes.text(),
                "RIGHT_ATTRS": json_shapes.TOKEN_REF,
                "LEFT_ID": json_shapes.text(),
                "REL_OP": json_shapes.text(),
            },
            "additionalProperties": False,
        }
        patterns = {
            "type": "array",
            "minItems": 1,
            "items": {"type": "array", "minItems": 1, "items": node},
        }
        return {"patterns": patterns}

    def compile(self, rule: Rule, matchers: Matchers) -> None:
        matchers.add_dependency(rule.id, rule.spec["patterns"])

    def reads_parse(self, rule: Rule) -> bool:
        return True

    def lint(self, node: yaml.MappingNode, linter: Linter) -> None:
        for pattern in yaml_items(yaml_get(node, "patterns")):
            for token in yaml_items(pattern):
                linter.token(yaml_get(token, "RIGHT_ATTRS"))


PATTERNS = Patterns()
DEPENDENCY = Dependency()
