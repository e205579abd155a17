"""Recipient notes read with the parse: negated facts and needs already met are never references."""

from __future__ import annotations

import pytest

from coach.engine import Context, Recipient
from coach.engine.nlp import load_pipeline
from coach.engine.notes_facts import read_notes, term_key


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("notes", "ruled_out", "kept"),
    [
        (
            "Writes about payroll and compliance, not recruiting or benefits.",
            ["recruiting", "benefits"],
            ["payroll", "compliance"],
        ),
        ("Does not use Oracle.", ["Oracle"], []),
        ("Her shop is not about vinyl or turntables.", ["vinyl", "turntables"], ["shop"]),
        ("Has never covered crypto or fintech.", ["crypto", "fintech"], []),
        ("Already bought a CRM that does everything they need.", ["CRM"], []),
        ("Finished the migration away from Zendesk last spring.", ["Zendesk"], []),
        ("The podcast has nothing to do with cars or insurance.", ["cars", "insurance"], []),
    ],
)
def test_negated_facts_are_negative_terms_not_positive_ones(nlp, notes, ruled_out, kept):
    facts = read_notes(nlp(notes))
    for word in ruled_out:
        assert term_key(nlp(word)[0].lemma_) in facts.negative, (word, facts)
        assert term_key(nlp(word)[0].lemma_) not in facts.terms
    for word in kept:
        assert term_key(nlp(word)[0].lemma_) in facts.terms, (word, facts)


def test_other_clauses_beside_a_negation_stay_positive(nlp):
    facts = read_notes(nlp("Already connected; after a GIS meetup she asked for a zoning map."))
    assert "meetup" in facts.terms
    assert "meetup" not in facts.negative


def test_what_the_notes_say_about_the_message_itself_is_no_fact_of_theirs(nlp):
    facts = read_notes(nlp("Runs a bakery. The sender calls her a leading fintech innovator."))
    assert "bakery" in facts.terms
    assert term_key("fintech") not in facts.terms


def _check(coach, text, notes, platform="linkedin-message"):
    return coach.check(text, Context(platform=platform, recipient=Recipient(notes=notes)))


def test_a_negated_fact_in_the_notes_is_wrong_audience_not_a_reference(coach):
    report = _check(
        coach,
        "We help hospitals cut their Oracle licensing costs.",
        "Moved off Oracle two years ago; writes about hospital procurement.",
    )
    assert "wrong-audience" in report.problems
    assert not [f for f in report.findings if f.rule_id == "value.reference-notes"]


def test_generic_words_shared_with_the_notes_are_no_reference(coach):
    notes = "Writes a marketing blog about business growth on LinkedIn."
    report = _check(coach, "Saw your LinkedIn profile, love your marketing business blog!", notes)
    assert not [f for f in report.findings if f.rule_id == "value.reference-notes"]


def test_a_specific_fact_of_theirs_said_of_them_is_a_reference(coach):
    notes = "Wrote about cold-storage sensor drift in reefer containers."
    report = _check(coach, "Your piece on sensor drift in reefer containers was sharp.", notes)
    assert [f for f in report.findings if f.rule_id == "value.reference-notes"]


def test_a_remark_about_the_page_does_not_hide_the_fact_beside_it(nlp):
    facts = read_notes(nlp("He is not a CIO; the page quotes only the opening of this email."))
    assert "cio" in facts.negative
    facts = read_notes(nlp("Has never covered whey protein; the page quotes the headline."))
    assert term_key("protein") in facts.negative
