"""``kind: absence``: fires when none of a set of signals is present (no reference to their
work, no question). Signals: phrases, lemmas, token patterns, regexes, other rules that fired,
and named context checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from coach.engine.conditions import any_fired
from coach.engine.errors import did_you_mean
from coach.engine.kinds import json_shapes
from coach.engine.kinds.base import SIGNAL, Kind, Linter, Run, yaml_get
from coach.engine.kinds.context_checks import CHECKS
from coach.engine.kinds.patterns import lint_token_patterns, validate_patterns
from coach.engine.kinds.regexes import compile_regexes
from coach.engine.models import Spans
from coach.engine.packs.yamlsrc import Located

if TYPE_CHECKING:
    import yaml

    from coach.engine.kinds.matchers import Matchers
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule

SIGNAL_FIELDS = ("phrases", "lemmas", "patterns", "regex", "rules", "context")
SPAN_SCOPES = ("first-sentence", "body")


class Absence(Kind):
    name = "absence"
    description = "fires when none of a set of signals is present"
    fields: ClassVar[dict[str, str]] = {
        "signals": "any of " + ", ".join(SIGNAL_FIELDS) + "; the rule fires when none is present",
        "span": "what to highlight: first-sentence (default) or body",
    }

    def shape(self) -> dict[str, dict[str, Any]]:
        signals = {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                "phrases": json_shapes.texts(),
                "lemmas": json_shapes.texts(),
                "regex": json_shapes.texts(),
                "rules": json_shapes.texts(),
                "patterns": json_shapes.token_patterns(),
                "context": {"type": "array", "items": {"enum": list(CHECKS)}},
            },
        }
        return {"signals": signals, "span": {"enum": list(SPAN_SCOPES)}}

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        signals = checks.item.get("signals")
        if not isinstance(signals, Located) or not signals:
            checks.fail(
                "signals" if "signals" in checks.item else "kind",
                "'signals' must be a mapping with any of: " + ", ".join(SIGNAL_FIELDS),
            )
            return {"signals": {}}
        checks.unknown_keys(signals, SIGNAL_FIELDS, "signal")
        spec: dict[str, Any] = {}
        for key in ("phrases", "lemmas", "rules", "regex"):
            if key in signals:
                spec[key] = checks.string_list(key, source=signals)
        if "regex" in spec:
            compile_regexes(spec["regex"], True, checks, "regex", signals)
        if "patterns" in signals:
            spec["patterns"] = validate_patterns(checks, signals)
        if "context" in signals:
            names = checks.string_list("context", source=signals)
            for name in names:
                if name not in CHECKS:
                    checks.add(
                        f"unknown context check '{name}'{did_you_mean(name, CHECKS)}",
                        signals.position_of("context"),
                    )
            spec["context"] = names
        span = checks.choice("span", SPAN_SCOPES, "first-sentence")
        return {"signals": spec, "span": span}

    def compile(self, rule: Rule, matchers: Matchers) -> None:
        signals = rule.spec["signals"]
        key = rule.id + SIGNAL
        if signals.get("phrases"):
            matchers.add_phrases(key, signals["phrases"], "lower")
        if signals.get("lemmas"):
            matchers.add_phrases(key, signals["lemmas"], "lemma")
        if signals.get("patterns"):
            matchers.add_tokens(key, signals["patterns"])
        if signals.get("regex"):
            matchers.add_regex(key, signals["regex"], True)

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        if not run.has_words or self._signal_present(rule, run):
            return []
        analysis = run.analysis
        if rule.spec["span"] == "body":
            return [(analysis.body_start, len(analysis.text))]
        return [analysis.first_sentence_span()]

    def _signal_present(self, rule: Rule, run: Run) -> bool:
        signals = rule.spec["signals"]
        if run.found.get(rule.id + SIGNAL):
            return True
        if signals.get("rules") and any_fired(signals["rules"], run.fired):
            return True
        return any(run.context_check(name, run.analysis) for name in signals.get("context", []))

    def depends_on_rules(self, rule: Rule) -> bool:
        return bool(rule.spec["signals"].get("rules"))

    def lint(self, node: yaml.MappingNode, linter: Linter) -> None:
        lint_token_patterns(yaml_get(yaml_get(node, "signals"), "patterns"), linter)


KIND = Absence()
