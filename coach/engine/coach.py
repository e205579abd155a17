"""The headless coach: loads the pipeline and packs once, then checks messages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from coach.engine import conditions, fixes, kinds
from coach.engine.analysis import Analysis
from coach.engine.config import EngineConfig
from coach.engine.kinds.base import Run
from coach.engine.kinds.context_checks import ContextChecks
from coach.engine.models import PROBLEMS, Context, Finding, Report, RuleError, Sender, Spans
from coach.engine.nlp import ComponentRunner, components_for, load_pipeline
from coach.engine.packs.model import Pack, Rule
from coach.engine.packs.resolve import resolve_rules
from coach.engine.packs.sources import config_sources, load_packs
from coach.engine.platforms import article_titles, get_platform
from coach.engine.scoring import score
from coach.engine.textsafety import check_lengths, replace_surrogates

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from coach.engine.kinds.matchers import Matchers

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
        self._passes = tuple(
            [(rule, _when(rule), kinds.get(rule.kind).evaluate) for rule in rules]
            for rules in (independent, [r for r in self.rules if _depends_on_rules(r)])
        )
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
        needs_parse = any(kinds.get(rule.kind).reads_parse(rule) for rule in self.rules)
        needs_entities = any(kinds.get(rule.kind).reads_entities(rule) for rule in self.rules)
        return ComponentRunner(self.nlp, components_for(self.nlp, needs_parse, needs_entities))

    @cached_property
    def compiled(self) -> Matchers:
        return kinds.compile_rules(self.nlp, self.rules, self.config.regex_timeout)

    @cached_property
    def context_checks(self) -> ContextChecks:
        return ContextChecks(self.nlp)

    def default_context(self, **changes) -> Context:
        return Context(platform=self.config.platform, sender=self.config.sender, **changes)

    def check(self, text: str, context: Context | None = None) -> Report:
        """Score one message in its context.

        Raises ``TextTooLong`` (an ``InputError``) when the message is over ``MAX_TEXT_CHARS``
        or a recipient field over ``MAX_FIELD_CHARS`` (see ``coach.engine.textsafety``).
        """
        text, (_, context) = self._checkable(text, context)
        return self._report(self.runner(text), context, text)

    def parse(self, text: str) -> Doc:
        """The parsed text, with exactly the pipeline components the rules need (lone
        surrogates replaced, one character for one; over the length cap: ``TextTooLong``)."""
        check_lengths(text)
        return self.runner(replace_surrogates(text))

    def check_doc(self, doc: Doc, context: Context | None = None) -> Report:
        """Score an already parsed message (see ``parse``), for callers that reuse the doc."""
        return self._report(doc, self.complete_context(context), doc.text)

    def check_many(
        self, items: Iterable[tuple[str, Context | None]], batch_size: int = 64
    ) -> Iterator[Report]:
        """Score many messages, streaming them through the pipeline in batches; order is kept.

        An item over the length caps raises ``TextTooLong`` when its batch is reached."""
        pairs = (self._checkable(text, context) for text, context in items)
        for doc, (text, context) in self.runner.pipe(pairs, batch_size=batch_size):
            yield self._report(doc, context, text)

    def _checkable(self, text: str, context: Context | None) -> tuple[str, tuple[str, Context]]:
        """The text to parse, with what its report needs: the text (spaCy would join the doc's
        tokens again to say it) and the complete context."""
        check_lengths(text, context)
        text = replace_surrogates(text)
        return text, (text, self.complete_context(context))

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

    def _report(self, doc: Doc, context: Context, text: str) -> Report:
        """The report of a parsed message (``text``: the doc's text)."""
        platform = get_platform(context.platform, self.config.connection_limit)
        analysis = Analysis.of(text, doc, context, platform)
        found, errors = self.compiled.find(doc, text)
        fired: dict[str, Spans] = {}
        has_words = any(t.is_alpha or t.like_num for t in analysis.tokens)
        run = Run(analysis, found, fired, self.context_checks.run, has_words)
        name = platform.name
        for rules in self._passes:
            for rule, when, evaluate in rules:  # the platform filter, when: conditions, kind
                if rule.platforms and name not in rule.platforms:
                    continue
                if when is not None and not when(context, fired):
                    continue
                spans = evaluate(rule, run)
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
        if any(self._rules_by_id[f.rule_id].blocks_ready for f in findings):
            total = min(total, self.config.bands.ready - 1)  # a hard limit is never ready
            band = self.config.bands.name(total)
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
                        edit=fixes.edit_for(rule.fix, start, end, analysis),
                    )
                )
        findings.sort(key=lambda f: (f.start, -f.weight, f.rule_id))
        return fixes.without_overlaps(findings)


def _when(rule: Rule) -> conditions.WhenTest | None:
    return conditions.compile_when(rule.when) if rule.when else None


def _depends_on_rules(rule: Rule) -> bool:
    """Rules that read what other rules found run in the second pass."""
    return conditions.depends_on_rules(rule.when) or kinds.get(rule.kind).depends_on_rules(rule)
