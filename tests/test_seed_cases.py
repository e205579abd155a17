"""The issue's seed cases, written afresh (not corpus rows): each placed where it belongs."""

from __future__ import annotations

import pytest

from coach.engine import Context, Recipient


def _check(coach, text, platform="linkedin-connection", notes=""):
    return coach.check(text, Context(platform=platform, recipient=Recipient(notes=notes)))


def test_the_articles_good_example_is_ready_to_send(coach):
    text = (
        "I saw you asking about this topic and I thought you'd be interested in this study. "
        "Happy to discuss."
    )
    report = _check(coach, text)
    assert report.score >= 80, report.findings
    assert not report.problems


@pytest.mark.parametrize(
    ("text", "platform", "notes", "problem"),
    [
        (
            "Hi Lena, we help firms like yours cut Oracle database licence costs by 20%.",
            "linkedin-message",
            "Her company moved off Oracle years ago and runs everything on Postgres.",
            "wrong-audience",
        ),
        (
            "Hi Tom, I'm a personal financial planner helping families plan for retirement.",
            "linkedin-connection",
            "",
            "wrong-platform",
        ),
        (
            "Sorry to write here, but your profile pic is lovely; I'd love to be friends.",
            "linkedin-message",
            "",
            "wrong-platform",
        ),
        (
            "Hi Ana, I hope we can chat, and I look forward to our conversation!",
            "linkedin-connection",
            "",
            "vague-ask",
        ),
        (
            "You could really benefit from our affordable bookkeeping service, Ravi.",
            "linkedin-message",
            "",
            "pitch",
        ),
    ],
)
def test_seed_cases_name_their_problem_and_do_not_pass(coach, text, platform, notes, problem):
    report = _check(coach, text, platform, notes)
    assert problem in report.problems, report.findings
    assert report.band != "ready to send"


@pytest.mark.parametrize(
    ("text", "platform", "notes"),
    [
        (
            "Hi Dana, I'd love to connect and hear about your IT priorities over the next year.",
            "linkedin-connection",
            "",
        ),
        (
            "Hi Mark, we help companies like yours save 15% on your SAP licensing costs.",
            "linkedin-message",
            "Runs the whole company on Oracle and NetSuite; does not use SAP.",
        ),
        (
            "Hello, we buy old computers from schools at top prices. Do you have any to sell?",
            "linkedin-message",
            "IT director at a secondary school.",
        ),
        (
            "Hi Tom, I'm a personal financial planner helping families plan for retirement.",
            "linkedin-connection",
            "",
        ),
        (
            "Hi Tom, I'm a certified weight-loss coach. Ready to finally lose those 20 pounds?",
            "linkedin-connection",
            "",
        ),
        (
            "Hi Sam, we share a group and I see you work at a huge company. Would love to connect.",
            "linkedin-connection",
            "",
        ),
        (
            "Thanks for connecting! We offer a full suite of payroll services; want a quick demo?",
            "linkedin-message",
            "",
        ),
        (
            "Hi Olivia, I'd like to add you to my professional network on LinkedIn.",
            "linkedin-connection",
            "",
        ),
        (
            "Hi Raj, I can grow your LinkedIn followers by 5,000 a month with our LinkedIn "
            "marketing service.",
            "linkedin-message",
            "",
        ),
    ],
)
def test_every_seed_case_of_the_issue_is_placed_below_50(coach, text, platform, notes):
    report = _check(coach, text, platform, notes)
    assert report.score < 50, (report.score, report.findings)
    assert report.problems
