"""The attribute ruler's lookups find exactly the matches spaCy's own Matcher finds, so every
token gets the same tag, part of speech, morphology and lemma (speed: ``make bench``)."""

from __future__ import annotations

import spacy

from coach.engine.attribute_ruler import IndexedMatch, index_attribute_ruler, simple_conditions
from coach.engine.nlp import load_pipeline
from tests.conftest import every_message

# Words the ruler's word patterns are about, and whitespace tokens, beside the corpora.
EXTRA = [
    "I ain't gonna do it, y'all. Let's go, c'mon, we gotta ship nothin' today.",
    "There is a cat and there are two dogs. Is there a third?  \n\n  Which one's yours?",
    "WHAT THE HECK IS THIS??? lol :) #hashtag @user https://example.com 15% $300/mo",
]


def _texts() -> list[str]:
    return every_message(*EXTRA)


def test_the_lookups_find_the_matchers_matches(spacy_nlp):
    ruler = spacy_nlp.get_pipe("attribute_ruler")
    indexed = IndexedMatch(ruler)
    docs = spacy_nlp.pipe(_texts(), disable=["attribute_ruler", "lemmatizer", "ner"])
    checked = 0
    for doc in docs:
        assert indexed(doc) == type(ruler).match(ruler, doc), doc.text
        checked += 1
    assert checked > 300


def test_every_token_reads_as_spacy_reads_it(spacy_nlp):
    ours = load_pipeline()
    assert isinstance(ours.get_pipe("attribute_ruler").match, IndexedMatch)
    texts = _texts()
    for theirs, mine in zip(spacy_nlp.pipe(texts), ours.pipe(texts), strict=True):
        for a, b in zip(theirs, mine, strict=True):
            assert (a.tag_, a.pos_, str(a.morph), a.lemma_) == (
                b.tag_,
                b.pos_,
                str(b.morph),
                b.lemma_,
            ), (a.text, theirs.text)


def test_only_one_token_patterns_of_plain_conditions_are_looked_up():
    assert simple_conditions([{"TAG": "NN"}]) is not None
    assert simple_conditions([{"LOWER": {"IN": ["a", "b"]}, "DEP": {"NOT_IN": ["det"]}}])
    assert simple_conditions([{"LOWER": {"REGEX": "^y'?$"}}]) is not None
    assert simple_conditions([{"IS_SPACE": True}]) is not None
    assert simple_conditions([{"LOWER": "gon"}, {"LOWER": "na"}]) is None  # two tokens
    assert simple_conditions([{"LOWER": "a", "OP": "?"}]) is None  # an operator
    assert simple_conditions([{"LEMMA": "be"}]) is None  # not a column the lookups read
    assert simple_conditions([{"LENGTH": {">=": 3}}]) is None
    assert simple_conditions([{}]) is None


def test_patterns_added_later_are_matched_too():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"NORM": "going"}, index=0)
    index_attribute_ruler(nlp)
    assert isinstance(ruler.match, IndexedMatch)
    ruler.add([[{"LOWER": "frobnicate"}]], {"NORM": "FROB"})
    assert [t.norm_ for t in nlp("gon na frobnicate")] == ["going", "na", "FROB"]
    ruler.from_bytes(ruler.to_bytes())  # a new Matcher under the same ruler
    assert [t.norm_ for t in nlp("frobnicate")] == ["FROB"]


def test_a_pattern_spacy_accepts_unvalidated_is_matched_as_spacy_matches_it():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": "xy"}}, {"lower": "z"}]], {"NORM": "ZZ"})  # no list, lower case
    doc = nlp.make_doc("x z y z")
    expected = type(ruler).match(ruler, doc)
    index_attribute_ruler(nlp)
    assert ruler.match(doc) == expected
    assert [t.norm_ for t in nlp("x z y z")] == ["ZZ", "z", "ZZ", "z"]
