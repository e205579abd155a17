"""spaCy's lemmatizer, by lookups: each distinct word form is lemmatized once.

spaCy's rule lemmatizer walks a doc token by token in Python: it builds a ``Token``, reads its
part of speech and morphology, looks its cache up (or runs the rules; a word in its base form
is never cached) and sets ``token.lemma_``: 0.12 ms of a connection note's ~3.5 ms parse, more
than the tagger. What it gives a token depends only on the token's text, part of speech and
morphology, so ``IndexedLemmatizer`` reads those columns of the doc at once, asks spaCy's own
``lemmatize`` once per new (text, part of speech, morphology) and writes the lemmas back as one
array: the same lemma for every token, in a fifth of the time. Only lemmatizers whose answer is
such a function are indexed (spaCy's ``Lemmatizer`` in its ``rule`` or ``lookup`` mode); any
other component runs as it is. tests/test_lemmas.py compares every token with spaCy's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

INDEXED_MODES = ("rule", "lookup")
MAX_REMEMBERED = 200_000  # word forms kept; past it they start again (a long batch)


def indexed(component: Any) -> Any:
    """The component to run in its place: a lemmatizer by lookups, anything else as it is."""
    from spacy.pipeline import Lemmatizer

    if isinstance(component, Lemmatizer) and getattr(component, "mode", None) in INDEXED_MODES:
        return IndexedLemmatizer(component)
    return component


class IndexedLemmatizer:
    """Runs like the lemmatizer it wraps (``doc = step(doc)``, ``step.pipe(docs)``)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}  # (text, POS, morphology) -> lemma

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not getattr(lemmatizer, "_validated", False) or not len(doc):  # first doc: spaCy's
            return lemmatizer(doc)
        if len(self.known) > MAX_REMEMBERED:
            self.known.clear()
        known, strings = self.known, doc.vocab.strings
        lemmas = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(lemmas.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue  # set before (the attribute ruler's exceptions): kept, as spaCy keeps it
            found = known.get((orth, pos, morph))
            if found is None:
                found = known[orth, pos, morph] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i, 3] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas[:, 3:])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
