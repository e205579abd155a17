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
    from spacy.tokens import Doc, Token

# What one vocab's strings say, remembered across docs: string ids to strings; a lexeme (its
# text) to its lower case and flags, which are the lexeme's, so the same in every doc; a lemma to
# itself and its lower case. Past MAX_REMEMBERED entries (a long batch) they start again.
_MEMO: dict[str, dict] = {"strings": {}, "lexemes": {}, "lemmas": {}}
_MEMO_VOCAB: list = [None]  # the vocab they were read from (another vocab starts them again)
MAX_REMEMBERED = 200_000
_ATTRIBUTES: list[int] = []  # what tokens_of reads with Doc.to_array (spaCy imported on first use)
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
    # As signed 64-bit values: a head's offset and a non-start (-1) read as they are; a string
    # id is only ever a key of the memo.
    rows = doc.to_array(_attributes()).view("int64").tolist() if len(doc) else []
    memo = _memo(doc)
    names, lexemes, lemmas = memo
    toks: list[Tok] = []
    new = Tok.__new__
    for i, (orth, lemma, pos, tag, dep, idx, head, start) in enumerate(rows):
        try:
            lexeme, lemma_and_lower = lexemes[orth], lemmas[lemma]
            pos_, tag_, dep_ = names[pos], names[tag], names[dep]
        except KeyError:  # a string this process has not met yet
            _learn(doc[i], (orth, lemma, pos, tag, dep), memo)
            lexeme, lemma_and_lower = lexemes[orth], lemmas[lemma]
            pos_, tag_, dep_ = names[pos], names[tag], names[dep]
        tok = new(Tok)
        tok.doc, tok._token, tok.i, tok._subtree = toks, doc, i, None
        tok.children = tok.lefts = tok.rights = _NONE
        (
            tok.text, tok.lower_, tok.is_space, tok.is_punct,
            tok.is_alpha, tok.like_num, tok.is_upper, tok.is_title,
        ) = lexeme  # fmt: skip
        tok.lemma_, tok.lemma_lower = lemma_and_lower
        tok.pos_, tok.tag_, tok.dep_ = pos_, tag_, dep_
        tok.idx = idx
        tok.head = i + head  # an index, for now
        tok.is_sent_start = i == 0 or start == 1
        toks.append(tok)
    for tok in toks:  # children in token order, each list made at its first child
        head = tok.head = toks[tok.head]
        if head is tok:
            continue
        if head.children is _NONE:
            head.children = [tok]
        else:
            head.children.append(tok)
        if tok.i > head.i:
            if head.rights is _NONE:
                head.rights = [tok]
            else:
                head.rights.append(tok)
        elif head.lefts is _NONE:
            head.lefts = [tok]
        else:
            head.lefts.append(tok)
    return toks


def _learn(token: Token, ids: tuple[int, ...], memo: tuple[dict, dict, dict]) -> None:
    """Remember what spaCy says of the token's strings, by their ids (orth, lemma, pos, tag,
    dep): its lexeme's text, lower case and flags (the same in every doc), its lemma and the
    lemma's lower case, and the names of its part of speech, tag and dependency."""
    names, lexemes, lemmas = memo
    orth, lemma, pos, tag, dep = ids
    lexemes[orth] = (
        token.text, token.lower_, token.is_space, token.is_punct,
        token.is_alpha, token.like_num, token.is_upper, token.is_title,
    )  # fmt: skip
    lemmas[lemma] = (token.lemma_, token.lemma_.lower())
    names[pos], names[tag], names[dep] = token.pos_, token.tag_, token.dep_


def _attributes() -> list[int]:
    """The per-token attributes ``tokens_of`` reads with ``Doc.to_array``, in its order."""
    if not _ATTRIBUTES:
        from spacy import attrs

        _ATTRIBUTES.extend(
            [attrs.ORTH, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.IDX, attrs.HEAD,
             attrs.SENT_START]
        )  # fmt: skip
    return _ATTRIBUTES


def _memo(doc: Doc) -> tuple[dict, dict, dict]:
    """The remembered strings, lexemes and lemmas of the doc's vocab."""
    memo = _MEMO
    if _MEMO_VOCAB[0] is not doc.vocab or any(len(m) > MAX_REMEMBERED for m in memo.values()):
        for remembered in memo.values():
            remembered.clear()
        _MEMO_VOCAB[0] = doc.vocab
    return memo["strings"], memo["lexemes"], memo["lemmas"]


def sentences_of(toks: list[Tok]) -> list[Sent]:
    """The sentences, as ``Doc.sents`` splits them (a new one at each sentence start)."""
    if not toks:
        return []
    starts = [t.i for t in toks if t.is_sent_start]
    ends = [*starts[1:], len(toks)]
    return [Sent(toks, start, end) for start, end in zip(starts, ends, strict=True)]
