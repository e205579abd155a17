"""Three shapes for a recipient the notes give no reference for: ask about their own work.

Most notes are context for the sender ("has never met the sender", "already bought an SEO
plug-in"), not a post or a talk to refer to. Reciting them back ("I see you run ...") reads as a
robot; a slot is no message. What is known is their work ("Author and blogger": their blog) and
the draft's purpose (the field it sells: "search rankings"), so the message asks how that field
meets their work, offers what the sender knows, or gives the sender's resource when one fits:

- reference-resource: the resource that fits, else an offer to share what has worked.
- shared-context: what the sender works on and whether it meets their work, with an offer.
- question: one specific question about their work on the draft's topic.

The message picks the wording; each part steps down to shorter ones, never to a slot.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from coach.engine.rewrite.compose import DROP, Option, Part, Plan
from coach.engine.rewrite.frame import head_parts, tail_parts
from coach.engine.rewrite.phrasing import fill, ordered
from coach.engine.rewrite.resources import title_phrase

if TYPE_CHECKING:
    from coach.engine.rewrite.frame import Facts

QUESTIONS = (
    "A quick question about {work}: where {do} {topic} fit in, if at all?",
    "How much {do} {topic} matter for {work} these days?",
    "Out of curiosity, {have} {topic} ever been worth the effort for {work}?",
)
WHY_ASK = (
    "I work on {them} every day, so I'm curious how it looks from your side.",
    "It's my field, so I'd value your view.",
    "I spend most of my week on {them}, so I'm curious what you've found.",
)
WONDER = (
    "I work on {topic}, and I wondered whether {they} ever {come} up for {work}.",
    "I work on {topic}, and I'm curious whether {they} {matter} much for {work}.",
)
SHARE = (
    "If {they} {do}, happy to share what I've seen work, no strings attached.",
    "If so, happy to pass on a few notes on what tends to work.",
)
FIND = (
    "How do most {audience} find {practice} these days?",
    "Out of curiosity, how do most {audience} find {practice} now?",
)
OFFER_NOTES = (
    "If {topic} ever {come} up for {work}, happy to share a few notes on what has worked "
    "for others.",
    "In case {topic} {are} ever on the list for {work}, glad to pass on what I've seen work.",
)
GIVE = (
    "With {work} in mind, I thought you might like {resource}{link}",
    "In case it's useful for {work}, here is {resource}{link}",
)
CLOSE = (
    "No need to reply if you're busy.",
    "No pressure either way.",
    "Hope the week is going well.",
)


def situation_plans(facts: Facts) -> list[Plan]:
    """The three shapes, the one the message suits best first: a resource that fits, else the
    question or the offer, as the message picks. For a role that runs something rather than
    makes it, one question about how people find it."""
    if not facts.work:
        return _practice(facts)
    plans = [_question(facts), _shared(facts), _resource(facts)]
    if facts.resource:
        plans.insert(0, plans.pop())
    else:
        start = facts.seed % 2
        plans = plans[start:2] + plans[:start] + plans[2:]
    return [p for p in plans if p.parts]


def _practice(facts: Facts) -> list[Plan]:
    """How people find what they run, then (with a topic) how the sender's field meets it."""
    if not facts.practice:
        return []
    words = {"audience": facts.audience, "practice": facts.practice}
    reason = "one question about their situation"
    ask = Part("question", tuple(Option(fill(t, **words), reason=reason) for t in FIND))
    if not facts.topic:
        return [_plan("question", facts, [ask], f"A question about {facts.practice}")]
    bank = ("I work on {topic}, so I'm curious how it looks from your side.",)
    why = _part("contribution", bank, facts, "how your field meets their situation")
    subject = _topical_subject(replace(facts, work=facts.practice))
    return [_plan("question", facts, [ask, why], subject)]


def untopical_plans(facts: Facts) -> list[Plan]:
    """A question about their work without the draft's topic, for when the notes rule the
    topic out ("his blog is not about music"); none when the draft has no topic anyway."""
    if not facts.topic or not facts.work:
        return []
    return [_question(replace(facts, topic="", resource=None))]


def _words(facts: Facts) -> dict[str, str]:
    many = facts.topic_plural
    return {
        "topic": facts.topic,
        "work": facts.work,
        "they": "they" if many else "it",
        "them": "them" if many else "it",
        "do": "do" if many else "does",
        "have": "have" if many else "has",
        "are": "are" if many else "is",
        "come": "come" if many else "comes",
        "matter": "matter" if many else "matters",
    }


def _part(
    role: str, bank: tuple[str, ...], facts: Facts, reason: str, shift: int | None = 0
) -> Part:
    """A part worded from a bank, the message picking the first wording (``shift=None``: the
    bank's own order)."""
    words = _words(facts)
    bank = bank if shift is None else ordered(bank, facts.seed, shift)
    texts = [fill(t, **words) for t in bank if t]
    options = tuple(Option(t, reason=reason, proper_start=t.startswith("I ")) for t in texts)
    return Part(role, options)


def _plan(shape: str, facts: Facts, body: list[Part], subject: str = "") -> Plan:
    close = _part("close", CLOSE, facts, "a close that asks nothing of them", 1)
    close = Part("close", (close.options[0], DROP))
    return Plan(shape, facts.layout, [*_head(facts, subject), *body, close, *tail_parts(facts)])


def _head(facts: Facts, subject: str) -> list[Part]:
    """The frame's head, with a subject line about their work first when there is one."""
    parts = head_parts(facts)
    if subject and parts and parts[0].role == "subject":
        limit = facts.platform.subject_limit or len(subject)
        if len(subject) <= limit:
            wrote = Option(subject, reason="a subject about their own work")
            parts[0] = Part("subject", (wrote, *parts[0].options))
    return parts


def _question(facts: Facts) -> Plan:
    subject = f"A question about {facts.work}" if not facts.topic else _topical_subject(facts)
    if not facts.topic:
        ask = _part("question", facts.work_questions, facts, "one question about their work")
        last = Option(fill("What's next for {work}?", work=facts.work), reason=ask.option.reason)
        ask = Part("question", (*ask.options, last))
        return _plan("question", facts, [ask], subject)
    ask = _part("question", QUESTIONS, facts, "one question about their work, on your topic")
    why = _part("extra", WHY_ASK, facts, "why you ask: the topic is your field", 1)
    body = [ask, Part("extra", (*why.options, DROP))]
    return Plan("question", facts.layout, [*_head(facts, subject), *body, *tail_parts(facts)])


def _shared(facts: Facts) -> Plan:
    if not facts.topic:
        return Plan("shared-context", facts.layout)
    wonder = _part("contribution", WONDER, facts, "how your field meets their work")
    share = _part("extra", SHARE, facts, "offers what you know, asks nothing", 1)
    body = [wonder, Part("extra", (*share.options, DROP))]
    return _plan("shared-context", facts, body, _topical_subject(facts))


def _topical_subject(facts: Facts) -> str:
    return f"{facts.topic[:1].upper()}{facts.topic[1:]} and {facts.work}"


def _resource(facts: Facts) -> Plan:
    resource = facts.resource
    if resource is not None:
        link = resource.link.strip()
        words = {
            "work": facts.work,
            "resource": title_phrase(resource.title),
            "link": f": {link}" if link and facts.layout == "letter" and " " not in link else ".",
        }
        why = f"a contribution from your resources that fits their work: {resource.title.strip()}"
        options = [Option(fill(t, **words), reason=why) for t in ordered(GIVE, facts.seed)]
        return _plan("reference-resource", facts, [Part("contribution", tuple(options))])
    if not facts.topic:
        return Plan("reference-resource", facts.layout)
    offer = _part("contribution", OFFER_NOTES, facts, "offers what you know of your field")
    return _plan("reference-resource", facts, [offer], _topical_subject(facts))
