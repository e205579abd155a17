"""The spaCy matchers and regexes that the text-matching kinds share, run once per doc.

One PhraseMatcher per attribute and one DependencyMatcher hold every rule's patterns keyed by
rule id (absence-rule signals under ``id#signal``), so a check walks the doc a handful of times
however many rules there are. Token patterns are the exception: spaCy's Matcher tries every
pattern at every token, so each pattern has its own Matcher and a check runs only those whose
required words are in the doc (see ``anchors``); ``tokens`` holds them all together, the slow
twin that validates them when a pack is compiled. Each kind adds its own rules
(``Kind.compile``); ``coach.engine.kinds.compile_rules`` builds the whole set.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import regex
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

from coach.engine.kinds import regex_words
from coach.engine.kinds.anchors import AnchorIndex, Window, Words
from coach.engine.kinds.base import SIGNAL
from coach.engine.models import RuleError, Spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LEMMA_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


class Matchers:
    """Every pattern of every rule, ready to run over a parsed doc."""

    def __init__(self, nlp: Language, regex_timeout: float = 0.25) -> None:
        self.nlp = nlp
        self.regex_timeout = regex_timeout
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.token_patterns: list[Matcher] = []  # one per pattern, found through the index
        self.anchor_index = AnchorIndex()
        self.deps = DependencyMatcher(nlp.vocab, validate=True)
        self.regexes: dict[str, list[regex.Pattern]] = {}
        self.regex_words: dict[str, list[regex_words.Prefilter | None]] = {}  # see regex_words

    def add_phrases(self, key: str, phrases: list[str], match_on: str) -> None:
        if match_on == "lemma":
            enabled = [name for name in LEMMA_COMPONENTS if name in self.nlp.pipe_names]
            disabled = [name for name in self.nlp.pipe_names if name not in enabled]
            docs = list(self.nlp.pipe(phrases, disable=disabled))
            self.lemma.add(key, docs)
        else:
            self.lower.add(key, [self.nlp.make_doc(phrase) for phrase in phrases])

    def add_tokens(self, key: str, patterns: list) -> None:
        self.tokens.add(key, patterns)  # validates them: a PackError names the rule
        for pattern in patterns:
            matcher = Matcher(self.nlp.vocab)
            matcher.add(key, [pattern])
            self.token_patterns.append(matcher)
            self.anchor_index.add(pattern)

    def add_dependency(self, key: str, patterns: list) -> None:
        self.deps.add(key, patterns)

    def add_regex(self, key: str, expressions: list[str], ignore_case: bool) -> None:
        flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
        self.regexes[key] = [regex.compile(e, flags) for e in expressions]
        self.regex_words[key] = [
            regex_words.prefilter(regex_words.needed(e, flags)) for e in expressions
        ]

    def find(self, doc: Doc, text: str | None = None) -> tuple[dict[str, Spans], list[RuleError]]:
        """All spans per key (rule id, or id#signal), longest first where they overlap.
        ``text`` is ``doc.text`` when the caller has it (spaCy joins the tokens on each ask)."""
        found: dict[str, Spans] = defaultdict(list)
        strings = self.nlp.vocab.strings
        for matcher in (self.lower, self.lemma):
            for match_id, start, end in matcher(doc) if len(matcher) else ():
                span = doc[start:end]
                found[strings[match_id]].append((span.start_char, span.end_char))
        for matcher, windows in self.token_matchers(doc):
            for first, last in windows:
                for match_id, start, end in matcher(doc[first:last]):
                    span = doc[first + start : first + end]
                    found[strings[match_id]].append((span.start_char, span.end_char))
        for match_id, token_ids in self.deps(doc) if len(self.deps) else ():
            tokens = [doc[i] for i in token_ids]
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t.text) for t in tokens)
            found[strings[match_id]].append((start, end))
        errors = self._find_regex(doc.text if text is None else text, found)
        return {key: _longest_first(spans) for key, spans in found.items()}, errors

    def token_matchers(self, doc: Doc) -> list[tuple[Matcher, list[Window]]]:
        """The per-pattern Matchers whose required words the doc holds, with the windows of
        the doc where their matches can lie."""
        if not self.token_patterns:
            return []
        passing = self.anchor_index.passing(Words(doc))
        return [(self.token_patterns[n], windows) for n, windows in passing]

    def _find_regex(self, text: str, found: dict[str, Spans]) -> list[RuleError]:
        """Every regex whose words the text holds (see ``regex_words``), each within the
        timeout."""
        errors = []
        lowered = regex_words.lowered(text)
        seen: dict = {}  # the prefilters' searches of this text (see regex_words.may_match)
        for key, patterns in self.regexes.items():
            try:
                for pattern, words in zip(patterns, self.regex_words[key], strict=True):
                    if not regex_words.may_match(words, lowered, seen):
                        continue  # it cannot match: skip it
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
