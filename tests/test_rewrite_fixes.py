"""Per-finding fixes keep the text whole: every fix offered on every row of both corpora.

After one fix is applied, the sentences around it still have a verb, no doubled space or
punctuation appears, the greeting is where it was, and the finding the fix was for is gone.
"""

from __future__ import annotations

import re

import pytest

from coach.engine import Context, Recipient
from coach.engine.rewrite import apply_edits
from coach.engine.textunits import greeting_span, has_verb
from tests.conftest import CORPUS, corpus_rows, row_context

REAL = CORPUS.parent / "real.csv"
ROWS = [("dev", r) for r in corpus_rows()] + [("real", r) for r in corpus_rows(REAL)]
DOUBLED = re.compile(r"[^\S\n]{2,}|([,.;:!?])[^\S\n]*\1|[,;:][^\S\n]*[.!?]|[^\S\n]+[,.;:!?]")


def _doubled(text: str) -> int:
    return len(DOUBLED.findall(text))


def _cases():
    for corpus, row in ROWS:
        yield pytest.param(row, id=f"{corpus}-{row['id']}")


@pytest.mark.parametrize("row", list(_cases()))
def test_every_fix_keeps_the_text_whole(coach, row):
    context = row_context(row)
    text = row["message"]
    report = coach.check(text, context)
    greeting = greeting_span(text, _body_start(text))
    for finding in report.findings:
        edit = finding.edit
        if edit is None:
            continue
        fixed = apply_edits(text, [edit])
        where = f"{finding.rule_id}: {text!r} -> {fixed!r}"
        assert _doubled(fixed) <= _doubled(text), where
        if greeting and edit.start >= greeting[1]:
            assert fixed.startswith(text[: greeting[1]]), where
        elif greeting:  # a fix of the greeting itself (a wrong name, a merge field)
            assert greeting_span(fixed, _body_start(fixed)), where
        doc = coach.parse(fixed)
        swap = edit.replacement and not edit.replacement.rstrip().endswith((".", "!", "?"))
        lo, hi = edit.start, edit.start + len(edit.replacement)
        for sentence in doc.sents:
            touches = sentence.start_char <= hi and lo <= sentence.end_char
            piece = sentence.text.strip()
            if not touches or not piece or piece in text:
                continue  # an untouched sentence of the draft, as it was written
            body = piece
            if greeting and sentence.start_char <= greeting[0]:
                body = piece[greeting[1] - greeting[0] :].strip()
            if any(c.isalpha() for c in body) and not swap:  # a swapped word keeps the syntax
                assert has_verb(doc, sentence.start_char, sentence.end_char), where
        after = coach.check(fixed, context)
        before = sum(f.rule_id == finding.rule_id for f in report.findings)
        now = sum(f.rule_id == finding.rule_id for f in after.findings)
        assert now < before, where


def _body_start(text: str) -> int:
    match = re.match(r"\A[ \t]*subject[ \t]*:[^\n]*\n?", text, re.IGNORECASE)
    return match.end() if match else 0


@pytest.mark.parametrize(
    ("draft", "fixed"),
    [
        (
            "Hi Tom, we are the leading provider of IT optimization services. "
            "Your talk on patch windows was great.",
            "Hi Tom, your talk on patch windows was great.",
        ),
        (
            "Hi Dana, I'd love to hear about your IT priorities over the next year. "
            "Your post on thin clients was useful.",
            "Hi Dana, your post on thin clients was useful.",
        ),
    ],
)
def test_a_fix_removes_the_whole_sentence_and_keeps_the_greeting(coach, draft, fixed):
    context = Context(recipient=Recipient(first_name=""))
    report = coach.check(draft, context)
    edits = [f.edit for f in report.findings if f.edit and f.edit.start < 60]
    assert edits, [f.rule_id for f in report.findings]
    assert apply_edits(draft, edits[:1]) == fixed


def test_a_fix_never_leaves_the_phrase_fragment(coach):
    draft = "Hi Tom, we are the leading provider of IT optimization services."
    report = coach.check(draft, Context(recipient=Recipient(first_name="Tom")))
    for finding in report.findings:
        if finding.edit:
            assert "We are of" not in apply_edits(draft, [finding.edit])
            assert "we are of" not in apply_edits(draft, [finding.edit])


def test_a_deletion_that_recases_the_next_word_is_described_as_a_deletion(coach):
    text = "Hi Dana, I hope this finds you well. Our company offers the best VDI platform."
    report = coach.check(text)
    edits = [f.edit for f in report.findings if f.edit is not None]
    recasing = [e for e in edits if e.recases(text)]
    assert recasing, edits
    quote, action = recasing[0].describe(text)
    assert (quote, action) == ("I hope this finds you well.", "delete")
    assert recasing[0].apply(text).startswith("Hi Dana, our company")
