"""The lemmatizer by lookups gives every token the lemma spaCy's own lemmatizer gives it
(speed: ``make bench``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from coach.engine import Coach
from coach.engine.lemmas import IndexedLemmatizer, indexed
from coach.engine.nlp import candidate_models, installed
from tests.conftest import CORPUS, REAL, corpus_rows

DATA = Path(__file__).parent / "data"
EXTRA = [
    "I ain't gonna do it, y'all. Let's go, c'mon, we gotta ship nothin' today.",
    "Was he being better? The best-laid plans were written; she's WRITING again.  \n\n ok",
    "",
]


@pytest.fixture(scope="module")
def spacy_nlp():
    name = next(c for c in candidate_models("en_core_web_sm") if installed(c))
    return spacy.load(name, exclude=["ner"])


def _texts() -> list[str]:
    files = [CORPUS, REAL, *sorted(DATA.glob("*.csv"))]
    return [row["message"] for path in files for row in corpus_rows(path)] + EXTRA


def _read(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_the_checks_pipeline_lemmatizes_as_spacy_does(spacy_nlp):
    coach = Coach()
    steps = dict(zip(coach.runner.names, coach.runner.steps, strict=True))
    assert isinstance(steps["lemmatizer"], IndexedLemmatizer)
    texts = _texts()
    for text, theirs in zip(texts, spacy_nlp.pipe(texts), strict=True):
        assert _read(coach.runner(text)) == _read(theirs), text
    for text, (doc, _) in zip(texts, coach.runner.pipe((t, None) for t in texts), strict=True):
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in spacy_nlp(text)], text


def test_a_lemmatizer_that_overwrites_lemmas_is_indexed_alike(spacy_nlp):
    lemmatizer = spacy_nlp.get_pipe("lemmatizer")
    fast = indexed(lemmatizer)
    lemmatizer.overwrite = True
    try:
        for text in EXTRA[:2]:
            doc = spacy_nlp(text, disable=["lemmatizer"])
            expected = [t.lemma_ for t in lemmatizer(doc.copy())]
            assert [t.lemma_ for t in fast(doc.copy())] == expected, text
    finally:
        lemmatizer.overwrite = False
    ruled = spacy_nlp(EXTRA[0], disable=["lemmatizer"])
    assert any(t.lemma for t in ruled)  # lemmas the attribute ruler set: kept unless overwritten


def test_other_components_run_as_they_are(spacy_nlp):
    tagger = spacy_nlp.get_pipe("tagger")
    assert indexed(tagger) is tagger
