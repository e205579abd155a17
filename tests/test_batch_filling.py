"""Templates filled per row before scoring; spintax scored per render; sequences per step."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from coach.batch import read_campaign, score_campaign
from coach.cli import main
from coach.engine import Context, Recipient

CAMPAIGNS = Path(__file__).parent / "data" / "campaigns"


def _scored(coach, path: Path) -> list:
    return list(score_campaign(coach, read_campaign(path)))


def test_a_filled_template_scores_as_the_hand_filled_message(coach, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "firstName,Company,Message\n"
        'Dana,Northfield University,"Hi {{firstName}}, your post on thin clients was useful; '
        'here is our pilot write-up."\n'
        'Dana,Northfield University,"Hi Dana, your post on thin clients was useful; '
        'here is our pilot write-up."\n',
        encoding="utf-8",
    )
    templated, by_hand = _scored(coach, path)
    assert templated.row.text == by_hand.row.text
    assert templated.row.template.startswith("Hi {{firstName}}, your post")
    assert templated.report == by_hand.report
    context = Context(
        platform="linkedin-connection",
        recipient=Recipient(first_name="Dana", company="Northfield University"),
    )
    assert templated.report == coach.check(by_hand.row.text, context)


def test_spintax_row_takes_its_worst_render_and_says_which(coach, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "first_name,message\n"
        'Dana,"Hi {{first_name}}, {your post on thin clients was useful|we help universities '
        'like yours cut IT costs by 30%, book a call}."\n',
        encoding="utf-8",
    )
    (scored,) = _scored(coach, path)
    assert scored.variant == "2 of 2"
    assert scored.report.text.startswith("Hi Dana, we help universities")
    assert "pitch" in scored.report.problems
    alone = coach.check("Hi Dana, your post on thin clients was useful.", scored.row.context)
    assert scored.report.score < alone.score


def test_what_cannot_be_filled_is_a_finding_naming_the_field_and_column(coach, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Company,Message\n"
        "Dana,,Hi {{first_name}}! Loved your {{recent_post}} at {{company}}.\n",
        encoding="utf-8",
    )
    (scored,) = _scored(coach, path)
    assert scored.report.text == "Hi Dana! Loved your {{recent_post}} at {{company}}."
    merge = [f for f in scored.report.findings if f.problem == "merge-field"]
    assert [(f.quote, f.message) for f in merge] == [
        ("{{recent_post}}", '{{recent_post}}: no column "recent_post" in the file'),
        (
            "{{company}}",
            '{{company}}: column "Company" is empty on this row and there is no fallback',
        ),
    ]
    assert [scored.report.text[f.start : f.end] for f in merge] == [
        "{{recent_post}}",
        "{{company}}",
    ]


def test_three_step_sequence_scored_per_step_in_every_output(capsys, tmp_path):
    out, html, jsonl = tmp_path / "out.csv", tmp_path / "report.html", tmp_path / "out.jsonl"
    source = str(CAMPAIGNS / "outreach.csv")
    assert main(["batch", source, "-o", str(out), "--report", str(html)]) == 0
    err = capsys.readouterr().err
    assert err.startswith('Columns of outreach.csv:\n  step 1 (email) <- "Step 1 Body"')
    assert "Per step (step  platform  rows  mean score)" in err
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["line"], r["step"], r["step_platform"]) for r in rows[:3]] == [
        ("2", "1", "email"),
        ("2", "2", "email"),
        ("2", "3", "email"),
    ]
    assert rows[0]["rendered"].startswith("Subject: Your ARM migration post\n\nHi Liam,")
    liam = {r["step"]: r for r in rows if r["line"] == "2"}
    assert int(liam["1"]["score"]) >= 80  # gives something
    assert "vague-ask" in liam["3"]["problems"]  # "just following up": a nudge that gives none
    maya = {r["step"]: r for r in rows if r["line"] == "3"}
    assert "pitch" in maya["1"]["problems"]
    page = html.read_text(encoding="utf-8")
    assert "<h2>Sequence steps</h2>" in page and "<th>Step</th>" in page
    assert page.count("<td>3 (email)</td>") == 5
    assert main(["batch", source, "-o", str(jsonl), "-q"]) == 0
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert (first["step"], first["step_platform"]) == (1, "email")
    assert "\n\nHi {{first_name}}, your post on moving {{account.name}}'s CI" in first["template"]


def test_linkedin_sequence_follow_ups_are_messages(coach):
    scored = _scored(coach, CAMPAIGNS / "expandi.csv")
    farah = [s for s in scored if s.row.line == 2]
    assert [s.report.platform for s in farah] == [
        "linkedin-connection",
        "linkedin-message",
        "linkedin-message",
    ]
    assert "pitch" in farah[1].report.problems  # a pitch right after connecting
    assert "vague-ask" in farah[2].report.problems


def test_every_syntax_is_filled_from_the_row_or_reported_with_its_span(tmp_path):
    placeholders = [
        "{first_name}",
        "{{firstName}}",
        "{{{Recipient.FirstName}}}",
        "[First Name]",
        "<<FirstName>>",
        "%FIRSTNAME%",
        "%%first_name%%",
        "*|FNAME|*",
        "${firstName}",
        "#firstname#",
        "{!Contact.FirstName}",
        '{{first_name | default: "there"}}',
        '{{contact.first_name || "Unknown"}}',
        "{{lead.First Name:default=there}}",
        "{custom_company_name:{company_name:your company}}",
        "{Hi|Hello|Hey}",
        "{{random|Hello|Hey}}",
        "{{1}}",
        "XXX",
        "[insert recent post]",
    ]
    template = " / ".join(placeholders)
    path = tmp_path / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["First Name", "Company Name", "Message"], ["Dana", "Northfield", template]]
        )
    (row,) = read_campaign(path)
    parts = row.text.split(" / ")
    assert parts[:14] == ["Dana"] * 14
    assert parts[14:17] == ["Northfield", "Hi", "Hello"]
    assert parts[17:] == ["{{1}}", "XXX", "[insert recent post]"]
    assert [(p, row.text.index(p)) for p, _ in row.unfilled] == [
        ("{{1}}", row.text.index("{{1}}")),
        ("XXX", row.text.index("XXX")),
        ("[insert recent post]", row.text.index("[insert")),
    ]
    assert [why for _, why in row.unfilled] == [
        '{{1}}: no column "1" in the file',
        "XXX: a placeholder with no field name; write the words in",
        '[insert recent post]: no column "insert recent post" in the file',
    ]
    assert len(row.variants) == 2  # the spintax renders with the second and third options


def test_rows_grouped_although_one_still_holds_a_merge_field(tmp_path):
    note = (
        "Hi {{first_name}}, I came across your profile and was impressed by your background. "
        "I would love to connect and learn more about your work."
    )
    path = tmp_path / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["first_name", "message"], ["Dana", note], ["Marco", note], ["", note]]
        )
    campaign = read_campaign(path)
    from coach.batch import scan_campaign

    scan = scan_campaign(campaign)
    flags = [scan.flags(row) for row in campaign]
    assert flags[0] == flags[1] == ("near-duplicate:N1",)
    assert flags[2] == ("merge-field:{{first_name}}", "near-duplicate:N1")
