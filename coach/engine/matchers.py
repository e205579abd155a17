"""Compiles the matching rules of all packs into shared spaCy matchers, run once per doc.

One PhraseMatcher per attribute, one Matcher and one DependencyMatcher hold every rule's
patterns keyed by rule id (absence-rule signals under ``id#signal``), so a check walks the doc
a handful of times however many rules there are.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import regex
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

from coach.engine.errors import PackError, Problem
from coach.engine.models import RuleError
from coach.engine.packs import Rule

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Spans = list[tuple[int, int]]
SIGNAL = "#signal"
LEMMA_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


class CompiledRules:
    """Every pattern of every rule, ready to run over a parsed doc."""

    def __init__(self, nlp: Language, rules: list[Rule], regex_timeout: float = 0.25) -> None:
        self.nlp = nlp
        self.regex_timeout = regex_timeout
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.deps = DependencyMatcher(nlp.vocab, validate=True)
        self.regexes: dict[str, list[regex.Pattern]] = {}
        problems: list[Problem] = []
        for rule in rules:
            try:
                self._add(rule)
            except (ValueError, KeyError, TypeError) as error:
                reason = str(error).strip().splitlines()
                detail = "; ".join(line.strip("- ") for line in reason if "->" in line)
                message = detail or (reason[0] if reason else type(error).__name__)
                problems.append(
                    Problem(
                        f"invalid spaCy pattern: {message}", rule.path, rule.line, None, rule.id
                    )
                )
        if problems:
            raise PackError(*problems)

    def _add(self, rule: Rule) -> None:
        spec = rule.spec
        if rule.kind == "phrases":
            self._add_phrases(rule.id, spec["phrases"], spec["match_on"])
        elif rule.kind == "patterns":
            self.tokens.add(rule.id, spec["patterns"])
        elif rule.kind == "dependency":
            self.deps.add(rule.id, spec["patterns"])
        elif rule.kind == "regex":
            self._add_regex(rule.id, spec["regex"], spec["ignore_case"])
        elif rule.kind == "absence":
            signals = spec["signals"]
            key = rule.id + SIGNAL
            if signals.get("phrases"):
                self._add_phrases(key, signals["phrases"], "lower")
            if signals.get("lemmas"):
                self._add_phrases(key, signals["lemmas"], "lemma")
            if signals.get("patterns"):
                self.tokens.add(key, signals["patterns"])
            if signals.get("regex"):
                self._add_regex(key, signals["regex"], True)

    def _add_phrases(self, key: str, phrases: list[str], match_on: str) -> None:
        if match_on == "lemma":
            enabled = [name for name in LEMMA_COMPONENTS if name in self.nlp.pipe_names]
            disabled = [name for name in self.nlp.pipe_names if name not in enabled]
            docs = list(self.nlp.pipe(phrases, disable=disabled))
            self.lemma.add(key, docs)
        else:
            self.lower.add(key, [self.nlp.make_doc(phrase) for phrase in phrases])

    def _add_regex(self, key: str, expressions: list[str], ignore_case: bool) -> None:
        flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
        self.regexes[key] = [regex.compile(e, flags) for e in expressions]

    def find(self, doc: Doc) -> tuple[dict[str, Spans], list[RuleError]]:
        """All spans per key (rule id, or id#signal), longest first where they overlap."""
        found: dict[str, Spans] = defaultdict(list)
        strings = self.nlp.vocab.strings
        for matcher in (self.lower, self.lemma, self.tokens):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found[strings[match_id]].append((span.start_char, span.end_char))
        for match_id, token_ids in self.deps(doc) if len(self.deps) else ():
            tokens = [doc[i] for i in token_ids]
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t.text) for t in tokens)
            found[strings[match_id]].append((start, end))
        errors = self._find_regex(doc.text, found)
        return {key: _longest_first(spans) for key, spans in found.items()}, errors

    def _find_regex(self, text: str, found: dict[str, Spans]) -> list[RuleError]:
        errors = []
        for key, patterns in self.regexes.items():
            try:
                for pattern in patterns:
                    for match in pattern.finditer(text, timeout=self.regex_timeout):
                        if match.end() > match.start():
                            found[key].append(match.span())
            except TimeoutError:
                found.pop(key, None)
                rule_id = key.removesuffix(SIGNAL)
                errors.append(RuleError(rule_id, f"regex stopped after {self.regex_timeout}s"))
        return errors


def _longest_first(spans: Spans) -> Spans:
    """Drop spans that overlap a longer one; return the rest in text order."""
    kept: Spans = []
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end in kept):
            kept.append((start, end))
    return sorted(kept)
