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
    """A field of outreach: its plain name, whether that name is plural, its marker words, and
    one observation from the field that is useful to the person on the other side of the pitch
    (a clause: "a few older posts bring in most of a blog's search traffic")."""

    name: str
    plural: bool
    markers: tuple[str, ...]
    tip: str = ""


def _field(name: str, plural: bool, markers: str, tip: str = "") -> Field:
    words = tuple(m.strip() for m in markers.split(",") if m.strip())
    return Field(name, plural, words, tip)


# The more specific fields first: a tie goes to the earlier one.
FIELDS: tuple[Field, ...] = (
    _field(
        "guest posts",
        True,
        "guest post, guest article, sponsored article, sponsored post, dofollow, backlink, "
        "link insertion, link building, suggest a link, insert the link",
        "most guest-post offers are really paid link placements, and regular readers can "
        "usually tell",
    ),
    _field(
        "search rankings",
        True,
        "seo, search engine, google ranking, ranking, first page of google, 1st page, keyword, "
        "serp, organic traffic",
        "a few older posts bring in most of a site's search traffic, so refreshing them pays "
        "off more than chasing new keywords",
    ),
    _field(
        "explainer videos",
        True,
        "explainer, video ad, video production, animated video",
        "a one-minute screen recording often explains a small software project better than a "
        "polished animation",
    ),
    _field(
        "podcast guest booking",
        False,
        "guests for your podcast, podcast guest, qualified guest, guest booking",
        "the guests who do best are the ones who have listened to a few episodes before they pitch",
    ),
    _field(
        "payment processing",
        False,
        "merchant processing, payment processing, merchant account",
        "merchant rates depend mostly on chargeback history, so a clean record is the best "
        "lever for a better deal",
    ),
    _field(
        "website design",
        False,
        "website design, web design, redesign, web designer",
        "sites built on good templates rarely need heading fixes, while load speed and a clear "
        "contact path matter more",
    ),
    _field(
        "content writing",
        False,
        "blog writing, content writing, copywriting, blog content",
        "posts written by the owner keep readers longer than polished outsourced ones",
    ),
    _field(
        "outsourced software development",
        False,
        "software development, web development, app development, engineering capacity, "
        "development team, offshore",
        "outsourcing works best when one in-house engineer keeps ownership of the architecture",
    ),
    _field(
        "client acquisition",
        False,
        "lead generation, leads data, new client, qualified lead, more clients, lead gen",
        "referrals from existing clients still convert far better than any cold channel",
    ),
    _field(
        "online marketing",
        False,
        "internet marketing, digital marketing, online marketing, social media marketing, "
        "advertising, ad campaign",
        "one channel done consistently usually beats a little of everything",
    ),
    _field(
        "press releases",
        True,
        "press release, media release, feature idea, feature topic, story idea, pitch you, "
        "coverage",
        "writers skip anything that reads like a press release, while one specific detail in "
        "a personal note gets read",
    ),
    _field(
        "cybersecurity",
        False,
        "cybersecurity, cyber security, data breach, security audit",
        "two-factor authentication on every account closes most of the gaps small teams have",
    ),
    _field(
        "early-stage funding",
        False,
        "accelerator, funded, funding, investment round, investors, invest in",
        "early funding terms often shape a young project more than its founders expect",
    ),
    _field(
        "hiring",
        False,
        "apply for the position, job opening, vacancy, candidate, recruiting, recruitment",
        "candidates reply far more often when the first message names the company and the team",
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
