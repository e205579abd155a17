"""The named context checks: the text against what the sender knows (recipient notes, names,
own products). ``context`` rules run one each; absence rules use them as signals.

spaCy's matchers are imported when the checks are built, so that reading a pack (which only
needs ``CHECKS``) does not load spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coach.engine.analysis import Analysis
from coach.engine.conditions import recipient_value
from coach.engine.mergefields import find_merge_fields, has_merge_field, is_merge_field
from coach.engine.models import Spans
from coach.engine.notes_facts import GENERIC_KEYS, NotesFacts, read_notes, term_key
from coach.engine.notes_facts import GENERIC_LEMMAS as GENERIC_LEMMAS  # the rewrite reads it
from coach.engine.textsafety import make_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

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
# Acts that tie what they mention to the recipient: "your post on X", "congrats on Y".
TYING_ACTS = frozenset({"refer-work", "praise", "give"})
ADDRESS_WORDS = frozenset({"you", "your", "yours", "you're", "you've", "u"})
CHECKS: dict[str, str] = {
    "sender-product-named": "the sender's own product or offer is named",
    "recipient-name-unused": "the recipient's first name is known but not used",
    "notes-unused": "notes about the recipient are known but the message uses none of them",
    "notes-referenced": "the message refers to a specific positive fact from the recipient "
    "notes, said of them",
    "notes-contradicted": "the message names something the notes rule out (a negated fact or "
    "a need already met)",
    "name-in-text": "the recipient's first name is used",
    "wrong-name": "the greeting names someone other than the recipient",
    "sector-mismatch": "the message speaks to one sector (see 'sectors') and the recipient's "
    "company, role, industry or notes to another, with none in common",
    "merge-field": "an unfilled merge field, in any syntax of the one merge-field grammar "
    "(coach/engine/mergefields.py)",
}
# Checks whose findings are about their own span, not about the message as a whole.
LOCAL_CHECKS = frozenset({"sender-product-named", "notes-contradicted", "merge-field"})


class ContextChecks:
    """Named checks used by ``context`` rules and as absence-rule signals."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher

        self.nlp = nlp
        self._notes_facts = lru_cache(maxsize=4096)(self._facts_of_notes)
        self._product_patterns = lru_cache(maxsize=256)(_product_pattern)
        self._sector_matcher = lru_cache(maxsize=16)(self._build_sector_matcher)
        self._recipient_sectors = lru_cache(maxsize=4096)(self._sectors_of)
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
        key = tuple((k, tuple(v)) for k, v in sectors.items())
        recipient = analysis.context.recipient
        about_them = " ; ".join(
            recipient_value(recipient, f) for f in ("company", "role", "industry", "notes")
        )
        theirs = self._recipient_sectors(key, about_them)
        if not theirs:
            return []  # nothing says what sector they are in
        matcher = self._sector_matcher(key)
        strings = self.nlp.vocab.strings
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
        if not message or theirs & message.keys():
            return []
        return sorted(span for spans in message.values() for span in spans)

    def _sectors_of(
        self, sectors: tuple[tuple[str, tuple[str, ...]], ...], about_them: str
    ) -> frozenset[str]:
        """The sectors the recipient's own fields name, read once per recipient (every draft
        to them, and every check while one is typed, asks again)."""
        strings = self.nlp.vocab.strings
        matcher = self._sector_matcher(sectors)
        return frozenset(strings[m] for m, _, _ in matcher(self.nlp.make_doc(about_them)))

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
        if not name or is_merge_field(name):
            return []
        given = name.lower().split()[0]  # "Wei Ling" is greeted as "Wei Ling" or "Wei"
        return [(t.idx, t.idx + len(t.text)) for t in analysis.tokens if t.lower_ == given]

    def _wrong_name(self, analysis: Analysis) -> Spans:
        """The greeting names someone other than the recipient (a copy-paste from another row)."""
        name = analysis.context.recipient.first_name.strip()
        if not name or has_merge_field(name):
            return []
        greeted = greeted_name(analysis)
        if greeted is None:
            return []
        start, end = greeted
        if analysis.text[start:end].lower() in (name.lower(), name.lower().split()[0]):
            return []
        return [greeted]

    def _merge_field(self, analysis: Analysis) -> Spans:
        """Every placeholder left in the text (spintax is chosen by the tool, so not one)."""
        return [(f.start, f.end) for f in find_merge_fields(analysis.text) if not f.is_spintax]

    def _recipient_name_unused(self, analysis: Analysis) -> Spans:
        name = analysis.context.recipient.first_name.strip()
        if not name or is_merge_field(name) or self.run("name-in-text", analysis):
            return []
        if has_merge_field(analysis.text) or self.run("wrong-name", analysis):
            return []  # the merge-field rules speak to this
        return [analysis.first_sentence_span()]

    def _notes_referenced(self, analysis: Analysis) -> Spans:
        """Spans of what the message takes from the notes, when that is a real reference: a
        specific positive fact of theirs (a name, a number, a content noun beside another shared
        word), said of them ("your post on X", "you asked about Y", "congrats on Z"). Generic
        words (blog, LinkedIn, marketing) and the notes' negative facts never count."""
        notes = analysis.context.recipient.notes.strip()
        if not notes:
            return []
        facts = self._notes_facts(notes)
        terms, negative = facts.terms, facts.negative
        keyed = ((token, term_key(token.lemma_)) for token in analysis.tokens)
        found = [
            (token, key)
            for token, key in keyed
            if token.idx >= analysis.body_start and key in terms and key not in negative
        ]
        if not found:
            return []
        tied, names = _tied_to_recipient(analysis), _recipient_names(analysis)
        spans, shared, anchored = [], set(), set()
        for token, key in found:
            if token.lower_ in names:
                continue  # their name or company says who they are, not what you know of them
            if tied is None or terms[key] == "proper" or _inside(token.idx, tied):
                anchored.add(key)
            spans.append((token.idx, token.idx + len(token.text)))
            shared.add(key)
        kinds = {facts.terms[key] for key in shared - GENERIC_KEYS}
        specific = "proper" in kinds or ("noun" in kinds and len(shared) >= 2)
        return spans if specific and anchored - GENERIC_KEYS else []

    def _notes_unused(self, analysis: Analysis) -> Spans:
        if not analysis.context.recipient.notes.strip() or self.run("notes-referenced", analysis):
            return []
        return [analysis.first_sentence_span()]

    def _notes_contradicted(self, analysis: Analysis) -> Spans:
        """Words of the message, subject line included, that the notes rule out ("does not use
        SAP", "his blog is not about music", "already bought an SEO plug-in"), unless the
        message negates them too."""
        notes = analysis.context.recipient.notes.strip()
        if not notes:
            return []
        negative = self._notes_facts(notes).negative
        if not negative:
            return []
        tokens = analysis.tokens
        named = [
            t
            for t in tokens
            if t.pos_ in ("NOUN", "PROPN", "ADJ")
            and term_key(t.lemma_) in negative
            and (t.i == 0 or tokens[t.i - 1].lower_ not in ("without", "no", "not"))
        ]
        if not named:
            return []
        negated = {i for _, start, end in self._not_used(analysis.doc) for i in range(start, end)}
        return [(t.idx, t.idx + len(t.text)) for t in named if t.i not in negated]

    def _facts_of_notes(self, notes: str) -> NotesFacts:
        disabled = [n for n in ("ner",) if n in self.nlp.pipe_names]
        return read_notes(self.nlp(make_doc(self.nlp, notes), disable=disabled))


def _recipient_names(analysis: Analysis) -> set[str]:
    recipient = analysis.context.recipient
    fields = (recipient.first_name, recipient.last_name, recipient.company)
    return {word.lower() for value in fields for word in re.findall(r"\w+", value)}


def _inside(offset: int, spans: Spans) -> bool:
    return any(a <= offset < b for a, b in spans)


def _tied_to_recipient(analysis: Analysis) -> Spans | None:
    """Where the message speaks of the recipient: sentences that address them (you, your,
    their name) or refer to, praise or give to them, less the clauses that sell. None when the
    doc has no parse."""
    if not analysis.doc.has_annotation("DEP"):
        return None
    reading = analysis.reading
    name = analysis.context.recipient.first_name.strip().lower()
    selling = [(a.start, a.end) for a in reading.acts if a.act == "offer"]
    tying = [(a.start, a.end) for a in reading.acts if a.act in TYING_ACTS]
    spans = []
    tokens = analysis.tokens
    for sentence in analysis.body_sentences:
        words = {t.lower_ for t in tokens[sentence.start : sentence.end]}
        if (
            words & ADDRESS_WORDS
            or (name and name.split()[0] in words)
            or any(sentence.start_char <= a < sentence.end_char for a, _ in tying)
        ):
            spans.append((sentence.start_char, sentence.end_char))
    if analysis.subject_span:
        spans.append(analysis.subject_span)
    return [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in selling)]


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
    tokens = [t for t in analysis.body_tokens if not t.is_space][:4]
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
