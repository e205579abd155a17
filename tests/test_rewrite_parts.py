"""The pieces of a rewrite: notes turned into references, resource choice, edits, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coach.cli import main
from coach.engine import Edit, Recipient, Resource
from coach.engine.rewrite import apply_edits
from coach.engine.rewrite.notes import reference_from_notes
from coach.engine.rewrite.resources import choose_resource, title_phrase

FRAMES = [
    (
        "Posted about moving student labs to thin clients",
        "I saw you posted about moving student labs to thin clients.",
    ),
    (
        "Spoke at DataCouncil about data contracts",
        "I saw you spoke at DataCouncil about data contracts.",
    ),
    (
        "Writes a blog about community management",
        "I see you write a blog about community management.",
    ),
    (
        "Hosting a panel on port automation next month",
        "I see you're hosting a panel on port automation next month.",
    ),
    (
        "Quoted in a trade article about reducing changeover time",
        "I saw you were quoted in a trade article about reducing changeover time.",
    ),
    (
        "Tweeted that their build times doubled after the engine upgrade",
        "I saw you tweeted that your build times doubled after the engine upgrade.",
    ),
    (
        "Worked together at Delmar Systems, 2019-2021",
        "We worked together at Delmar Systems (2019-2021).",
    ),
    ("Met at the Denver fintech meetup in March", "We met at the Denver fintech meetup in March."),
    (
        "Asked in a group which attribution study held up for small retailers",
        "I saw you asked in a group which attribution study held up for small retailers.",
    ),
    (
        "Fernhill announced a move to a new student information system",
        "I saw Fernhill announced a move to a new student information system.",
    ),
    (
        "Already connected; shared a post about a forklift near-miss at her plant",
        "I saw you shared a post about a forklift near-miss at your plant.",
    ),
    (
        "Commented on the sender's post about near-miss reporting",
        "I saw you commented on my post about near-miss reporting.",
    ),
    (
        "Mutual friend Rafael Ortiz suggested they talk about returns fraud",
        "Mutual friend Rafael Ortiz suggested we talk about returns fraud.",
    ),
    (
        "Blog about community moderation queues",
        "I saw your blog about community moderation queues.",
    ),
    (
        "Team runs on Pipedrive; has written that they have never used Salesforce",
        "I see your team runs on Pipedrive.",
    ),
    (
        "Their company raised a Series B last month",
        "I saw your company raised a Series B last month.",
    ),
    ("podcast re OEE", "I saw your podcast about OEE."),
    (
        "Owner of the personal website example.io and of small software projects",
        "I see you run the personal website example.io and small software projects.",
    ),
    ("Met the sender briefly at a user group", "We met briefly at a user group."),
    (
        "The sender has heard that Bob is interested in Tina CMS.",
        "I heard you are interested in Tina CMS.",
    ),
    (
        "Had just accepted the sender's connection request and sent a personal video thanking him",
        "Thanks for sending a personal video and for accepting my connection request.",
    ),
    (
        "He writes about sales and leadership, not benefits or insurance.",
        "I see you write about sales and leadership.",
    ),
]
NOT_REFERENCES = [
    "Has never met the sender",
    "Did not reply to the first two emails",
    "Does not use SAP",
    "Has many connections and is not looking for the next job",
    "Already bought an SEO plug-in that satisfies his requirements",
    "The page quotes only the opening of this email",
    "Eight years of Go and Kubernetes",
]


@pytest.mark.parametrize(("notes", "sentence"), FRAMES, ids=[f[0][:30] for f in FRAMES])
def test_notes_become_a_natural_reference(coach, notes, sentence):
    reference = reference_from_notes(coach.nlp, notes)
    assert reference is not None
    assert reference.sentences[0] == sentence


@pytest.mark.parametrize("notes", NOT_REFERENCES)
def test_context_facts_never_become_a_reference(coach, notes):
    assert reference_from_notes(coach.nlp, notes) is None


def test_shorter_forms_drop_trailing_modifiers_only(coach):
    reference = reference_from_notes(coach.nlp, "Spoke at DataCouncil about data contracts")
    assert reference.sentences == (
        "I saw you spoke at DataCouncil about data contracts.",
        "I saw you spoke at DataCouncil.",
    )
    assert reference.topic == "data contracts"


def test_a_second_deed_of_the_notes_is_left_out_not_recited(coach):
    notes = "Had accepted a new job and updated his LinkedIn profile weeks earlier"
    reference = reference_from_notes(coach.nlp, notes)
    assert reference.sentences == ("I saw you had accepted a new job.",)
    # unless the topic is in the deed left out: then the notes are said in full
    reference = reference_from_notes(
        coach.nlp, "Spoke at KubeCon and wrote a post on data contracts"
    )
    assert reference.topic in reference.sentences[0]


def test_history_and_topic(coach):
    assert reference_from_notes(coach.nlp, "Met at the Denver fintech meetup").history
    assert not reference_from_notes(coach.nlp, "Posted about thin clients").history
    assert reference_from_notes(coach.nlp, "Already connected") is None
    assert reference_from_notes(coach.nlp, "!!!") is None


def test_resource_is_chosen_by_fit_and_never_names_a_product(coach):
    recipient = Recipient(role="Head of Data", notes="Spoke at DataCouncil about data contracts")
    resources = (
        Resource("Warehouse staffing survey", "warehouse staffing"),
        Resource("DataGuard contracts demo", "data contracts"),
        Resource("Schema versioning field notes", "data contracts and schema versioning"),
    )
    chosen = choose_resource(coach.nlp, resources, recipient, ("DataGuard",))
    assert chosen == resources[2]
    assert choose_resource(coach.nlp, resources[:1], recipient) is None


def test_title_phrase_reads_inside_a_sentence():
    assert (
        title_phrase("Campus thin-client pilot write-up") == "the campus thin-client pilot write-up"
    )
    assert title_phrase("The SIS migration checklist") == "the SIS migration checklist"
    assert title_phrase("Vendor Consolidation Checklist") == '"Vendor Consolidation Checklist"'
    assert title_phrase("SIS cutover notes") == "the SIS cutover notes"


def test_apply_edits_in_any_order_and_rejects_overlaps():
    text = "Hi {first_name}, we are the leading provider. Do you have 15 minutes?"

    def span(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)

    edits = [
        Edit(*span("{first_name}"), "Dana", "fill"),
        Edit(*span(" we are the leading provider."), "", "delete"),
        Edit(*span("Do you have 15 minutes?"), "Happy to share more if useful.", "replace"),
    ]
    expected = "Hi Dana, Happy to share more if useful."
    assert apply_edits(text, edits) == expected
    assert apply_edits(text, reversed(edits)) == expected
    assert apply_edits(text, edits[1:]) == apply_edits(text, [edits[2], edits[1]])
    assert apply_edits(text, edits[1:]) == "Hi {first_name}, Happy to share more if useful."
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(text, [Edit(0, 10, "", "a"), Edit(5, 12, "", "b")])


def test_rewrite_command_prints_variants_and_slots(capsys):
    code = main(
        [
            "rewrite",
            "Hi Marco! We help companies like yours save 15% on SAP licensing. "
            "Do you have 15 minutes for a demo?",
            "--first-name",
            "Marco",
            "--company",
            "Brightline Health",
            "--notes",
            "wrote about consolidating vendors after their merger",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Variant 1 (" in out and "score 100/100" in out
    assert "I saw you wrote about consolidating vendors after your merger." in out
    shown = [line for line in out.splitlines() if line.startswith("  | ")]
    assert shown and not any("[" in line for line in shown)
    assert '- removed "We help companies like yours' in out


def test_rewrite_command_takes_the_sender_profile(capsys):
    code = main(
        [
            "rewrite",
            "Hi Priya, we sell data pipeline monitoring. Can we book a demo?",
            "--first-name",
            "Priya",
            "--notes",
            "Spoke at DataCouncil about data contracts",
            "--platform",
            "linkedin-message",
            "--sender-name",
            "Kevin Ortiz",
            "--offer",
            "data pipeline monitoring",
            "--resource",
            "Data contracts field notes|https://example.org/contracts",
            "--resource",
            "Warehouse staffing survey",
            "--format",
            "json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    texts = [v["text"] for v in data["variants"]]
    assert any(
        "data contracts field notes" in t and "https://example.org/contracts" in t for t in texts
    )


def test_rewrite_command_without_notes_prints_a_template(capsys):
    assert main(["rewrite", "Hi Zoe, I'm expanding my network. Would love to connect!"]) == 0
    out = capsys.readouterr().out
    assert "Template (" in out and "Fill in before sending:" in out


def test_rewrite_command_json(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Hi Zoe, I'm expanding my network of product leaders. Would love to connect!",
        encoding="utf-8",
    )
    assert main(["rewrite", str(draft), "--first-name", "Zoe", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["original"]["score"] < 80
    assert data["variants"] == []
    assert data["template"]["slots"]
    assert {"shape", "text", "score", "slots", "changes", "report"} <= set(data["template"])


def test_check_with_rewrite(capsys):
    args = [
        "check",
        "Hi Dana, I'd love to hear about your IT priorities.",
        "--first-name",
        "Dana",
        "--notes",
        "Posted about thin clients",
        "--rewrite",
    ]
    # A real process for text: the renderer looks at the real standard output.
    out = _coach(*args)
    assert out.index("Score ") < out.index("Suggested rewrite") < out.index("Variant 1")
    assert "I saw you posted about thin clients." in out
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["score"] < 80
    assert data["rewrite"]["variants"][0]["score"] >= 80


def _coach(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


def test_rewrite_command_bad_platform_is_a_user_error(capsys):
    assert main(["rewrite", "Hi Dana", "--platform", "fax"]) == 2
    assert capsys.readouterr().err.startswith("coach:")
