"""Speech acts read from the dependency parse: who does what, for whom, in each clause.

A rule that knows "the sender offers their service" does not need a list of the ways people
say it. Each clause (a verb with its subject, or a verbless opener such as "Congrats on ...")
gets an actor (the sender, the recipient or a third party), zero or more acts, and whom they
benefit; an offer carries its topic ("SAP licensing savings") as a span that rewrites can reuse.
The verb classes below are grammar (what a verb does), not phrasings of one message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.engine.act_types import ACTORS, ACTS, BENEFITS, Act, Clause, Parties, Reading
from coach.engine.act_words import (
    BENEFIT_VERBS,
    CLAUSE_DEPS,
    CLOSE_WORDS,
    CONGRATS,
    COURTESY_NOUNS,
    FRAME_VERBS,
    GIVE_VERBS,
    GIVING_TIME,
    INFO_VERBS,
    INTERESTED,
    MEETING_NOUNS,
    MEETING_VERBS,
    NEEDS_A_THING,
    OFFER_NOUNS,
    OFFER_VERBS,
    PERCEIVE_VERBS,
    PRAISE_WORDS,
    PROMOTED,
    QUESTION_WORDS,
    RECIPIENT_WORDS,
    REFERRAL_VERBS,
    SALES_ITEMS,
    SENDER_WORDS,
    SHARED_PAST,
    SHOWING,
    THEIR_DEEDS,
    WORK_NOUNS,
)
from coach.engine.clause_grammar import (
    actor_of,
    arguments_of,
    clause_extents,
    ends_with_question,
    formula_acts,
    implicit_actor,
    introduces,
    is_past,
    lemma_of,
    negated,
    noun_phrase,
    noun_span,
    owned_by_recipient,
    owned_by_sender,
    perfect,
    plural_we,
    proposes,
    states_what_they_are,
    subject_of,
    subject_word,
    topic_of,
    xcomp_chain,
)
from coach.engine.textunits import body_sentences
from coach.engine.tokens import Sent, Tok, sentences_of, tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

HANDING = GIVE_VERBS | SHOWING | {"give", "get"}  # verbs that hand something over
NOT_ASKING = PERCEIVE_VERBS | {"thank", "thanks"}  # "enjoyed our chat", "thanks for the call"

__all__ = ["ACTORS", "ACTS", "BENEFITS", "Act", "Clause", "Parties", "Reading", "read"]


def read(
    doc: Doc,
    body_start: int = 0,
    parties: Parties | None = None,
    sentences: list[Sent] | None = None,
) -> Reading:
    """The acts and clauses of every body sentence. Needs a doc with the dependency parse;
    ``sentences`` are its plain sentences when the caller has them (made once per message)."""
    parties = parties or Parties()
    acts: list[Act] = []
    clauses: list[Clause] = []
    sents = sentences_of(tokens_of(doc)) if sentences is None else sentences
    for index, sentence in enumerate(body_sentences(doc, body_start, sents)):
        heads = _clause_heads(sentence)
        extents = clause_extents(sentence, heads)
        question = ends_with_question(sentence) if heads else False
        for head in heads:
            clause = _Clause(head, question, index, parties, extents[head.i])
            clauses.append(Clause(clause.start, clause.end, clause.actor, index))
            acts.extend(clause.acts())
        acts.extend(formula_acts(sentence, index, first=index == 0))
    return Reading(tuple(acts), tuple(clauses))


def _clause_heads(sentence: Sent) -> list[Tok]:
    return [t for t in sentence if t.dep_ == "ROOT" or (t.dep_ in CLAUSE_DEPS and _verbal(t))]


def _verbal(token: Tok) -> bool:
    return token.pos_ in ("VERB", "AUX") or (
        token.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in token.children)
    )


class _Clause:
    """Working view of one clause: its verb chain, subject, actor and arguments."""

    def __init__(
        self, head: Tok, question: bool, index: int, parties: Parties, extent: tuple[int, int]
    ) -> None:
        self.head = head
        self.index = index
        self.chain = xcomp_chain(head)
        self.verb = self.chain[-1]
        self.lemma = lemma_of(self.verb)
        self.lemmas = {lemma_of(t) for t in self.chain}
        subject = subject_of(head)
        self.subject = subject
        self.actor = (
            actor_of(subject, head, parties) if subject is not None else implicit_actor(head)
        )
        self.start, self.end = extent
        # the sentence ends with "?", or "how about we ...":
        self.question = question or {"how", "about"} <= {c.lower_ for c in head.children}
        self.negated = negated(self.chain)
        self.proposal = self.question or proposes(self.chain, subject)
        self.past = not self.proposal and is_past(head)
        self.objects = [t for v in self.chain for t in arguments_of(v)]

    def _act(self, act: str, topic: tuple[int, int] | None = None, actor: str = "") -> Act:
        verb = (self.verb.idx, self.verb.idx + len(self.verb.text))
        return Act(
            act, actor or self.actor, BENEFITS[act], self.start, self.end, verb, topic,
            self.index, self.proposal,
        )  # fmt: skip

    def acts(self) -> list[Act]:
        if self.negated:  # "I am not selling anything", "couldn't help admiring"
            return [self._act("describe-self")] if self._about_sender() else []
        found = [
            act
            for act in (
                self._offer(),
                self._ask_meeting(),
                self._ask_info(),
                self._refer_work(),
                self._give(),
                self._praise(),
            )
            if act is not None
        ]
        if len(found) > 1:  # one of each act
            found = list({a.act: a for a in reversed(found)}.values())[::-1]
        if not found and self.lemma in MEETING_VERBS and self._happy_to_talk():
            found.append(self._act("close"))
        if not found and self._about_sender():
            found.append(self._act("describe-self"))
        if introduces(self.head, self.subject, self.question):
            found.append(self._act("introduce", actor="sender"))
        return found

    def _about_sender(self) -> bool:
        if self.actor != "sender" or self.question or self._happy_to_talk():
            return False
        if self.lemma in FRAME_VERBS and (
            not self.objects or any(c.dep_ == "ccomp" for c in self.verb.children)
        ):
            return self.lemma == "be" and bool(self.objects)
        return self.head.lower_ not in CLOSE_WORDS

    def _offer(self) -> Act | None:
        if self.past:
            return None
        verb = self.lemma
        if self.actor == "sender":
            offering = next((t for t in self.chain if lemma_of(t) in OFFER_VERBS), None)
            if offering is not None and self._sells(offering) and not self._to_their_work():
                return self._act("offer", topic_of(offering))
            if verb == "have" and any(lemma_of(o) in OFFER_NOUNS for o in self.objects):
                return self._act("offer", topic_of(self.verb))
        if "invite" in self.lemmas:  # "I'd like to invite you to apply"
            return self._act("offer", topic_of(self.verb), actor="sender")
        sender_things = [o for o in self.objects if owned_by_sender(o)]
        if not sender_things:
            return None
        offered = [o for o in sender_things if lemma_of(o) in OFFER_NOUNS and lemma_of(o) != "team"]
        if self.actor == "recipient" and verb in BENEFIT_VERBS and offered:
            return self._act("offer", topic_of(self.verb), actor="sender")
        if self.proposal or self.actor == "sender":
            offered = [o for o in sender_things if lemma_of(o) in OFFER_NOUNS]
            if offered and not self._meeting_object():
                return self._act("offer", noun_span(offered[0]), actor="sender")
        return None

    def _sells(self, verb: Tok) -> bool:
        """'We help clinics ...', 'we'd love to help you'; not 'I'd like to work with you'."""
        lemma = lemma_of(verb)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr")]
        if objects and all(o.pos_ == "PRON" and o.lower_ not in RECIPIENT_WORDS for o in objects):
            return False  # "we can offer it free": see _give
        embedded = self.head.dep_ != "ROOT" and any(
            c.lower_ in ("how", "what", "why") for c in self.head.children
        )
        if lemma in NEEDS_A_THING and (embedded or lemma_of(self.head.head) in SHOWING):
            return False  # "happy to share how we write screeners" shares a method
        if lemma in NEEDS_A_THING:  # "we write blog posts for", not "I'm writing to follow up"
            return any(
                c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN") for c in verb.children
            ) or (lemma == "work" and self._works_for_clients(verb))
        arguments = arguments_of(verb) + [
            c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl")
        ]
        if any(a.lower_ not in RECIPIENT_WORDS for a in arguments):
            return True
        return bool(arguments) and lemma_of(verb) in {"help", "support", "assist", "serve"}

    @staticmethod
    def _works_for_clients(verb: Tok) -> bool:
        """'We work with warehouse teams on ...' sells; 'I work as an engineer at X' does not."""
        return any(
            p.lower_ == "with" and any(g.pos_ == "NOUN" for g in p.children)
            for p in verb.children
            if p.dep_ == "prep"
        )

    def _to_their_work(self) -> bool:
        """'I'd love to help you' offers; 'we could build on your post' does not sell."""
        nouns = [o for o in self.objects if o.pos_ in ("NOUN", "PROPN")]
        return bool(nouns) and all(owned_by_recipient(o) for o in nouns)

    def _meeting_object(self) -> bool:
        return any(lemma_of(o) in MEETING_NOUNS for o in self.objects)

    def _ask_meeting(self) -> Act | None:
        if self.past or (not self.proposal and not self.question):
            return None
        if is_past(self.verb):  # "Was it you that I met at ...?" asks about the past
            return None
        verb = self.lemma
        if self.actor == "recipient" and not self.question and self.subject is not None:
            return None  # "so that you may speak directly" is no request
        if self.actor != "recipient" and verb in GIVING_TIME:
            return None  # "I could do ten minutes on async" offers a talk
        if self._meeting_object() and verb not in NOT_ASKING:
            return self._act("ask-meeting")
        if verb in MEETING_VERBS and not self._happy_to_talk():
            return self._act("ask-meeting")
        return None

    def _happy_to_talk(self) -> bool:
        """'Happy to discuss (the results).' leaves the next step to them: a close, not a
        request for time; 'happy to set up a call' still asks for one."""
        return ("happy" in self.lemmas or "glad" in self.lemmas) and not self._meeting_object()

    def _offers_to_do(self) -> bool:
        """'(Do you) want me to put you two in touch?': the sender offers to do something."""
        return lemma_of(self.head) in ("want", "like") and any(
            c.lower_ in ("me", "us") for t in (self.head, *self.head.children) for c in t.children
        )

    def _ask_info(self) -> Act | None:
        """A proposal (a question is one) by the sender to learn, or by the recipient to tell."""
        verb = self.lemma
        if self.past or not self.proposal or self._offers_to_do():
            return None
        if self.actor == "sender" and verb in INFO_VERBS:
            asked = [o for o in self.objects if o.pos_ in ("NOUN", "PROPN", "NUM")] + [
                c for c in self.verb.children if c.dep_ == "ccomp"
            ]
            about_their_deed = any(  # "hear how you've scaled it": a question about their work
                c.dep_ == "ccomp" and subject_word(c) in RECIPIENT_WORDS and is_past(c)
                for c in self.verb.children
            )
            if not asked or about_their_deed or self._receives_a_fact(asked):
                return None
            letting_know = verb == "know" and "let" in self.lemmas
            return None if letting_know else self._act("ask-info", topic_of(self.verb))
        if self.actor != "recipient":
            return None
        to_me = any(o.lower_ in SENDER_WORDS for o in self.objects) or self.question
        if verb in REFERRAL_VERBS and to_me:
            return self._act("ask-info", topic_of(self.verb))
        if self.question and verb in {"need", "look", "want", "interview", "hire", "consider"}:
            return self._act("ask-info", topic_of(self.verb))
        return None

    def _receives_a_fact(self, asked: list[Tok]) -> bool:
        """'Glad to know you are a leading integrator': the embedded clause states a fact (no
        question word) and nothing else is asked, so the sender asks for nothing."""
        nouns = [a for a in asked if a.dep_ != "ccomp"]
        stated = [
            a
            for a in asked
            if a.dep_ == "ccomp" and not any(t.lower_ in QUESTION_WORDS for t in a.subtree)
        ]
        return bool(stated) and not nouns and len(stated) == len(asked)

    def _refer_work(self) -> Act | None:
        verb = self.lemma
        if self.actor == "sender" and verb in PERCEIVE_VERBS and not self.proposal:
            theirs = [
                o for o in self.objects
                if lemma_of(o) not in COURTESY_NOUNS and owned_by_recipient(o)
            ]  # fmt: skip
            if theirs:
                return self._act("refer-work", noun_phrase(theirs[0]))
            for child in self.verb.children:  # "saw you asking about X", "heard you speak"
                if (
                    child.dep_ not in ("ccomp", "xcomp")
                    or subject_word(child) not in RECIPIENT_WORDS
                    or states_what_they_are(child, seen_by=self.verb)
                ):
                    continue
                if lemma_of(child) in THEIR_DEEDS:  # the deed is theirs: they are its actor
                    return self._act("refer-work", topic_of(child), actor="recipient")
                return self._act("refer-work", topic_of(child), actor="sender")
        if self.actor == "recipient" and verb in THEIR_DEEDS and (self.past or perfect(self.verb)):
            return self._act("refer-work", topic_of(self.verb))
        if self.actor == "sender" and self.past and verb in SHARED_PAST and plural_we(self.head):
            return self._act("refer-work", topic_of(self.verb))  # "we met at ...": shared history
        if self.head.lower_ in CONGRATS and self.objects:
            return self._act("refer-work", topic_of(self.head))
        return None

    def _give(self) -> Act | None:
        verb = self.lemma
        if any(lemma_of(o) in OFFER_NOUNS and owned_by_sender(o) for o in self.objects):
            return None  # "here's our brochure" offers; see _offer
        if self.question and self._offers_to_do():
            return self._act("give", topic_of(self.head), actor="sender")
        handing = verb in HANDING and not self.past
        if handing and any(lemma_of(o) in SALES_ITEMS for o in self.objects):
            return self._act("offer", topic_of(self.verb), actor="sender")  # "send you a demo"
        if self.actor == "sender" and verb in OFFER_VERBS and not self.past:
            things = [o for o in self.objects if o.dep_ == "dobj"]
            if things and all(o.pos_ == "PRON" and o.lower_ not in RECIPIENT_WORDS for o in things):
                return self._act("give", None)  # "we can offer it free"
        if self.actor in ("sender", "none") and verb in GIVE_VERBS and not self.past:
            return self._act("give", topic_of(self.verb), actor="sender")
        if self.head.lemma_ == "be" and any(c.lower_ == "here" for c in self.head.children):
            subject = self.subject
            topic = noun_span(subject) if subject is not None else topic_of(self.head)
            return self._act("give", topic, actor="sender")
        if self.head.dep_ in ("ccomp", "conj"):
            return self._of_interest()
        return None

    def _of_interest(self) -> Act | None:
        """'(I thought) you'd be interested in ...': something given, or promoted."""
        to_them = self.actor == "recipient" or any(
            o.lower_ in RECIPIENT_WORDS for o in self.objects
        )
        if not to_them:
            return None
        said = self.objects + [
            t for c in self.verb.children if c.dep_ == "ccomp" for t in c.subtree
        ]
        if not any(o.lower_ in INTERESTED or lemma_of(o) == "interest" for o in said):
            return None
        subject = self.subject
        theirs = subject is None or subject.lower_ in RECIPIENT_WORDS
        promoted = any(lemma_of(o) in PROMOTED and not owned_by_recipient(o) for o in said)
        return self._act(  # "interested in an event taking place tomorrow" promotes it
            "offer" if promoted else "give",
            topic_of(self.verb) if theirs else noun_span(subject),
            "sender",
        )

    def _praise(self) -> Act | None:
        if self.lemmas.isdisjoint(PRAISE_WORDS) and all(
            o.lower_ not in PRAISE_WORDS for o in self.objects
        ):
            return None
        subject = subject_of(self.head)
        their_work = (
            self.actor == "third" and subject is not None and lemma_of(subject) in WORK_NOUNS
        )
        target = (
            self.actor == "recipient"
            or their_work
            or any(owned_by_recipient(o) for o in self.objects)
        )
        if target or self.head.lower_ in CONGRATS:
            return self._act("praise", actor="sender")
        return None
