"""The field a pitch sells, named the way both sides would say it, and the recipient's own work.

A cold pitch rarely names its subject as a clean noun phrase: "We can place your website on
Google 1st Page". The topic is the object of the sender's offer act when that names a field of
outreach, else the field the pitch sentences' words mark (rules/_fields.yaml: generic fields,
each with its plain name, "search rankings", and its marker words).

The recipient's work is what their role says they make ("Author and blogger": their blog), so a
rewrite can ask about it without reciting the notes back to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.engine.models import Recipient
from coach.engine.packs.builtin import builtin_rules_dir
from coach.engine.packs.yamlsrc import read_yaml


@dataclass(frozen=True)
class Field:
    """A field of outreach: its plain name, whether that name is plural, and its marker words."""

    name: str
    plural: bool
    markers: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def fields() -> tuple[Field, ...]:
    """The fields of rules/_fields.yaml, in their order (the more specific first)."""
    data = read_yaml(builtin_rules_dir() / "_fields.yaml")["fields"]
    return tuple(
        Field(str(f["name"]), bool(f["plural"]), tuple(str(m).lower() for m in f["markers"]))
        for f in data
    )


WORD = r"(?<![\w-]){}(?:s|es)?(?![\w-])"  # a marker, or its plural


def field_of(text: str) -> Field | None:
    """The field the text's words mark most often (ties: the more specific field), or None."""
    lowered = " ".join(text.lower().split())
    best: tuple[int, int, Field] | None = None
    for order, field in enumerate(fields()):
        hits = sum(len(re.findall(WORD.format(re.escape(m)), lowered)) for m in field.markers)
        if hits and (best is None or (hits, -order) > (best[0], best[1])):
            best = (hits, -order, field)
    return best[2] if best else None


# What a role makes, as a noun the recipient owns ("your blog"), and what a first message could
# ask about it when the draft gives no topic; the first marker found wins.
BLOG = (
    "What are you planning to write about next on your blog?",
    "Is there a topic you'd like to cover on your blog but haven't yet?",
    "Which post on your blog got the most replies from readers?",
)
ARTICLES = (
    "What are you covering next in your articles?",
    "Which of your articles got the most response from readers?",
)
WORKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "podcast",
        "your podcast",
        (
            "Who would you most like to have on your podcast next?",
            "Which episode of your podcast got the most response from listeners?",
        ),
    ),
    ("radio show", "your show's episodes", ("What's coming up in your show's episodes?",)),
    ("newsletter", "your newsletter", ("What's coming up next in your newsletter?",)),
    ("blogger", "your blog", BLOG),
    ("blog", "your blog", BLOG),
    (
        "author",
        "your books",
        (
            "Is another of your books in the works?",
            "Which of your books was the most fun to write?",
        ),
    ),
    ("columnist", "your articles", ARTICLES),
    ("journalist", "your articles", ARTICLES),
    ("writer", "your articles", ARTICLES),
    ("copywriter", "your articles", ARTICLES),
    ("researcher", "your research", ("What are you digging into next in your research?",)),
    ("speaker", "your talks", ("What are you speaking about next in your talks?",)),
)


def their_work(recipient: Recipient) -> tuple[str, tuple[str, ...]]:
    """What their role says they make ('your blog') and questions a first message could ask
    about it, or nothing when the role names nothing; the notes count only where they say it is
    theirs ("writes his own blog", not "the blogger")."""
    for said in (recipient.role, recipient.company, *OWNED.findall(recipient.notes)):
        said = re.sub(r"\((?:not|no)\b.*?\)", " ", " ".join(said.lower().split()))
        for marker, work, question in WORKS:  # "(not a fitness ...)": an aside, not their work
            if re.search(WORD.format(re.escape(marker)), said):
                return work, question
    return "", ()


# What a role runs, when it makes nothing to refer to, and who comes to it: "How do most clients
# find your practice these days?" asks about their situation; first match wins.
PRACTICES: tuple[tuple[str, str, str], ...] = (
    ("photographer", "your photography", "clients"),
    ("lawyer", "your practice", "clients"),
    ("attorney", "your practice", "clients"),
    ("coach", "your coaching", "clients"),
    ("consultant", "your consulting", "clients"),
    ("agency owner", "your agency", "clients"),
    ("website owner", "your site", "visitors"),
    ("maintainer", "your project", "contributors"),
    ("developer", "your projects", "users"),
)


def their_practice(recipient: Recipient) -> tuple[str, str]:
    """What their role says they run ('your practice') and who comes to it ('clients'), or two
    empty strings."""
    role = re.sub(r"\(.*?\)", " ", " ".join(recipient.role.lower().split()))  # asides
    for marker, practice, audience in PRACTICES:
        if re.search(WORD.format(re.escape(marker)), role):
            return practice, audience
    return "", ""


ATTENDEE = re.compile(
    r"^(?:an? )?attendee (?:of|at) (?:an? |the )?(?P<event>[\w' -]*?\b(?:event|conference|"
    r"meetup|summit|webinar|workshop))(?: (?:about|on) (?P<topic>[^(;.]+))?",
    re.IGNORECASE,
)


def role_reference(recipient: Recipient) -> tuple[tuple[str, ...], str]:
    """A reference their role states as a fact of theirs ("Attendee of a LinkedIn event about
    cold email marketing": "I saw you attended the LinkedIn event on cold email marketing."),
    then a shorter form without the topic, and the topic; nothing when the role states none."""
    match = ATTENDEE.match(" ".join(recipient.role.split()))
    if not match:
        return (), ""
    topic = (match["topic"] or "").strip()
    short = f"I saw you attended the {match['event'].strip()}."
    return ((f"{short[:-1]} on {topic}.", short) if topic else (short,)), topic


OWNED = re.compile(r"\b(?:his|her|their|own)\s+(?:[\w-]+\s+)?(\w+)", re.IGNORECASE)


def plural(phrase: str) -> bool:
    """Whether a topic phrase takes a plural verb ('explainer videos are', 'SEO is')."""
    last = phrase.split()[-1] if phrase.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "is", "us"))
