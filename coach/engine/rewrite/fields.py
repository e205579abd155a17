"""The field a pitch sells, named the way both sides would say it, and the recipient's own work.

A cold pitch rarely names its subject as a clean noun phrase: "We can place your website on
Google 1st Page", "a dofollow link on your website", "8 to 15 qualified guests for your podcast".
The offer act's object is often a fragment ("Google 1st Page", "site"), so the topic comes from
the field those words belong to: the common fields of business-to-business outreach, each with
the words that mark it and the plain name a rewrite can use ("search rankings", "guest posts").

The recipient's work is what their role says they make ("Author and blogger": their blog), so a
rewrite can ask about it without reciting the notes back to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.engine.models import Recipient


@dataclass(frozen=True)
class Field:
    """A field of outreach: its plain name, whether that name is plural, and its marker words."""

    name: str
    plural: bool
    markers: tuple[str, ...]


def _field(name: str, plural: bool, markers: str) -> Field:
    return Field(name, plural, tuple(m.strip() for m in markers.split(",") if m.strip()))


# The more specific fields first: a tie goes to the earlier one.
FIELDS: tuple[Field, ...] = (
    _field(
        "guest posts",
        True,
        "guest post, guest article, sponsored article, sponsored post, "
        "dofollow, backlink, link insertion, link building, suggest a link, insert the link",
    ),
    _field(
        "search rankings",
        True,
        "seo, search engine, google ranking, rankings, ranking, "
        "first page of google, 1st page, keywords, serp, organic traffic",
    ),
    _field("explainer videos", True, "explainer, video ad, video production, animated video"),
    _field(
        "podcast guest booking",
        False,
        "guests for your podcast, podcast guests, qualified guests, guest booking",
    ),
    _field(
        "payment processing", False, "merchant processing, payment processing, merchant account"
    ),
    _field("website design", False, "website design, web design, redesign, web designer"),
    _field("content writing", False, "blog writing, content writing, copywriting, blog content"),
    _field(
        "outsourced software development",
        False,
        "software development, web development, "
        "app development, engineering capacity, development team, offshore",
    ),
    _field(
        "client acquisition",
        False,
        "lead generation, leads data, new clients, qualified leads, more clients, lead gen",
    ),
    _field(
        "online marketing",
        False,
        "internet marketing, digital marketing, online marketing, "
        "social media marketing, advertising, ad campaign",
    ),
    _field(
        "press releases",
        True,
        "press release, media release, feature idea, feature topic, "
        "story idea, pitch you, coverage",
    ),
    _field("cybersecurity", False, "cybersecurity, cyber security, data breach, security audit"),
    _field(
        "early-stage funding",
        False,
        "accelerator, funded, funding, investment round, investors, invest in",
    ),
    _field(
        "hiring",
        False,
        "apply for the position, job opening, vacancy, candidates, recruiting, recruitment",
    ),
)
WORD = r"(?<![\w-]){}(?:s|es)?(?![\w-])"  # a marker, or its plural


def field_of(text: str) -> Field | None:
    """The field the text's words mark most often (ties: the more specific field), or None."""
    lowered = " ".join(text.lower().split())
    best: tuple[int, int, Field] | None = None
    for order, field in enumerate(FIELDS):
        hits = sum(len(re.findall(WORD.format(re.escape(m)), lowered)) for m in field.markers)
        if hits and (best is None or (hits, -order) > (best[0], best[1])):
            best = (hits, -order, field)
    return best[2] if best else None


# What a role makes, as a noun the recipient owns ("your blog"), and what a first message could
# ask about it when the draft gives no topic; the first marker found wins.
WORKS: tuple[tuple[str, str, str], ...] = (
    ("podcast", "your podcast", "Who would you most like to have on your podcast next?"),
    ("radio show", "your show's episodes", "What's coming up in your show's episodes?"),
    ("newsletter", "your newsletter", "What's coming up next in your newsletter?"),
    ("blogger", "your blog", "What are you planning to write about next on your blog?"),
    ("blog", "your blog", "What are you planning to write about next on your blog?"),
    ("author", "your books", "Is another of your books in the works?"),
    ("columnist", "your articles", "What are you covering next in your articles?"),
    ("journalist", "your articles", "What are you covering next in your articles?"),
    ("writer", "your articles", "What are you covering next in your articles?"),
    ("copywriter", "your articles", "What are you covering next in your articles?"),
    ("researcher", "your research", "What are you digging into next in your research?"),
    ("speaker", "your talks", "What are you speaking about next in your talks?"),
)


def their_work(recipient: Recipient) -> tuple[str, str]:
    """What their role says they make ('your blog') and a question about what is next for it,
    or two empty strings when the role names nothing; the notes count only where they say it is
    theirs ("writes his own blog", not "the blogger")."""
    for said in (recipient.role, recipient.company, *OWNED.findall(recipient.notes)):
        said = re.sub(r"\((?:not|no)\b.*?\)", " ", " ".join(said.lower().split()))
        for marker, work, question in WORKS:  # "(not a fitness ...)": an aside, not their work
            if re.search(WORD.format(re.escape(marker)), said):
                return work, question
    return "", ""


OWNED = re.compile(r"\b(?:his|her|their|own)\s+(?:[\w-]+\s+)?(\w+)", re.IGNORECASE)


def plural(phrase: str) -> bool:
    """Whether a topic phrase takes a plural verb ('explainer videos are', 'SEO is')."""
    last = phrase.split()[-1] if phrase.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "is", "us"))
