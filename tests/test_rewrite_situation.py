"""Rewrites for recipients the notes give no reference for: a question about their own work on
the field the pitch sells, never a slot or the notes recited back."""

from __future__ import annotations

import re

import pytest

from coach.engine import Context, Recipient, Resource, Sender
from coach.engine.platforms import get_platform
from coach.engine.rewrite import rewrite
from coach.engine.rewrite.compose import fit
from coach.engine.rewrite.core import PRICE, _facts
from coach.engine.rewrite.fields import (
    field_of,
    plural,
    profile_work,
    their_practice,
    their_work,
)
from coach.engine.rewrite.resources import names_product
from coach.engine.rewrite.situation import situation_plans
from tests.conftest import REAL, corpus_rows, row_context

SENDER = Sender(
    name="Kevin Ortiz",
    company="Brightline",
    products=("Brightline Reach",),
    resources=(
        Resource(
            "Our 2025 benchmark of B2B outreach reply rates",
            "outreach reply rates email marketing lead generation",
            "https://example.com/benchmark",
        ),
        Resource("A checklist for vetting software vendors", "software vendors selection IT"),
    ),
)
SPAMMY_WITH_NOTES = [
    r for r in corpus_rows(REAL) if r["label"] == "spammy" and r["recipient_notes"].strip()
]
# Rows of real.csv whose first variant is ready: a floor, so a change that loses some fails.
# 13 since a profile fact ("owner of the website ...") is no longer recited as a reference and
# "I'd value your view" or "how do clients find your practice" no longer count as one: the rows
# whose notes hold nothing of theirs to refer to get a template with one reference slot.
# 11 since a typo of the draft ("product developmeny") or a redacted name ("<campaigning animal
# charity>") is no longer taken for the offer's topic: the two ready variants that said "I work
# on product developmeny" and "I work on animal charity" (a blind judge: broken grammar) are gone.
MIN_READY = 11


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("We can place your website on Google 1st Page and fix your keywords.", "search rankings"),
        ("We would like to publish a sponsored article with a dofollow link.", "guest posts"),
        ("We design explainers and video ads for software companies.", "video production"),
        ("Thanks for the coffee last week.", None),
    ],
)
def test_the_field_a_pitch_sells(text, field):
    found = field_of(text)
    assert (found.name if found else None) == field


def test_their_work_comes_from_the_role_or_what_the_notes_say_is_theirs():
    assert their_work(Recipient(role="Author and blogger"))[0] == "your blog"
    assert their_work(Recipient(role="Podcast host"))[0] == "your podcast"
    assert their_work(Recipient(notes="A writer by trade who writes his own blog"))[0] == (
        "your blog"
    )
    # "the blogger" of the notes is whoever wrote the page, not the recipient
    assert their_work(Recipient(notes="The page was posted by the blogger."))[0] == ""
    assert their_work(Recipient(role="Job seeker (not a writer)"))[0] == ""


def test_what_a_role_runs_when_it_makes_nothing_to_refer_to():
    assert their_practice(Recipient(role="New Jersey lawyer")) == ("your practice", "clients")
    # an aside in brackets is the annotator's, not their role
    assert their_practice(Recipient(role="Website owner (client of a consultant)")) == (
        "your site",
        "visitors",
    )
    assert their_practice(Recipient(role="Engineer")) == ("", "")


def test_a_pitch_to_a_lawyer_the_notes_say_nothing_of_is_a_question_with_one_reference_slot(
    coach,
):
    """Nothing in the context is theirs to refer to, so nothing is ready: the template asks
    how clients find their practice, on the draft's topic, and lacks only the reference."""
    context = Context("email", Recipient(role="Lawyer", notes="Never replied."), SENDER)
    draft = "I see your website is not on the first page of Google. We offer SEO for $300."
    result = rewrite(coach, draft, context)
    assert not result.variants and result.template is not None
    text = result.template.text
    assert [s.name for s in result.template.slots] == ["reference"]
    assert "How do most clients find your practice" in text
    assert "search rankings" in text and "$" not in text and "replied" not in text


def test_topic_number():
    assert plural("search rankings") and not plural("cybersecurity") and not plural("SEO")


def test_a_pitch_to_a_blogger_is_planned_as_questions_about_their_blog_on_the_topic(coach):
    recipient = Recipient(first_name="Ted", role="Author and blogger", notes="Gets many emails.")
    context = Context("email", recipient, SENDER)
    draft = (
        "Your website is not ranking on Google. We can place your website on Google 1st Page "
        "for $99 a month with our SEO package. Reply to hear more."
    )
    original = coach.check(draft, context)
    platform = get_platform("email")
    facts = _facts(coach, draft, coach.parse(draft), original, context, platform)
    assert (facts.topic, facts.work) == ("search rankings", "your blog")
    plans = situation_plans(facts)
    assert len({p.shape for p in plans}) == len(plans) >= 2
    for plan in plans:
        text = fit(plan, platform.limit).text
        assert "your blog" in text and "search rankings" in text.lower() and "Hi Ted," in text
        assert "$" not in text and "emails" not in text and "[" not in text


def test_a_topic_the_notes_rule_out_is_never_offered(coach):
    context = Context(
        "email",
        Recipient(first_name="Marcus", role="Blogger", notes="His blog is not about music."),
        SENDER,
    )
    draft = "Hi Marcus, I'd like to write an article on music production for your blog."
    result = rewrite(coach, draft, context)
    assert all("music" not in v.text.lower() for v in result.variants)


def test_real_spammy_rows_with_notes_get_ready_slot_free_first_variants(coach):
    ready = 0
    for row in SPAMMY_WITH_NOTES:
        context = Context(row_context(row).platform, row_context(row).recipient, SENDER)
        result = rewrite(coach, row["message"], context)
        if not result.variants:
            continue
        first = result.variants[0]
        limit = get_platform(context.platform).limit
        assert not first.slots and not re.search(r"\[[^\]]+\]", first.text), row["id"]
        assert first.report.score >= coach.config.bands.ready, row["id"]
        assert first.report.length <= limit, row["id"]
        assert not PRICE.search(first.text), row["id"]
        assert not names_product(Resource(first.text), SENDER.products), row["id"]
        ready += 1
    assert ready >= MIN_READY, f"{ready} of {len(SPAMMY_WITH_NOTES)} rows got a ready variant"


def test_no_variant_recites_a_profile_fact_of_the_notes_and_a_template_lacks_only_a_reference(
    coach,
):
    for row in SPAMMY_WITH_NOTES:
        context = Context(row_context(row).platform, row_context(row).recipient, SENDER)
        result = rewrite(coach, row["message"], context)
        for variant in result.variants:
            assert "I see you" not in variant.text, row["id"]
        if not result.variants:
            template = result.template
            assert template is not None, row["id"]
            assert [s.name for s in template.slots][:1] == ["reference"], row["id"]


def test_a_named_work_in_a_profile_note_is_asked_about_not_recited(coach):
    notes = "Owner of the personal website stavros.io and of small software projects."
    recipient = Recipient(first_name="Stavros", role="Software developer", notes=notes)
    facts = _facts_for(coach, "We do SEO. Reply for a quote.", Context("email", recipient, SENDER))
    assert facts.work == "your website stavros.io" and facts.reference is None
    result = rewrite(coach, "We do SEO. Reply for a quote.", Context("email", recipient, SENDER))
    texts = [v.text for v in result.variants] or [result.template.text]
    assert all("I see you run" not in t and "stavros.io" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "work"),
    [
        ("I see you run the personal website stavros.io and small software projects.",
         "your website stavros.io"),
        ("I see you write about sales and leadership.", "your writing on sales and leadership"),
        ("I see you work in marketing at Postmark.", "your work at Postmark"),
        ("I see you maintain the Code Shelter project.", "the Code Shelter project"),
        ("I see you run a bakery.", ""),
    ],
)  # fmt: skip
def test_profile_work_names_what_they_make(coach, sentence, work):
    assert profile_work(coach.nlp(sentence)) == work


def _facts_for(coach, draft, context):
    original = coach.check(draft, context)
    return _facts(coach, draft, coach.parse(draft), original, context, get_platform("email"))


def test_a_template_keeps_a_greeting_when_the_draft_had_a_filler_one(coach):
    for row in SPAMMY_WITH_NOTES:
        if not row["message"].lower().startswith("hi there") or row["platform"] != "email":
            continue
        context = Context(row_context(row).platform, row_context(row).recipient, SENDER)
        result = rewrite(coach, row["message"], context)
        shown = result.variants[0] if result.variants else result.template
        assert shown.text.split("\n\n", 2)[1] in ("Hi there,", "Hello,"), row["id"]


def test_a_job_seeker_is_never_made_to_work_in_hiring(coach):
    """Asking about openings marks the hiring field, but the sender offers nothing in it."""
    recipient = Recipient(role="Engineering manager", notes="Posted a job listing on Hacker News")
    draft = (
        "Hello, I came across your post on Hacker News. Are you still interviewing candidates "
        "for the backend role? I would love to learn what an ideal candidate looks like."
    )
    result = rewrite(coach, draft, Context("email", recipient, SENDER))
    texts = [v.text for v in result.variants] or [result.template.text]
    for text in texts:
        assert "hiring" not in text.lower(), text
