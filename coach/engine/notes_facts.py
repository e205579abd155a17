"""What the recipient notes say about them, read with the parse: positive facts and negative ones.

"Writes about sales, not benefits" holds one fact of theirs (sales) and one the message must not
assume (benefits). A negated fact ("does not use SAP", "his blog is not about music", "has never
covered whey protein") and a need already met ("already bought an SEO plug-in") are evidence
that an offer on that topic goes to the wrong audience; they are never a reference. Clauses about
the message itself ("the sender calls him ...", "the page quotes ...") describe nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SALIENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
TERM_RANK = {"other": 0, "noun": 1, "proper": 2}
NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "none", "neither", "nor", "without"})
ALREADY = frozenset({"already"})
LEAVING = frozenset({"move", "migration", "switch", "migrate", "transition", "leave", "drop"})
HAVE_DEPS = frozenset({"dobj", "attr", "agent", "oprd"})
OTHER_CLAUSE_DEPS = frozenset({"advcl", "parataxis", "relcl", "ccomp", "punct", "mark"})
# A clause whose subject is the message or its sender says nothing about the recipient.
META_SUBJECTS = frozenset(
    {"sender", "email", "e-mail", "page", "message", "pitch", "quote", "note", "text", "blogger"}
)
# Words any note about a person's activity may share with any message: they count towards a
# reference only beside a more specific shared word, and never make a negative fact.
GENERIC_LEMMAS = frozenset(
    {"post", "write", "talk", "speak", "share", "ask", "publish", "quote", "comment", "article",
     "tweet", "work", "company", "team", "recent", "recently", "new", "year", "month", "week",
     "day", "time", "people", "thing", "way", "good", "great", "lot", "make", "get", "go", "say",
     "use", "know", "think", "want", "like", "love", "connect", "network", "linkedin", "profile",
     "role", "job", "opportunity", "open", "hire", "hiring", "run", "plan", "blog", "site",
     "website", "business", "marketing", "page", "email", "message", "content", "industry",
     "field", "area", "space", "topic", "product", "service", "person", "owner", "personal",
     "small", "project", "software", "online", "web", "internet", "social", "medium", "media",
     "cover", "accept", "receive", "send", "look", "have", "do", "be", "mention", "only",
     "also", "many", "other", "nothing", "anything", "something", "link", "name", "address",
     "contact", "form", "unsolicited", "collect"}
)  # fmt: skip


def term_key(lemma: str) -> str:
    """Compare long words by their first six letters: 'accessible' meets 'accessibility'."""
    lemma = lemma.lower()
    return lemma if len(lemma) < 7 else lemma[:6]


GENERIC_KEYS = frozenset(term_key(lemma) for lemma in GENERIC_LEMMAS)


@dataclass(frozen=True)
class NotesFacts:
    """The notes' terms, split by whether the notes assert them or rule them out."""

    terms: dict[str, str]  # positive: term key -> "proper" | "noun" | "other"
    negative: frozenset[str]  # term keys the notes rule out (negated, or a need already met)
    unused: frozenset[str]  # lower-case names (products, tools) inside negated facts


def read_notes(doc: Doc) -> NotesFacts:
    """Positive and negative facts of a parsed notes text (needs the dependency parse)."""
    negated = _negated_tokens(doc)
    meta = _meta_tokens(doc)
    terms: dict[str, str] = {}
    negative: set[str] = set()
    unused: set[str] = set()
    for token in doc:
        if not _salient(token) or token.i in meta:
            continue
        key = term_key(token.lemma_)
        if token.i in negated:
            if token.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and key not in GENERIC_KEYS:
                negative.add(key)
                if token.pos_ in ("PROPN", "NOUN"):
                    unused.add(token.lower_)
            continue
        kind = _kind(token)
        if TERM_RANK[kind] > TERM_RANK.get(terms.get(key, ""), -1):
            terms[key] = kind
    negative -= {k for k, kind in terms.items() if kind != "other"}
    unused = {w for w in unused if term_key(w) in negative}
    return NotesFacts(terms, frozenset(negative), frozenset(unused))


def _salient(token: Token) -> bool:
    long_enough = len(token.lemma_) > 2 or (token.is_upper and len(token.text) == 2)  # "PR"
    return token.pos_ in SALIENT_POS and not token.is_stop and long_enough


def _kind(token: Token) -> str:
    if (token.pos_ == "PROPN" and len(token.text) > 2) or token.like_num:
        return "proper"  # a two-letter acronym ("CT", "PR") is only as specific as a noun
    return "noun" if token.pos_ == "NOUN" else "other"


def _negated_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens a negation (or 'already') rules out: the predicate's objects and
    complements, or the negated noun phrase with its conjuncts; never the subject."""
    scoped: set[int] = set()
    for token in doc:
        word = token.lower_
        if word in ALREADY and token.dep_ == "advmod":  # a need already met: what they have
            scoped |= {t.i for c in token.head.children if c.dep_ in HAVE_DEPS for t in c.subtree}
        elif token.lemma_.lower() in LEAVING and token.pos_ in ("NOUN", "VERB"):
            scoped |= _left_behind(token)
        elif word in NEGATORS:
            if token.dep_ in ("neg", "det"):  # "does not use X", "not benefits", "no mention of X"
                scoped |= _negation_scope(token.head, token)
            else:  # "nothing to do with X", "without X"
                scoped |= {t.i for t in token.subtree}
    return scoped


def _left_behind(token: Token) -> set[int]:
    """What they moved away from: "the move from Salesforce", "moved off Oracle", "finished the
    migration away from Zendesk" (the parser may hang 'away from' on the verb)."""
    holders = [token] + ([token.head] if token.dep_ == "dobj" else [])
    scoped: set[int] = set()
    for holder in holders:
        for child in holder.children:
            if child.lower_ not in ("from", "off", "away"):
                continue
            if child.dep_ == "prt":  # "moved off Oracle": the object is what was left
                scoped |= {t.i for c in holder.children if c.dep_ == "dobj" for t in c.subtree}
            scoped |= {t.i for g in child.children for t in g.subtree}
    return scoped


def _negation_scope(head: Token, negator: Token) -> set[int]:
    """What a 'not' rules out: the words after it under the word it negates ("writes about
    sales, not benefits"), never the subject, and not other clauses joined to it."""
    other_clauses = _other_clauses(head)
    subjects = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    return {
        t.i
        for t in head.subtree
        if t.i > negator.i and t.i not in other_clauses and t.i not in subjects
    } | ({head.i} if head.i > negator.i else set())


def _meta_tokens(doc: Doc) -> set[int]:
    """Tokens of clauses whose subject is the message, its page or its sender."""
    found: set[int] = set()
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass") and any(
            t.lemma_.lower() in META_SUBJECTS for t in token.subtree
        ):
            start, end = _segment(doc, token.i)
            found |= {t.i for t in token.head.subtree if start <= t.i < end}
            found -= _other_clauses(token.head)
    return found


def _segment(doc: Doc, index: int) -> tuple[int, int]:
    """The stretch between semicolons around a token: notes join separate facts with ';'."""
    stops = [t.i for t in doc if t.text == ";"]
    start = max((i + 1 for i in stops if i < index), default=0)
    end = min((i for i in stops if i > index), default=len(doc))
    return start, end


def _other_clauses(head: Token) -> set[int]:
    """Tokens of the clauses joined to ``head`` ("He is not a CIO; the page quotes ..."): what
    is said of the page is not said of the clause the parser hung under it."""
    return {
        t.i
        for c in head.children
        if c.dep_ in OTHER_CLAUSE_DEPS
        or (c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))
        for t in c.subtree
    }
