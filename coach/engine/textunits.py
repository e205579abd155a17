"""Whole units of a message that an edit may remove or replace: the greeting, sentences, clauses.

A fix that cuts words out of the middle of a sentence leaves a fragment ("We are of IT
optimization services."). Fixes therefore work on whole units: a sentence (without the greeting
that shares its line), or one clause of it together with its connective ("..., and we ..."). The
greeting grammar lives here too, so the fixes and the rewrite agree on what a greeting is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from coach.engine.tokens import Sent, Tok

S = TypeVar("S", "Span", "Sent")

GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening))\b"
    r"[^,!.:;\n–—-]{0,40}[,!:;.–—-]?[^\S\n]*",
    re.IGNORECASE,
)
NAME_FIRST_GREETING = re.compile(r"([A-Z][\w'’-]{1,29})\s+(?:hi|hello|hey)\s*[,!.:]\s*")
LINE_BREAK_AFTER = ".!?:,;"
CONNECTIVES = frozenset({"and", "but", "so", "yet", "or"})
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "our", "my"})


def greeting_span(text: str, body_start: int = 0) -> tuple[int, int] | None:
    """Where the draft's greeting ('Hi Tom,', 'Hello,', 'Tom Hi!') is, if it opens the body."""
    offset = body_start
    while offset < len(text) and text[offset].isspace():
        offset += 1
    head = text[offset:]
    match = GREETING.match(head) or NAME_FIRST_GREETING.match(head)
    if not match:
        return None
    end = offset + len(match.group(0).rstrip())
    if end < len(text) and text[end - 1] not in ",!:;.–—-" and text[end] != "\n":
        # "Hi there how are you" without punctuation: only a greeting when the line ends here
        return None
    return offset, end


def sentence_unit(
    doc: Doc,
    at: int,
    body_start: int = 0,
    text: str | None = None,
    sentences: Iterable[Span | Sent] | None = None,
) -> tuple[int, int]:
    """The whole sentence around ``at``: split at paragraph and hard line ends, no greeting.
    ``text`` is ``doc.text`` and ``sentences`` its sentences when the caller has them (spaCy
    joins the tokens, and makes each sentence anew, on each ask)."""
    text = doc.text if text is None else text
    start, end = at, at
    for sentence in doc.sents if sentences is None else sentences:
        if sentence.start_char <= at < sentence.end_char:
            start, end = sentence.start_char, sentence.end_char
            break
    start = base = max(start, body_start)
    for match in re.finditer(r"\n", text[base:end]):
        cut = base + match.start()
        before = text[start:cut].rstrip()
        ends_line = not before or before[-1] in LINE_BREAK_AFTER or "\n" in text[cut + 1 : cut + 2]
        if ends_line or _short_line(text, cut):
            if cut <= at:
                start = cut + 1
            else:
                end = cut
                break
    greeting = greeting_span(text, body_start)
    if greeting and greeting[0] <= start < greeting[1]:
        start = max(start, greeting[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clause_unit(
    words: Iterable[Token | Tok], text: str, start: int, end: int, sentence: tuple[int, int]
) -> tuple[int, int, str]:
    """The clause of ``sentence`` holding ``start``-``end``, with its connective; ``("", ...)``
    replacement text that re-capitalises what follows when the first clause goes. Falls back to
    the whole sentence when the sentence is one clause. ``words`` are the doc's tokens (spaCy's,
    or the check's plain ones) and ``text`` its text."""
    s_start, s_end = sentence
    tokens = [t for t in words if s_start <= t.idx < s_end]
    cuts = []  # (connective start, next clause start)
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        if token.text == ";":
            cuts.append((token.idx, following.idx))
        elif (
            token.text == ","
            and following.lower_ in CONNECTIVES
            and index + 2 < len(tokens)
            and tokens[index + 2].lower_ in SUBJECT_PRONOUNS
        ):
            cuts.append((token.idx, tokens[index + 2].idx))
    if not cuts:
        return s_start, s_end, ""
    bounds = [(s_start, None), *[(nxt, conn) for conn, nxt in cuts]]
    pieces = []
    for i, (p_start, connective) in enumerate(bounds):
        p_end = cuts[i][0] if i < len(cuts) else s_end
        pieces.append((p_start, p_end, connective))
    holder = [p for p in pieces if p[0] <= start and end <= p[1]]
    if not holder or not all(has_verb(tokens, p[0], p[1]) for p in pieces):
        return s_start, s_end, ""
    p_start, p_end, connective = holder[0]
    if connective is None:  # the first clause: the next one starts the sentence
        following = pieces[1][0]
        return p_start, following + 1, text[following].upper()
    if p_end == s_end:  # the last clause: keep the sentence's own full stop
        last = text[s_start:s_end].rstrip()
        stop = last[-1] if last and last[-1] in ".!?" else ""
        return connective, s_end, stop
    return connective, p_end, ""


def has_verb(words: Iterable[Token | Tok], start: int, end: int) -> bool:
    """Whether a verb (or auxiliary) starts between ``start`` and ``end``."""
    return any(t.pos_ in ("VERB", "AUX") for t in words if start <= t.idx < end)


def _short_line(text: str, newline: int) -> bool:
    """A line before ``newline`` that is short enough to be a heading or a greeting."""
    line_start = text.rfind("\n", 0, newline) + 1
    return len(text[line_start:newline].strip()) < 40


def body_sentences(doc: Doc, body_start: int = 0, sentences: Iterable[S] | None = None) -> list[S]:
    """The sentences after the subject line that hold more than whitespace (a token is
    whitespace exactly when ``str.isspace`` says so: cheaper than joining each sentence's
    text). ``sentences`` are the doc's own (``tokens.sentences_of``) when the caller has them."""
    sents = doc.sents if sentences is None else sentences
    return [s for s in sents if s.end_char > body_start and not all(t.is_space for t in s)]
