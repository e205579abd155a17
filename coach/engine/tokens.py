"""One parsed message's tokens as plain Python objects, read from the spaCy doc once per check.

Every ``token.lower_``, ``token.head`` or ``token.children`` of a spaCy ``Token`` is a call into
Cython that builds a new ``Token`` (and looks its string up), and the speech-act reading asks
such questions thousands of times per message. ``tokens_of`` reads the attributes once, in one
``Doc.to_array`` call, into ``Tok`` objects that answer the same questions by the same names
(``lower_``, ``lemma_``, ``pos_``, ``tag_``, ``dep_``, ``head``, ``children``, ``lefts``,
``subtree``, ``left_edge``, ``right_edge``, ``is_sent_start`` ...) with the same values, and
``sentences_of`` gives the sentences as ``Sent`` objects that read like ``Span``. Each ``Tok``'s
``doc`` is the list of all of them, so ``tok.doc[i]`` reads as it would on a ``Doc``.
tests/test_engine_speed.py pins every attribute against spaCy's own on the corpora.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_STRINGS: dict[int, str] = {}  # string ids to strings, shared by every doc of the vocab
_LOWERED: dict[int, str] = {}  # lemma ids to the lemma in lower case
MAX_REMEMBERED = 200_000  # strings kept in each of those; past it they start again (a long batch)
_NONE: tuple[Tok, ...] = ()  # no children (most tokens have none: no list made for them)


class Tok:
    """One token: the attributes the act reading asks for, as plain values."""

    __slots__ = (
        "_subtree",
        "_token",
        "children",
        "dep_",
        "doc",
        "head",
        "i",
        "idx",
        "is_alpha",
        "is_punct",
        "is_sent_start",
        "is_space",
        "is_title",
        "is_upper",
        "lefts",
        "lemma_",
        "lemma_lower",
        "like_num",
        "lower_",
        "pos_",
        "rights",
        "tag_",
        "text",
    )

    # Made by ``tokens_of`` only, which sets every slot: ``_token`` is the spaCy doc (for the
    # rarely asked edges); ``children``, ``lefts`` and ``rights`` are in token order, as spaCy
    # has them; ``_subtree`` is made on first ask.

    def __repr__(self) -> str:
        return self.text

    @property
    def subtree(self) -> list[Tok]:
        """As spaCy walks it: the left children's subtrees, the token, the right ones' (made
        once per token)."""
        if self._subtree is None:
            below: list[Tok] = []
            for child in self.lefts:
                below.extend(child.subtree)
            below.append(self)
            for child in self.rights:
                below.extend(child.subtree)
            self._subtree = below
        return self._subtree

    @property
    def left_edge(self) -> Tok:
        return self.doc[self._token[self.i].left_edge.i]

    @property
    def right_edge(self) -> Tok:
        return self.doc[self._token[self.i].right_edge.i]


class Sent:
    """One sentence: its token range and characters, iterable like a ``Span``."""

    __slots__ = ("doc", "end", "end_char", "start", "start_char")

    def __init__(self, doc: list[Tok], start: int, end: int) -> None:
        self.doc = doc
        self.start, self.end = start, end
        last = doc[end - 1]
        self.start_char, self.end_char = doc[start].idx, last.idx + len(last.text)

    def __iter__(self) -> Iterator[Tok]:
        return iter(self.doc[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start


def tokens_of(doc: Doc) -> list[Tok]:
    """The doc's tokens, read in one pass (heads and children from the parse when it has one)."""
    from spacy import attrs

    attributes = [
        attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.IDX,
        attrs.IS_SPACE, attrs.IS_PUNCT, attrs.HEAD, attrs.SENT_START, attrs.IS_ALPHA,
        attrs.LIKE_NUM, attrs.IS_UPPER, attrs.IS_TITLE,
    ]  # fmt: skip
    rows = doc.to_array(attributes).tolist() if len(doc) else []  # unsigned 64-bit values
    names = _STRINGS
    if len(names) > MAX_REMEMBERED or len(_LOWERED) > MAX_REMEMBERED:
        names.clear()
        _LOWERED.clear()
    strings = doc.vocab.strings
    lowered = _LOWERED
    toks: list[Tok] = []
    new = Tok.__new__
    for i, row in enumerate(rows):
        orth, lower, lemma, pos, tag, dep, idx, space, punct, head, start = row[:11]
        alpha, num, upper, title = row[11:]
        known = orth in names and lower in names and lemma in names
        if not (known and pos in names and tag in names and dep in names):
            for value in row[:6]:  # a string this process has not met yet
                if value not in names:
                    names[value] = strings[value]
        tok = new(Tok)
        tok.doc, tok._token, tok.i, tok._subtree = toks, doc, i, None
        tok.children = tok.lefts = tok.rights = _NONE
        tok.text, tok.lower_, tok.lemma_ = names[orth], names[lower], names[lemma]
        if lemma not in lowered:
            lowered[lemma] = tok.lemma_.lower()
        tok.lemma_lower = lowered[lemma]
        tok.pos_, tok.tag_, tok.dep_ = names[pos], names[tag], names[dep]
        tok.idx, tok.is_space, tok.is_punct = idx, space == 1, punct == 1
        tok.is_alpha, tok.like_num, tok.is_upper, tok.is_title = (
            alpha == 1, num == 1, upper == 1, title == 1,
        )  # fmt: skip
        tok.head = i + (head - 2**64 if head >= 2**63 else head)  # an index, for now
        tok.is_sent_start = i == 0 or start == 1  # -1 (not a start) wraps around too
        toks.append(tok)
    for tok in toks:
        head = tok.head = toks[tok.head]
        if head is not tok:
            head.children = [*head.children, tok]
            if tok.i < head.i:
                head.lefts = [*head.lefts, tok]
            else:
                head.rights = [*head.rights, tok]
    return toks


def sentences_of(toks: list[Tok]) -> list[Sent]:
    """The sentences, as ``Doc.sents`` splits them (a new one at each sentence start)."""
    if not toks:
        return []
    starts = [t.i for t in toks if t.is_sent_start]
    ends = [*starts[1:], len(toks)]
    return [Sent(toks, start, end) for start, end in zip(starts, ends, strict=True)]
