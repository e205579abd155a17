"""Campaign-level findings: template clusters, one company, merge fields, empty messages."""

from __future__ import annotations

from pathlib import Path

from coach.batch import read_campaign, scan_campaign
from coach.batch.campaign import company_key, merge_fields, template_key
from coach.batch.rows import CampaignRow
from coach.engine import Context, Recipient

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def _row(
    line: int,
    text: str,
    first: str = "",
    last: str = "",
    company: str = "",
    error: str | None = None,
) -> CampaignRow:
    recipient = Recipient(first_name=first, last_name=last, company=company)
    return CampaignRow(line, {}, text, Context(recipient=recipient), error)


def test_template_key_removes_names_and_company_and_folds_case_and_spaces():
    dana = template_key(
        "Hi Dana,  I admire   Northfield University's work. Dana Whitfield",
        Recipient(first_name="Dana", last_name="Whitfield", company="Northfield University"),
    )
    marco = template_key(
        "hi MARCO, I admire Brightline's work.\nMarco Rossi",
        Recipient(first_name="Marco", last_name="Rossi", company="Brightline Inc."),
    )
    assert dana == marco == "hi , i admire 's work."
    # A name inside another word is left alone.
    assert template_key("Hi Ann, about Annapolis", Recipient(first_name="Ann")) == (
        "hi , about annapolis"
    )


def test_company_key_drops_legal_suffixes():
    assert company_key("Altmann GmbH") == "altmann"
    assert company_key("Brightline Health, Inc.") == "brightline health"
    assert company_key("Inc") == "inc"


def test_merge_fields_found_once_each():
    assert merge_fields("Hi {first_name}, {{ company }} and %FIRSTNAME% and {first_name}") == [
        "{first_name}",
        "{{ company }}",
        "%FIRSTNAME%",
    ]
    assert merge_fields("Hi [First Name], see [link] and *|FNAME|* <company name>") == [
        "[First Name]",
        "[link]",
        "*|FNAME|*",
        "<company name>",
    ]
    assert merge_fields("Hi Dana, your post [on thin clients] was useful.") == []


def test_vanilla_invitations_same_company_merge_fields_and_empty_rows():
    note = "Hi {}, I'd like to add you to my professional network on LinkedIn."
    rows = [
        _row(2, note.format("Marco"), "Marco", "Rossi", "Brightline Health"),
        _row(3, note.format("Priya"), "Priya", "Natarajan", "Brightline Health Inc"),
        _row(4, note.format("Tom"), "Tom", "Berg", "Harbor Logistics"),
        _row(5, "Hi Dana, your post on thin clients was useful.", "Dana", "", "Northfield"),
        _row(6, "  \n", "Noah"),
        _row(7, "Hi {first_name}, quick question", "Lena"),
        _row(8, note.format("Zoe"), "Zoe", error="expected 4 fields, found 2"),
        _row(9, "Hi Ava, great talk.", "Ava", "", "Lumen"),
        _row(10, "Hi Ben, great talk.", "Ben", "", "Lumen"),
    ]
    scan = scan_campaign(rows)
    assert scan.rows == 9
    flags = [scan.flags(r) for r in rows]
    assert flags == [
        ("template:T1", "same-company:C1", "same-note-at-company:C1"),
        ("template:T1", "same-company:C1", "same-note-at-company:C1"),
        ("template:T1",),
        (),
        ("empty",),
        ("merge-field:{first_name}",),
        (),  # unreadable rows are reported as errors, not clustered
        ("same-company:C2", "same-note-at-company:C2"),
        ("same-company:C2", "same-note-at-company:C2"),
    ]
    (template,) = scan.templates
    assert (template.size, template.first_line, template.lines) == (3, 2, [2, 3, 4])
    assert template.example == note.format("Marco")
    assert [(c.id, c.company, c.size, c.lines, c.same_note) for c in scan.same_company] == [
        ("C1", "Brightline Health", 2, [2, 3], 2),
        ("C2", "Lumen", 2, [9, 10], 2),
    ]
    assert scan.merge_fields == {"{first_name}": 1}


def test_same_company_is_flagged_whatever_the_text():
    rows = [
        _row(2, "Hi Ava, your talk on fraud triage was sharp.", "Ava", "", "Lumen Insurance"),
        _row(3, "Ben, congrats on the claims award.", "Ben", "", "Lumen Insurance Inc."),
        _row(4, "Hi Cy, your post on ports was useful.", "Cy", "", "Harbor"),
    ]
    scan = scan_campaign(rows)
    assert [scan.flags(r) for r in rows] == [("same-company:C1",), ("same-company:C1",), ()]
    (company,) = scan.same_company
    assert (company.company, company.size, company.same_note) == ("Lumen Insurance", 2, 0)


def test_near_duplicates_are_clustered_across_different_fills():
    note = (
        "Hi {}, I came across your profile and saw your post on {}. Thought it was a sharp "
        "take and would be glad to connect and trade notes on it some time."
    )
    topics = ["thin clients", "zero trust for small teams", "moving labs to the cloud"]
    rows = [
        _row(2 + i, note.format(name, topic), name)
        for i, (name, topic) in enumerate(zip(["Dana", "Marco", "Lena"], topics, strict=True))
    ]
    rows.append(_row(5, "Hi Tom, we help logistics firms cut fuel spend by 12%.", "Tom"))
    scan = scan_campaign(rows)
    flags = [scan.flags(r) for r in rows]
    assert flags == [("near-duplicate:N1",)] * 3 + [()]
    (cluster,) = scan.near_duplicates
    assert (cluster.size, cluster.lines) == (3, [2, 3, 4])
    assert scan.templates == []  # the texts differ, so no exact template


def test_two_identical_notes_are_not_yet_a_template():
    rows = [_row(2, "Hi Dana, hello.", "Dana"), _row(3, "Hi Marco, hello.", "Marco")]
    scan = scan_campaign(rows)
    assert [scan.flags(r) for r in rows] == [(), ()]


def test_sales_navigator_fixture_flags():
    campaign = read_campaign(FIXTURES / "sales_navigator.csv")
    scan = scan_campaign(campaign)
    flags = {row.line: scan.flags(row) for row in campaign}
    assert flags[3] == flags[4] == ("template:T1", "same-company:C1", "same-note-at-company:C1")
    assert flags[5] == ("template:T1",)
    assert flags[6] == ()  # its template is filled from the row's own columns
    assert flags[8] == ("empty",)
    assert flags[2] == flags[9] == ()


def test_batch_imports_no_ui_and_no_spacy_until_scoring():
    import subprocess
    import sys

    code = (
        "import sys, coach.batch, coach.batch.report_html, coach.commands.batch; "
        "print(sorted(m for m in ('textual', 'rich', 'spacy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
