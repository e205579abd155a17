"""Turning the sender's notes about a recipient into a natural reference sentence.

Notes are terse and leave the recipient out ("Posted about moving student labs to thin
clients", "Spoke at DataCouncil about data contracts"). The parse gives the clause's root verb
and its tense, which decide the frame: "I saw you posted about ...", "I see you write ...",
"I see you're hosting ...", "I saw you were quoted in ...", "We met at ...". Pronouns that stand
for the recipient become "you"/"your". Anything not recognised gets a safe generic sentence;
nothing is added that the notes do not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from coach.engine.rewrite.lexicon import (
    AUTHOR_NOUNS,
    COLLEAGUE_NOUNS,
    CONTEXT_LEMMAS,
    HEARD,
    HISTORY_LEMMAS,
    INTRO_LEMMAS,
    META_LEMMAS,
    MISTAGGED_VERBS,
    NEGATIONS,
    NEWS_LEMMAS,
    ORG_NOUNS,
    PASSIVE_LEMMAS,
    REFERENCE_LEMMAS,
    RUNNER_VERBS,
    THANKABLE,
    TOPIC_PREPOSITIONS,
    VERB_FORMS,
    WORK_NOUNS,
)
from coach.engine.rewrite.wording import (
    RECIPIENT_PRONOUNS,
    SHARED_PRONOUNS,
    THIRD_PERSON_VERBS,
    gerund,
    render,
    sentence,
    upper_first,
)
from coach.engine.textsafety import make_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


SHORTHAND = (
    (re.compile(r"(?<![\w-])re:?(?=\s+\w)", re.IGNORECASE), "about"),
    (re.compile(r"(?<!\w)w/(?=\s)", re.IGNORECASE), "with"),
    (re.compile(r"(?<!\w)abt(?!\w)", re.IGNORECASE), "about"),
    (re.compile(r"(?<!\w)b/c(?!\w)", re.IGNORECASE), "because"),
    (re.compile(r"\s&\s"), " and "),
)
BUT_NOT = re.compile(r",\s*(?:but\s+|and\s+)?not\s+[^;.]*")
META_GERUNDS = frozenset({"accepting", "connecting"})
SENDER_WORDS = re.compile(r"\b(?:the\s+)?sender's\b|\b(?:the\s+)?sender\b", re.IGNORECASE)


@dataclass(frozen=True)
class NotesReference:
    """A reference sentence and shorter forms of it, the topic, and whether it is shared history."""

    sentences: tuple[str, ...]
    topic: str
    history: bool
    generic: bool

    @property
    def profile(self) -> bool:
        """A fact of their profile said back ("I see you run ..."), not a thing they did."""
        return not self.history and self.sentences[0].startswith("I see you")


def parse_light(nlp: Language, text: str) -> Doc:
    """Parse without named entities: not needed here, and the slowest pipe."""
    disabled = [name for name in ("ner",) if name in nlp.pipe_names]
    return nlp(make_doc(nlp, text), disable=disabled)


@lru_cache(maxsize=2048)
def parse_cached(nlp: Language, text: str) -> Doc:
    """``parse_light`` for context text (notes, resources), which stays put while drafts change."""
    return parse_light(nlp, text)


def reference_from_notes(nlp: Language, notes: str) -> NotesReference | None:
    """The best reference the notes support: their post, talk, question, news or a shared past.

    Context facts that are not a reference ("has never met the sender", "did not reply", "does
    not use SAP", what the email or page says) never become a sentence; nor does a note that fits
    no frame: None then, and the rewrite asks about their work instead.
    """
    notes = expand_shorthand(notes)
    notes = " ".join(SENDER_WORDS.sub(_sender_word, notes).split()).strip(" .;,")
    if not any(c.isalpha() for c in notes):
        return None
    doc = parse_cached(nlp, notes)
    clauses = _clauses(doc)
    if len(clauses) > 1:  # each clause parses better on its own than inside the whole note
        clauses = [parse_cached(nlp, c.text)[:] for c in clauses]
    clauses = [c for c in clauses if not _is_meta(c) and positive(c)]
    for clause in clauses:
        built = _frame(clause)
        if built:
            frame, history = built
            topic = topic_of(clause)
            return NotesReference(_with_shorter(clause, frame, topic), topic, history, False)
    return None


def expand_shorthand(notes: str) -> str:
    """Notes as a sentence would say them: 're' is 'about', 'w/' is 'with'; a ', not X' aside
    (what they do not do) is dropped, as it is no reference."""
    for pattern, word in SHORTHAND:
        notes = pattern.sub(word, notes)
    return BUT_NOT.sub("", notes)


def positive(clause: Span) -> bool:
    """A clause about something they did or made, not a negative or a fact about the outreach."""
    for token in clause:
        if token.lower_ in NEGATIONS or token.lemma_.lower() in CONTEXT_LEMMAS:
            return False
    return True


def topic_of(clause: Span) -> str:
    """What the note is about: the object of its 'about'/'on' phrase, with 'their' as 'your'."""
    for word in TOPIC_PREPOSITIONS:
        found = [t for t in clause if t.lower_ == word and t.dep_ == "prep"]
        found.sort(key=lambda t: t.head.pos_ not in ("NOUN", "PROPN"))  # "paper on X" first
        for token in found:
            tokens = [t for t in token.subtree if t.i != token.i and t.i < clause.end]
            if tokens and any(t.is_alpha for t in tokens):
                return render(tokens, RECIPIENT_PRONOUNS, lower_first=True)
    return ""


def _sender_word(match: re.Match[str]) -> str:
    return "my" if match.group(0).lower().endswith("'s") else "me"


def _clauses(doc: Doc) -> list[Span]:
    spans, start = [], 0
    for token in doc:
        if token.text in (";", "|") or (token.is_sent_start and token.i > start):
            if token.i > start:
                spans.append(doc[start : token.i])
            start = token.i + 1 if token.text in (";", "|") else token.i
    if start < len(doc):
        spans.append(doc[start:])
    return [s for s in spans if any(t.is_alpha for t in s)]


def _is_meta(clause: Span) -> bool:
    return _lemma(clause.root) in META_LEMMAS and len([t for t in clause if t.is_alpha]) <= 3


def _lemma(token: Token) -> str:
    return VERB_FORMS.get(token.lower_, token.lemma_.lower())


def _frame(clause: Span) -> tuple[list[str], bool] | None:
    """The words of the reference sentence (before shortening) and whether it is shared history."""
    root = clause.root
    verb = root.tag_.startswith("VB") or root.lower_ in VERB_FORMS
    if not verb and root.pos_ not in ("NOUN", "PROPN"):  # a misparse: find "she asked" inside
        root = next(
            (
                t
                for t in clause
                if t.tag_.startswith("VB")
                and any(c.dep_ == "nsubj" and c.lower_ in RECIPIENT_PRONOUNS for c in t.children)
            ),
            root,
        )
        verb = root.tag_.startswith("VB")
    lemma = _lemma(root)
    if not verb:
        return _noun_frame(clause, root)
    thanks = _thanks_frame(clause, root, lemma) or _heard_frame(root, lemma)
    if thanks:
        return thanks
    if lemma not in REFERENCE_LEMMAS:
        return None  # "has many connections", "already bought a plug-in": no reference
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    lead = [t for t in clause if t.i < root.i]
    if subjects and subjects[0].lower_ in ("both", "we"):
        return ["We", "both", *_tail(clause, root, RECIPIENT_PRONOUNS, include_root=True)], True
    if subjects and subjects[0].lower_ not in RECIPIENT_PRONOUNS:
        return _subject_frame(clause, root, subjects[0], lemma)
    if subjects:
        lead = [t for t in lead if t.i > subjects[0].i]
        prefix = [t for t in clause if t.i < subjects[0].i]
        if prefix:
            words = render(prefix, RECIPIENT_PRONOUNS).rstrip(",")
            return [upper_first(words) + ",", "you", *_verb_phrase(lead, root, clause)], False
    elif any(t.dep_ not in ("aux", "auxpass", "neg", "advmod") for t in lead):
        return None
    if lemma == "meet":
        met = [t for t in clause if not (t.lower_ == "me" and t.head.i == root.i)]
        return ["We", _met(lead, root, met)], True
    if lemma in HISTORY_LEMMAS and any(t.lower_ == "together" for t in root.children):
        return ["We", *_verb_phrase(lead, root, clause)], True
    if root.tag_ == "VBG" and not lead:
        return ["I", "see", "you're", *_tail(clause, root, RECIPIENT_PRONOUNS, True)], False
    if root.tag_ == "VBZ" and not lead:
        return ["I", "see", "you", lemma, *_tail(clause, root, RECIPIENT_PRONOUNS)], False
    passive = lemma in PASSIVE_LEMMAS and not any(
        t.dep_ in ("dobj", "ccomp") for t in root.children
    )
    if passive and not lead:
        return ["I", "saw", "you", "were", *_tail(clause, root, RECIPIENT_PRONOUNS, True)], False
    return ["I", "saw", "you", *_verb_phrase(lead, root, clause)], False


def _subject_frame(
    clause: Span, root: Token, subject: Token, lemma: str
) -> tuple[list[str], bool] | None:
    """Notes with their own subject: news about their organisation, or an introduction."""
    if subject.pos_ not in ("PROPN", "NOUN") or min(t.i for t in subject.subtree) != clause.start:
        return None
    own = [t for t in subject.subtree if t.i != subject.i]
    if subject.lower_ in ORG_NOUNS and all(t.lower_ in ("their", "the", "his", "her") for t in own):
        seen = "saw" if root.tag_ in ("VBD", "VBN") else "see"
        rest = [t for t in clause if t.i > subject.i]
        return ["I", seen, "your", subject.lower_, render(rest, RECIPIENT_PRONOUNS)], False
    if lemma in INTRO_LEMMAS:
        return [render(list(clause), SHARED_PRONOUNS, always=True)], True
    if lemma in NEWS_LEMMAS and root.tag_ in ("VBD", "VBN", "VBZ"):
        return ["I", "saw", render(list(clause), RECIPIENT_PRONOUNS)], False
    return None


def _thanks_frame(clause: Span, root: Token, lemma: str) -> tuple[list[str], bool] | None:
    """Something they did for the sender ("accepted the sender's request and sent a video"):
    thank them for it, leaving out what hangs off the objects (whose 'him' is the sender)."""
    if lemma not in THANKABLE or not any(t.lower_ in ("my", "me") for t in root.subtree):
        return None
    acts = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    pieces = []
    for act in acts:
        objects = [c for c in act.children if c.dep_ == "dobj"]
        if _lemma(act) not in THANKABLE or not objects:
            continue
        dropped = {
            t.i for c in objects[0].children if c.dep_ in ("acl", "relcl") for t in c.subtree
        }
        words = [t for t in objects[0].subtree if t.i not in dropped]
        pieces.append(f"{gerund(_lemma(act))} {render(words, RECIPIENT_PRONOUNS)}")
    if not pieces:
        return None
    pieces.sort(key=lambda p: p.split()[0] in META_GERUNDS)  # what they made, then "accepting"
    return ["Thanks", "for", " and for ".join(pieces)], False


def _heard_frame(root: Token, lemma: str) -> tuple[list[str], bool] | None:
    """What the sender heard or read about them ("The sender has heard that Bob is interested
    in Tina CMS"): "I heard you are interested in Tina CMS"."""
    subjects = [t for t in root.children if t.dep_ == "nsubj"]
    if lemma not in HEARD or not subjects or subjects[0].lower_ not in ("me", "i"):
        return None
    said = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if said is None or any(t.lower_ in NEGATIONS for t in said.subtree):
        return None
    own = [t for t in said.children if t.dep_ in ("nsubj", "nsubjpass")]
    if len(own) != 1 or not (own[0].pos_ == "PROPN" or own[0].lower_ in RECIPIENT_PRONOUNS):
        return None
    rest = [t for t in said.subtree if t.i > own[0].i]
    if not rest:
        return None
    first, tail = rest[0], rest[1:]
    verb = THIRD_PERSON_VERBS.get(first.lower_) or (
        first.lemma_.lower() if first.tag_ == "VBZ" else first.lower_
    )
    words = render(tail, RECIPIENT_PRONOUNS) if tail else ""
    return ["I", "heard", "you", verb, words], False


def _noun_frame(clause: Span, root: Token) -> tuple[list[str], bool] | None:
    """Notes that are a noun phrase: "Blog about ...", "Former colleague at ...", "Author of"."""
    lemma = root.lemma_.lower()
    after = [t for t in clause if t.i > root.i]
    first = clause[0]
    if first.lower_.endswith("s") and first.lower_[:-1] in MISTAGGED_VERBS and len(clause) > 2:
        rest = render(list(clause[1:]), RECIPIENT_PRONOUNS)  # "Works in marketing at X"
        return ["I", "see", "you", first.lower_[:-1], rest], False
    of = next((t for t in clause if t.lower_ == "of"), None)
    if of is not None and of.i > clause.start:  # "Co-host of ...": the words before 'of'
        head = "".join(t.text for t in clause if t.i < of.i).lower()
        if head in RUNNER_VERBS and of.i + 1 < clause.end:
            after, lemma = [t for t in clause if t.i >= of.i], head
    relative = next(
        (
            c
            for c in root.children
            if c.dep_ == "relcl"
            and _lemma(c) in REFERENCE_LEMMAS
            and any(k.dep_ == "nsubj" and k.lower_ in ("who", "that") for k in c.children)
        ),
        None,
    )
    if relative is not None:  # "A writer by trade who writes his own blog"
        rest = [t for t in relative.subtree if t.i > relative.i]
        return ["I", "see", "you", _lemma(relative), render(rest, RECIPIENT_PRONOUNS)], False
    if lemma in WORK_NOUNS:
        tokens = [t for t in clause if t.dep_ != "det" or t.i > root.i]
        return ["I", "saw", "your", render(tokens, RECIPIENT_PRONOUNS, lower_first=True)], False
    runner = RUNNER_VERBS.get(lemma) or RUNNER_VERBS.get(root.lower_)
    if runner and after and after[0].lower_ == "of" and len(after) > 1:
        rest = [
            t
            for t in after[1:]
            if not (t.lower_ == "of" and t.i > 0 and t.nbor(-1).lower_ == "and")
        ]
        return ["I", "see", "you", runner, render(rest, RECIPIENT_PRONOUNS)], False
    if lemma == "connection" and after and after[0].lower_ == "from" and len(after) > 1:
        return ["We", "connected", render(after[1:], RECIPIENT_PRONOUNS)], True
    if lemma in COLLEAGUE_NOUNS and after:
        return ["We", "worked", "together", render(after, RECIPIENT_PRONOUNS)], True
    if lemma in AUTHOR_NOUNS and after and after[0].lower_ == "of" and len(after) > 1:
        verb = {"author": "wrote", "writer": "wrote", "maintainer": "maintain"}.get(lemma)
        if verb is None:
            return None
        prefix = ["I", "saw", "you"] if verb == "wrote" else ["I", "see", "you"]
        return [*prefix, verb, render(after[1:], RECIPIENT_PRONOUNS)], False
    return None


def _met(lead: list[Token], root: Token, tokens: list[Token]) -> str:
    """'met (the sender) briefly at a user group' without the 'me' that stood for the sender."""
    words = [THIRD_PERSON_VERBS.get(t.lower_, t.lower_) for t in lead]
    rest = [t for t in tokens if t.i >= root.i]
    text = render(rest, RECIPIENT_PRONOUNS)
    text = text[: len(root.text)].lower() + text[len(root.text) :]
    return " ".join([*words, text])


def _verb_phrase(lead: list[Token], root: Token, clause: Span) -> list[str]:
    words = [THIRD_PERSON_VERBS.get(t.lower_, t.lower_) for t in lead]
    return [*words, *_tail(clause, root, RECIPIENT_PRONOUNS, include_root=True)]


def _tail(
    clause: Span, root: Token, pronouns: dict[str, str], include_root: bool = False
) -> list[str]:
    start = root.i if include_root else root.i + 1
    tokens = [t for t in clause if t.i >= start]
    if not tokens:
        return []
    text = render(tokens, pronouns)
    if include_root and (root.pos_ != "PROPN" or root.lower_ in VERB_FORMS):
        text = text[: len(root.text)].lower() + text[len(root.text) :]
    return [text]


def _with_shorter(clause: Span, frame: list[str], topic: str = "") -> tuple[str, ...]:
    """The full sentence, then shorter ones that drop the root's trailing modifiers. A second
    deed ("accepted a new job and updated your profile weeks earlier") is left out (a note
    said back in full reads as recited) unless the rewrite's ``topic`` is in it ("spoke at
    KubeCon and wrote a post on data contracts")."""
    forms = [(clause.end, sentence(" ".join(w for w in frame if w)))]
    root = clause.root
    trailing = [c for c in root.children if c.i > root.i and c.dep_ != "punct"]
    relative = [  # "events where he told ...": the relative clause goes first
        t for t in clause if t.dep_ in ("relcl", "acl") and t.i > root.i and t.head.i != root.i
    ]
    cuts = sorted({min(t.i for t in c.subtree) for c in [*trailing[1:], *relative]}, reverse=True)
    for stop in cuts:
        if stop <= root.i + 1:
            continue
        built = _frame(clause.doc[clause.start : stop])
        if built:
            candidate = sentence(" ".join(w for w in built[0] if w))
            last = clause.doc[stop - 1]
            dangling = last.tag_ in ("VBG", "IN", "DT", "CC", "TO") or last.pos_ == "ADP"
            if len(candidate) < len(forms[-1][1]) and not dangling:
                forms.append((stop, candidate))
    recited = [  # where a second verb of the root starts: the "and" before it
        c.i - 1
        for c in root.children
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and clause.doc[c.i - 1].dep_ == "cc"
        and any(o.dep_ == "dobj" for o in c.children)
    ]
    if recited:
        start = min(recited)
        without = [text for stop, text in forms if stop <= start]
        if without and topic.lower() in without[0].lower():
            return tuple(without)
    return tuple(text for _, text in forms)
