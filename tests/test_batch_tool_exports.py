"""Campaign files as sales tools export them: each read with the right columns, no --column."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.batch import read_campaign, scan_campaign
from coach.batch.presets import PRESETS
from coach.commands.batch import PRESET_NAMES
from coach.engine.errors import ConfigError, InputError

CAMPAIGNS = Path(__file__).parent / "data" / "campaigns"

# file -> (the printed mapping, platform of the first message, rows)
EXPORTS = {
    "apollo.csv": (
        [
            'message <- "Email Body"',
            'subject <- "Email Subject"',
            'first_name <- "First Name"',
            'last_name <- "Last Name"',
            'company <- "Company"',
            'role <- "Title"',
            'industry <- "Industry"',
        ],
        "email",
        5,
    ),
    "hubspot.csv": (
        [
            'message <- "Email Body"',
            'first_name <- "First Name"',
            'last_name <- "Last Name"',
            'company <- "Associated Company"',
            'role <- "Job Title"',
            'industry <- "Industry"',
        ],
        "email",
        5,
    ),
    "salesforce.csv": (
        [
            'message <- "Email Template Body"',
            'first_name <- "First Name"',
            'last_name <- "Last Name"',
            'company <- "Company / Account"',
            'role <- "Title"',
            'industry <- "Industry"',
            'notes <- "Description"',
        ],
        "email",
        5,
    ),
    "outreach.csv": (
        [
            'step 1 (email) <- "Step 1 Body", subject "Step 1 Subject"',
            'step 2 (email) <- "Step 2 Body", subject "Step 2 Subject"',
            'step 3 (email) <- "Step 3 Body"',
            'first_name <- "First Name"',
            'last_name <- "Last Name"',
            'company <- "Account Name"',
            'role <- "Title"',
        ],
        "email",
        15,
    ),
    "lemlist.csv": (
        [
            'message <- "icebreaker"',
            'first_name <- "firstName"',
            'last_name <- "lastName"',
            'company <- "companyName"',
            'role <- "jobTitle"',
        ],
        "linkedin-connection",
        5,
    ),
    "instantly.csv": (
        [
            'message <- "Personalization"',
            'first_name <- "First Name"',
            'last_name <- "Last Name"',
            'company <- "Company Name"',
            'role <- "Job Title"',
        ],
        "linkedin-connection",
        5,
    ),
    "smartlead.csv": (
        [
            'message <- "email_body"',
            'first_name <- "first_name"',
            'last_name <- "last_name"',
            'company <- "company_name"',
            'role <- "title"',
        ],
        "email",
        5,
    ),
    "expandi.csv": (
        [
            'step 1 (linkedin-connection) <- "connection_message"',
            'step 2 (linkedin-message) <- "follow_up_1"',
            'step 3 (linkedin-message) <- "follow_up_2"',
            'first_name <- "first_name"',
            'last_name <- "last_name"',
            'company <- "company_name"',
            'role <- "job_title"',
        ],
        "linkedin-connection",
        15,
    ),
    "linkedin_export.csv": (
        [
            'message <- "message"',
            'first_name <- "firstName"',
            'last_name <- "lastName"',
            'full_name <- "fullName"',
            'company <- "companyName"',
            'role <- "title"',
            'industry <- "companyIndustry"',
            'notes <- "recentPost"',
        ],
        "linkedin-connection",
        5,
    ),
    "messages.csv": (
        [
            'message <- "CONTENT"',
            'subject <- "SUBJECT"',
            'full_name <- "TO"',
            "LinkedIn messages export: only the messages you sent are scored "
            '(FROM is "Sam Carter")',
        ],
        "linkedin-message",
        3,
    ),
    "german.csv": (
        [
            'message <- "Nachricht"',
            'first_name <- "Vorname"',
            'last_name <- "Nachname"',
            'company <- "Firma"',
            'role <- "Position"',
            'industry <- "Branche"',
        ],
        "linkedin-connection",
        5,
    ),
    "french.csv": (
        [
            'message <- "Message"',
            'first_name <- "Prénom"',
            'last_name <- "Nom"',
            'company <- "Entreprise"',
            'role <- "Poste"',
            'industry <- "Secteur"',
        ],
        "linkedin-connection",
        5,
    ),
    "spanish.csv": (
        [
            'message <- "Mensaje"',
            'first_name <- "Nombre"',
            'last_name <- "Apellidos"',
            'company <- "Empresa"',
            'role <- "Cargo"',
            'industry <- "Sector"',
        ],
        "linkedin-connection",
        5,
    ),
    "dutch.csv": (
        [
            'message <- "Bericht"',
            'first_name <- "Voornaam"',
            'last_name <- "Achternaam"',
            'company <- "Bedrijf"',
            'role <- "Functie"',
            'industry <- "Branche"',
        ],
        "linkedin-connection",
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_tool_export_read_without_column(name):
    mapping, platform, count = EXPORTS[name]
    campaign = read_campaign(CAMPAIGNS / name)
    assert campaign.describe().splitlines() == [f"Columns of {name}:", *(f"  {m}" for m in mapping)]
    rows = list(campaign)
    assert len(rows) == count
    assert rows[0].context.platform == platform
    for row in rows:  # every template filled from its own row: first name and all
        assert row.error is None and row.unfilled == ()
        assert row.context.recipient.first_name or "there" in row.text
        if row.context.recipient.first_name:
            assert row.context.recipient.first_name in row.text
        assert "{" not in row.text and "[" not in row.text


def test_message_text_columns_are_never_notes():
    for name in ("lemlist.csv", "instantly.csv"):
        campaign = read_campaign(CAMPAIGNS / name)
        assert "notes" not in campaign.columns.sources
        assert all(not r.context.recipient.notes for r in campaign)


def test_headers_in_other_languages_and_a_windows_encoding():
    campaign = read_campaign(CAMPAIGNS / "german.csv")
    assert campaign.encoding == "cp1252"  # detected: the file is not UTF-8
    first = next(iter(campaign))
    assert first.context.recipient.company == "Bäckerei Größe GmbH"
    assert first.text.startswith("Hallo Jürgen, Ihr Beitrag über")
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_campaign(CAMPAIGNS / "german.csv", encoding="utf-8")  # --encoding wins


def test_linkedin_messages_export_scores_only_what_the_user_sent():
    rows = list(read_campaign(CAMPAIGNS / "messages.csv"))
    assert [r.line for r in rows] == [2, 4, 7]
    assert [r.context.recipient.first_name for r in rows] == ["Dana", "Marco", "Priya"]
    assert [r.context.recipient.last_name for r in rows] == ["Whitfield", "Rossi", "Natarajan"]
    assert all("Sam" not in r.text for r in rows)  # never a message written to the user


def test_folder_column_decides_when_it_says_sent(tmp_path):
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,FROM,TO,CONTENT,FOLDER\n"
        "1,Ana Ruiz,Sam Carter,Hi Sam,INBOX\n"
        "1,Sam Carter,Ana Ruiz,Hi Ana,SENT\n",
        encoding="utf-8",
    )
    rows = list(read_campaign(path))
    assert [(r.line, r.text) for r in rows] == [(3, "Hi Ana")]


def test_sequence_rows_are_one_per_step_with_their_platform():
    rows = list(read_campaign(CAMPAIGNS / "expandi.csv"))
    assert [(r.line, r.step) for r in rows[:4]] == [(2, 1), (2, 2), (2, 3), (3, 1)]
    assert [r.context.platform for r in rows[:3]] == [
        "linkedin-connection",
        "linkedin-message",
        "linkedin-message",
    ]
    # the nested fallback: the custom name, else the company name, else the words
    assert "cobot safety zones at Crescent Robotics was" in rows[0].text
    assert "at Ashgrove Builders finishing" in rows[3].text
    assert "profile at your company and" in rows[9].text  # Ivan: no company at all


def test_sequence_records_unreadable_once_and_empty_follow_ups_left_out(tmp_path):
    path = tmp_path / "sequence.csv"
    path.write_text(
        "first_name,connection_note,follow_up_1\n"
        "Dana,Hi Dana,Thanks Dana\nMarco,Hi Marco\nLena,,\nNoah,Hi Noah,\n",
        encoding="utf-8",
    )
    rows = list(read_campaign(path))
    assert [(r.line, r.step, r.error, r.text) for r in rows] == [
        (2, 1, None, "Hi Dana"),
        (2, 2, None, "Thanks Dana"),
        (3, 1, "expected 3 fields, found 2", "Hi Marco"),
        (4, 1, None, ""),  # an empty first step is still reported as empty
        (5, 1, None, "Hi Noah"),  # an empty follow-up is not sent: no row for it
    ]


def test_preset_settles_ambiguous_headers(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Company Name,Associated Company,Email Body\n"
        "Ava,Lumen (from form),Lumen Insurance,Hi Ava\n",
        encoding="utf-8",
    )
    assert read_campaign(path).columns.sources["company"] == "Company Name"
    hubspot = read_campaign(path, preset="hubspot")
    assert hubspot.columns.sources["company"] == "Associated Company"
    assert hubspot.platform == "email"
    with pytest.raises(ConfigError, match="unknown preset 'nope'; valid presets: apollo"):
        read_campaign(path, preset="nope")
    assert tuple(PRESETS) == PRESET_NAMES


def test_same_company_across_rows_whatever_the_text():
    campaign = read_campaign(CAMPAIGNS / "hubspot.csv")
    scan = scan_campaign(campaign)
    flags = {row.line: scan.flags(row) for row in campaign}
    assert flags[2] == flags[3] == flags[6] == ("same-company:C1",)
    assert flags[4] == flags[5] == ()
    (cluster,) = scan.same_company
    assert (cluster.company, cluster.size, cluster.lines, cluster.same_note) == (
        "Lumen Insurance",
        3,
        [2, 3, 6],
        0,
    )


def test_same_template_to_many_people_at_one_company():
    campaign = read_campaign(CAMPAIGNS / "expandi.csv")
    scan = scan_campaign(campaign)
    flags = [(row.line, row.step, scan.flags(row)) for row in campaign]
    crescent = [f for line, step, f in flags if line in (2, 6) and step == 1]
    assert all("same-company:C1" in f for f in crescent)
    assert not any("same-note-at-company:C1" in f for f in crescent)  # different notes
    follow_ups = [f for line, step, f in flags if step == 3 and line in (2, 4, 5)]
    assert all(any(x.startswith("template:") for x in f) for f in follow_ups)


def test_unterminated_quote_is_an_error_at_its_line(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text(
        'first_name,message\nDana,"Hi Dana, thanks\nMarco,Hi Marco\nLena,Hi Lena\n',
        encoding="utf-8",
    )
    campaign = read_campaign(path)
    with pytest.raises(InputError) as caught:
        list(campaign)
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (2, "message")
    assert "never closes" in problem.message
