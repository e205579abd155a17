"""What a rule kind is: its YAML fields, their JSON shape, validation, compiling, evaluation.

A kind is one object registered in ``coach.engine.kinds``; the engine asks it, and nothing
else, how a rule of that kind is read and run (as Vale's ``buildRule`` and proselint's check
types do). See docs/architecture.md for a worked example of adding one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from coach.engine.analysis import Analysis
from coach.engine.models import Spans

if TYPE_CHECKING:
    import yaml

    from coach.engine.kinds.matchers import Matchers
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule

ENTITY_ATTRIBUTES = frozenset({"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})
PARSE_ATTRIBUTES = frozenset({"DEP", "HEAD", "RIGHT_ID", "LEFT_ID", "REL_OP"})
SIGNAL = "#signal"  # matcher keys of an absence rule's signals: "<rule id>#signal"


@dataclass
class Run:
    """What a kind sees while one message is checked."""

    analysis: Analysis
    found: Mapping[str, Spans]  # spans per matcher key (rule id, or id#signal)
    fired: Mapping[str, Spans]  # the rules that fired so far
    context_check: Callable[..., Spans]  # a named context check: (name, analysis[, spec])
    has_words: bool  # any word or number at all (an empty draft fires no absence rule)


class Linter(Protocol):
    """The raw-YAML lint that ``coach packs validate`` runs (``coach.engine.packs.lint``)."""

    def token(self, node: yaml.Node | None) -> None: ...

    def platform(self, node: yaml.Node, extra: str = "") -> None: ...


class Kind:
    """A rule kind. Subclasses set the class attributes and override what they need."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    # The YAML keys this kind adds to a rule and what each means; the first one is required.
    fields: ClassVar[dict[str, str]] = {}

    def shape(self) -> dict[str, dict[str, Any]]:
        """The JSON Schema of each of ``fields`` (descriptions are added from ``fields``)."""
        return {}

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        """Check this kind's fields of ``checks.item``; return them as the rule's plain spec."""
        raise NotImplementedError

    def compile(self, rule: Rule, matchers: Matchers) -> None:
        """Add the rule's patterns to the shared matchers (kinds that match text)."""

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        """The spans where the rule fires in this message (empty: it does not fire)."""
        raise NotImplementedError

    def reads_parse(self, rule: Rule) -> bool:
        """True when the rule needs the dependency parse (not only sentences)."""
        return uses(rule.spec, PARSE_ATTRIBUTES)

    def reads_entities(self, rule: Rule) -> bool:
        return uses(rule.spec, ENTITY_ATTRIBUTES)

    def depends_on_rules(self, rule: Rule) -> bool:
        """True when evaluating the rule reads which other rules fired."""
        return False

    def is_local(self, rule: Rule) -> bool:
        """True when a finding is about its own span (a phrase, a sentence), not the message."""
        return False

    def lint(self, node: yaml.MappingNode, linter: Linter) -> None:
        """Checks only the raw YAML shows (token attributes, platform names), for validate."""


def uses(spec: object, attributes: frozenset[str]) -> bool:
    """True when a rule's patterns mention any of the token attributes."""
    if isinstance(spec, dict):
        return any(k in attributes or uses(v, attributes) for k, v in spec.items())
    if isinstance(spec, list):
        return any(uses(item, attributes) for item in spec)
    return False


def yaml_get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a YAML mapping node, or None."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return value
    return None


def yaml_items(node: yaml.Node | None) -> Iterator[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        yield from node.value
