"""Reading campaign files: formats, encodings, header recognition, malformed rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.batch import read_campaign
from coach.batch.columns import parse_mapping
from coach.batch.readers import sniff_delimiter
from coach.engine.errors import ConfigError, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def test_sales_navigator_export_columns_and_lines():
    campaign = read_campaign(FIXTURES / "sales_navigator.csv")
    rows = list(campaign)
    assert [r.line for r in rows] == [2, 3, 4, 5, 6, 8, 9]  # line 6 spans two physical lines
    first = rows[0]
    recipient = first.context.recipient
    assert (recipient.first_name, recipient.last_name) == ("Dana", "Whitfield")
    assert recipient.company == "Northfield University"
    assert recipient.role == "Director of IT Infrastructure"
    assert recipient.industry == "Higher Education"
    assert first.text.startswith("Hi Dana, your post")
    assert first.fields["Geography"] == "Boston, MA"
    assert rows[4].template == (
        "Hi {first_name}, we help districts like {company} cut IT costs.\n"
        "Do you have 15 minutes this week?"
    )
    assert rows[4].text == (
        "Hi Lena, we help districts like Oakridge School District cut IT costs.\n"
        "Do you have 15 minutes this week?"
    )
    assert rows[0].template == ""  # nothing to fill: the message is the text
    assert rows[5].text == ""
    assert all(r.error is None for r in rows)
    assert all(r.context.platform == "linkedin-connection" for r in rows)


def test_excel_workbook_streams_rows_with_sheet_line_numbers(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First Name", "Company", "Platform", "InMail Body", "Employees"])
    sheet.append(
        ["Dana", "Northfield University", "InMail", "Hi Dana, your post was useful.", 1200]
    )
    sheet.append([None, None, None, None, None])
    sheet.append(["Marco", "Brightline Health", None, "Hi Marco, quick question", 35.0])
    sheet.append(["Tom", "Harbor Logistics", None, "Hi Tom, thanks"])
    sheet.append(["Ava", None, None, "Hi Ava", None, "stray"])
    path = tmp_path / "campaign.xlsx"
    workbook.save(path)

    rows = list(read_campaign(path, platform="email"))
    assert [r.line for r in rows] == [2, 4, 5, 6]
    assert [r.error for r in rows] == [None, None, None, "expected 5 fields, found 6"]
    assert rows[2].fields["Employees"] == ""
    assert rows[0].context.platform == "inmail"  # the row's own platform wins
    assert rows[1].context.platform == "email"
    assert rows[0].fields["Employees"] == "1200"
    assert rows[1].fields["Employees"] == "35"
    assert rows[1].text == "Hi Marco, quick question"


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.csv"
    content = (
        'First Name,Company,Message\r\nDana,Northfield,"Hi Dana,\r\nyour post was '
        'useful."\r\nMarco,Brightline,Hi Marco\r\n'
    )
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    campaign = read_campaign(path)
    assert campaign.headers[0] == "First Name"
    rows = list(campaign)
    assert rows[0].context.recipient.first_name == "Dana"
    assert rows[0].text == "Hi Dana,\nyour post was useful."
    assert [r.line for r in rows] == [2, 4]


def test_semicolon_csv_is_sniffed():
    rows = list(read_campaign(FIXTURES / "semicolon.csv"))
    assert len(rows) == 2
    assert rows[0].context.recipient.company == "Altmann GmbH"
    assert rows[0].context.recipient.role == "Einkaufsleiter"
    assert "second-source parts, was spot on" in rows[0].text


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ('"name, full"|message\nx|y\n', "|"),
    ],
)
def test_sniff_delimiter(sample, expected):
    assert sniff_delimiter(sample) == expected


def test_single_column_file_keeps_commas_in_the_message(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Message\nHi Dana, your post was useful.\nHi Marco, quick question\n")
    assert [r.text for r in read_campaign(path)] == [
        "Hi Dana, your post was useful.",
        "Hi Marco, quick question",
    ]


def test_malformed_rows_are_kept_with_a_reason():
    rows = list(read_campaign(FIXTURES / "malformed.csv"))
    assert [r.line for r in rows] == [2, 3, 4, 5]
    assert [r.error for r in rows] == [
        None,
        "expected 4 fields, found 6",
        "expected 4 fields, found 2",
        None,
    ]
    assert rows[1].fields["first_name"] == "Marco"
    assert rows[3].text.startswith("Ava, I caught")


def test_latin1_file_names_encoding_and_line(tmp_path):
    path = tmp_path / "latin1.csv"
    lines = [
        "first_name,company,message",
        "Dana,Northfield,Hi Dana",
        "José,Muñoz Ltda,Hola José, gracias por la charla.",
    ]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_campaign(path, encoding="utf-8")  # --encoding wins over detection
    problem = caught.value.problems[0]
    assert (problem.path, problem.line, problem.field) == (str(path), 3, "encoding")
    assert "not valid UTF-8" in problem.message and "--encoding" in problem.message
    for encoding in ("cp1252", None):  # named, or detected
        rows = list(read_campaign(path, encoding=encoding))
        assert rows[1].context.recipient.first_name == "José"
        assert rows[1].context.recipient.company == "Muñoz Ltda"


def test_unknown_encoding_is_a_usage_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("message\nhi\n")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_campaign(path, encoding="klingon")


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "excel-unicode.txt"
    path.write_bytes("First Name\tMessage\nZoë\tHi Zoë, thanks\n".encode("utf-16"))
    rows = list(read_campaign(path))
    assert rows[0].context.recipient.first_name == "Zoë"
    assert rows[0].text == "Hi Zoë, thanks"


def test_megabyte_message_cell_is_read_whole(tmp_path):
    path = tmp_path / "big.csv"
    big = "word " * (1024 * 1024 // 5)
    path.write_text(f'first_name,message\nDana,"{big}"\nMarco,Hi Marco\n', encoding="utf-8")
    rows = list(read_campaign(path))
    assert len(rows[0].text) == len(big)
    assert rows[1].line == 3 and rows[1].text == "Hi Marco"


def test_empty_file_is_an_input_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty"):
        read_campaign(path)


def test_headers_only_gives_no_rows():
    campaign = read_campaign(FIXTURES / "headers_only.csv")
    assert campaign.headers == ("First Name", "Company", "Message")
    assert list(campaign) == []


def test_no_message_column_lists_the_headers(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("First Name,Company,Email\nDana,Northfield,dana@example.edu\n")
    with pytest.raises(InputError) as caught:
        read_campaign(path)
    message = str(caught.value)
    assert '"First Name", "Company", "Email"' in message
    assert "no message column" in message and "--column" in message
    assert caught.value.problems[0].field == "message"


def test_column_and_map_override_the_guesses(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Given Name,Org,Message,Connection Note\nDana,Northfield,old,new text\n")
    mapping = parse_mapping(["first_name=given name", "company=Org"])
    row = next(iter(read_campaign(path, column="connection note", mapping=mapping)))
    assert row.text == "new text"
    assert row.context.recipient.first_name == "Dana"
    assert row.context.recipient.company == "Northfield"


def test_mapping_errors(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Name,Message\nDana Whitfield,hi\n")
    with pytest.raises(InputError, match="no column 'Surname'"):
        read_campaign(path, mapping={"last_name": "Surname"})
    with pytest.raises(ConfigError, match="unknown field 'nickname'"):
        parse_mapping(["nickname=Name"])
    with pytest.raises(ConfigError, match="is not FIELD=HEADER"):
        parse_mapping(["first_name"])
    row = next(iter(read_campaign(path)))
    assert (row.context.recipient.first_name, row.context.recipient.last_name) == (
        "Dana",
        "Whitfield",
    )


def test_jsonl_rows_bad_json_and_unknown_platform():
    rows = list(read_campaign(FIXTURES / "campaign.jsonl"))
    assert [r.line for r in rows] == [1, 2, 4, 5, 6]
    assert rows[0].context.platform == "inmail"
    assert rows[1].error.startswith("not valid JSON")
    assert rows[2].error.startswith("unknown platform 'fax'")
    assert rows[3].error == "expected a JSON object, found list"
    assert rows[4].context.platform == "email"
    assert rows[4].fields["score"] == "7"
    assert rows[4].text.startswith("Subject: Your ClaimsCon talk\n\nAva")


def test_subject_column_becomes_a_subject_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"Subject": "Your ClaimsCon talk", "Email Body": "Ava, hi."}))
    row = next(iter(read_campaign(path, platform="email")))
    assert row.text == "Subject: Your ClaimsCon talk\n\nAva, hi."


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_campaign(tmp_path / "missing.csv")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"\.xls files are not supported"):
        read_campaign(old)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        read_campaign(broken)


def test_unknown_default_platform_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown platform 'fax'"):
        read_campaign(FIXTURES / "semicolon.csv", platform="fax")


def test_campaign_file_is_reiterable_and_an_iterator():
    campaign = read_campaign(FIXTURES / "semicolon.csv")
    assert [r.line for r in campaign] == [r.line for r in campaign] == [2, 3]
    assert next(campaign).line == 2
    assert next(campaign).line == 3
