"""The sender's purpose: what the draft offers, as a topic the rewrite can turn toward them.

A pitch names what the sender sells ("We are the leading provider of IT optimization
services", "We can help companies like yours save 15% on SAP licensing"). The topic is the
object of that offer act with the selling taken out: no product or company name, no price or
number, no praise, no generic head noun ("services", "solutions"), so "IT optimization" or
"SAP licensing" is left: the subject both sides care about. Read from the tags of the draft's
own parse (the tags; the dependency parse, when the doc has it, tells a run that only
describes a noun further on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.engine.pronunciations import misspelt

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from coach.engine.models import Report, Sender


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


OFFER_VERBS = _words(
    "offer provide help specialize specialise design build create develop deliver place write "
    "publish produce improve boost increase grow sell supply install implement optimize "
    "optimise manage run make do handle automate reduce cut save get fix launch release "
    "generate bring send share support focus work teach"
)
OFFER_NOUNS = _words(
    "provider service solution agency company firm expert specialist team consultant "
    "consultancy developer designer maker manufacturer supplier platform studio partner "
    "professional integrator writer"
)
GENERIC_HEADS = _words(
    "service services solution solutions system systems platform platforms product products "
    "company companies agency firm team capability capabilities offering offerings package "
    "packages deal deals opportunity opportunities thing things way ways stuff provider "
    "providers business businesses client clients customer customers partner partners "
    "information detail details result results program programme tool tools option options "
    "need needs time site website page user users people lot kind type level quality world "
    "industry market space area field number range variety question idea bit today year "
    "month week day email message content organization organisation feature features "
    "living country touch wrong minute minutes behalf part contact evening network class issue "
    "issues calendar thought thoughts research experience value expertise author co-founder "
    "founder investment investments leader leaders professional professionals institution "
    "institutions speaker speakers developer developers designer designers manager managers "
    "owner owners group request connection profile conversation chat call meeting demo "
    "practice practices record track reply rate rates page pages opportunity brand brands "
    "country countries hundreds thousands dollars members member quote second seconds project "
    "lookout interview person fit phone life understanding night application publisher "
    "yours analysis report reports list lists price prices article articles post posts link "
    "links tutorial tutorials screenshot screenshots event events guest guests coach coaches "
    "trainer trainers accelerator search release releases copy copies advice topic topics "
    "subject subjects method methods insight insights tip tips idea ideas"
)
PRAISE = _words(
    "leading best top great huge amazing unique innovative premier world-class best-in-class "
    "end-to-end high-quality quality experienced expert professional excellent powerful "
    "cutting-edge next-gen proven trusted reliable affordable cheap free new latest "
    "fantastic incredible awesome perfect ideal successful creative strategic dedicated "
    "comprehensive complete full custom bespoke premium exclusive special immediate positive "
    "various several many other more most few certain major own such same whole entire different "
    "valuable useful helpful interesting exciting "
    "additional particular specific rare big small little good nice wonderful beautiful"
)
FIRST_PERSON = _words("i we our my us me")
NOUNISH = frozenset({"NOUN", "PROPN", "ADJ"})
MAX_WORDS = 5
PRICE = re.compile(r"[$€£¥]|\d")


@dataclass(frozen=True)
class Topic:
    """What the draft is about, said without selling it (``phrase``), and where it came from."""

    phrase: str
    sentence: str


def offer_topic(doc: Doc, report: Report, sender: Sender, body_start: int = 0) -> Topic | None:
    """The topic of the sender's offer act, or None when the draft offers nothing nameable."""
    own = _own_names(doc, sender)
    pitch_spans = [
        (f.start, f.end)
        for f in report.penalties
        if f.problem in ("pitch", "self-focus", "wrong-audience", "vague-ask")
    ]
    best: tuple[int, int, str, str] | None = None
    for sentence in doc.sents:
        if sentence.end_char <= body_start:
            continue
        tokens = list(sentence)
        first_person = any(t.lower_ in FIRST_PERSON for t in tokens)
        pitched = any(sentence.start_char < e and s < sentence.end_char for s, e in pitch_spans)
        for anchor_index, token in enumerate(tokens):
            anchored = _anchor(token)
            if not anchored:
                continue
            phrase = _phrase_after(tokens, anchor_index, own)
            if not phrase:
                continue
            score = 2 * first_person + 2 * pitched + anchored
            if best is None or score > best[0]:
                best = (score, -sentence.start_char, phrase, sentence.text.strip())
    if best is None or best[0] < 3:
        return None
    return Topic(best[2], best[3])


def _anchor(token: Token) -> int:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in OFFER_VERBS:
        return 1
    if token.pos_ == "NOUN" and lemma in OFFER_NOUNS:
        return 2
    return 0


def _phrase_after(tokens: list[Token], index: int, own: frozenset[str]) -> str:
    """The first noun phrase within a few words after the anchor, cleaned of selling words."""
    for start in range(index + 1, min(len(tokens), index + 10)):
        token = tokens[start]
        if token.is_sent_end or token.text in (".", "!", "?", ";", ":"):
            return ""
        if token.pos_ not in NOUNISH and not _joins_gerund(token):
            continue
        words = _run(tokens, start)
        if _bracketed(words):
            return ""
        if _modifies_what_follows(words):
            if words[-1].dep_ == "amod":
                continue  # "sustainable, compostable packaging": the phrase comes after
            return ""  # "our post COVID, inflation-ridden world": no topic here
        phrase = _clean(words, own)
        if phrase:
            return phrase
    return ""


def _modifies_what_follows(words: list[Token]) -> bool:
    """'our post COVID, inflation-ridden world': punctuation (a comma, a bracket, a slash) cut
    the run before its own head noun, so its words only describe the noun further on (a doc
    without the parse cannot tell, and keeps the run)."""
    last = words[-1] if words else None
    if last is None or not last.doc.has_annotation("DEP"):
        return False
    head = last.head
    return (
        last.dep_ in ("compound", "nmod", "amod")
        and head.i > last.i
        and any(t.is_punct for t in last.doc[last.i + 1 : head.i])
    )


def _bracketed(words: list[Token]) -> bool:
    """A run inside '<...>' or '[...]' on its line: a redaction or an unfilled field, not a
    topic ('teams of <50 people' and 'we <3 it' open no bracket)."""
    if not words:
        return False
    text, start = words[0].doc.text, words[0].idx
    end = words[-1].idx + len(words[-1].text)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end : len(text) if line_end < 0 else line_end]
    for opening, closing in (("<", ">"), ("[", "]")):
        at = before.rfind(opening)
        opens = at >= 0 and at > before.rfind(closing)
        inside = before[at + 1 : at + 2]
        if opens and inside not in ("", " ") and not inside.isdigit() and closing in after:
            return True  # not "<50" or "<3": a comparison or a heart
    return False


def _joins_gerund(token: Token) -> bool:
    return token.tag_ == "VBG" and token.lemma_.lower() not in ("lead", "grow", "help")


def _run(tokens: list[Token], start: int) -> list[Token]:
    """A run of noun-phrase words, with 'and'/'&' between two nouns kept."""
    words: list[Token] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        if (
            token.pos_ in NOUNISH
            or token.text == "-"
            or (
                token.lower_ in ("and", "&", "or")
                and words
                and index + 1 < len(tokens)
                and tokens[index + 1].pos_ in NOUNISH
            )
        ):
            words.append(token)
        elif token.lower_ == "of" and words and words[-1].lemma_.lower() in GENERIC_HEADS:
            words = []  # "a range of SEO services": the phrase is after 'of'
        else:
            break
        index += 1
    return words


def _clean(words: list[Token], own: frozenset[str]) -> str:
    hyphenated = {
        t.i
        for t in words
        if t.text == "-"
        or (t.i + 1 < len(t.doc) and t.nbor(1).text == "-")
        or (t.i > 0 and t.nbor(-1).text == "-")
        or t.text.endswith("-")
    }
    kept = [
        t
        for t in words
        if t.lower_ not in PRAISE
        and t.i not in hyphenated
        and t.lower_ not in ("'s", "’s", "yours", "ours", "mine", "theirs", "you", "your")
        and not PRICE.search(t.text)
        and t.lower_ not in own
        and not (t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ in own)
    ]
    while kept and (kept[-1].lemma_.lower() in GENERIC_HEADS or kept[-1].lower_ in ("and", "&")):
        kept.pop()
    while kept and (kept[0].lower_ in ("and", "&", "or", "-") or kept[0].pos_ == "ADJ"):
        if kept[0].pos_ == "ADJ" and len(kept) > 1 and kept[0].lower_ not in PRAISE:
            break
        kept.pop(0)
    if not kept or not any(t.pos_ == "NOUN" or t.tag_ == "VBG" or _acronym(t) for t in kept):
        return ""  # a bare brand name ("Google") says nothing about the subject
    if kept[-1].pos_ not in ("NOUN", "PROPN"):
        return ""  # "fun and exciting": no subject at all
    kept = kept[-MAX_WORDS:]
    if kept[0].lower_ in ("and", "&", "or"):
        kept = kept[1:]
    text = "".join(t.text + t.whitespace_ for t in kept).strip()
    if not any(c.isalpha() for c in text) or "[" in text or "<" in text:
        return ""
    if all(t.lemma_.lower() in GENERIC_HEADS | PRAISE for t in kept):
        return ""
    if any(t.is_lower and t.is_alpha and misspelt(t.text) for t in kept):
        return ""  # "product developmeny": a typo is not put in the recipient's reading
    return _lower_common(kept, text)


def _acronym(token: Token) -> bool:
    """'CRM', 'SEO', 'ERP': a field's short name, not a brand."""
    return 2 <= len(token.text) <= 5 and token.text.isupper() and token.text.isalpha()


def _lower_common(kept: list[Token], text: str) -> str:
    first = kept[0]
    if first.pos_ != "PROPN" and not (len(first.text) > 1 and first.text.isupper()):
        return text[:1].lower() + text[1:]
    return text


def _own_names(doc: Doc, sender: Sender) -> frozenset[str]:
    """Words that name the sender's side: products, company, and 'X here from Y' / 'at Y'."""
    names = {w.lower() for p in (*sender.products, sender.company) for w in p.split()}
    for token in doc:
        if token.lower_ in ("from", "at", "with") and token.i + 1 < len(doc):
            before = doc[max(0, token.i - 3) : token.i]
            nxt = doc[token.i + 1]
            if nxt.pos_ == "PROPN" and any(t.lower_ in FIRST_PERSON | {"here"} for t in before):
                names.add(nxt.lower_)
        if token.lower_ in ("our", "my") and token.i + 2 < len(doc):
            head = doc[token.i + 1]
            if head.lower_ in ("company", "client", "firm", "agency", "team"):
                for t in doc[token.i + 2 : token.i + 5]:
                    if t.pos_ == "PROPN":
                        names.add(t.lower_)
    return frozenset(names)
