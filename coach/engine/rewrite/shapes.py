"""The three shapes of a value-first message, built from what the context really says.

- reference-resource: a specific reference to their work, one useful thing, a light close.
- shared-context: the reference (or honest shared history) and the draft's good lines, no ask.
- question: the reference and one good question about their work.

A fact the context lacks becomes a slot ("[what you noticed in their work]"), never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.engine.models import Finding, Resource
from coach.engine.platforms import Platform
from coach.engine.rewrite.compose import DROP, PLACEHOLDERS, Option, Part, Plan
from coach.engine.rewrite.notes import NotesReference
from coach.engine.rewrite.resources import title_phrase
from coach.engine.rewrite.sentences import Draft, Sentence

NAME = re.compile(r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?")
MAX_NAME = 30
MAX_SUBJECT = 50
CLOSES = {
    "reference-resource": "Happy to share more if useful.",
    "shared-context": "Would be glad to stay in touch.",
    "question": "No need to reply if you're busy.",
}
MOTIVES = {  # which of the draft's problems (a rule's ``problem:``) each added part answers
    "greeting": ("merge-field",),
    "reference": ("no-personalization", "merge-field"),
    "contribution": ("pitch", "wrong-audience", "wrong-platform", "self-focus"),
    "question": ("vague-ask",),
    "close": ("vague-ask",),
}


@dataclass(frozen=True)
class Facts:
    """What a rewrite may use: the context's facts and the draft's good parts."""

    name: str
    platform: Platform
    reference: NotesReference | None
    resource: Resource | None
    draft: Draft
    sender_name: str
    penalties: tuple[Finding, ...]

    @property
    def layout(self) -> str:
        return "note" if self.platform.subject == "none" else "letter"


def usable_name(*candidates: str) -> str:
    """The first candidate that reads as a first name (not a merge field, not a sentence)."""
    for candidate in candidates:
        name = " ".join(candidate.split())
        if name and len(name) <= MAX_NAME and NAME.fullmatch(name):
            return name
    return ""


def build_plans(facts: Facts) -> list[Plan]:
    return [_reference_resource(facts), _shared_context(facts), _question(facts)]


def _reference_resource(facts: Facts) -> Plan:
    kept = facts.draft.kept
    offer = next(
        (s for s in kept if "contribution" in s.roles and "reference" not in s.roles), None
    )
    options = [_kept(offer, "the offer in your draft is useful to them")] if offer else []
    if facts.resource:
        options += _resource_options(facts)
    options.append(
        Option(
            f"I thought {PLACEHOLDERS['resource']} might help.",
            slot="resource",
            reason="no resource of yours fits what you know of them: name one that would help",
            rule_ids=_motives(facts, "contribution"),
        )
    )
    reference = _reference(facts)
    close = _kept_close(facts, reference, offer) or _close(facts, "reference-resource")
    if offer and close.options[0].kind != "kept":
        close = Part("close", (DROP,))  # the draft's own offer already closes lightly
    parts = [*_head(facts), reference, Part("contribution", tuple(options)), close, *_tail(facts)]
    return Plan("reference-resource", facts.layout, parts)


def _shared_context(facts: Facts) -> Plan:
    reference = _reference(facts)
    used = {reference.options[0].source}
    close = _kept_close(facts, reference) or _close(facts, "shared-context")
    used.add(close.options[0].source)
    extras = [
        Part("extra", (_kept(s, "a line of yours that is about them"), DROP))
        for s in facts.draft.kept
        if s.start not in used
    ]
    return Plan(
        "shared-context", facts.layout, [*_head(facts), reference, *extras, close, *_tail(facts)]
    )


def _question(facts: Facts) -> Plan:
    options = []
    topic = facts.reference.topic if facts.reference and not facts.reference.history else ""
    if topic:
        options.append(
            Option(
                f"What has surprised you most about {topic} so far?",
                reason="one question about their work that they may enjoy answering",
                rule_ids=_motives(facts, "question"),
            )
        )
    options.append(
        Option(
            PLACEHOLDERS["question"],
            slot="question",
            reason="ask one specific question about their work, not for their time",
            rule_ids=_motives(facts, "question"),
        )
    )
    parts = [
        *_head(facts),
        _reference(facts),
        Part("question", tuple(options)),
        _close(facts, "question"),
        *_tail(facts),
    ]
    return Plan("question", facts.layout, parts)


def _head(facts: Facts) -> list[Part]:
    parts = []
    subject = _subject(facts)
    if subject:
        parts.append(subject)
    if facts.name:
        greeting = Option(
            f"Hi {facts.name},",
            reason="greets them by first name",
            rule_ids=_motives(facts, "greeting"),
        )
        parts.append(Part("greeting", (greeting, DROP)))
    return parts


def _subject(facts: Facts) -> Part | None:
    if facts.layout != "letter":
        return None
    limit = min(MAX_SUBJECT, facts.platform.subject_limit or MAX_SUBJECT)
    options = []
    if facts.draft.subject:
        options.append(Option(facts.draft.subject, kind="kept", reason="your subject line"))
    topic = facts.reference.topic if facts.reference else ""
    if topic and len(topic) <= limit:
        options.append(Option(topic[:1].upper() + topic[1:], reason="a subject about their topic"))
    if facts.platform.subject == "required":
        options.append(
            Option(
                PLACEHOLDERS["subject"],
                slot="subject",
                reason="a cold email needs a short subject about their topic",
            )
        )
    return Part("subject", tuple(options[:1] + options[-1:])) if options else None


def _tail(facts: Facts) -> list[Part]:
    if facts.layout != "letter":
        return []
    if facts.draft.signoff:
        return [
            Part(
                "signoff", (Option(facts.draft.signoff, kind="kept", reason="your sign-off"), DROP)
            )
        ]
    if usable_name(facts.sender_name):
        return [
            Part(
                "signoff",
                (
                    Option(
                        f"Best,\n{facts.sender_name.strip()}", reason="signs off with your name"
                    ),
                    DROP,
                ),
            )
        ]
    return []


def _reference(facts: Facts) -> Part:
    options = []
    kept = next((s for s in facts.draft.kept if "reference" in s.roles), None)
    if kept:
        options.append(_kept(kept, "a specific reference to them"))
    if facts.reference:
        why = (
            "honest shared history, from your notes"
            if facts.reference.history
            else "a specific reference to their work, from your notes"
        )
        options += [
            Option(
                s,
                reason=why,
                rule_ids=_motives(facts, "reference"),
                proper_start=s.startswith("I "),
            )
            for s in facts.reference.sentences
        ]
    options.append(
        Option(
            f"I saw {PLACEHOLDERS['reference']}.",
            slot="reference",
            proper_start=True,
            reason="your notes say nothing specific about them: add what you noticed in their work",
            rule_ids=_motives(facts, "reference"),
        )
    )
    return Part("reference", tuple(options))


def _resource_options(facts: Facts) -> list[Option]:
    resource = facts.resource
    assert resource is not None
    phrase = title_phrase(resource.title)
    why = f"a contribution from your resources that fits their work: {resource.title.strip()}"
    rule_ids = _motives(facts, "contribution")
    options = []
    link = resource.link.strip()
    if link and facts.platform.name != "linkedin-connection" and " " not in link:
        options.append(
            Option(
                f"I thought {phrase} might help: {link}",
                reason=why,
                rule_ids=rule_ids,
                proper_start=True,
            )
        )
    options.append(
        Option(f"I thought {phrase} might help.", reason=why, rule_ids=rule_ids, proper_start=True)
    )
    return options


def _close(facts: Facts, shape: str) -> Part:
    option = Option(
        CLOSES[shape],
        reason="a low-friction close: they can reply or not",
        rule_ids=_motives(facts, "close"),
    )
    return Part("close", (option, DROP))


def _kept_close(facts: Facts, reference: Part, offer: Sentence | None = None) -> Part | None:
    taken = {reference.options[0].source, offer.start if offer else None}
    close = next(
        (
            s
            for s in reversed(facts.draft.kept)
            if "close" in s.roles and "contribution" not in s.roles and s.start not in taken
        ),
        None,
    )
    if close is None:
        return None
    return Part("close", (_kept(close, "your close asks nothing of them"), DROP))


def _kept(sentence: Sentence, reason: str) -> Option:
    return Option(
        sentence.text,
        kind="kept",
        reason=reason,
        rule_ids=sentence.signals,
        proper_start=sentence.proper_start,
        source=sentence.start,
    )


def _motives(facts: Facts, role: str) -> tuple[str, ...]:
    problems = MOTIVES[role]
    return tuple(dict.fromkeys(f.rule_id for f in facts.penalties if f.problem in problems))
