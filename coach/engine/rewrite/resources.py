"""Choosing what to give: the sender's resource that fits the recipient's notes and role best.

Fit is the overlap of content-word lemmas (so "migrating labs" meets "lab migration"), with the
notes counting double: what they just posted about matters more than their job title.
A resource that shares a single word is not offered: an unrelated study is a pitch in disguise.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from coach.engine.kinds.context_checks import GENERIC_LEMMAS
from coach.engine.models import Recipient, Resource
from coach.engine.rewrite.notes import parse_cached

if TYPE_CHECKING:
    from spacy.language import Language

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
TITLE_WORDS = frozenset(
    {
        "director",
        "head",
        "manager",
        "vp",
        "president",
        "chief",
        "officer",
        "lead",
        "senior",
        "junior",
        "principal",
        "partner",
        "founder",
        "cofounder",
        "owner",
        "executive",
        "vice",
        "global",
        "regional",
        "associate",
        "assistant",
        "deputy",
    }
)
NOTES_WEIGHT = 2
MIN_FIT = 3  # two words shared with the notes, or one with the notes and one with the role


@lru_cache(maxsize=4096)
def content_lemmas(nlp: Language, text: str) -> frozenset[str]:
    """Lower-case lemmas of the content words of a text, without generic and job-title words."""
    if not text.strip():
        return frozenset()
    doc = parse_cached(nlp, text)
    return frozenset(
        t.lemma_.lower()
        for t in doc
        if t.pos_ in CONTENT_POS
        and not t.is_stop
        and t.is_alpha
        and len(t.text) > 2
        and t.lemma_.lower() not in GENERIC_LEMMAS
        and t.lemma_.lower() not in TITLE_WORDS
    )


def names_product(resource: Resource, products: tuple[str, ...]) -> bool:
    """True when the resource's title or link names one of the sender's own products."""
    text = f"{resource.title} {resource.link}"
    return any(
        re.search(r"(?<!\w)" + re.escape(p.strip()) + r"(?!\w)", text, re.IGNORECASE)
        for p in products
        if p.strip()
    )


def fit(nlp: Language, resource: Resource, recipient: Recipient) -> int:
    """How well a resource fits what we know of the recipient (0: not at all)."""
    have = content_lemmas(nlp, f"{resource.title}. {resource.topic}")
    notes = content_lemmas(nlp, recipient.notes)
    work = content_lemmas(nlp, f"{recipient.role}. {recipient.industry}")
    return NOTES_WEIGHT * len(have & notes) + len(have & work)


def choose_resource(
    nlp: Language,
    resources: tuple[Resource, ...],
    recipient: Recipient,
    products: tuple[str, ...] = (),
) -> Resource | None:
    """The best-fitting resource (the sender's own order breaks ties), or None if none fits."""
    best: tuple[int, Resource] | None = None
    for resource in resources:
        if not resource.title.strip() or names_product(resource, products):
            continue
        score = fit(nlp, resource, recipient)
        if score >= MIN_FIT and (best is None or score > best[0]):
            best = (score, resource)
    return best[1] if best else None


def title_phrase(title: str) -> str:
    """A resource title as it reads inside a sentence: 'the campus pilot write-up', '"Title"'."""
    title = " ".join(title.split()).strip(" .;:,")
    words = title.split()
    if not words:
        return ""
    first = words[0]
    if first.lower() in ("a", "an", "the", "this", "these", "my", "our"):
        return first.lower() + title[len(first) :]
    major = [w for w in words if len(w) > 3]
    if len(words) > 1 and major and all(w[:1].isupper() for w in major):
        return f'"{title}"'
    if first[1:].islower() or len(first) == 1:
        return "the " + first.lower() + title[len(first) :]
    return "the " + title
