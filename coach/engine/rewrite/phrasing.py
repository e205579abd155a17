"""The wording of the parts a rewrite adds, several ways each, picked by the message.

Every recipient getting the same closing line reads as a template, so each added part has a few
wordings and the message itself (a stable hash of the draft) picks one, per shape. The wordings
say only what the context supports: a topic the draft offers, a resource the sender listed, the
reference from the notes. None names a product, a price or a meeting.
"""

from __future__ import annotations

import zlib

GIVE_RESOURCE = (
    "I thought {resource} might be useful{for_topic}.",
    "{Resource} may help{for_topic}; happy to send it over.",
    "In case it helps{for_topic}, I can send you {resource}.",
)
GIVE_RESOURCE_LINK = (
    "I thought {resource} might be useful{for_topic}: {link}",
    "In case it helps{for_topic}, here is {resource}: {link}",
)
GIVE_NOTES = (
    "Happy to pass on a few notes on {topic} if that's ever useful.",
    "I work on {topic}, so glad to share what has worked for others, if it helps.",
    "If it's ever useful, happy to compare notes on {topic}.",
)
QUESTION_TOPIC = (
    "How are you approaching {topic}{at_company} these days?",
    "What has worked best for you on {topic} so far?",
    "What has been the hardest part of {topic}{at_company}?",
)
QUESTION_REFERENCE = (
    "What has surprised you most about {ref_topic} so far?",
    "What got you interested in {ref_topic}?",
    "Where do you think {ref_topic} goes next?",
)
OBSERVATION = (
    "It made me think about {topic}, which is my field.",
    "It lines up with {topic}, which is what my work is about.",
    "It caught my eye, as {topic} is my field.",
)
CLOSES = {
    "reference-resource": ("Happy to share more if useful.", "Hope it helps.", "No pressure."),
    "question": (
        "No need to reply if you're busy.",
        "Curious to hear, if you have a minute.",
        "Either way, enjoy the week.",
    ),
    "shared-context": (
        "Would be glad to stay in touch.",
        "Glad to swap notes any time.",
        "No need to reply if you're busy.",
    ),
}
SUBJECTS = ("{Topic}", "A note on {topic}", "{Topic}: a thought")


SOFT_MARKERS = ("happy to", "glad to", "if useful", "if it helps", "in case it helps", "hope")


def echoes(before: str, close: str) -> bool:
    """Whether a close would repeat what the sentence before it already says softly."""
    before, close = before.lower(), close.lower()
    return any(m in before for m in SOFT_MARKERS) and any(m in close for m in SOFT_MARKERS)


def seed_of(text: str) -> int:
    """A stable number from the draft, so the same draft always gets the same wording."""
    return zlib.crc32(text.encode("utf-8"))


def ordered(bank: tuple[str, ...], seed: int, shape_index: int = 0) -> tuple[str, ...]:
    """The bank rotated so the message picks its first wording; the others follow as options."""
    start = (seed + shape_index) % len(bank)
    return bank[start:] + bank[:start]


def fill(template: str, **values: str) -> str:
    """A wording with its fields filled; ``{Topic}`` is the value with a capital letter."""
    capitals = {k[:1].upper() + k[1:]: _upper_first(v) for k, v in values.items()}
    return template.format(**values, **capitals)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
