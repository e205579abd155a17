"""Token-level grammar for acts.py: subjects, objects, verb chains, tense and topic spans.

Kept apart from the act classification so each stays small; everything here reads the spaCy
dependency parse of one clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.engine.act_types import Act
from coach.engine.act_words import (
    CLOSE_WORDS,
    DESIRE,
    GENERIC_TOPIC,
    GREET_WORDS,
    HANDING_OVER,
    MODALS,
    OBJECT_DEPS,
    OFFER_NOUNS,
    PRAISE_WORDS,
    RECIPIENT_POSSESSIVE,
    RECIPIENT_WORDS,
    RELATION_NOUNS,
    SENDER_POSSESSIVE,
    SENDER_WORDS,
    SUBJECT_DEPS,
    WALK_DEPS,
)

RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
POLITE = frozenset({"please", "kindly", "pls", "plz", "do", "just", "so", "and", "also"})
# Nouns that only wrap what is offered: "a deal on SEO services" offers SEO services.
CONTAINER_NOUNS = frozenset({"deal", "offer", "discount", "package", "opportunity", "proposal"})

if TYPE_CHECKING:
    from coach.engine.act_types import Parties

    # The reading walks plain tokens (coach.engine.tokens), which answer as spaCy's do.
    from coach.engine.tokens import Sent as Span
    from coach.engine.tokens import Tok as Token


def xcomp_chain(head: Token) -> list[Token]:
    """'would love to hear' -> [love, hear]; 'look forward to chatting' -> [look, chatting]."""
    chain = [head]
    current = head
    while True:
        nxt = child_of(current, "xcomp")
        if nxt is None and current.lemma_ == "be":  # "I am interested to post ..."
            adjective = next(
                (c for c in current.children if c.dep_ == "acomp"
                 and any(g.dep_ == "xcomp" for g in c.children)), None,
            )  # fmt: skip
            if adjective is not None:  # keep "happy" in the chain: "I'd be happy to talk"
                chain.append(adjective)
                nxt = next(g for g in adjective.children if g.dep_ == "xcomp")
        if nxt is None and current.lemma_ == "be" and subject_word(current) in SENDER_WORDS:
            # "I'm interested in writing an article": what the sender is keen to do
            nxt = next(
                (g for c in current.children if c.dep_ == "acomp" for p in c.children
                 if p.dep_ == "prep" for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"),
                None,
            )  # fmt: skip
        if nxt is None and current.lemma_ in ("look", "forward"):
            nxt = next(
                (g for c in current.children if c.dep_ == "prep" for g in c.children
                 if g.dep_ == "pcomp"), None,
            )  # fmt: skip
        if nxt is None:
            return chain
        chain.append(nxt)
        current = nxt


def proposes(chain: list[Token], subject: Token | None) -> bool:
    """A wish, an offer or a request rather than a report: a modal, a wish verb governing
    another verb, an imperative, 'let's', or a verbless clause joined to one of those."""
    if len(chain) > 1 and any(lemma_of(t) in DESIRE for t in chain[:-1]):
        return True
    if any(c.lower_ in MODALS for t in chain for c in t.children if c.dep_ == "aux"):
        return True
    head = chain[0]
    if subject is None and head.tag_ == "VB":
        return True
    if head.lemma_ == "look" and any(c.lower_ == "forward" for c in head.children):
        return True
    if head.dep_ == "conj" and head.head is not head and subject_of(head, inherited=False) is None:
        root = head.head
        while root.dep_ == "xcomp" and root.head != root:
            root = root.head
        return proposes(xcomp_chain(root), subject_of(root))
    return False


def negated(chain: list[Token]) -> bool:
    """'I am not selling anything', 'couldn't help admiring'."""
    for verb in chain:
        for child in verb.children:
            if child.dep_ == "neg":
                return True
    return False


def child_of(token: Token, dep: str) -> Token | None:
    """The token's first child with that dependency."""
    for child in token.children:
        if child.dep_ == dep:
            return child
    return None


def plural_we(head: Token) -> bool:
    subject = subject_of(head)
    return subject is not None and subject.lower_ == "we"


def subject_of(head: Token, inherited: bool = True) -> Token | None:
    """The clause's subject (the one nearest the verb when the parser found two, as in
    'Hi Sam, the piece was sharp'), inherited through 'and' and 'to' from the governing verb
    (unless ``inherited`` is false: the clause's own subject)."""
    node = head
    for _ in range(4):
        for child in reversed(node.children):
            if child.dep_ in SUBJECT_DEPS:
                return child
        if not inherited or node.dep_ not in ("conj", "xcomp") or node.head is node:
            return None
        node = node.head
    return None


def subject_word(head: Token) -> str:
    subject = subject_of(head)
    return subject.lower_ if subject is not None else ""


def actor_of(subject: Token, head: Token, parties: Parties, depth: int = 0) -> str:
    word = subject.lower_
    if word in RELATIVE_PRONOUNS and head.dep_ == "relcl" and depth < 2:
        return _antecedent_actor(head.head, parties, depth + 1)
    if word in SENDER_WORDS or owned_by_sender(subject):
        return "sender"
    if word in RECIPIENT_WORDS or owned_by_recipient(subject):
        return "recipient"
    names = {t.lower_ for t in subject.subtree}
    if names & parties.sender:
        return "sender"
    if names & parties.recipient:
        return "recipient"
    if subject.dep_ == "expl" or subject.lower_ in ("it", "this", "that", "there"):
        return "none"
    return "third"


def _antecedent_actor(noun: Token, parties: Parties, depth: int) -> str:
    """Who 'that' stands for in 'Our site is a traffic website that provides ...': the noun
    it modifies, or the subject that noun describes ('is a ...', 'X, a ... that')."""
    if noun.dep_ in ("attr", "appos"):
        described = noun.head if noun.dep_ == "appos" else subject_of(noun.head)
        if described is not None:
            return actor_of(described, noun.head, parties, depth)
    return actor_of(noun, noun.head, parties, depth)


def implicit_actor(head: Token) -> str:
    """A clause without a subject: 'Happy to share', 'Loved your post' (the sender), 'Join us'
    (an imperative: the recipient is asked to act)."""
    if head.tag_ == "VB" and _leads_its_sentence(head):
        return "recipient"  # "Join us", "Please find attached ..."
    if head.pos_ in ("VERB", "ADJ", "AUX") or head.lower_ in CLOSE_WORDS | PRAISE_WORDS:
        return "sender"
    return "none"


def _leads_its_sentence(head: Token) -> bool:
    """Nothing but punctuation and 'please' before it in its sentence (walks back over those
    only, so a long sentence costs nothing)."""
    index = head.i
    while not head.doc[index].is_sent_start and index > 0:
        index -= 1
        before = head.doc[index]
        if not (before.is_punct or before.is_space or before.lower_ in POLITE):
            return False
    return True


def is_past(head: Token) -> bool:
    """Past or perfect, or a bare participle opening a clause ("Fixed in ten minutes.")."""
    if head.tag_ == "VBD":
        return True
    if head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return True
    return perfect(head)


def perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux")


def arguments_of(verb: Token) -> list[Token]:
    """Objects of a verb, through its prepositions: 'benefit from our service' -> service."""
    found = []
    for child in verb.children:
        dep = child.dep_
        if dep in OBJECT_DEPS:
            found.append(child)
        if dep in ("prep", "dative", "agent"):
            _objects_of_preposition(child, found)
        if dep in ("acomp", "dobj", "attr"):  # "interested in our services"
            for preposition in child.children:
                if preposition.dep_ == "prep":
                    _objects_of_preposition(preposition, found)
    return found


def _objects_of_preposition(preposition: Token, found: list[Token]) -> None:
    for child in preposition.children:
        if child.dep_ in ("pobj", "pcomp"):
            found.append(child)


def lemma_of(token: Token) -> str:
    return token.lemma_lower


def owned_by_sender(token: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in SENDER_POSSESSIVE for c in token.children)


def owned_by_recipient(token: Token) -> bool:
    return token.lower_ in RECIPIENT_POSSESSIVE or any(
        c.dep_ == "poss" and c.lower_ in RECIPIENT_POSSESSIVE for c in token.children
    )


def noun_span(noun: Token) -> tuple[int, int]:
    """A noun with its modifiers on the left: 'high-quality blog writing service'."""
    start = noun
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod") or child.tag_ == "HYPH":
            start = child.left_edge if child.left_edge.i < start.i else start
            start = child if child.i < start.i else start
    return (start.idx, noun.idx + len(noun.text))


def noun_phrase(noun: Token) -> tuple[int, int]:
    """A noun with everything it governs: 'your post on data contracts'."""
    return (noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge.text))


def topic_of(verb: Token) -> tuple[int, int] | None:
    """The first specific thing the verb is about, breadth first through its arguments."""
    queue = [c for c in verb.children if c.dep_ in WALK_DEPS]
    while queue:
        token = queue.pop(0)
        if token.pos_ in ("NOUN", "PROPN") and lemma_of(token) not in GENERIC_TOPIC:
            plain_offer = lemma_of(token) in OFFER_NOUNS and (
                not any(c.dep_ in ("compound", "amod") for c in token.children)
                or (
                    lemma_of(token) in CONTAINER_NOUNS
                    and any(c.dep_ == "prep" for c in token.children)
                )
            )
            if not plain_offer:
                return noun_span(token)
        queue.extend(c for c in token.children if c.dep_ in WALK_DEPS)
    return None


def introduces(head: Token, subject: Token | None, question: bool) -> bool:
    """'My name is Olivia', 'My company specializes in ...', 'I'm a growth specialist',
    'We are a team of developers': a present statement of who the sender or their firm is
    (not 'our team cut build times' (a story) or 'I'm a big fan of your podcast')."""
    if subject is None or question or is_past(head):
        return False
    owned = any(t.dep_ == "poss" and t.lower_ in SENDER_POSSESSIVE for t in subject.subtree)
    if not owned and (subject.lower_ not in ("i", "we") or lemma_of(head) != "be"):
        return False
    if any(c.lower_ in HANDING_OVER for c in head.children):
        return False  # "Our exact wording is pasted below" hands something over
    return owned or any(
        c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN") and lemma_of(c) not in RELATION_NOUNS
        for c in head.children
    )


def states_what_they_are(verb: Token, seen_by: Token | None = None) -> bool:
    """'(I see that) you are in the healthcare industry', 'you are not listed on Google', 'you
    sharing this part of my life': what they are or what was done to them, or a deed about the
    sender's own things; none of it is their work. Seen in the present ('I see you run a
    website', 'I see you write about sales'), what they do as a rule is their profile too; 'I
    saw you posted' and 'I see you're hiring' name a deed."""
    if lemma_of(verb) in ("be", "have") or any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if seen_by is not None and seen_by.tag_ in ("VBP", "VBZ") and verb.tag_ in ("VB", "VBP", "VBZ"):
        return True
    return any(owned_by_sender(t) for o in arguments_of(verb) for t in o.subtree)


def formula_acts(sentence: Span, index: int, first: bool) -> list[Act]:
    """Greetings and closings, recognised by their formula words at the sentence edge."""
    words = []  # the first six: the formulas are at the start
    for token in sentence:
        if not token.is_space and not token.is_punct:
            words.append(token)
            if len(words) == 6:
                break
    if not words:
        return []
    span = (sentence.start_char, sentence.end_char)
    lead = words[0].lower_
    if (first and lead in GREET_WORDS) or (
        lead == "hope" and any(t.lower_ in ("well", "good", "great") for t in words[:6])
    ):
        return [Act("greet", "sender", "none", *span, span, None, index, False)]
    leading = {t.lower_ for t in words[:4]}
    if (
        lead in CLOSE_WORDS
        or (lead == "looking" and "forward" in leading)
        or ({"let", "know"} <= leading)
    ):
        return [Act("close", "sender", "none", *span, span, None, index, False)]
    return []


def clause_extents(sentence: Span, heads: list[Token]) -> dict[int, tuple[int, int]]:
    """Each clause's character extent: its tokens are those whose nearest clause head above
    them (or themselves) is that clause's head. One pass over the sentence, each token's
    nearest head remembered for the tokens below it; tokens come in text order, so a clause
    runs from its first token to its last."""
    nearest = {h.i: h.i for h in heads}
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    doc = sentence.doc
    for token in sentence:
        node = token.i
        if node not in nearest:  # walk up, then remember the answer for the path
            path = []
            while node not in nearest:
                path.append(node)
                up = doc[node].head.i
                if up == node:  # a root that heads no clause
                    nearest[node] = -1
                    break
                node = up
            for below in path:
                nearest[below] = nearest[node]
        found = nearest[node]
        if found >= 0:
            if found not in first:
                first[found] = token.idx
            last[found] = token.idx + len(token.text)
    return {h.i: (first[h.i], last[h.i]) for h in heads}


def ends_with_question(sentence: Span) -> bool:
    """``sentence.text.rstrip().endswith("?")`` from its last tokens (each clause asks, and
    ``Span.text`` joins every token of the sentence)."""
    doc = sentence.doc
    for i in range(sentence.end - 1, sentence.start - 1, -1):
        text = doc[i].text.rstrip()
        if text:
            return text.endswith("?")
    return False
