"""The three shapes of a value-first message, built from what the context really says.

- reference-resource: a reference to their work, one thing given (a resource of yours that
  fits, else what you know of the draft's topic), a light close.
- shared-context: the reference (or honest shared history), how the draft's topic meets it (or
  the draft's own clean lines), no ask.
- question: the reference and one question about their work on the draft's topic.

The topic is the draft's purpose with the selling taken out; the wording of each added part is
picked by the message (see phrasing.py). A fact the context lacks becomes a slot ("[a post, talk
or project of theirs]"), never a guess.
"""

from __future__ import annotations

import re

from coach.engine.rewrite.compose import DROP, PLACEHOLDERS, Option, Part, Plan
from coach.engine.rewrite.frame import MAX_REFERENCE, Facts, head_parts, motives, tail_parts
from coach.engine.rewrite.models import SHAPES
from coach.engine.rewrite.phrasing import (
    CLOSES,
    GIVE_NOTES,
    GIVE_RESOURCE,
    GIVE_RESOURCE_LINK,
    OBSERVATION,
    QUESTION_REFERENCE,
    QUESTION_TOPIC,
    fill,
    ordered,
)
from coach.engine.rewrite.resources import title_phrase
from coach.engine.rewrite.sentences import Sentence


def build_plans(facts: Facts) -> list[Plan]:
    return [_reference_resource(facts), _shared_context(facts), _question(facts)]


def _reference_resource(facts: Facts) -> Plan:
    kept = facts.kept
    offer = next(
        (s for s in kept if "contribution" in s.roles and "reference" not in s.roles), None
    )
    options = [_kept(offer, "the offer in your draft is useful to them")] if offer else []
    if facts.resource:
        options += _resource_options(facts)
    if facts.topic:
        options += [
            _added(fill(t, topic=facts.topic), facts, "contribution", "gives what you know")
            for t in ordered(GIVE_NOTES, facts.seed)
        ]
    options.append(
        Option(
            f"I thought {PLACEHOLDERS['resource']} might help.",
            slot="resource",
            reason="no resource of yours fits what you know of them: name one that would help",
            rule_ids=motives(facts, "contribution"),
        )
    )
    reference = _reference(facts)
    close = _kept_close(facts, reference, offer) or _close(facts, "reference-resource")
    if offer and close.options[0].kind != "kept":
        close = Part("close", (DROP,))  # the draft's own offer already closes lightly
    parts = [
        *head_parts(facts),
        reference,
        Part("contribution", tuple(options)),
        close,
        *tail_parts(facts),
    ]
    return Plan("reference-resource", facts.layout, parts)


def _shared_context(facts: Facts) -> Plan:
    reference = _reference(facts)
    used = {reference.options[0].source}
    close = _kept_close(facts, reference) or _close(facts, "shared-context")
    used.add(close.options[0].source)
    extras = [
        Part("extra", (_kept(s, "a line of yours that is about them"), DROP))
        for s in facts.kept
        if s.start not in used
    ]
    bridge = []
    if facts.topic and not extras:
        bridge = [
            Part(
                "extra",
                (
                    *(
                        _added(
                            fill(t, topic=facts.topic),
                            facts,
                            "contribution",
                            "ties your work to theirs",
                        )
                        for t in ordered(OBSERVATION, facts.seed, 1)
                    ),
                    DROP,
                ),
            )
        ]
    return Plan(
        "shared-context",
        facts.layout,
        [*head_parts(facts), reference, *extras, *bridge, close, *tail_parts(facts)],
    )


def _question(facts: Facts) -> Plan:
    options = []
    at_company = f" at {facts.company}" if _plain(facts.company) else ""
    if facts.topic:
        options += [
            _added(
                fill(t, topic=facts.topic, at_company=at_company),
                facts,
                "question",
                "one question about their work, on the subject of your offer",
            )
            for t in ordered(QUESTION_TOPIC, facts.seed, 2)
        ]
    if facts.ref_topic:
        options += [
            _added(
                fill(t, ref_topic=facts.ref_topic),
                facts,
                "question",
                "one question about their work that they may enjoy answering",
            )
            for t in ordered(QUESTION_REFERENCE, facts.seed, 2)
        ]
    options.append(
        Option(
            PLACEHOLDERS["question"],
            slot="question",
            reason="ask one specific question about their work, not for their time",
            rule_ids=motives(facts, "question"),
        )
    )
    parts = [
        *head_parts(facts),
        _reference(facts),
        Part("question", tuple(options)),
        _close(facts, "question"),
        *tail_parts(facts),
    ]
    return Plan("question", facts.layout, parts)


def _added(text: str, facts: Facts, role: str, reason: str) -> Option:
    return Option(text, reason=reason, rule_ids=motives(facts, role))


def _plain(company: str) -> bool:
    """A company name that reads well in a sentence (not a merge field, not a domain)."""
    company = company.strip()
    return bool(company) and len(company) <= 40 and not re.search(r"[{}\[\]<>@|/]", company)


def _reference(facts: Facts) -> Part:
    options = []
    if facts.reference:
        why = (
            "honest shared history, from your notes"
            if facts.reference.history
            else "a specific reference to their work, from your notes"
        )
        sentences = list(facts.reference.sentences)
        concise = [s for s in sentences if len(s) <= MAX_REFERENCE]
        if concise:  # the fullest sentence that is still short enough to read at a glance
            sentences.remove(concise[0])
            sentences.insert(0, concise[0])
        options += [
            Option(
                s,
                reason=why,
                rule_ids=motives(facts, "reference"),
                proper_start=s.startswith("I "),
            )
            for s in sentences
        ]
    kept = next((s for s in facts.kept if "reference" in s.roles), None)
    if kept:
        options.append(_kept(kept, "a specific reference to them"))
    options.append(reference_slot(facts))
    return Part("reference", tuple(options))


def reference_slot(facts: Facts) -> Option:
    """The slot for what the context cannot give: something of theirs you noticed."""
    return Option(
        f"I saw {PLACEHOLDERS['reference']}.",
        slot="reference",
        proper_start=True,
        reason="your notes say nothing specific about them: add what you noticed in their work",
        rule_ids=motives(facts, "reference"),
    )


def _resource_options(facts: Facts) -> list[Option]:
    resource = facts.resource
    assert resource is not None
    phrase = title_phrase(resource.title)
    why = f"a contribution from your resources that fits their work: {resource.title.strip()}"
    rule_ids = motives(facts, "contribution")
    fits = facts.resource_for_topic and len(facts.topic) <= 40
    for_topic = f" for {facts.topic}" if fits else ""
    link = resource.link.strip()
    banks = []
    if link and facts.platform.name != "linkedin-connection" and " " not in link:
        banks.append(GIVE_RESOURCE_LINK)
    banks.append(GIVE_RESOURCE)
    options = []
    for bank in banks:
        for template in ordered(bank, facts.seed):
            text = fill(template, resource=phrase, link=link, for_topic=for_topic)
            options.append(
                Option(text, reason=why, rule_ids=rule_ids, proper_start=text.startswith("I "))
            )
    short = fill(GIVE_RESOURCE[0], resource=phrase, for_topic="")
    options.append(Option(short, reason=why, rule_ids=rule_ids, proper_start=True))
    return options


def _close(facts: Facts, shape: str) -> Part:
    options = tuple(
        Option(
            text,
            reason="a low-friction close: they can reply or not",
            rule_ids=motives(facts, "close"),
        )
        for text in ordered(CLOSES[shape], facts.seed, SHAPES.index(shape))
    )
    return Part("close", (*options[:1], DROP))


def _kept_close(facts: Facts, reference: Part, offer: Sentence | None = None) -> Part | None:
    taken = {reference.options[0].source, offer.start if offer else None}
    close = next(
        (
            s
            for s in reversed(facts.kept)
            if "close" in s.roles and "contribution" not in s.roles and s.start not in taken
        ),
        None,
    )
    if close is None:
        return None
    return Part("close", (_kept(close, "your close asks nothing of them"), DROP))


def _kept(sentence: Sentence, reason: str) -> Option:
    return Option(
        re.sub(r"[^\S\n]{2,}", " ", sentence.text),
        kind="kept",
        reason=reason,
        rule_ids=sentence.signals,
        proper_start=sentence.proper_start,
        source=sentence.start,
    )
