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
from typing import TYPE_CHECKING

from coach.engine.models import Recipient
from coach.engine.packs.builtin import builtin_rules_dir
from coach.engine.packs.yamlsrc import read_yaml

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Field:
    """A field of outreach: its plain name, whether that name is plural, its marker words, and
    whether senders also seek it (a job, funding) rather than only sell it."""

    name: str
    plural: bool
    markers: tuple[str, ...] = ()
    sought: bool = False


@lru_cache(maxsize=1)
def fields() -> tuple[Field, ...]:
    """The fields of rules/_fields.yaml, in their order (the more specific first)."""
    data = _table()["fields"]
    return tuple(
        Field(
            str(f["name"]),
            bool(f["plural"]),
            tuple(str(m).lower() for m in f["markers"]),
            bool(f.get("sought", False)),
        )
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


@lru_cache(maxsize=1)
def _table() -> dict:
    return read_yaml(builtin_rules_dir() / "_fields.yaml")


@lru_cache(maxsize=1)
def works() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """What a role makes ('author': 'your books') and questions about it, from _fields.yaml."""
    return tuple(
        (str(w["marker"]), str(w["work"]), tuple(str(q) for q in w["questions"]))
        for w in _table()["works"]
    )


@lru_cache(maxsize=1)
def named_work_questions() -> tuple[str, ...]:
    return tuple(str(q) for q in _table()["named_work_questions"])


@lru_cache(maxsize=1)
def practices() -> tuple[tuple[str, str, str], ...]:
    """What a role runs ('lawyer': 'your practice') and who comes to it, from _fields.yaml."""
    rows = _table()["practices"]
    return tuple((str(r["marker"]), str(r["practice"]), str(r["audience"])) for r in rows)


def their_work(recipient: Recipient) -> tuple[str, tuple[str, ...]]:
    """What their role says they make ('your blog') and questions a first message could ask
    about it, or nothing when the role names nothing; the notes count only where they say it is
    theirs ("writes his own blog", not "the blogger")."""
    for said in (recipient.role, recipient.company, *OWNED.findall(recipient.notes)):
        said = re.sub(r"\((?:not|no)\b.*?\)", " ", " ".join(said.lower().split()))
        for marker, work, question in works():  # "(not a fitness ...)": an aside, not their work
            if re.search(WORD.format(re.escape(marker)), said):
                return work, question
    return "", ()


def their_practice(recipient: Recipient) -> tuple[str, str]:
    """What their role says they run ('your practice') and who comes to it ('clients'), or two
    empty strings."""
    role = re.sub(r"\(.*?\)", " ", " ".join(recipient.role.lower().split()))  # asides
    for marker, practice, audience in practices():
        if re.search(WORD.format(re.escape(marker)), role):
            return practice, audience
    return "", ""


DOMAIN = re.compile(r"[\w-]+(?:\.[a-z]{2,})+", re.IGNORECASE)
WRITING_VERBS = frozenset({"write", "cover", "blog", "post", "publish"})
WORKPLACE_PREPOSITIONS = frozenset({"at", "for"})
OBJECT_DEPS = frozenset({"dobj", "attr", "prep"})


def profile_work(doc: Doc) -> str:
    """What a profile sentence ("I see you run the personal website stavros.io.") says they
    make, as the thing a message can ask about instead of reciting the sentence: its name
    ("your website stavros.io", "the Code Shelter project"), their work at a named place
    ("your work at Postmark") or their writing on a topic ("your writing on sales and
    leadership"); '' when it names nothing of theirs."""
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX") and t.i > 2]
    verb = next((v for v in verbs if any(c.dep_ in OBJECT_DEPS for c in v.children)), None)
    if verb is None:
        return ""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    for obj in objects:
        named = _named(obj)
        if named:
            return named
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if prep.lower_ in WORKPLACE_PREPOSITIONS and _name_token(pobj):
            return f"your work at {_text(pobj.subtree)}"
        if verb.lemma_.lower() in WRITING_VERBS and prep.lower_ in ("about", "on"):
            return f"your writing on {_text(pobj.subtree)}"
    if objects and verb.lemma_.lower() in WRITING_VERBS:
        return f"your writing on {_text(objects[0].subtree)}"
    return ""


def _named(obj: Token) -> str:
    """The name an object carries: itself, a name beside it ('the website stavros.io'), or a
    name compounded into it ('the Code Shelter project')."""
    before = [t for t in obj.subtree if t.i < obj.i and t.dep_ in ("compound", "flat")]
    if _name_token(obj):
        return _text([*(t for t in before if _name_token(t)), obj])
    beside = next((c for c in obj.children if c.dep_ == "appos" and _name_token(c)), None)
    if beside is not None:
        return f"your {obj.lower_} {_text(beside.subtree)}"
    if before and all(_name_token(t) for t in before):
        return f"the {_text([*before, obj])}"
    return ""


def _name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" or bool(DOMAIN.fullmatch(token.text))


def _text(tokens: Iterable[Token]) -> str:
    ordered = sorted(tokens, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in ordered).strip(" .,;")


OWNED = re.compile(r"\b(?:his|her|their|own)\s+(?:[\w-]+\s+)?(\w+)", re.IGNORECASE)


def plural(phrase: str) -> bool:
    """Whether a topic phrase takes a plural verb ('explainer videos are', 'SEO is')."""
    last = phrase.split()[-1] if phrase.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "is", "us"))
