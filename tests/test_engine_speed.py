"""The fast paths of a check find exactly what their slow twins find (speed is measured in
``make bench``, never here)."""

from __future__ import annotations

from spacy.strings import get_string_id

from coach.engine.kinds.anchors import (
    AnchorIndex,
    Words,
    anchors,
    lined_up,
    longest,
    runs,
)
from coach.engine.kinds.regex_words import caseless, inert, lowered, needed, prefilter
from coach.engine.kinds.regex_words import may_match as regex_may_match
from coach.engine.tokens import sentences_of, tokens_of
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
    index = AnchorIndex()
    index.add([{"LOWER": "we"}, {"OP": "*"}, {"LEMMA": "help"}])
    index.add([{"LOWER": "we"}, {"OP": "*"}, {"LEMMA": "sell"}])
    index.add([{"POS": "NOUN"}])  # nothing to test: always run
    index.add([{"LOWER": {"IN": ["they", "we"]}}, {"OP": "*"}, {"LEMMA": "help"}])
    words = Words(coach.parse("We helped them."))
    assert [number for number, _ in index.passing(words)] == [0, 2, 3]


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


def test_anchors_in_a_run_of_single_tokens_must_line_up(coach):
    pattern = [
        {"LOWER": "you"},
        {"TAG": "VBD", "LEMMA": {"NOT_IN": ["be"]}},
        {"LOWER": "so", "OP": "?"},
        {"LOWER": "much"},
        {"OP": "!", "LOWER": "x"},
        {"LEMMA": "fun"},
    ]
    you, past, much, fun = (get_string_id(w) for w in ("you", "VBD", "much", "fun"))
    assert runs(pattern) == (
        ((0, 0, frozenset({you})), (1, 3, frozenset({past}))),
        ((0, 0, frozenset({much})), (2, 1, frozenset({fun}))),
    )
    (first, _) = runs(pattern)
    assert runs([{"LOWER": {"IN": ["i", "we"]}}, {"LEMMA": "help"}]) == (  # rarest first
        (
            (1, 1, frozenset({get_string_id("help")})),
            (0, 0, frozenset(get_string_id(w) for w in ("i", "we"))),
        ),
    )
    for text, lined in (("I think you wrote it.", True), ("You know, I wrote it.", False)):
        doc = coach.parse(text)
        yous = [token.i for token in doc if token.lower_ == "you"]  # the run's first anchor
        assert lined_up(first, Words(doc), yous) is lined


def test_a_window_without_every_anchor_is_dropped(coach):
    index = AnchorIndex()
    index.add([{"LOWER": "your"}, {"OP": "?"}, {"LEMMA": "post"}])
    words = Words(coach.parse("Your posts on pricing were sharp, and I met your boss."))
    assert index.passing(words) == [(0, [(0, 3)])]  # the second "your" has no post near it
    assert index.passing(Words(coach.parse("Your team wrote a post, and I met your boss."))) == []


def test_plain_tokens_read_what_spacy_reads(coach):
    checked = 0
    for row in corpus_rows(CORPUS) + corpus_rows(REAL):
        doc = coach.parse(row["message"])
        toks = tokens_of(doc)
        for tok, token in zip(toks, doc, strict=True):
            for name in ("text", "lower_", "lemma_", "pos_", "tag_", "dep_", "idx", "i"):
                assert getattr(tok, name) == getattr(token, name), (name, row["message"])
            for name in ("is_space", "is_punct", "is_alpha", "like_num", "is_upper", "is_title"):
                assert getattr(tok, name) is getattr(token, name), (name, row["message"])
            assert bool(tok.is_sent_start) == bool(token.is_sent_start)
            assert tok.head.i == token.head.i
            for name in ("children", "lefts", "rights", "subtree"):
                assert [t.i for t in getattr(tok, name)] == [t.i for t in getattr(token, name)]
            assert (tok.left_edge.i, tok.right_edge.i) == (token.left_edge.i, token.right_edge.i)
            checked += 1
        ours = [(s.start, s.end, s.start_char, s.end_char) for s in sentences_of(toks)]
        assert ours == [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    assert checked > 5000


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


def test_a_regex_is_skipped_only_when_it_cannot_match(coach):
    digits = frozenset("0123456789")
    saving, alternatives = needed(r"\b(?:save|saving|cut)\s+\d+%")
    assert alternatives == ()  # one word each: the group of them all says as much
    assert saving[0] == frozenset({"save", "saving", "cut"})  # the most selective group first
    assert set(saving) == {frozenset({"save", "saving", "cut"}), frozenset({"%"}), digits}
    our = needed(r"\bour\s+(?:fee|rate)s?\b")
    assert our == ((frozenset({"our"}), frozenset({"fee", "rate"})), ())
    price = needed(r"(?:[$€]\s?\d+/mo|\bvery\s+low\s+rates?)\b")  # alternatives of two parts
    assert price == (
        (frozenset({"/mo", "very"}),),
        ((frozenset({"/mo"}), frozenset("$€"), digits), ({"very"}, {"rate"}, {"low"})),
    )
    assert regex_may_match(prefilter(price), "at very low rates, more or less")
    assert not regex_may_match(prefilter(price), "very nice, no more than 5 rates")
    test, _ = prefilter((saving, ()))
    assert regex_may_match((test, ()), "we cut 15% of it")
    assert not regex_may_match((test, ()), "we cut it")
    single = {search.pattern for search in test[:2]}
    assert single == {"%", "|".join(sorted(digits))}  # single characters: searched first
    seen = {}
    assert not regex_may_match((test, ()), "we cut it", seen) and seen == {test[0]: False}
    again, _ = prefilter(((frozenset(test[0].pattern.split("|")),), ()))
    assert again[0] is test[0]  # one search per group, for every expression
    assert not regex_may_match(((test[0],), ()), "1%", seen)  # answered from seen
    for unsafe in (
        r"[[a-z]--[aeiou]]x",
        r"(?i)abc",
        r"colou?r{e<=1}",
        r"\p{Lu}x",
        "café",
        r"\u017f",
        "[\\u212ak]ey",  # the Kelvin sign: "k" when case is ignored
    ):
        assert needed(unsafe) is None, unsafe  # syntax of the regex module only, or a letter
    assert needed(r"[$€]\s?\d+/mo") == ((frozenset({"/mo"}), frozenset("$€"), digits), ())
    for text in ("Saw your talk – “great” 👋", "Café owners", "ASCII"):
        assert lowered(text) == text.lower()
    for text in ("ſave 10%", "\u212aPI", "ﬁrst", "straße", "save ٣%"):
        assert lowered(text) is None, text  # ignoring case or \d sees ASCII in these
    assert regex_may_match(None, "anything") and regex_may_match(
        prefilter(((frozenset({"x"}),), ())), None
    )
    matchers = coach.compiled
    skipped = 0
    for row in corpus_rows(CORPUS) + corpus_rows(REAL):
        text, seen = row["message"], {}
        for key, patterns in matchers.regexes.items():
            for pattern, words in zip(patterns, matchers.regex_words[key], strict=True):
                if not regex_may_match(words, lowered(text), seen):
                    assert pattern.search(text) is None, (pattern.pattern, text)
                    skipped += 1
    assert skipped > 0.4 * 108 * sum(len(p) for p in matchers.regexes.values())  # half, now


def test_a_character_beyond_ascii_is_inert_only_where_no_regex_sees_ascii_in_it():
    import sys

    import regex

    ascii_or_digit = regex.compile(r"[\x00-\x7f]|\d", regex.IGNORECASE | regex.VERSION1)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if inert(char):
            assert ascii_or_digit.search(char) is None, hex(code)
            assert not any(c.isascii() for c in char.lower()), hex(code)
        for other in {char.lower(), char.upper(), char.title(), char.casefold()} - {char}:
            assert not (len(other) == 1 and caseless(other)), hex(code)  # it matches only itself


def test_the_quick_tests_of_links_and_emoji_keep_every_match():
    from coach.engine.kinds.metric import EMOJI, LINK, LINK_MARK

    texts = [row["message"] for row in corpus_rows(CORPUS) + corpus_rows(REAL)]
    texts += ["See HTTPS://x.y", "WWW.Acme.example", "acme.IO/pricing", "ok 👋", "a.comb c"]
    linked = 0
    for text in texts:
        if LINK.search(text):
            linked += 1
            assert LINK_MARK.search(text), text
        if EMOJI.search(text):
            assert not text.isascii(), text
    assert linked >= 6
