"""The offer topic a rewrite puts in the sender's words is a whole, well-spelt noun phrase: not
the modifier of a noun further on, not a redacted or unfilled field, not a typo."""

from __future__ import annotations

import pytest

from coach.engine import Context, Sender
from coach.engine.pronunciations import misspelt
from coach.engine.rewrite.purpose import offer_topic


def _topic(coach, text: str) -> str:
    report = coach.check(text, Context(platform="email"))
    found = offer_topic(coach.parse(text), report, Sender())
    return found.phrase if found else ""


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # the run "post COVID" ends at a comma but describes "world", a generic head
        ("We help brands grow in the post COVID, inflation-ridden world.", "COVID"),
        # a redaction of the charity's name, as the page that quotes the email left it
        ("My name is Jenny and I work at <campaigning animal charity>. We would like to offer "
         "you a guest post.", "charity"),
        ("I've been doing some research on product developmeny and would love to help your "
         "team with it.", "developmeny"),
    ],
)  # fmt: skip
def test_no_topic_is_taken_from_a_modifier_a_redaction_or_a_typo(coach, text, unwanted):
    assert unwanted not in _topic(coach, text)


def test_a_list_of_adjectives_before_the_phrase_is_skipped_not_fatal(coach):
    text = "At Freshbox we deliver sustainable, compostable packaging at scale for food brands."
    assert _topic(coach, text) == "compostable packaging"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("We help teams of <50 people automate payroll processing.", "payroll processing"),
        ("We produce webinars for B2B software companies.", "webinars"),
        ("We run fulfilment operations for DTC brands.", "fulfilment operations"),
    ],
)
def test_a_comparison_a_plural_or_a_british_word_is_still_a_topic(coach, text, topic):
    assert _topic(coach, text) == topic


def test_a_typo_is_a_word_one_letter_from_a_listed_one():
    assert misspelt("developmeny") and misspelt("managment") and misspelt("recieve")
    assert not misspelt("development") and not misspelt("compostable")  # rare, no neighbour
    assert not misspelt("optimisation") and not misspelt("labelling")  # British spelling
    assert not misspelt("colour") and not misspelt("programme") and not misspelt("centre")
    assert not misspelt("teh")  # four letters or fewer: too close to too many words
    assert misspelt("buisness") and misspelt("pipline")  # two letters turned, one missing
    assert not misspelt("webinars") and not misspelt("ecommerce")  # a letter more at an end
    assert not misspelt("fulfilment") and not misspelt("sceptical") and not misspelt("ageing")
    assert not misspelt("naïve")  # only a-z words are judged
