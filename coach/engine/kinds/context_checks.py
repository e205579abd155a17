"""The named context checks: the text against what the sender knows (recipient notes, names,
own products). ``context`` rules run one each; absence rules use them as signals.

spaCy's matchers are imported when the checks are built, so that reading a pack (which only
needs ``CHECKS``) does not load spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coach.engine.analysis import Analysis
from coach.engine.conditions import recipient_value
from coach.engine.models import Spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

SALIENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# Words any note about a person's activity may share with any message: they count towards a
# reference only beside a more specific shared word.
GENERIC_LEMMAS = frozenset(
    {
        "post",
        "write",
        "talk",
        "speak",
        "share",
        "ask",
        "publish",
        "quote",
        "comment",
        "article",
        "tweet",
        "work",
        "company",
        "team",
        "recent",
        "recently",
        "new",
        "year",
        "month",
        "week",
        "day",
        "time",
        "people",
        "thing",
        "way",
        "good",
        "great",
        "lot",
        "make",
        "get",
        "go",
        "say",
        "use",
        "know",
        "think",
        "want",
        "like",
        "love",
        "connect",
        "network",
        "linkedin",
        "profile",
        "role",
        "job",
        "opportunity",
        "open",
        "hire",
        "hiring",
        "run",
        "plan",
    }
)
TERM_RANK = {"other": 0, "noun": 1, "proper": 2}


def term_key(lemma: str) -> str:
    """Compare long words by their first six letters: 'accessible' meets 'accessibility'."""
    lemma = lemma.lower()
    return lemma if len(lemma) < 7 else lemma[:6]


GENERIC_KEYS = frozenset(term_key(lemma) for lemma in GENERIC_LEMMAS)


@dataclass(frozen=True)
class NotesFacts:
    """What the recipient notes say, prepared once per distinct notes text."""

    terms: dict[str, str]  # term key -> "proper" | "noun" | "other"
    unused: frozenset[str]  # products the notes say they do not use


NOT_USED_VERBS = frozenset(
    {"use", "run", "have", "need", "own", "license", "move", "migration", "switch", "migrate"}
)
# "does not use SAP", "never used Salesforce", "has no SAP", "isn't on Oracle"
NOT_USED_PATTERNS = [
    [
        {"LOWER": {"IN": ["not", "n't", "never", "no", "longer"]}},
        {"LEMMA": {"IN": sorted(NOT_USED_VERBS)}},
        {"LOWER": {"IN": ["any", "a", "an"]}, "OP": "?"},
        {"POS": {"IN": ["PROPN", "NOUN"]}, "OP": "+"},
    ],
    [
        {"LOWER": {"IN": ["no", "not"]}},
        {"LOWER": {"IN": ["on", "using"]}, "OP": "?"},
        {"POS": "PROPN", "OP": "+"},
    ],
    [
        {"LEMMA": {"IN": ["move", "migration", "switch", "migrate"]}},
        {"LOWER": "away", "OP": "?"},
        {"LOWER": "from"},
        {"POS": "PROPN", "OP": "+"},
    ],
]
CHECKS: dict[str, str] = {
    "sender-product-named": "the sender's own product or offer is named",
    "recipient-name-unused": "the recipient's first name is known but not used",
    "notes-unused": "notes about the recipient are known but the message uses none of them",
    "notes-referenced": "the message refers to something from the recipient notes",
    "notes-contradicted": "the message names a product the notes say they do not use",
    "name-in-text": "the recipient's first name is used",
    "wrong-name": "the greeting names someone other than the recipient",
    "sector-mismatch": "the message speaks to one sector (see 'sectors') and the recipient's "
    "company, role, industry or notes to another, with none in common",
}
# Checks whose findings are about their own span, not about the message as a whole.
LOCAL_CHECKS = frozenset({"sender-product-named", "notes-contradicted"})
MERGE_FIELD = re.compile(r"\{\{?\s*[\w .-]+\s*\}?\}|\[\s*[\w .-]+\s*\]|%[\w-]+%|<[\w .-]+>")


class ContextChecks:
    """Named checks used by ``context`` rules and as absence-rule signals."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher

        self.nlp = nlp
        self._notes_facts = lru_cache(maxsize=4096)(self._facts_of_notes)
        self._product_patterns = lru_cache(maxsize=256)(_product_pattern)
        self._sector_matcher = lru_cache(maxsize=16)(self._build_sector_matcher)
        self._not_used = Matcher(nlp.vocab)
        self._not_used.add("not-used", NOT_USED_PATTERNS)

    def run(self, name: str, analysis: Analysis, spec: dict[str, Any] | None = None) -> Spans:
        """Spans where the check holds (a non-empty list means it fired)."""
        if name == "sector-mismatch":
            return self._sector_mismatch(analysis, (spec or {}).get("sectors", {}))
        if name not in analysis.context_results:  # a check may serve several rules
            check: Callable[[Analysis], Spans] = getattr(self, "_" + name.replace("-", "_"))
            analysis.context_results[name] = check(analysis)
        return analysis.context_results[name]

    def _sector_mismatch(self, analysis: Analysis, sectors: dict[str, list[str]]) -> Spans:
        """The message speaks to one sector, the recipient works in another, none shared."""
        if not sectors:
            return []
        matcher = self._sector_matcher(tuple((k, tuple(v)) for k, v in sectors.items()))
        strings = self.nlp.vocab.strings
        recipient = analysis.context.recipient
        company = recipient_value(recipient, "company").lower()
        theirs_in_text = (
            [(m.start(), m.end()) for m in re.finditer(re.escape(company), analysis.text.lower())]
            if company
            else []
        )
        message: dict[str, Spans] = {}
        for match_id, start, end in matcher(analysis.doc):
            span = analysis.doc[start:end]
            if any(a <= span.start_char < b for a, b in theirs_in_text):
                continue  # their own company's name says nothing about who the offer is for
            message.setdefault(strings[match_id], []).append((span.start_char, span.end_char))
        about_them = " ; ".join(
            recipient_value(recipient, f) for f in ("company", "role", "industry", "notes")
        )
        theirs = {strings[m] for m, _, _ in matcher(self.nlp.make_doc(about_them))}
        if not message or not theirs or theirs & message.keys():
            return []
        return sorted(span for spans in message.values() for span in spans)

    def _build_sector_matcher(
        self, sectors: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> PhraseMatcher:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for name, terms in sectors:
            matcher.add(name, [self.nlp.make_doc(term) for term in terms])
        return matcher

    def _sender_product_named(self, analysis: Analysis) -> Spans:
        products = tuple(p for p in analysis.context.sender.products if p.strip())
        if not products:
            return []
        pattern = self._product_patterns(products)
        return [m.span() for m in pattern.finditer(analysis.text)]

    def _name_in_text(self, analysis: Analysis) -> Spans:
        name = analysis.context.recipient.first_name.strip()
        if not name or MERGE_FIELD.fullmatch(name):
            return []
        given = name.lower().split()[0]  # "Wei Ling" is greeted as "Wei Ling" or "Wei"
        return [(t.idx, t.idx + len(t.text)) for t in analysis.doc if t.lower_ == given]

    def _wrong_name(self, analysis: Analysis) -> Spans:
        """The greeting names someone other than the recipient (a copy-paste from another row)."""
        name = analysis.context.recipient.first_name.strip()
        if not name or MERGE_FIELD.search(name):
            return []
        greeted = greeted_name(analysis)
        if greeted is None:
            return []
        start, end = greeted
        if analysis.text[start:end].lower() in (name.lower(), name.lower().split()[0]):
            return []
        return [greeted]

    def _recipient_name_unused(self, analysis: Analysis) -> Spans:
        name = analysis.context.recipient.first_name.strip()
        if not name or MERGE_FIELD.fullmatch(name) or self.run("name-in-text", analysis):
            return []
        if MERGE_FIELD.search(analysis.text) or self.run("wrong-name", analysis):
            return []  # the merge-field rules speak to this
        return [analysis.first_sentence_span()]

    def _notes_referenced(self, analysis: Analysis) -> Spans:
        """Spans of words the message shares with the notes, when that is a real reference: a
        shared name or number, or a specific shared noun beside at least one more shared word."""
        notes = analysis.context.recipient.notes.strip()
        if not notes:
            return []
        facts = self._notes_facts(notes)
        spans, shared = [], set()
        for token in analysis.doc:
            key = term_key(token.lemma_)
            if (
                token.idx >= analysis.body_start
                and key in facts.terms
                and token.lower_ not in facts.unused
            ):
                spans.append((token.idx, token.idx + len(token.text)))
                shared.add(key)
        kinds = {facts.terms[key] for key in shared - GENERIC_KEYS}
        if "proper" in kinds or ("noun" in kinds and len(shared) >= 2):
            return spans
        return []

    def _notes_unused(self, analysis: Analysis) -> Spans:
        if not analysis.context.recipient.notes.strip() or self.run("notes-referenced", analysis):
            return []
        return [analysis.first_sentence_span()]

    def _notes_contradicted(self, analysis: Analysis) -> Spans:
        notes = analysis.context.recipient.notes.strip()
        if not notes:
            return []
        unused = self._notes_facts(notes).unused
        if not unused:
            return []
        negated = {i for _, start, end in self._not_used(analysis.doc) for i in range(start, end)}
        return [
            (t.idx, t.idx + len(t.text))
            for t in analysis.doc
            if t.lower_ in unused
            and t.i not in negated
            and (t.i == 0 or t.nbor(-1).lower_ not in ("without", "no", "not"))
        ]

    def _facts_of_notes(self, notes: str) -> NotesFacts:
        disabled = [n for n in ("parser", "ner") if n in self.nlp.pipe_names]
        doc = self.nlp(notes, disable=disabled)
        terms: dict[str, str] = {}
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ in SALIENT_POS and not token.is_stop and len(lemma) > 2:
                kind = (
                    "proper"
                    if token.pos_ == "PROPN" or token.like_num
                    else "noun"
                    if token.pos_ == "NOUN"
                    else "other"
                )
                key = term_key(lemma)
                if TERM_RANK[kind] > TERM_RANK.get(terms.get(key, ""), -1):
                    terms[key] = kind
        unused = {
            doc[i].lower_
            for _, start, end in self._not_used(doc)
            for i in range(start, end)
            if doc[i].pos_ in ("PROPN", "NOUN") and doc[i].lemma_ not in NOT_USED_VERBS
        }
        return NotesFacts(terms, frozenset(unused))


GREETINGS = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "dear",
        "greetings",
        "morning",
        "afternoon",
        "hola",
        "bonjour",
        "hallo",
        "ciao",
        "hej",
        "salut",
        "olá",
        "ola",
        "namaste",
    }
)
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "madam"})


def greeted_name(analysis: Analysis) -> tuple[int, int] | None:
    """The span of the name in an opening greeting ("Hi Dana," / "Dana," / "Dear Dr. Lee")."""
    tokens = [t for t in analysis.doc if t.idx >= analysis.body_start and not t.is_space][:4]
    if not tokens:
        return None
    index = 1 if tokens[0].lower_ in GREETINGS else 0
    if index >= len(tokens):
        return None
    candidate = tokens[index]
    follows = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if candidate.lower_.rstrip(".") in HONORIFICS:
        return None
    company = analysis.context.recipient.company.lower().split()
    if candidate.pos_ != "PROPN" or not candidate.is_title or candidate.lower_ in company:
        return None
    if index == 0 and follows not in (",", "!", "—", "-", ":"):
        return None
    return (candidate.idx, candidate.idx + len(candidate.text))


def _product_pattern(products: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted(products, key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
    )
