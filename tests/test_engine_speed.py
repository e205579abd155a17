"""The fast paths of a check find exactly what their slow twins find (speed is measured in
``make bench``, never here)."""

from __future__ import annotations

from spacy.strings import get_string_id

from coach.engine.kinds.anchors import AnchorIndex, Words, anchors, longest, may_match
from tests.conftest import CORPUS, REAL, corpus_rows


def test_only_tokens_that_must_match_are_anchors():
    pattern = [
        {"LOWER": {"IN": ["we", "i"]}},
        {"IS_ALPHA": True, "OP": "?"},
        {"lemma": "help", "op": "+"},
        {"LOWER": "you", "OP": "*"},
        {"LOWER": {"NOT_IN": ["."]}},
        {"POS": "NOUN"},
    ]
    assert anchors(pattern) == (
        (0, frozenset({get_string_id("we"), get_string_id("i")})),
        (1, frozenset({get_string_id("help")})),
    )


def test_a_pattern_is_kept_only_when_every_anchor_is_in_the_doc(coach):
    words = Words(coach.parse("We helped them."))
    assert may_match(anchors([{"LOWER": "we"}, {"LEMMA": "help"}]), words)
    assert not may_match(anchors([{"LOWER": "we"}, {"LEMMA": "sell"}]), words)
    assert may_match(anchors([{"POS": "NOUN"}]), words)  # nothing to test: always run


def test_a_bounded_pattern_runs_only_around_its_anchor(coach):
    assert longest([{"LOWER": "a"}, {"OP": "?"}, {"OP": "{0,3}"}, {"OP": "!"}]) == 6
    assert longest([{"LOWER": "a"}, {"POS": "NOUN", "OP": "+"}]) is None
    assert longest([{"LOWER": "a", "OP": "{2,}"}]) is None
    index = AnchorIndex()
    index.add([{"LOWER": "we"}, {"LEMMA": "help"}])
    index.add([{"LOWER": "we"}, {"POS": "VERB", "OP": "*"}])
    index.add([{"LOWER": "nobody"}])
    doc = coach.parse("So we helped them, and later we helped you and them again and again.")
    # "we" (the first of two one-value anchors) at 1 and 7; a match is at most 2 tokens
    assert index.passing(Words(doc)) == [(0, [(0, 3), (6, 9)]), (1, [(0, len(doc))])]


def test_prefiltered_token_patterns_find_what_one_matcher_of_them_all_finds(coach):
    matchers = coach.compiled
    strings = coach.nlp.vocab.strings
    skipped = matched = 0
    for row in corpus_rows(CORPUS) + corpus_rows(REAL):
        doc = coach.parse(row["message"])
        slow = {(strings[k], s, e) for k, s, e in matchers.tokens(doc)}
        kept = matchers.token_matchers(doc)
        fast = {
            (strings[k], first + s, first + e)
            for matcher, windows in kept
            for first, last in windows
            for k, s, e in matcher(doc[first:last])
        }
        assert fast == slow, row["message"]
        skipped += len(matchers.token_patterns) - len(kept)
        matched += len(slow)
    assert matched > 50  # the corpora exercise the patterns
    assert skipped > 0.8 * len(matchers.token_patterns) * 108  # and most are skipped
