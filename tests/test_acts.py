"""Speech acts from the parse: who acts, what the act is, whom it benefits, the offer's topic.

Hand-written sentences, one move each, phrased several ways so the tests pin the grammar and
not one wording.
"""

from __future__ import annotations

import pytest

from coach.engine import acts
from coach.engine.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _read(nlp, text: str, **names) -> acts.Reading:
    parties = acts.Parties.of(names.get("sender", ()), names.get("recipient", ()))
    return acts.read(nlp(text), parties=parties)


def _kinds(reading: acts.Reading) -> set[tuple[str, str]]:
    return {(a.act, a.actor) for a in reading.acts}


@pytest.mark.parametrize(
    "text",
    [
        "We help mid-size insurers cut claims handling time.",
        "Our platform helps finance teams close the books faster.",
        "You could really benefit from our bookkeeping service.",
        "We have a special package on cloud backups for you.",
        "Our team would love to help you too.",
        "I thought you might be interested in our consulting services.",
        "We buy second-hand laptops from schools.",
    ],
)
def test_the_sender_offering_their_service_is_an_offer(nlp, text):
    assert ("offer", "sender") in _kinds(_read(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "We built the same spreadsheet last year.",
        "Our team cut build times once we cached shaders.",
        "I sent it to our ops team.",
        "Loved your post on data contracts.",
    ],
)
def test_reports_of_the_past_and_references_are_not_offers(nlp, text):
    assert not _read(nlp, text).matching("offer")


def test_the_offer_carries_its_topic_as_a_span(nlp):
    text = "We help companies like yours save 15% on SAP licensing."
    (offer,) = _read(nlp, text).matching("offer")
    assert offer.topic is not None
    assert text[offer.topic[0] : offer.topic[1]] == "SAP licensing"
    assert offer.beneficiary == "recipient"
    assert text[offer.start : offer.end].startswith("We help")


def test_a_compound_service_is_the_topic_rather_than_the_word_deal(nlp):
    text = "We have a great deal on payroll outsourcing services for you."
    (offer,) = _read(nlp, text).matching("offer")
    assert text[offer.topic[0] : offer.topic[1]] == "payroll outsourcing services"


@pytest.mark.parametrize(
    "text",
    [
        "How about we set up a meeting with our account manager this week?",
        "I hope we can chat soon.",
        "Are you free for a quick call on Tuesday?",
        "I'd like to connect and swap stories sometime.",
        "I look forward to our conversation!",
        "Could we schedule an interview next week?",
    ],
)
def test_asking_for_time_is_an_ask_for_a_meeting(nlp, text):
    reading = _read(nlp, text)
    assert reading.matching("ask-meeting"), _kinds(reading)
    assert all(a.beneficiary == "sender" for a in reading.matching("ask-meeting"))


@pytest.mark.parametrize(
    "text", ["Happy to discuss.", "We met at the Lisbon meetup in March.", "Thanks for the call."]
)
def test_leaving_the_next_step_to_them_is_not_a_meeting_request(nlp, text):
    assert not _read(nlp, text).matching("ask-meeting")


@pytest.mark.parametrize(
    "text",
    [
        "I'd love to hear about your hiring plans for next year.",
        "I would like to learn how you handle vendor onboarding.",
        "Could you point me to the person who runs procurement?",
    ],
)
def test_asking_what_serves_the_sender_is_an_ask_for_information(nlp, text):
    reading = _read(nlp, text)
    assert reading.matching("ask-info"), _kinds(reading)


def test_a_question_about_what_they_did_is_not_a_discovery_ask(nlp):
    assert not _read(nlp, "I'd be fascinated to hear how you've scaled it since then.").matching(
        "ask-info"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Loved your talk on warehouse robotics.",
        "I read your article about grid storage.",
        "You asked about onboarding churn last week.",
        "I saw you speaking about port automation.",
        "Congrats on the Series A!",
        "We worked together at Harbourview years ago.",
    ],
)
def test_pointing_at_their_work_is_a_reference(nlp, text):
    reading = _read(nlp, text)
    assert reading.matching("refer-work"), _kinds(reading)


def test_a_reference_names_what_of_theirs_it_points_at(nlp):
    text = "Loved your post on data contracts."
    (ref,) = _read(nlp, text).matching("refer-work")
    assert text[ref.topic[0] : ref.topic[1]] == "your post on data contracts"


@pytest.mark.parametrize(
    "text",
    [
        "I thought you'd be interested in this study.",
        "Happy to share the checklist we used.",
        "Here's the write-up from the pilot.",
        "I thought you might find this checklist useful.",
    ],
)
def test_giving_something_is_a_give_for_the_recipient(nlp, text):
    reading = _read(nlp, text)
    gives = reading.matching("give", "sender")
    assert gives, _kinds(reading)
    assert gives[0].beneficiary == "recipient"


def test_praise_of_their_work(nlp):
    assert _read(nlp, "Your blog is very beautiful.").matching("praise")
    assert not _read(nlp, "Our tool is very beautiful.").matching("praise")


@pytest.mark.parametrize(
    "text",
    [
        "I'm the founder of a payroll startup.",
        "We are a leading provider of treasury software.",
        "Our team has ten years of experience in logistics.",
    ],
)
def test_the_sender_talking_about_themselves_is_describe_self(nlp, text):
    assert ("describe-self", "sender") in _kinds(_read(nlp, text))


def test_greetings_and_closings(nlp):
    reading = _read(nlp, "Hi Dana, hope you are well. Thanks, Sam")
    assert reading.matching("greet")
    assert _read(nlp, "Looking forward to hearing from you.").matching("close")
    assert _read(nlp, "Let me know if you have any questions.").matching("close")


def test_the_senders_names_act_for_the_sender(nlp):
    text = "Brightline helps retailers match invoices."
    assert not _read(nlp, text).matching("offer", "sender")
    assert _read(nlp, text, sender=["Brightline"]).matching("offer", "sender")


def test_self_focus_is_the_share_of_clauses_the_sender_acts_in(nlp):
    about_me = _read(nlp, "I run a studio. We design logos. I love my work. We ship fast.")
    about_them = _read(nlp, "You wrote about churn. Your team shipped the fix. Congrats on it.")
    assert about_me.actor_share("sender") > 0.9
    assert about_them.actor_share("sender") < 0.5


def test_offsets_point_into_the_original_text(nlp):
    text = "Hi Li,\n\nWe help clinics reduce no-shows with automated reminders."
    reading = _read(nlp, text)
    for act in reading.acts:
        assert 0 <= act.start < act.end <= len(text)
        assert 0 <= act.verb[0] < act.verb[1] <= len(text)


def test_empty_and_odd_input_reads_nothing(nlp):
    assert acts.read(nlp("")).acts == ()
    assert isinstance(acts.read(nlp("?!... 🙂 {{first_name}}")).acts, tuple)


@pytest.mark.parametrize(
    "text",
    [
        "Was it not you that I met at the conference last week?",
        "Glad to know you are a leading system integrator in your country.",
        "Please find attached the specimen of my writing.",
    ],
)
def test_past_questions_received_facts_and_polite_imperatives_ask_nothing(nlp, text):
    reading = _read(nlp, text)
    assert not reading.matching("ask-meeting") and not reading.matching("ask-info")


def test_an_embedded_question_still_asks(nlp):
    assert _read(nlp, "I'd love to know what your team is planning this year.").matching("ask-info")


@pytest.mark.parametrize(
    "text",
    [
        "I see that you are in the healthcare industry.",
        "I see that you are not listed on the first page of Google.",
        "I really appreciate your help.",
        "I appreciate your time and consideration.",
    ],
)
def test_what_they_are_and_courtesies_are_not_references_to_their_work(nlp, text):
    assert not _read(nlp, text).matching("refer-work")


@pytest.mark.parametrize(
    "text",
    [
        "My name is Olivia.",
        "My company specializes in software engineering.",
        "I'm a nationally recognized business growth specialist.",
        "We are a team of experienced developers.",
    ],
)
def test_presenting_the_sender_or_their_firm_is_an_introduction(nlp, text):
    assert ("introduce", "sender") in _kinds(_read(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "I'm a big fan of your podcast.",
        "Our team cut build times once we cached shaders.",
        "Our exact wording and send times are pasted below.",
        "Are you the right person for this?",
    ],
)
def test_stories_relations_and_things_handed_over_are_not_introductions(nlp, text):
    assert not _read(nlp, text).matching("introduce")


def test_interested_in_doing_carries_the_verb(nlp):
    reading = _read(nlp, "I'm interested in writing an article for your blog.")
    assert ("offer", "sender") in _kinds(reading)


def test_a_relative_clause_acts_for_what_it_describes(nlp):
    reading = _read(nlp, "Our site is a traffic website that provides drivers with live road data.")
    assert ("offer", "sender") in _kinds(reading)
