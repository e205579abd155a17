"""The lemmatizer by lookups gives every token the lemma spaCy's own lemmatizer gives it
(speed: ``make bench``)."""

from __future__ import annotations

from coach.engine import Coach
from coach.engine.lemmas import IndexedLemmatizer, indexed
from tests.conftest import every_message

EXTRA = [
    "I ain't gonna do it, y'all. Let's go, c'mon, we gotta ship nothin' today.",
    "Was he being better? The best-laid plans were written; she's WRITING again.  \n\n ok",
    "",
]


def _read(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_the_checks_pipeline_lemmatizes_as_spacy_does(spacy_nlp):
    coach = Coach()
    steps = dict(zip(coach.runner.names, coach.runner.steps, strict=True))
    assert isinstance(steps["lemmatizer"], IndexedLemmatizer)
    texts = every_message(*EXTRA)
    for text, theirs in zip(texts, spacy_nlp.pipe(texts, disable=["ner"]), strict=True):
        assert _read(coach.runner(text)) == _read(theirs), text
    for text, (doc, _) in zip(texts, coach.runner.pipe((t, None) for t in texts), strict=True):
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in spacy_nlp(text, disable=["ner"])]


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
