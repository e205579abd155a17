"""Properties of rewriting any text in any context: never raises, fits, edits commute."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.engine import Context, Recipient, Resource, Sender
from coach.engine.platforms import platform_names
from coach.engine.rewrite import apply_edits, rewrite
from tests.conftest import corpus_rows

ROWS = corpus_rows()
MESSAGES = [r["message"] for r in ROWS]
NOTES = [r["recipient_notes"] for r in ROWS if r["recipient_notes"]]
# Words that steer the engine's rules and the rewrite's frames, mixed into random drafts.
VOCABULARY = (
    "Hi|Dana|demo|15|minutes|we|help|our|platform|your|post|thin|clients|[Name]|{first_name}|"
    "https://example.com/pricing|!|?|.|,|;|Subject:|\n|Best,|LabCloud|data|contracts|met|at|"
    "worked|together|their|she|posted|spoke|about|on|2019-2021"
)
WORDS = st.sampled_from(VOCABULARY.split("|"))
TEXTS = st.one_of(
    st.text(max_size=300),
    st.sampled_from(MESSAGES),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.tuples(st.sampled_from(MESSAGES), st.text(max_size=80)).map("".join),
)
SHORT = st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=8).map(" ".join))
CONTEXTS = st.builds(
    Context,
    platform=st.sampled_from(platform_names()),
    recipient=st.builds(
        Recipient,
        first_name=st.one_of(st.sampled_from(["Dana", "", "{first_name}", "Jean-Luc"]), SHORT),
        company=SHORT,
        role=SHORT,
        notes=st.one_of(
            st.just(""),
            st.sampled_from(NOTES),
            st.text(max_size=400),
            st.lists(WORDS, max_size=40).map(" ".join),
        ),
    ),
    sender=st.builds(
        Sender,
        name=SHORT,
        products=st.lists(SHORT, max_size=2).map(tuple),
        resources=st.lists(
            st.builds(Resource, title=SHORT, topic=SHORT, link=SHORT), max_size=3
        ).map(tuple),
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXTS, context=CONTEXTS)
def test_rewriting_anything_fits_and_edits_commute(coach, text, context):
    result = rewrite(coach, text, context)
    assert len(result.variants) <= 3
    for variant in result.variants:
        assert variant.report.length <= variant.report.limit, variant.text
        assert variant.report.score >= 80 and not variant.slots, variant.text
    if result.template:
        assert not result.variants
        for slot in result.template.slots:
            assert result.template.text[slot.start : slot.end] == slot.placeholder
    edits = result.edits
    for a, b in itertools.combinations(edits, 2):
        assert a.end <= b.start or b.end <= a.start
    applied = apply_edits(text, edits)
    for order in itertools.islice(itertools.permutations(edits), 24):
        assert apply_edits(text, order) == applied
    one_by_one = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        one_by_one = edit.apply(one_by_one)
    assert one_by_one == applied
