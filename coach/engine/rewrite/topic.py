"""What a draft is about: the topic of the sender's offer, said without selling it.

The object of the sender's offer act (engine/acts.py) decides first, through the fields of
outreach it names (rules/_fields.yaml); then the field the pitch sentences mark; then a clean
noun phrase from the parse; then the sender's own "what I offer".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.engine.analysis import Analysis
from coach.engine.models import Context, Report, Resource
from coach.engine.platforms import Platform
from coach.engine.rewrite.fields import Field, field_of, plural
from coach.engine.rewrite.purpose import offer_topic
from coach.engine.rewrite.resources import names_product

if TYPE_CHECKING:
    from spacy.tokens import Doc


def draft_topic(
    doc: Doc, report: Report, context: Context, platform: Platform
) -> tuple[Field, str]:
    """The draft's offer topic (a field: its name and number; an empty name when none) and the
    text of the sentences that pitch it.

    The object of the sender's offer act when it names a field of outreach ("Google 1st Page"
    is search rankings), else the field the pitch sentences mark, else that object itself when
    it is a clean noun phrase (the parse: "SAP licensing"), else the sender's own 'what I
    offer'; never a product name."""
    sender = context.sender
    analysis = Analysis.of(report.text, doc, context, platform)
    body_start = analysis.body_start
    objects, pitch, offers = _offer_objects(analysis, report)
    field = next((f for f in map(field_of, objects) if f), None)
    marked = field_of(pitch)
    if field is None and marked and (offers or not marked.sought):
        field = marked  # a job seeker's "ideal candidate" marks hiring, but they do not sell it
    if field:
        return field, pitch
    found = offer_topic(doc, report, sender, body_start)
    words = found.phrase.split() if found else []
    if words and (len(words) > 1 or words[0].isupper()) and min(map(len, words)) > 1:
        return Field(found.phrase, plural(found.phrase)), pitch
    offer = " ".join(sender.offer.split()).strip(" .")
    if offer and not names_product(Resource(offer), sender.products) and len(offer) <= 50:
        offer = offer[:1].lower() + offer[1:] if not offer[:2].isupper() else offer
        return Field(offer, plural(offer)), pitch
    return Field("", False), pitch


def _offer_objects(analysis: Analysis, report: Report) -> tuple[list[str], str, bool]:
    """What the sender's offer acts offer (their objects, as written), the text of the
    sentences that pitch (those with an offer act or a pitch finding), and whether the sender
    offers anything at all."""
    doc, body_start, acts = analysis.doc, analysis.body_start, analysis.reading.acts
    offers = [a for a in acts if a.act == "offer" and a.actor == "sender"]
    spans = [(a.start, a.end) for a in offers]
    spans += [(f.start, f.end) for f in report.penalties if f.problem == "pitch"]
    pitch = " ".join(
        s.text
        for s in doc.sents
        if s.end_char > body_start and any(s.start_char < e and b < s.end_char for b, e in spans)
    )
    objects = [doc.text[a.topic[0] : a.topic[1]] for a in offers if a.topic]
    return objects, pitch or doc.text[body_start:], bool(offers)
