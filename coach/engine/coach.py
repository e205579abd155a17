"""The headless coach: loads the pipeline and packs once, then checks messages."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from coach.engine import acts_kind, edits
from coach.engine.analysis import Analysis, Spans
from coach.engine.config import EngineConfig
from coach.engine.contextchecks import ContextChecks, recipient_matches, recipient_value
from coach.engine.matchers import SIGNAL, CompiledRules
from coach.engine.models import PROBLEMS, Context, Finding, Report, RuleError, Sender
from coach.engine.nlp import ComponentRunner, components_for, load_pipeline
from coach.engine.packs import Pack, Rule
from coach.engine.packset import config_sources, load_packs, resolve_rules
from coach.engine.platforms import article_titles, get_platform
from coach.engine.scoring import score

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_SPANS_PER_RULE = 8


class Coach:
    """Checks outreach messages against rule packs. Deterministic; safe to reuse."""

    def __init__(
        self,
        config: EngineConfig | None = None,
        *,
        nlp: Language | None = None,
        packs: list[Pack] | None = None,
    ) -> None:
        self.config = config or EngineConfig()
        get_platform(self.config.platform)
        self.packs = load_packs(config_sources(self.config)) if packs is None else packs
        self.rules = resolve_rules(self.packs, self.config)
        self._rules_by_id = {rule.id: rule for rule in self.rules}
        self._nlp = nlp
        independent = [r for r in self.rules if not _depends_on_rules(r)]
        self._passes = (independent, [r for r in self.rules if _depends_on_rules(r)])
        self._categories = list(dict.fromkeys(r.category for r in self.rules))
        self._bonus_categories = {
            c for c in self._categories if all(r.bonus for r in self.rules if r.category == c)
        }

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline(self.config.model)
        return self._nlp

    @cached_property
    def runner(self) -> ComponentRunner:
        """Only the pipeline components the rules need: the entity recogniser (half the parse
        time) when a pattern asks for entities, the dependency parser when a rule reads the
        parse; otherwise the sentence recogniser finds sentences at a fraction of the cost."""
        needs_parse = any(
            rule.kind in PARSE_KINDS
            or _uses(rule.spec, PARSE_ATTRIBUTES)
            or rule.spec.get("check") in PARSE_CHECKS
            for rule in self.rules
        )
        needs_entities = any(_uses(rule.spec, ENTITY_ATTRIBUTES) for rule in self.rules)
        return ComponentRunner(self.nlp, components_for(self.nlp, needs_parse, needs_entities))

    @cached_property
    def compiled(self) -> CompiledRules:
        return CompiledRules(self.nlp, self.rules, self.config.regex_timeout)

    @cached_property
    def context_checks(self) -> ContextChecks:
        return ContextChecks(self.nlp)

    def default_context(self, **changes) -> Context:
        return Context(platform=self.config.platform, sender=self.config.sender, **changes)

    def check(self, text: str, context: Context | None = None) -> Report:
        """Score one message in its context."""
        return self.check_doc(self.parse(text), context)

    def parse(self, text: str) -> Doc:
        """The parsed text, with exactly the pipeline components the rules need."""
        return self.runner(text)

    def check_doc(self, doc: Doc, context: Context | None = None) -> Report:
        """Score an already parsed message (see ``parse``), for callers that reuse the doc."""
        context = self.complete_context(context)
        get_platform(context.platform)
        return self._report(doc, context)

    def check_many(
        self, items: Iterable[tuple[str, Context | None]], batch_size: int = 64
    ) -> Iterator[Report]:
        """Score many messages, streaming them through the pipeline in batches; order is kept."""
        pairs = ((text, self.complete_context(context)) for text, context in items)
        for doc, context in self.runner.pipe(pairs, batch_size=batch_size):
            yield self._report(doc, context)

    def rule(self, rule_id: str) -> Rule | None:
        return self._rules_by_id.get(rule_id)

    def complete_context(self, context: Context | None) -> Context:
        """The context a check uses: defaults when none is given, the configured sender when the
        context names none."""
        if context is None:
            return self.default_context()
        if context.sender == Sender() and self.config.sender != Sender():
            return replace(context, sender=self.config.sender)
        return context

    def _report(self, doc: Doc, context: Context) -> Report:
        text = doc.text
        platform = get_platform(context.platform, self.config.connection_limit)
        analysis = Analysis.of(text, doc, context, platform)
        found, errors = self.compiled.find(doc)
        fired: dict[str, Spans] = {}
        has_words = any(t.is_alpha or t.like_num for t in doc)
        for rules in self._passes:
            for rule in rules:
                spans = self._evaluate(rule, analysis, found, fired, has_words)
                if spans:
                    fired[rule.id] = spans[:MAX_SPANS_PER_RULE]
        findings = self._findings(fired, analysis)
        total, band, categories = score(
            findings,
            self._categories,
            self._bonus_categories,
            self.config.bonus_cap,
            self.config.bands,
            self.config.bonus_blockers,
        )
        problems = {f.problem for f in findings if f.problem and not f.positive}
        return Report(
            text=text,
            platform=platform.name,
            score=total,
            band=band,
            categories=categories,
            findings=tuple(findings),
            problems=tuple(p for p in PROBLEMS if p in problems),
            limit=platform.limit,
            length=len(analysis.body.rstrip()),
            rule_errors=tuple(RuleError(e.rule_id, e.message) for e in errors),
        )

    def _evaluate(
        self,
        rule: Rule,
        analysis: Analysis,
        found: dict[str, Spans],
        fired: dict[str, Spans],
        has_words: bool,
    ) -> Spans:
        if rule.platforms and analysis.platform.name not in rule.platforms:
            return []
        if not _conditions_hold(rule, analysis.context, fired):
            return []
        kind = rule.kind
        if kind in ("phrases", "patterns", "dependency", "regex"):
            return found.get(rule.id, [])
        if kind == "metric":
            return _metric_spans(rule, analysis)
        if not has_words:
            return []
        if kind == "context":
            return self.context_checks.run(rule.spec["check"], analysis, rule.spec)
        if kind == "acts":
            return acts_kind.run(rule.spec, analysis)
        if self._signal_present(rule, analysis, found, fired):
            return []
        if rule.spec["span"] == "body":
            return [(analysis.body_start, len(analysis.text))]
        return [analysis.first_sentence_span()]

    def _signal_present(
        self, rule: Rule, analysis: Analysis, found: dict[str, Spans], fired: dict[str, Spans]
    ) -> bool:
        signals = rule.spec["signals"]
        if found.get(rule.id + SIGNAL):
            return True
        if signals.get("rules") and _any_fired(signals["rules"], fired):
            return True
        return any(self.context_checks.run(name, analysis) for name in signals.get("context", []))

    def _findings(self, fired: dict[str, Spans], analysis: Analysis) -> list[Finding]:
        titles = article_titles()
        findings = []
        for rule_id, spans in fired.items():
            rule = self._rules_by_id[rule_id]
            source = titles.get(rule.source, rule.source)
            for start, end in spans:
                findings.append(
                    Finding(
                        rule_id=rule.id,
                        title=rule.title,
                        category=rule.category,
                        problem=rule.problem,
                        severity=rule.severity,
                        weight=rule.weight,
                        bonus=rule.bonus,
                        start=start,
                        end=end,
                        quote=analysis.text[start:end],
                        message=rule.message,
                        why=rule.why,
                        source=source,
                        suggestion=rule.suggestion,
                        edit=edits.edit_for(rule.fix, start, end, analysis),
                    )
                )
        findings.sort(key=lambda f: (f.start, -f.weight, f.rule_id))
        return edits.without_overlaps(findings)


ENTITY_ATTRIBUTES = frozenset({"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})
PARSE_ATTRIBUTES = frozenset({"DEP", "HEAD", "RIGHT_ID", "LEFT_ID", "REL_OP"})
PARSE_KINDS = frozenset({"dependency", "acts"})
# Checks that read who a word is said of ("your post on X"), which needs the parse.
PARSE_CHECKS = frozenset({"notes-referenced", "notes-unused"})


def _uses(spec: object, attributes: frozenset[str]) -> bool:
    """True when a rule's patterns mention any of the token attributes."""
    if isinstance(spec, dict):
        return any(k in attributes or _uses(v, attributes) for k, v in spec.items())
    if isinstance(spec, list):
        return any(_uses(item, attributes) for item in spec)
    return False


def _depends_on_rules(rule: Rule) -> bool:
    return bool(
        rule.when.get("fired")
        or rule.when.get("not_fired")
        or (rule.kind == "absence" and rule.spec["signals"].get("rules"))
    )


def _any_fired(patterns: list[str], fired: dict[str, Spans]) -> bool:
    return any(fnmatch.fnmatchcase(rule_id, p) for rule_id in fired for p in patterns)


def _conditions_hold(rule: Rule, context: Context, fired: dict[str, Spans]) -> bool:
    when = rule.when
    if not when:
        return True
    recipient = context.recipient
    if when.get("recipient_matches") and not recipient_matches(
        recipient, when["recipient_matches"]
    ):
        return False
    if any(not recipient_value(recipient, f) for f in when.get("recipient_has", [])):
        return False
    if any(recipient_value(recipient, f) for f in when.get("recipient_lacks", [])):
        return False
    if when.get("fired") and not _any_fired(when["fired"], fired):
        return False
    return not (when.get("not_fired") and _any_fired(when["not_fired"], fired))


def _metric_spans(rule: Rule, analysis: Analysis) -> Spans:
    spec = rule.spec
    if spec["min_words"] and analysis.metric("words")[0] < spec["min_words"]:
        return []
    value, spans = analysis.metric(spec["metric"])
    platform = analysis.platform.name
    high = _threshold(spec["max"], platform)
    low = _threshold(spec["min"], platform)
    if (high is not None and value > high) or (low is not None and value < low):
        return spans or [(analysis.body_start, len(analysis.text))]
    return []


def _threshold(values: dict[str, float] | None, platform: str) -> float | None:
    if not values:
        return None
    return values.get(platform, values.get("default"))
